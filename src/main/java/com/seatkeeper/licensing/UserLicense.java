package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.PoolId;
import java.time.Instant;
import java.time.LocalDate;

/** A license a person holds. */
public record UserLicense(PoolId poolId, String productCode, String productName, SeatType seatType, Instant assignedAt,
                          LocalDate startsOn, LocalDate endsOn) {
}
