package com.seatkeeper.licensing;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.RosterSeatEffects;
import com.seatkeeper.roster.changes.RosterSeatEffects.LicenseRequest;
import com.seatkeeper.shared.ChangeSource;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The licensing side of a bulk roster apply ({@link RosterSeatEffects}), called directly as the engine calls it: inside
 * one transaction that has just changed the people (here by SQL). People who left lose every seat (RELEASED_BY_UPLOAD or
 * RELEASED_BY_SYNC with the run's reason), people whose role or school changed lose what no longer fits
 * (RELEASED_BY_ROSTER_CHANGE with the reason in words), requested licenses are given through the seat rule, and the
 * pools' counts and the ledger stay exact.
 */
@ApiTest
class RosterSeatChangesTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    RosterSeatEffects effects;

    Http http;
    Fixtures fx;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
    }

    @Test
    void leaversLoseEverySeatAndChangedPeopleWhatNoLongerFitsInOneTransactionWithTheReasonAndExactCounts() {
        var d = fx.aDistrict();
        String otherSchool = fx.aSchool(d);
        var educators = fx.anEducatorPool(d, 5);
        var students = fx.aStudentPool(d, 5);
        var schoolPool = aSchoolPool(d, fx.aProduct(), "STUDENT", 5, d.schoolId());
        String leaver = fx.aStudent(d);
        String secondLeaver = fx.aStudent(d);
        String teacherMadeStudent = fx.aTeacher(d);
        String moved = fx.aStudent(d);
        String stayer = fx.aStudent(d);
        assign(students, leaver, secondLeaver, stayer);
        assign(schoolPool, leaver, moved);
        assign(educators, teacherMadeStudent);
        var other = fx.aDistrict();
        var otherPool = fx.aStudentPool(other, 2);
        String foreigner = fx.aStudent(other);
        assign(otherPool, foreigner);
        List<UserId> changed = ids(leaver, secondLeaver, teacherMadeStudent, moved, stayer, foreigner);

        long[] released = new long[2];
        tx.executeWithoutResult(s -> {
            jdbc.sql("update users set status = 'INACTIVE' where id in (?, ?, ?)")
                    .params(UUID.fromString(leaver), UUID.fromString(secondLeaver), UUID.fromString(foreigner)).update();
            jdbc.sql("update users set role = 'STUDENT' where id = ?").param(UUID.fromString(teacherMadeStudent)).update();
            jdbc.sql("update user_schools set school_id = ? where user_id = ?").params(UUID.fromString(otherSchool), UUID.fromString(moved))
                    .update();
            released[0] = effects.releaseAfterApply(new DistrictId(UUID.fromString(d.id())), changed, ChangeSource.UPLOAD, "importer",
                    "removed by upload run-1");
            released[1] = effects.releaseAfterApply(new DistrictId(UUID.fromString(d.id())), ids(secondLeaver), ChangeSource.CLEVER, "sync",
                    "removed by sync run-2");
        });

        assertThat(released[0]).as("2 of the leaver, 1 of the sync leaver, 1 role, 1 school").isEqualTo(5);
        assertThat(released[1]).as("released already").isZero();
        String schoolName = jdbc.sql("select name from schools where id = ?").param(UUID.fromString(d.schoolId())).query(String.class).single();
        assertThat(ledger(d)).containsExactlyInAnyOrder(
                leaver + " RELEASED_BY_UPLOAD UPLOAD importer removed by upload run-1",
                leaver + " RELEASED_BY_UPLOAD UPLOAD importer removed by upload run-1",
                secondLeaver + " RELEASED_BY_UPLOAD UPLOAD importer removed by upload run-1",
                teacherMadeStudent + " RELEASED_BY_ROSTER_CHANGE UPLOAD importer role STUDENT does not fit this license",
                moved + " RELEASED_BY_ROSTER_CHANGE UPLOAD importer no longer at " + schoolName);
        assertThat(fx.holderIds(students)).containsExactly(stayer);
        assertThat(fx.holderIds(schoolPool)).isEmpty();
        assertThat(fx.holderIds(educators)).isEmpty();
        assertThat(fx.holderIds(otherPool)).as("another district's person is not touched").containsExactly(foreigner);
        assertExact(students, schoolPool, educators, otherPool);
        assertThat(jdbc.sql("""
                select count(distinct a.xmin::text) from assignments a
                where a.district_id = ? and a.release_reason in ('RELEASED_BY_UPLOAD', 'RELEASED_BY_ROSTER_CHANGE')""")
                .param(UUID.fromString(d.id())).query(Integer.class).single()).as("one transaction").isEqualTo(1);
    }

    @Test
    void secondLeaversAreReleasedBySyncAndTheEffectsRefuseToRunOutsideATransaction() {
        var d = fx.aDistrict();
        var students = fx.aStudentPool(d, 3);
        String leaver = fx.aStudent(d);
        assign(students, leaver);

        assertThatThrownBy(() -> effects.releaseAfterApply(new DistrictId(UUID.fromString(d.id())), ids(leaver), ChangeSource.CLASSLINK,
                "sync", "removed")).isInstanceOf(IllegalTransactionStateException.class);
        tx.executeWithoutResult(s -> {
            jdbc.sql("update users set status = 'INACTIVE' where id = ?").param(UUID.fromString(leaver)).update();
            assertThat(effects.releaseAfterApply(new DistrictId(UUID.fromString(d.id())), ids(leaver), ChangeSource.CLASSLINK, "sync",
                    "removed by sync run-3")).isEqualTo(1);
        });

        assertThat(ledger(d)).containsExactly(leaver + " RELEASED_BY_SYNC CLASSLINK sync removed by sync run-3");
        assertExact(students);
    }

    @Test
    void requestedLicensesGoToASchoolPoolFirstThenDistrictWideNeverPastTheSeatsAndHoldersAreLeftAlone() {
        var d = fx.aDistrict();
        String product = fx.aProduct();
        var district = fx.aPool(d, product, "STUDENT", 2, LocalDate.now().minusDays(30), LocalDate.now().plusDays(300));
        var school = aSchoolPool(d, product, "STUDENT", 1, d.schoolId());
        var educatorsOnly = fx.anEducatorPool(d, 5);
        String educatorProduct = fx.pool(educatorsOnly).text("productCode");
        String holder = fx.aStudent(d);
        String first = fx.aStudent(d);
        String second = fx.aStudent(d);
        String third = fx.aStudent(d);
        String student = fx.aStudent(d);
        assign(district, holder);
        List<LicenseRequest> requests = List.of(request(holder, product), request(first, product), request(second, product),
                request(third, product), request(student, educatorProduct), request(first, "NOSUCHCODE"), request(first, product));

        ImportReport.Licenses result = tx.execute(s -> effects.assignRequested(new DistrictId(UUID.fromString(d.id())), requests,
                ChangeSource.UPLOAD, "importer")).licenses();

        assertThat(result.released()).isZero();
        assertThat(result.assigned()).isEqualTo(2);
        assertThat(result.leftWithout()).as("third (no seat left), student (no fitting pool), unknown code").isEqualTo(3);
        assertThat(result.shortPools()).containsExactly(
                new ImportReport.ShortPool(PoolId.of(district.id()), product, "STUDENT", 2, 1));
        assertThat(fx.holderIds(school)).containsExactly(first);
        assertThat(fx.holderIds(district)).containsExactlyInAnyOrder(holder, second);
        assertThat(fx.holderIds(educatorsOnly)).isEmpty();
        assertThat(ledger(d)).containsExactlyInAnyOrder(first + " ASSIGNED UPLOAD importer null", second + " ASSIGNED UPLOAD importer null");
        assertExact(district, school, educatorsOnly);
    }

    private Fixtures.Pool aSchoolPool(Fixtures.District d, String product, String seatType, int seats, String schoolId) {
        var r = http.post("/api/v1/districts/" + d.id() + "/license-pools", ADMIN, map("productCode", product, "seatType", seatType,
                "seats", seats, "startsOn", LocalDate.now().minusDays(30).toString(), "endsOn", LocalDate.now().plusDays(300).toString(),
                "schoolId", schoolId));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return new Fixtures.Pool(r.text("id"), d.id());
    }

    private void assign(Fixtures.Pool pool, String... people) {
        for (String p : people) {
            assertThat(fx.assign(pool, p).status()).isEqualTo(201);
        }
    }

    private static List<UserId> ids(String... people) {
        return Arrays.stream(people).map(p -> new UserId(UUID.fromString(p))).toList();
    }

    private static LicenseRequest request(String person, String code) {
        return new LicenseRequest(new UserId(UUID.fromString(person)), code);
    }

    /** The district's ledger rows about seats changed by the effects (not the fixtures' manual assignments). */
    private List<String> ledger(Fixtures.District d) {
        return jdbc.sql("""
                select user_id || ' ' || action || ' ' || source || ' ' || actor || ' ' || coalesce(reason, 'null') from seat_ledger
                where district_id = ? and source <> 'MANUAL' order by id""")
                .param(UUID.fromString(d.id())).query(String.class).list();
    }

    /** assigned = active seats = the ledger's sum of assigned_delta, for each pool. */
    private void assertExact(Fixtures.Pool... pools) {
        for (Fixtures.Pool p : pools) {
            var row = jdbc.sql("""
                    select lp.assigned,
                           (select count(*) from assignments a where a.pool_id = lp.id and a.released_at is null) as active,
                           (select coalesce(sum(assigned_delta), 0) from seat_ledger l where l.pool_id = lp.id) as ledger
                    from license_pools lp where lp.id = ?""").param(UUID.fromString(p.id())).query().singleRow();
            int assigned = ((Number) row.get("assigned")).intValue();
            assertThat(((Number) row.get("active")).intValue()).as("active seats of %s", p.id()).isEqualTo(assigned);
            assertThat(((Number) row.get("ledger")).intValue()).as("ledger of %s", p.id()).isEqualTo(assigned);
        }
    }
}
