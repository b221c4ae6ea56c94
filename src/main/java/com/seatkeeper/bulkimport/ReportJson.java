package com.seatkeeper.bulkimport;

import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RunPhase;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.roster.changes.SyncTrigger;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's report as the upload answers it (issue 9 §3): {@code {id, status, counts, licenses, problems, problemsOmitted}}
 * and the run's other members; ids as strings.
 */
@Schema(name = "ImportReport")
record ReportJson(String id, String districtId, SyncTrigger trigger, RunStatus status, boolean dryRun, RunPhase phase, long rowsRead,
                  ImportReport.Counts counts, Licenses licenses, List<Problem> problems, long problemsOmitted, String reason,
                  String requestedBy, Instant startedAt, Instant endedAt) {

    record Licenses(long released, long assigned, long leftWithout, List<ShortPool> shortPools) {}

    record ShortPool(String poolId, String productCode, String seatType, long needed, long available) {}

    static ReportJson of(ImportReport r) {
        ImportReport.Licenses l = r.licenses() == null ? ImportReport.Licenses.NONE : r.licenses();
        Licenses licenses = new Licenses(l.released(), l.assigned(), l.leftWithout(), l.shortPools().stream()
                .map(p -> new ShortPool(p.poolId().toString(), p.productCode(), p.seatType(), p.needed(), p.available())).toList());
        return new ReportJson(r.id().toString(), r.districtId() == null ? null : r.districtId().toString(), r.trigger(), r.status(),
                r.dryRun(), r.phase(), r.rowsRead(), r.counts() == null ? ImportReport.Counts.NONE : r.counts(), licenses,
                r.problems() == null ? List.of() : r.problems(), r.problemsOmitted(), r.reason(), r.requestedBy(), r.startedAt(),
                r.endedAt());
    }

    /** The members, for a problem detail that carries the report. */
    Map<String, Object> members() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("districtId", districtId);
        m.put("trigger", trigger);
        m.put("status", status);
        m.put("dryRun", dryRun);
        m.put("phase", phase);
        m.put("rowsRead", rowsRead);
        m.put("counts", counts);
        m.put("licenses", licenses);
        m.put("problems", problems);
        m.put("problemsOmitted", problemsOmitted);
        m.put("reason", reason);
        m.put("requestedBy", requestedBy);
        m.put("startedAt", startedAt);
        m.put("endedAt", endedAt);
        return m;
    }
}
