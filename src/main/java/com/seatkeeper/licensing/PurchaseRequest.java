package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import java.time.Instant;
import java.util.UUID;

/**
 * A district's request for more seats of a pool, and its fulfilment or decline by the vendor admin.
 * {@code poolSeats}/{@code poolAssigned} are the pool's counts as of the read.
 */
public record PurchaseRequest(UUID id, DistrictId districtId, PoolId poolId, String productName, SeatType seatType, int seats,
                              String note, Status status, String requestedBy, Instant requestedAt, String fulfilledBy,
                              Instant fulfilledAt, String purchaseReference, String declinedBy, Instant declinedAt,
                              String declineReason, int poolSeats, int poolAssigned) {

    public enum Status { OPEN, FULFILLED, DECLINED }

    public boolean isOpen() {
        return status == Status.OPEN;
    }

    public boolean isDeclined() {
        return status == Status.DECLINED;
    }

    public int poolAvailable() {
        return poolSeats - poolAssigned;
    }
}
