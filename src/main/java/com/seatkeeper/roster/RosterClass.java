package com.seatkeeper.roster;

import com.seatkeeper.shared.ClassId;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.util.List;

public record RosterClass(ClassId id, DistrictId districtId, SchoolId schoolId, String name, RosterSource source,
                          String sourcedId, List<UserId> teacherIds, List<UserId> studentIds) {
}
