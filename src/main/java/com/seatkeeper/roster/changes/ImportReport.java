package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import java.time.Instant;
import java.util.List;

/**
 * A run's report (issue 9 §3), the same for a preview, an apply, a held or a rejected run. JSON:
 * {@code {id, status, counts, licenses, problems, problemsOmitted, ...}}.
 *
 * @param reason      why a run is HELD or REJECTED, in words; null otherwise
 * @param dryRun      true for a preview
 * @param requestedBy the label of the person (or job) who started it
 * @param pagesRead   pages a sync read from its provider (0 for an upload)
 */
public record ImportReport(SyncRunId id, DistrictId districtId, SyncTrigger trigger, RunStatus status, boolean dryRun, RunPhase phase,
                           long rowsRead, Counts counts, Licenses licenses, List<Problem> problems, long problemsOmitted, String reason,
                           String requestedBy, Instant startedAt, Instant endedAt, long pagesRead) {

    /** A report without pages read (an upload). */
    public ImportReport(SyncRunId id, DistrictId districtId, SyncTrigger trigger, RunStatus status, boolean dryRun, RunPhase phase,
                        long rowsRead, Counts counts, Licenses licenses, List<Problem> problems, long problemsOmitted, String reason,
                        String requestedBy, Instant startedAt, Instant endedAt) {
        this(id, districtId, trigger, status, dryRun, phase, rowsRead, counts, licenses, problems, problemsOmitted, reason, requestedBy,
                startedAt, endedAt, 0);
    }

    /** Row counts by kind; for users also adoptions (a person created by hand, matched by email), reactivations and skipped rows. */
    public record Counts(UserCounts users, KindCounts classes, KindCounts enrollments, KindCounts schools) {
        public static final Counts NONE = new Counts(UserCounts.NONE, KindCounts.NONE, KindCounts.NONE, KindCounts.NONE);
    }

    public record KindCounts(long added, long updated, long removed, long unchanged) {
        public static final KindCounts NONE = new KindCounts(0, 0, 0, 0);
    }

    public record UserCounts(long added, long updated, long removed, long unchanged, long adopted, long reactivated, long skipped) {
        public static final UserCounts NONE = new UserCounts(0, 0, 0, 0, 0, 0, 0);
    }

    /** Seat impact: licenses released, given (template product codes), people left without one, and the pools that were short. */
    public record Licenses(long released, long assigned, long leftWithout, List<ShortPool> shortPools) {
        public static final Licenses NONE = new Licenses(0, 0, 0, List.of());
    }

    public record ShortPool(PoolId poolId, String productCode, String seatType, long needed, long available) {}
}
