package com.seatkeeper.roster.changes;

import java.time.Instant;
import java.util.List;

/**
 * A run's report as the API answers it (every endpoint that returns a run: sync runs, uploads): the fields of
 * {@link ImportReport} with ids as strings. {@code problems} is empty in lists of runs.
 *
 * @param rowsRead        the data rows the producer read (headers not counted)
 * @param problemsOmitted problems found beyond the {@value Problems#LISTED} listed
 * @param pagesRead       pages a sync read from its provider (0 for an upload)
 * @param durationSeconds seconds from start to end, null while not ended
 */
public record RunJson(String id, String districtId, SyncTrigger trigger, RunStatus status, boolean dryRun, RunPhase phase, long rowsRead,
                      ImportReport.Counts counts, LicensesJson licenses, List<Problem> problems, long problemsOmitted, String reason,
                      String requestedBy, Instant startedAt, Instant endedAt, long pagesRead, Long durationSeconds) {

    /** The JSON of a report. */
    public static RunJson of(ImportReport r) {
        return new RunJson(r.id().toString(), r.districtId().toString(), r.trigger(), r.status(), r.dryRun(), r.phase(), r.rowsRead(),
                r.counts() == null ? ImportReport.Counts.NONE : r.counts(), LicensesJson.of(r.licenses()),
                r.problems() == null ? List.of() : r.problems(), r.problemsOmitted(), r.reason(), r.requestedBy(), r.startedAt(),
                r.endedAt(), r.pagesRead(),
                r.endedAt() == null || r.startedAt() == null ? null : java.time.Duration.between(r.startedAt(), r.endedAt()).toSeconds());
    }

    /** Seat impact: licenses released and given, people left without one, the pools that were short. */
    public record LicensesJson(long released, long assigned, long leftWithout, List<ShortPoolJson> shortPools) {
        static LicensesJson of(ImportReport.Licenses l) {
            ImportReport.Licenses x = l == null ? ImportReport.Licenses.NONE : l;
            return new LicensesJson(x.released(), x.assigned(), x.leftWithout(), x.shortPools().stream().map(ShortPoolJson::of).toList());
        }
    }

    /** A pool that had fewer seats available than the people who asked for its product ({@code needed}). */
    public record ShortPoolJson(String poolId, String productCode, String seatType, long needed, long available) {
        static ShortPoolJson of(ImportReport.ShortPool p) {
            return new ShortPoolJson(p.poolId() == null ? null : p.poolId().toString(), p.productCode(), p.seatType(), p.needed(),
                    p.available());
        }
    }
}
