package com.seatkeeper.licensing;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;

/** Past-tense events other modules may listen to (published through the event publication registry). */
public final class LicenseEvents {
    private LicenseEvents() {}

    public record LicenseAssigned(DistrictId districtId, PoolId poolId, UserId userId) {}

    public record LicenseUnassigned(DistrictId districtId, PoolId poolId, UserId userId, String reason) {}

    public record SeatsPurchased(DistrictId districtId, PoolId poolId, int seats) {}
}
