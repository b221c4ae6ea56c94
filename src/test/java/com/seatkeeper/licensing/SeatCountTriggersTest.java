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
 * The database keeps {@code license_pools.assigned} equal to the pool's active seats whatever writes the
 * assignments (V11's triggers, one per kind of change): SQL written by hand here, not the service.
 */
@ApiTest
class SeatCountTriggersTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void everyKindOfChangeToAnAssignmentKeepsThePoolsCountExact() {
        Fixtures fx = new Fixtures(new Http(port));
        Fixtures.District d = fx.aDistrict();
        String product = fx.aProduct();
        Fixtures.Pool pool = fx.aPool(d, product, "STUDENT", 2, LocalDate.now().minusDays(30), LocalDate.now().plusDays(300));
        Fixtures.Pool other = fx.aPool(d, product, "STUDENT", 5, LocalDate.now().plusDays(301), LocalDate.now().plusDays(600)); // next term
        UUID first = UUID.fromString(fx.aStudent(d));
        UUID second = UUID.fromString(fx.aStudent(d));
        UUID third = UUID.fromString(fx.aStudent(d));

        UUID seat = insertSeat(pool, first, false);
        assertThat(assigned(pool)).isEqualTo(1);
        jdbc.sql("update assignments set last_active_at = now() where id = ?").param(seat).update();
        assertThat(assigned(pool)).as("another column changed").isEqualTo(1);
        jdbc.sql("update assignments set released_at = now(), released_by = 'sql', release_reason = 'UNASSIGNED' where id = ?")
                .param(seat).update();
        assertThat(assigned(pool)).as("released").isZero();
        jdbc.sql("update assignments set released_at = now() where id = ?").param(seat).update();
        assertThat(assigned(pool)).as("released again: no change").isZero();
        jdbc.sql("update assignments set released_at = null, released_by = null, release_reason = null where id = ?").param(seat).update();
        assertThat(assigned(pool)).as("active again").isEqualTo(1);

        UUID released = insertSeat(pool, second, true);
        assertThat(assigned(pool)).as("a released row counts for nothing").isEqualTo(1);
        UUID secondSeat = insertSeat(pool, second, false);
        assertThat(assigned(pool)).isEqualTo(2);
        assertThatThrownBy(() -> insertSeat(pool, third, false))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("pool_assigned_within_seats");
        assertThatThrownBy(() -> jdbc.sql("update assignments set pool_id = ? where id = ?")
                .params(UUID.fromString(other.id()), secondSeat).update())
                .hasMessageContaining("cannot move between pools");
        assertThatThrownBy(() -> insertSeat(pool, second, false)).as("one active seat per person, product and seat type")
                .isInstanceOf(DataIntegrityViolationException.class);

        jdbc.sql("delete from assignments where id = ?").param(released).update();
        assertThat(assigned(pool)).as("a released row deleted").isEqualTo(2);
        jdbc.sql("delete from assignments where id = ?").param(secondSeat).update();
        assertThat(assigned(pool)).as("an active row deleted").isEqualTo(1);
        assertThat(assigned(other)).isZero();
        assertThat(assigned(pool)).isEqualTo(jdbc.sql("select count(*) from assignments where pool_id = ? and released_at is null")
                .param(UUID.fromString(pool.id())).query(Integer.class).single());
    }

    private UUID insertSeat(Fixtures.Pool pool, UUID person, boolean released) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into assignments (id, district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by,
                                                 released_at, released_by, release_reason)
                        select ?, district_id, id, product_id, seat_type, ?, now(), 'sql',
                               case when ? then now() end, case when ? then 'sql' end, case when ? then 'UNASSIGNED' end
                        from license_pools where id = ?""")
                .params(id, person, released, released, released, UUID.fromString(pool.id())).update();
        return id;
    }

    private int assigned(Fixtures.Pool pool) {
        return jdbc.sql("select assigned from license_pools where id = ?").param(UUID.fromString(pool.id())).query(Integer.class).single();
    }
}
