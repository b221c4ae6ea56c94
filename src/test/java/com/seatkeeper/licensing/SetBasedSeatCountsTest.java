package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V21's statement-level counting triggers keep {@code license_pools.assigned} exact under set-based writes: one statement
 * seating, releasing or deleting thousands of seats over several pools, SQL written by hand here (not the service), and
 * the CHECK (assigned <= seats) still refuses a multi-row statement that would oversubscribe a pool, as a whole.
 */
@ApiTest
class SetBasedSeatCountsTest {
    private static final int PEOPLE = 5_000;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void oneStatementSeatingReleasingAndDeletingThousandsOfSeatsInTwoPoolsKeepsBothCountsExact() {
        Fixtures fx = new Fixtures(new Http(port));
        Fixtures.District d = fx.aDistrict();
        Fixtures.Pool big = fx.aPool(d, "STUDENT", PEOPLE);
        Fixtures.Pool small = fx.aPool(d, "STUDENT", PEOPLE);
        UUID district = UUID.fromString(d.id());
        jdbc.sql("""
                insert into users (id, district_id, given_name, family_name, role, status, source, created_at, updated_at)
                select gen_random_uuid(), ?, 'Bulk', 'Student ' || g, 'STUDENT', 'ACTIVE', 'UPLOAD', now(), now()
                from generate_series(1, ?) g""").params(district, PEOPLE).update();

        // every bulk student a seat of "big", the first 1,000 (by id) also one of "small": one statement, two pools
        int inserted = jdbc.sql("""
                insert into assignments (id, district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by)
                select gen_random_uuid(), u.district_id, lp.id, lp.product_id, lp.seat_type, u.id, now(), 'sql'
                from (select id, district_id, row_number() over (order by id) as n from users
                      where district_id = :district and given_name = 'Bulk') u
                join license_pools lp on lp.id = :big or (lp.id = :small and u.n <= 1000)""")
                .param("district", district).param("big", UUID.fromString(big.id())).param("small", UUID.fromString(small.id()))
                .update();
        assertThat(inserted).isEqualTo(PEOPLE + 1000);
        assertCountsExact(big, PEOPLE);
        assertCountsExact(small, 1000);

        // release half of "big" and all of "small" in one update; rows already released are left alone
        jdbc.sql("""
                update assignments set released_at = now(), released_by = 'sql', release_reason = 'UNASSIGNED'
                where district_id = ? and released_at is null
                  and (pool_id = ? or (pool_id = ? and user_id in (select id from users where district_id = ? order by id limit ?)))""")
                .params(district, UUID.fromString(small.id()), UUID.fromString(big.id()), district, PEOPLE / 2).update();
        assertCountsExact(big, PEOPLE / 2);
        assertCountsExact(small, 0);

        // one statement that reactivates 10 released seats of "small" and releases 10 of "big": both deltas in one trigger run
        jdbc.sql("""
                update assignments set released_at = case when released_at is null then now() end,
                                       released_by = case when released_at is null then 'sql' end,
                                       release_reason = case when released_at is null then 'UNASSIGNED' end
                where id in (select id from assignments where pool_id = ? and released_at is not null order by id limit 10)
                   or id in (select id from assignments where pool_id = ? and released_at is null order by id limit 10)""")
                .params(UUID.fromString(small.id()), UUID.fromString(big.id())).update();
        assertCountsExact(big, PEOPLE / 2 - 10);
        assertCountsExact(small, 10);

        // updates of other columns change no count; deleting active and released rows at once subtracts only the active ones
        jdbc.sql("update assignments set last_active_at = now() where district_id = ?").param(district).update();
        assertCountsExact(big, PEOPLE / 2 - 10);
        jdbc.sql("delete from assignments where pool_id = ?").param(UUID.fromString(small.id())).update();
        assertCountsExact(small, 0);
        assertCountsExact(big, PEOPLE / 2 - 10);
    }

    @Test
    void aMultiRowInsertThatWouldOversubscribeAPoolIsRefusedAsAWholeAndMovingSeatsBetweenPoolsStaysRefused() {
        Fixtures fx = new Fixtures(new Http(port));
        Fixtures.District d = fx.aDistrict();
        String product = fx.aProduct();
        Fixtures.Pool pool = fx.aPool(d, product, "STUDENT", 3, LocalDate.now().minusDays(30), LocalDate.now().plusDays(300));
        Fixtures.Pool next = fx.aPool(d, product, "STUDENT", 10, LocalDate.now().plusDays(301), LocalDate.now().plusDays(600));
        UUID[] five = fx.students(d, 5).stream().map(UUID::fromString).toArray(UUID[]::new);

        assertThatThrownBy(() -> seat(pool, five))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("pool_assigned_within_seats");
        assertThat(jdbc.sql("select count(*) from assignments where pool_id = ?").param(UUID.fromString(pool.id())).query(Integer.class)
                .single()).as("nothing of the refused statement stays").isZero();
        assertCountsExact(pool, 0);

        assertThat(seat(pool, new UUID[] {five[0], five[1], five[2]})).isEqualTo(3);
        assertCountsExact(pool, 3);
        assertThatThrownBy(() -> jdbc.sql("update assignments set pool_id = ? where pool_id = ?")
                .params(UUID.fromString(next.id()), UUID.fromString(pool.id())).update())
                .hasMessageContaining("cannot move between pools");
        assertCountsExact(pool, 3);
        assertCountsExact(next, 0);
        assertThatThrownBy(() -> seat(pool, new UUID[] {five[3], five[3]})).as("one current seat per person, product and seat type")
                .isInstanceOf(DataIntegrityViolationException.class);
        assertCountsExact(pool, 3);
    }

    private int seat(Fixtures.Pool pool, UUID[] people) {
        return jdbc.sql("""
                insert into assignments (id, district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by)
                select gen_random_uuid(), lp.district_id, lp.id, lp.product_id, lp.seat_type, u, now(), 'sql'
                from license_pools lp, unnest(?::uuid[]) as u where lp.id = ?""")
                .params(people, UUID.fromString(pool.id())).update();
    }

    private void assertCountsExact(Fixtures.Pool pool, int expected) {
        var row = jdbc.sql("""
                select assigned, (select count(*) from assignments a where a.pool_id = lp.id and a.released_at is null) as active
                from license_pools lp where lp.id = ?""")
                .param(UUID.fromString(pool.id())).query().singleRow();
        assertThat(((Number) row.get("assigned")).intValue()).as("assigned").isEqualTo(expected);
        assertThat(((Number) row.get("active")).intValue()).as("active seats").isEqualTo(expected);
    }
}
