package com.seatkeeper.licensing;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 7 §2, the public report of another vendor (assignments of an ended subscription were never cleared): a seat of
 * a pool whose term ended is no longer the person's seat, even before the nightly job has run. Also: reassigning to a
 * holder of the same pool says so, and pools of one product, seat type and school do not overlap.
 */
@ApiTest
@Import(MutableClock.Config.class)
class EndedTermSeatsTest {
    // 2026-06-30 12:00 in New York: the last day of the 2025/26 term
    static final Instant LAST_DAY = Instant.parse("2026-06-30T16:00:00Z");
    // 2026-07-01 09:00 in New York: the first day of the next term
    static final Instant NEXT_DAY = Instant.parse("2026-07-01T13:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    Http http;
    Fixtures fx;
    TermsTestSupport terms;
    Fixtures.District d;
    String product;
    Fixtures.Pool old;
    Fixtures.Pool next;
    List<String> students;

    @BeforeEach
    void setUp() {
        clock.set(LAST_DAY);
        http = new Http(port);
        fx = new Fixtures(http);
        terms = new TermsTestSupport(http, fx, jdbc);
        d = terms.district("America/New_York");
        product = fx.aProduct();
        old = terms.pool(d, product, 3, "2025-07-01", "2026-06-30");
        // next year's pool, bought separately (not a renewal): it does not overlap
        next = terms.pool(d, product, 3, "2026-07-01", "2027-06-30");
        students = fx.students(d, 3);
        students.forEach(s -> assertThat(fx.assign(old, s).status()).isEqualTo(201));
        // the nightly job has not run yet for the first day of the next term
        terms.holdOffTermEnd(d, LocalDate.parse("2026-07-01"));
        clock.set(NEXT_DAY);
    }

    @Test
    void anEndedSeatIsExpiredByTheAssignmentToNextYearsPoolInsteadOfRefusingIt() {
        var r = fx.assign(next, students.get(0));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(terms.seats(students.get(0))).containsExactly(next.id() + ":ACTIVE");
        assertThat(terms.ledger(old, "EXPIRED")).isEqualTo(1);
        assertThat(jdbc.sql("select reason from seat_ledger where pool_id = ?::uuid and action = 'EXPIRED'").param(old.id())
                .query(String.class).single()).isEqualTo("term 2025-07-01 to 2026-06-30 ended");
        assertThat(terms.balances(old)).isTrue();
        assertThat(terms.balances(next)).isTrue();
    }

    @Test
    void bulkAssignmentAndReassignmentExpireEndedSeatsToo() {
        var bulk = fx.bulkAssign(next, "ALL_OR_NOTHING", List.of(students.get(0), students.get(1)));
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(200);
        assertThat(bulk.number("assigned")).isEqualTo(2);

        var moved = fx.reassign(next, students.get(1), students.get(2));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

        assertThat(terms.seats(students.get(0))).containsExactly(next.id() + ":ACTIVE");
        assertThat(terms.seats(students.get(1))).isEmpty();
        assertThat(terms.seats(students.get(2))).containsExactly(next.id() + ":ACTIVE");
        assertThat(terms.ledger(old, "EXPIRED")).isEqualTo(3);
        assertThat(terms.balances(old)).isTrue();
        assertThat(terms.balances(next)).isTrue();
    }

    @Test
    void theLicenseListMarksTheEndedSeatAndTheEndedPoolIsNotAssignable() {
        assertThat(terms.seats(students.get(0))).containsExactly(old.id() + ":ENDED");
        var r = fx.assign(old, fx.aStudent(d));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text("code")).isEqualTo("pool_not_active");
    }

    @Test
    void theSeatsOfTheEndedPoolAreFreedOnceTheJobRuns() throws Exception {
        jdbc.sql("delete from term_end_runs where district_id = ?::uuid").param(d.id()).update();
        long deadline = System.currentTimeMillis() + 20_000;
        while (fx.pool(old).number("assigned") > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        var pool = fx.pool(old);
        assertThat(pool.number("assigned")).isZero();
        assertThat(pool.number("available")).isEqualTo(3);
        assertThat(terms.ledger(old, "EXPIRED")).isEqualTo(3);
        assertThat(jdbc.sql("select distinct source || '/' || actor from seat_ledger where pool_id = ?::uuid and action = 'EXPIRED'")
                .param(old.id()).query(String.class).list()).containsExactly("SCHEDULER/scheduler");
        students.forEach(s -> assertThat(terms.seats(s)).isEmpty());
        assertThat(terms.balances(old)).isTrue();
    }

    @Test
    void reassigningToSomeoneWhoHoldsASeatOfTheSamePoolSaysAlreadyHoldsLicense() {
        clock.set(LAST_DAY);
        var r = fx.reassign(old, students.get(0), students.get(1));

        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.text("code")).isEqualTo("already_holds_license");
        assertThat(terms.seats(students.get(0))).containsExactly(old.id() + ":ACTIVE");
    }

    @Test
    void aPoolOfTheSameProductSeatTypeAndSchoolThatSharesADayIsRefused() {
        var r = terms.openPool(d, product, 5, "2027-06-30", "2028-06-30");

        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.text("code")).isEqualTo("overlapping_pool");
        assertThat(r.text("overlappingPoolId")).isEqualTo(next.id());
        // a school's own pool is another pool: allowed
        var school = http.post("/api/v1/districts/" + d.id() + "/license-pools", ADMIN, map("productCode", product, "seatType", "STUDENT",
                "seats", 5, "startsOn", "2026-07-01", "endsOn", "2027-06-30", "schoolId", d.schoolId()));
        assertThat(school.status()).as(school.toString()).isEqualTo(201);
        // and so is the educator kind of the same product
        var educators = http.post("/api/v1/districts/" + d.id() + "/license-pools", ADMIN, map("productCode", product, "seatType",
                "EDUCATOR", "seats", 5, "startsOn", "2026-07-01", "endsOn", "2027-06-30"));
        assertThat(educators.status()).as(educators.toString()).isEqualTo(201);
    }
}
