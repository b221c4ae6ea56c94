package com.seatkeeper.district;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.SchoolId;

/** A school of a district; an inactive school keeps its history but takes no new people, classes or pools. */
public record School(SchoolId id, DistrictId districtId, String name, String source, String sourcedId, boolean active) {
}
