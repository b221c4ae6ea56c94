package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.SchoolId;
import java.time.LocalDate;
import java.util.UUID;

/** A pool with its counts as of the moment it was read (counts are never cached). */
public record LicensePool(PoolId id, DistrictId districtId, UUID productId, String productCode, String productName,
                          SeatType seatType, SchoolId schoolId, int seats, int assigned, LocalDate startsOn, LocalDate endsOn) {
    public int available() {
        return seats - assigned;
    }

    public boolean isActiveOn(LocalDate day) {
        return !day.isBefore(startsOn) && !day.isAfter(endsOn);
    }

    /** Where the pool's term stands on a day (the district's date): active, not started, or ended. */
    public SeatStatus statusOn(LocalDate day) {
        return SeatStatus.of(startsOn, endsOn, day);
    }
}
