package com.seatkeeper.licensing;

import com.seatkeeper.shared.UserId;
import java.time.Instant;

/** One row of a pool's seat history. */
public record LedgerEntry(long id, String action, UserId userId, UserId fromUserId, int assignedDelta, int seatsDelta,
                          String reason, String actor, String source, Instant occurredAt) {
}
