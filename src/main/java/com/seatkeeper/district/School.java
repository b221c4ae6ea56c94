package com.seatkeeper.district;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.SchoolId;

public record School(SchoolId id, DistrictId districtId, String name, String source, String sourcedId) {
}
