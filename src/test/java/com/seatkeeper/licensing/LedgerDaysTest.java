package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The per-day sums of the holders page's chart (seat_ledger_days, kept by V26's statement trigger) equal the pool's
 * ledger summed per day in the district's time zone, after one-by-one and set-based changes, purchases and refusals.
 */
@ApiTest
class LedgerDaysTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theKeptDaySumsEqualTheLedgerSummedPerDay() {
        Fixtures fx = new Fixtures(new Http(port));
        Fixtures.District d = fx.aDistrict();
        Fixtures.Pool pool = fx.aPool(d, "STUDENT", 6);
        Fixtures.Pool other = fx.aPool(d, "STUDENT", 3);
        List<String> people = ManyPeople.students(jdbc, d.id(), d.schoolId(), 9, "Days");
        fx.bulkAssign(pool, "AVAILABLE_SEATS", people);           // 6 seats in one statement, 3 refused rows in one more
        fx.unassign(pool, people.get(0));
        fx.purchase(pool, 4);
        fx.assign(pool, people.get(8));
        fx.bulkAssign(other, "ALL_OR_NOTHING", people.subList(6, 9));

        for (Fixtures.Pool p : List.of(pool, other)) {
            List<Map<String, Object>> kept = jdbc.sql("select day, seats, assigned from seat_ledger_days where pool_id = ? order by day")
                    .param(UUID.fromString(p.id())).query().listOfRows();
            List<Map<String, Object>> summed = jdbc.sql("""
                    select (l.occurred_at at time zone d.timezone)::date as day, sum(l.seats_delta) as seats, sum(l.assigned_delta) as assigned
                    from seat_ledger l join districts d on d.id = l.district_id where l.pool_id = ? group by 1 order by 1""")
                    .param(UUID.fromString(p.id())).query().listOfRows();
            assertThat(kept).isNotEmpty().isEqualTo(summed);
        }
        assertThat(jdbc.sql("select sum(assigned) from seat_ledger_days where pool_id = ?").param(UUID.fromString(pool.id()))
                .query(Long.class).single()).isEqualTo(6L);
        assertThat(jdbc.sql("select sum(seats) from seat_ledger_days where pool_id = ?").param(UUID.fromString(pool.id()))
                .query(Long.class).single()).isEqualTo(10L);
    }
}
