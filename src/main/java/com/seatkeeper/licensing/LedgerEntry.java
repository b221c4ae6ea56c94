package com.seatkeeper.licensing;

import com.seatkeeper.shared.ChangeSource;
import com.seatkeeper.shared.UserId;
import java.time.Instant;

/**
 * One row of a pool's seat history, as read. {@code assignedDelta} and {@code seatsDelta} are what the row changed of the
 * pool's counts (the ledger balances: their sums equal the pool's {@code assigned} and {@code seats}); {@code fromUserId}
 * is the previous holder of a REASSIGNED row.
 */
public record LedgerEntry(long id, SeatAction action, UserId userId, UserId fromUserId, int assignedDelta, int seatsDelta,
                          String reason, String actor, ChangeSource source, Instant occurredAt) {
}
