package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.BusinessRefusal;
import java.util.Map;

/** Why the engine refused to start, confirm, apply or discard a run (nothing changed). */
public sealed interface RunRefusal extends BusinessRefusal {

    /** Another run of the district is RUNNING (reading, comparing or applying). */
    record ImportInProgress(String runId) implements RunRefusal {
        public String code() { return "import_in_progress"; }
        public int status() { return 409; }
        public String title() { return "Another import is running"; }
        public String detail() {
            return "Another upload or sync of this district is running (run " + runId + "). Wait until it ends (GET /api/v1/sync-runs/"
                    + runId + "), then try again.";
        }
        @Override public Map<String, Object> properties() { return Map.of("runId", runId); }
    }

    /** A sync was asked for while one of the district is QUEUED or RUNNING (issue 10: one run of a district at a time). */
    record SyncAlreadyQueued(String runId) implements RunRefusal {
        public String code() { return "sync_already_queued"; }
        public int status() { return 409; }
        public String title() { return "A sync is already queued"; }
        public String detail() {
            return "A sync of this district is already queued or running (run " + runId + "); it brings every change the provider has. "
                    + "Follow it at GET /api/v1/sync-runs/" + runId + ".";
        }
        @Override public Map<String, Object> properties() { return Map.of("syncRunId", runId); }
    }

    /** Begin of a run that is no longer QUEUED (another instance began it, or it ended). */
    record NotQueued(String runStatus) implements RunRefusal {
        public String code() { return "not_queued"; }
        public int status() { return 409; }
        public String title() { return "Run is not queued"; }
        public String detail() {
            return "This run is " + runStatus + ", not QUEUED: another instance began it, or it ended.";
        }
        @Override public Map<String, Object> properties() { return Map.of("runStatus", runStatus); }
    }

    /** Confirm or discard of a run that is not HELD. */
    record NotHeld(String runStatus) implements RunRefusal {
        public String code() { return "not_held"; }
        public int status() { return 409; }
        public String title() { return "Run is not held"; }
        public String detail() {
            return "This run is " + runStatus + ", not HELD, so there is nothing to confirm or discard. Only a run stopped by the "
                    + "deletion guard waits for a decision.";
        }
        @Override public Map<String, Object> properties() { return Map.of("runStatus", runStatus); }
    }

    /** Apply of a run that is not a PREVIEW whose snapshot is still kept. */
    record NotPreviewed(String runStatus) implements RunRefusal {
        public String code() { return "not_previewed"; }
        public int status() { return 409; }
        public String title() { return "Not a current preview"; }
        public String detail() {
            return "PREVIEW".equals(runStatus)
                    ? "This preview's files are no longer kept (a newer preview replaced it, or it is older than a day). Upload the files again."
                    : "This run is " + runStatus + ", not a preview, so it cannot be applied. Upload the files again to preview and apply them.";
        }
        @Override public Map<String, Object> properties() { return Map.of("runStatus", runStatus); }
    }

    /** The district's roster changed since the run was compared: applying it now would not do what was shown. */
    record HeldRunStale() implements RunRefusal {
        public String code() { return "held_run_stale"; }
        public int status() { return 409; }
        public String title() { return "The roster changed since"; }
        public String detail() {
            return "The district's roster changed after this run was compared, so it would no longer do what its report shows. Nothing "
                    + "was changed: upload the files again to see and apply an up-to-date comparison.";
        }
    }

    /** Only district admins of the district and the vendor admin run imports and see their runs. */
    record RoleNotAllowed(String role) implements RunRefusal {
        public String code() { return "role_not_allowed"; }
        public int status() { return 403; }
        public String title() { return "Role not allowed"; }
        public String detail() {
            return "A " + role + " may not upload rosters or see, confirm or discard their runs. Ask a district administrator.";
        }
    }

    /** A sync of a district that has no Clever or ClassLink connection. */
    record NotConnected() implements RunRefusal {
        public String code() { return "rostering_not_connected"; }
        public int status() { return 409; }
        public String title() { return "No rostering connection"; }
        public String detail() {
            return "This district's roster is kept here (manual or upload), so there is nothing to sync. Connect Clever or ClassLink first.";
        }
    }
}
