package com.seatkeeper.roster;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.util.Set;

public record RosterUser(UserId id, DistrictId districtId, String givenName, String familyName, String email,
                         Role role, UserStatus status, RosterSource source, String sourcedId, Set<SchoolId> schoolIds) {
    public RosterUser {
        schoolIds = Set.copyOf(schoolIds);
    }

    public boolean isActive() {
        return status == UserStatus.ACTIVE;
    }

    public String displayName() {
        return (givenName + " " + familyName).trim();
    }
}
