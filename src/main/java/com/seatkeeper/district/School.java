package com.seatkeeper.district;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.SchoolId;

/**
 * A school of a district; an inactive school keeps its history but takes no new people, classes or pools.
 *
 * @param teachersMayEnrollAnyStudent the school lets its teachers enroll any of its active students into their
 *                                    classes (default false: only students already in one of their classes or created by them)
 */
public record School(SchoolId id, DistrictId districtId, String name, String source, String sourcedId, boolean active,
                     boolean teachersMayEnrollAnyStudent) {
}
