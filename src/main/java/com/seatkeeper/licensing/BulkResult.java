package com.seatkeeper.licensing;

import com.seatkeeper.shared.UserId;
import java.util.List;

/**
 * The result of a bulk assignment, one line per person.
 *
 * @param refusal set when the whole request was refused (ALL_OR_NOTHING): nothing was assigned
 */
public record BulkResult(LicensePool pool, BulkMode mode, List<Line> lines, LicenseRefusal refusal) {

    public enum Result { ASSIGNED, ALREADY_ASSIGNED, REFUSED, NOT_ASSIGNED }

    /** @param code and detail are set for REFUSED and NOT_ASSIGNED lines */
    public record Line(UserId userId, Result result, String code, String detail) {}

    public long count(Result r) {
        return lines.stream().filter(l -> l.result() == r).count();
    }
}
