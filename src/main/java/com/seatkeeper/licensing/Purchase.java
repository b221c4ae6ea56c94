package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.PoolId;
import java.time.Instant;

/** One addition of seats to a pool. */
public record Purchase(PoolId poolId, String productName, SeatType seatType, int seats, String reference, String purchasedBy,
                       Instant purchasedAt) {
}
