package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.roster.RosterSource;
import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.roster.UserStatus;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Who a renewal carries over, as a plain function: eligible holders in their order, as many as the seats allow. */
class RenewalPlanTest {
    final DistrictId district = DistrictId.random();
    final Map<UserId, RosterUser> people = new HashMap<>();
    final BiFunction<RosterUser, UserId, LicenseRefusal> studentsOnly = (p, id) -> p.isActive()
            ? (SeatType.STUDENT.fits(p.role()) ? null : new LicenseRefusal.SeatTypeMismatch(SeatType.STUDENT, p.role()))
            : new LicenseRefusal.UserInactive();

    UserId person(Role role, UserStatus status) {
        UserId id = UserId.random();
        people.put(id, new RosterUser(id, district, "Given", id.toString(), null, role, status, RosterSource.MANUAL, null,
                Set.of(SchoolId.random())));
        return id;
    }

    @Test
    void eligibleHoldersAreCarriedInOrderAsManyAsTheSeatsAllowTheRestListedWithTheReason() {
        UserId first = person(Role.STUDENT, UserStatus.ACTIVE);
        UserId nowATeacher = person(Role.TEACHER, UserStatus.ACTIVE);
        UserId inactive = person(Role.STUDENT, UserStatus.INACTIVE);
        UserId second = person(Role.STUDENT, UserStatus.ACTIVE);
        UserId renewedElsewhere = person(Role.STUDENT, UserStatus.ACTIVE);
        UserId third = person(Role.STUDENT, UserStatus.ACTIVE);
        UserId unknown = UserId.random();

        RenewalPlan plan = RenewalPlan.of(List.of(first, nowATeacher, inactive, second, renewedElsewhere, third, unknown), people,
                studentsOnly, Set.of(renewedElsewhere), 2);

        assertThat(plan.carried()).extracting(RenewalPlan.Line::userId).containsExactly(first, second);
        assertThat(plan.leftOut()).extracting(l -> l.userId() + ":" + l.code()).containsExactly(
                nowATeacher + ":seat_type_mismatch", inactive + ":user_inactive", renewedElsewhere + ":already_renewed",
                third + ":no_seat_left", unknown + ":user_out_of_scope");
    }
}
