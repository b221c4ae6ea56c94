package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.Actor;
import java.util.Locale;
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

    /** What a run is called in its reasons: "upload", "Clever sync" or "ClassLink sync". */
    static String what(RunStore.Run run) {
        return switch (run.source()) {
            case CLEVER -> "Clever sync";
            case CLASSLINK -> "ClassLink sync";
            default -> "upload";
        };
    }

    /** What to do about a run's input problems: correct the files (an upload) or the records at the provider (a sync). */
    static String fixIt(RunStore.Run run) {
        return run.trigger() == SyncTrigger.UPLOAD ? "Correct the rows listed and upload again."
                : "Correct the records listed at " + (run.source() == com.seatkeeper.shared.ChangeSource.CLEVER ? "Clever" : "the provider")
                        + " (or ask the school to); the next sync applies everything once they are right.";
    }

    /** Apply-after-preview takes a PREVIEW whose snapshot is still kept. */
    static Optional<RunRefusal> previewed(RunStore.Run run) {
        return run.status() == RunStatus.PREVIEW && run.staged() ? Optional.empty()
                : Optional.of(new RunRefusal.NotPreviewed(run.status().name()));
    }

    /**
     * The deletion guard (docs/design.md "Roster changes engine"; invariant 7): why an apply must wait for a person's
     * confirmation, or empty when it may go ahead. Held when it would deactivate more than {@code percent} % of the
     * district's active people (counted before the apply) or release more than {@code licenses} licenses. The reason
     * says why, in words with grouped digits, starting "would …" (the caller names the run, e.g. "This upload", and adds
     * what to do).
     */
    static Optional<String> guard(long deactivated, long activeBefore, long released, int percent, long licenses) {
        if (deactivated > 0 && deactivated * 100 > (long) percent * activeBefore) {
            return Optional.of("would deactivate " + String.format(Locale.US, "%,d", deactivated) + " of the district's "
                    + RosterChanges.count(activeBefore, "active person", "active people") + " (more than " + percent + "%).");
        }
        if (released > licenses) {
            return Optional.of("would release " + String.format(Locale.US, "%,d", released) + " licenses (more than "
                    + String.format(Locale.US, "%,d", licenses) + ").");
        }
        return Optional.empty();
    }
}
