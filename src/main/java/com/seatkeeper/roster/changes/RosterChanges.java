package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Page;
import com.seatkeeper.shared.PageRequest;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The roster-changes engine's API (issue 9 §1 and §4). A run's life: {@link #start} (sync_runs row RUNNING), then the
 * producer writes the snapshot to {@link #staging}, then {@link #complete}: references checked in SQL, the snapshot
 * compared with the district's roster, and previewed (dry run), HELD by the deletion guard, or applied all or nothing.
 * A HELD run is {@linkplain #confirm confirmed} or {@linkplain #discard discarded} by a district admin.
 */
@Service
public class RosterChanges {

    /**
     * Starts a run for the district. Refusals, nothing changed: 404 for a district the actor may not see; 403
     * {@code role_not_allowed} unless a district admin or the vendor admin; 409 {@code roster_read_only} for an
     * UPLOAD to a Clever or ClassLink district; 409 {@code import_in_progress} while another run of the district is
     * RUNNING.
     */
    public Outcome<SyncRunId> start(Actor actor, DistrictId district, SyncTrigger trigger) {
        throw new UnsupportedOperationException("issue 9: engine");
    }

    /** The staging writer of a RUNNING run, for the kinds given with their modes (kinds not named are ABSENT). */
    public RosterStaging staging(SyncRunId run, Map<RosterKind, FileMode> modes, ReferenceColumns columns) {
        throw new UnsupportedOperationException("issue 9: engine");
    }

    /** Records a producer's phase for progress (e.g. RECEIVING while an upload is written to disk). */
    public void progress(SyncRunId run, RunPhase phase, long rowsRead) {
        throw new UnsupportedOperationException("issue 9: engine");
    }

    /**
     * Completes a staged run: with the producer's problems (any ERROR: REJECTED, nothing changed), checks references
     * and duplicates in SQL (more problems), compares and then PREVIEW ({@code dryRun}), HELD (deletion guard,
     * {@code seatkeeper.roster.removal-guard-percent}) or APPLIED in one transaction with the seat releases. A failure
     * while applying rolls everything back and ends the run REJECTED with the reason. Staged rows are dropped except for
     * a HELD run's.
     */
    public ImportReport complete(SyncRunId run, Problems producerProblems, boolean dryRun) {
        throw new UnsupportedOperationException("issue 9: engine");
    }

    /** Ends a RUNNING run as REJECTED with the reason (the producer failed: unreadable upload, I/O error). */
    public ImportReport fail(SyncRunId run, Problems problems, String reason) {
        throw new UnsupportedOperationException("issue 9: engine");
    }

    /** Applies a HELD run: 409 {@code not_held} unless HELD; 409 {@code held_run_stale} if the roster changed since. */
    public Outcome<ImportReport> confirm(Actor actor, SyncRunId run) {
        throw new UnsupportedOperationException("issue 9: engine");
    }

    /**
     * Applies a PREVIEW run's staged snapshot (the console's Apply after a preview, no second upload): the same as a
     * fresh apply (deletion guard included: it may end HELD), refused with 409 {@code held_run_stale} when the roster
     * changed since the preview, 409 {@code not_previewed} unless PREVIEW, 409 {@code import_in_progress} while another
     * run of the district is RUNNING.
     */
    public Outcome<ImportReport> applyPreview(Actor actor, SyncRunId run) {
        throw new UnsupportedOperationException("issue 9: engine");
    }

    /** Discards a HELD run (DISCARDED, nothing changed): 409 {@code not_held} unless HELD. */
    public Outcome<ImportReport> discard(Actor actor, SyncRunId run) {
        throw new UnsupportedOperationException("issue 9: engine");
    }

    /** A run with its report; 404 for a run of a district the actor may not see. */
    public ImportReport run(Actor actor, SyncRunId run) {
        throw new UnsupportedOperationException("issue 9: engine");
    }

    /** A run's status, phase and rows read, cheap enough to poll every second. */
    public ImportReport progress(Actor actor, SyncRunId run) {
        throw new UnsupportedOperationException("issue 9: engine");
    }

    /** The district's runs, newest first, without their problems lists. */
    public Page<ImportReport> runs(Actor actor, DistrictId district, PageRequest page) {
        throw new UnsupportedOperationException("issue 9: engine");
    }
}
