package com.seatkeeper.licensing;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The set-based release of a bulk roster change decides in SQL which seats people no longer qualify for
 * ({@link SeatChanges.Seats.Misfits}); the console's one-person path decides in Java ({@link SeatQualification}). This
 * checks the two agree, with the same reason in words, for every role, seat type, pool (district-wide, at the person's
 * school, at another school) and person (at one school, at none), and that inactive people are left to the other release.
 */
@ApiTest
class SeatMisfitSqlTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SeatChanges seatChanges;

    record Case(Role role, SeatType seatType, SchoolId poolSchool, Set<SchoolId> schools, UUID seat) {}

    @Test
    void theSqlRuleEqualsTheJavaRuleForEveryRoleSeatTypeAndSchoolCase() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        Fixtures.District d = fx.aDistrict();
        SchoolId home = SchoolId.of(d.schoolId());
        SchoolId elsewhere = SchoolId.of(fx.aSchool(d));
        String product = fx.aProduct();
        Map<String, UUID> pools = new HashMap<>();
        for (SeatType type : SeatType.values()) {
            for (SchoolId school : new SchoolId[] {null, home, elsewhere}) {
                var r = http.post("/api/v1/districts/" + d.id() + "/license-pools", ADMIN, map("productCode", product, "seatType", type.name(),
                        "seats", 20, "startsOn", LocalDate.now().minusDays(30).toString(), "endsOn", LocalDate.now().plusDays(300).toString(),
                        "schoolId", school == null ? null : school.toString()));
                assertThat(r.status()).as("%s", r).isEqualTo(201);
                pools.put(type + "|" + school, UUID.fromString(r.text("id")));
            }
        }
        List<Case> cases = new ArrayList<>();
        List<UserId> people = new ArrayList<>();
        for (Role role : Role.values()) {
            for (SeatType type : SeatType.values()) {
                for (SchoolId poolSchool : new SchoolId[] {null, home, elsewhere}) {
                    for (Set<SchoolId> schools : List.of(Set.of(home), Set.<SchoolId>of())) {
                        UUID person = person(d, role, schools, "ACTIVE");
                        people.add(new UserId(person));
                        cases.add(new Case(role, type, poolSchool, schools, seat(pools.get(type + "|" + poolSchool), person)));
                    }
                }
            }
        }
        UUID inactive = person(d, Role.STUDENT, Set.of(), "INACTIVE");
        UUID inactiveSeat = seat(pools.get("EDUCATOR|" + elsewhere), inactive);
        people.add(new UserId(inactive));
        Map<SchoolId, String> names = Map.of(home, schoolName(home), elsewhere, schoolName(elsewhere));

        Map<UUID, String> sql = seatChanges.wouldRelease(new SeatChanges.Seats.Misfits(DistrictId.of(d.id()), people));

        Map<UUID, String> java = new LinkedHashMap<>();
        for (Case c : cases) {
            var misfits = SeatQualification.misfits(c.seatType(), c.poolSchool(), c.role(), c.schools());
            if (!misfits.isEmpty()) {
                java.put(c.seat(), RosterChangeReleases.reason(misfits, c.role(), c.role(),
                        c.poolSchool() == null ? null : names.get(c.poolSchool())));
            }
        }
        assertThat(cases).hasSize(60);
        assertThat(java).as("the cases cover fits and every kind of misfit").hasSizeBetween(30, 55)
                .containsValue("role STUDENT does not fit this license; no longer at " + names.get(elsewhere));
        assertThat(sql).isEqualTo(java);
        assertThat(sql).doesNotContainKey(inactiveSeat);
        assertThat(jdbc.sql("select count(*) from assignments where district_id = ? and released_at is not null")
                .param(UUID.fromString(d.id())).query(Integer.class).single()).as("a preview releases nothing").isZero();
    }

    private UUID person(Fixtures.District d, Role role, Set<SchoolId> schools, String status) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into users (id, district_id, given_name, family_name, role, status, source, created_at, updated_at)
                values (?, ?, 'Case', ?, ?, ?, 'MANUAL', now(), now())""")
                .params(id, UUID.fromString(d.id()), role.name(), role.name(), status).update();
        for (SchoolId s : schools) {
            jdbc.sql("insert into user_schools (district_id, user_id, school_id) values (?, ?, ?)").params(UUID.fromString(d.id()), id, s.value())
                    .update();
        }
        return id;
    }

    /** A seat inserted by hand, whether or not the rule allows it: what a roster change leaves behind. */
    private UUID seat(UUID pool, UUID person) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into assignments (id, district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by)
                select ?, district_id, id, product_id, seat_type, ?, now(), 'sql' from license_pools where id = ?""")
                .params(id, person, pool).update();
        return id;
    }

    private String schoolName(SchoolId school) {
        return jdbc.sql("select name from schools where id = ?").param(school.value()).query(String.class).single();
    }
}
