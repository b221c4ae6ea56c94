package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.Actor;
import java.util.Optional;

/** Who may run imports and what state a run must be in for a decision: plain functions, no Spring. */
final class RunPolicy {
    private RunPolicy() {}

    /** District admins (of their district) and the vendor admin start, see, confirm and discard runs. */
    static Optional<RunRefusal> mayRun(Actor actor) {
        return actor.isDistrictWideAdmin() ? Optional.empty() : Optional.of(new RunRefusal.RoleNotAllowed(actor.role().name()));
    }

    /** Confirm and discard take a HELD run only. */
    static Optional<RunRefusal> held(RunStore.Run run) {
        return run.status() == RunStatus.HELD ? Optional.empty() : Optional.of(new RunRefusal.NotHeld(run.status().name()));
    }

    /** Apply-after-preview takes a PREVIEW whose snapshot is still kept. */
    static Optional<RunRefusal> previewed(RunStore.Run run) {
        return run.status() == RunStatus.PREVIEW && run.staged() ? Optional.empty()
                : Optional.of(new RunRefusal.NotPreviewed(run.status().name()));
    }
}
