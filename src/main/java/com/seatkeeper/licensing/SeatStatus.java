package com.seatkeeper.licensing;

import java.time.LocalDate;

/**
 * Where a seat stands on a day, by its pool's term (both ends included), the day being the date in the district's time
 * zone: access switches at local midnight even when the nightly term-end job runs late.
 */
public enum SeatStatus {
    /** The term covers the day: the seat gives access. */
    ACTIVE,
    /** The term starts after the day (e.g. a seat carried over to next year's pool): no access yet. */
    NOT_STARTED,
    /** The term ended before the day: no access; the nightly job releases the seat (ledger EXPIRED). */
    ENDED;

    public static SeatStatus of(LocalDate startsOn, LocalDate endsOn, LocalDate day) {
        if (day.isBefore(startsOn)) {
            return NOT_STARTED;
        }
        return day.isAfter(endsOn) ? ENDED : ACTIVE;
    }
}
