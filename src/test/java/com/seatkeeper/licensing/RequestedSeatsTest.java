package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.roster.RosterSource;
import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.roster.UserStatus;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.RosterSeatEffects.LicenseRequest;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Who gets which seat for requested licenses ({@link RequestedSeats}): plain code, no Spring. */
class RequestedSeatsTest {
    static final DistrictId DISTRICT = new DistrictId(UUID.randomUUID());
    static final SchoolId LINCOLN = new SchoolId(UUID.randomUUID());
    static final SchoolId ADAMS = new SchoolId(UUID.randomUUID());

    @Test
    void aSchoolPoolOfThePersonsSchoolComesFirstThenTheDistrictWideOneAndNoPoolPassesItsSeats() {
        LicensePool district = pool("MATH", SeatType.STUDENT, null, 3, 2);
        LicensePool lincoln = pool("MATH", SeatType.STUDENT, LINCOLN, 1, 0);
        LicensePool adams = pool("MATH", SeatType.STUDENT, ADAMS, 5, 0);
        RosterUser a = person(Role.STUDENT, LINCOLN);
        RosterUser b = person(Role.STUDENT, LINCOLN);
        RosterUser c = person(Role.STUDENT, LINCOLN);

        RequestedSeats plan = RequestedSeats.plan(List.of(req(a, "MATH"), req(b, "MATH"), req(c, "MATH")), people(a, b, c),
                List.of(district, lincoln, adams), Set.of());

        assertThat(plan.seats()).isEqualTo(Map.of(lincoln.id(), List.of(a.id()), district.id(), List.of(b.id())));
        assertThat(plan.leftWithout()).isEqualTo(1);
        assertThat(plan.shortPools()).containsExactly(new ImportReport.ShortPool(district.id(), "MATH", "STUDENT", 2, 1));
    }

    @Test
    void holdersRepeatsInactivePeopleMisfitsAndUnknownCodesAreNeverSeated() {
        LicensePool educators = pool("READ", SeatType.EDUCATOR, null, 10, 0);
        RosterUser holder = person(Role.TEACHER, LINCOLN);
        RosterUser teacher = person(Role.TEACHER, ADAMS);
        RosterUser student = person(Role.STUDENT, LINCOLN);
        RosterUser gone = new RosterUser(new UserId(UUID.randomUUID()), DISTRICT, "G", "One", null, Role.TEACHER, UserStatus.INACTIVE,
                RosterSource.UPLOAD, "g1", Set.of(LINCOLN));

        RequestedSeats plan = RequestedSeats.plan(List.of(req(holder, "READ"), req(teacher, "READ"), req(teacher, "READ"),
                        req(student, "READ"), req(gone, "READ"), req(teacher, "NONE")),
                people(holder, teacher, student, gone), List.of(educators), Set.of(holder.id().value() + "|READ"));

        assertThat(plan.seats()).isEqualTo(Map.of(educators.id(), List.of(teacher.id())));
        assertThat(plan.assigned()).isEqualTo(1);
        assertThat(plan.leftWithout()).as("student (role), inactive, unknown code").isEqualTo(3);
        assertThat(plan.shortPools()).as("no pool was short: they had none to fall back to").isEmpty();
    }

    private static LicensePool pool(String code, SeatType type, SchoolId school, int seats, int assigned) {
        return new LicensePool(PoolId.random(), DISTRICT, UUID.randomUUID(), code, code, type, school, seats, assigned,
                LocalDate.of(2026, 8, 1), LocalDate.of(2027, 7, 31));
    }

    private static RosterUser person(Role role, SchoolId school) {
        return new RosterUser(new UserId(UUID.randomUUID()), DISTRICT, "Given", "Family", null, role, UserStatus.ACTIVE, RosterSource.UPLOAD,
                null, Set.of(school));
    }

    private static Map<UserId, RosterUser> people(RosterUser... people) {
        return Arrays.stream(people).collect(Collectors.toMap(RosterUser::id, p -> p));
    }

    private static LicenseRequest req(RosterUser p, String code) {
        return new LicenseRequest(p.id(), code);
    }
}
