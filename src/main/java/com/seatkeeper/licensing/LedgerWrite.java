package com.seatkeeper.licensing;

import com.seatkeeper.shared.ChangeSource;
import java.time.Instant;
import java.util.Objects;

/**
 * What every seat-ledger row of one change shares: the action, where the change came from, who made it (an actor's
 * label, "scheduler" for jobs), why in words ({@code null}: no reason; a release by {@link SeatChanges} may give each
 * seat its own) and when.
 */
record LedgerWrite(SeatAction action, ChangeSource source, String actor, String reason, Instant at) {
    LedgerWrite {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }

    /** A manual change without a reason. */
    static LedgerWrite manual(SeatAction action, String actor, Instant at) {
        return new LedgerWrite(action, ChangeSource.MANUAL, actor, null, at);
    }

    LedgerWrite as(SeatAction other) {
        return new LedgerWrite(other, source, actor, reason, at);
    }

    LedgerWrite because(String why) {
        return new LedgerWrite(action, source, actor, why, at);
    }
}
