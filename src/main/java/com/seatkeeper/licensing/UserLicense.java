package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.PoolId;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A seat a person holds, with its pool's term and its {@link SeatStatus} on today's date in the district's time zone
 * (a carried-over seat of next year's pool is NOT_STARTED; a seat of a pool whose term ended and that the nightly job
 * has not released yet is ENDED).
 */
public record UserLicense(PoolId poolId, String productCode, String productName, SeatType seatType, Instant assignedAt,
                          LocalDate startsOn, LocalDate endsOn, SeatStatus status) {
}
