package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V33: the references of seats and ledger rows (to their pool, and to a person of the same district: the tenant-isolation
 * invariant) are checked once per statement instead of by row-by-row foreign keys, with the same outcomes, whatever SQL
 * writes them: written by hand here, not through the service.
 */
@ApiTest
class SeatReferencesTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void aSeatMustNameAPersonOfItsOwnDistrictAndItsPoolAsItIsAndOneBadRowFailsTheWholeStatement() {
        Fixtures fx = new Fixtures(new Http(port));
        Fixtures.District d = fx.aDistrict();
        Fixtures.District other = fx.aDistrict();
        Fixtures.Pool pool = fx.aStudentPool(d, 10);
        Fixtures.Pool educators = fx.anEducatorPool(d, 10);
        UUID mine = UUID.fromString(fx.aStudent(d));
        UUID alsoMine = UUID.fromString(fx.aStudent(d));
        UUID foreign = UUID.fromString(fx.aStudent(other));

        assertThatThrownBy(() -> insertSeats(pool, "STUDENT", List.of(mine, foreign)))
                .as("a person of another district, next to a good row")
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("assignments_user_reference")
                .hasMessageContaining(foreign.toString());
        assertThatThrownBy(() -> insertSeats(pool, "STUDENT", List.of(UUID.randomUUID())))
                .as("no such person").isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("assignments_user_reference");
        assertThatThrownBy(() -> insertSeats(pool, "EDUCATOR", List.of(mine)))
                .as("another seat type than the pool's").isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("assignments_pool_reference");
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into assignments (district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by)
                        select district_id, ?, product_id, seat_type, ?, now(), 'sql' from license_pools where id = ?""")
                .params(UUID.randomUUID(), mine, UUID.fromString(pool.id())).update())
                .as("no such pool").isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("assignments_pool_reference");
        assertThat(activeSeats(pool)).as("nothing of the refused statements stayed").isZero();
        assertThat(assigned(pool)).isZero();

        insertSeats(pool, "STUDENT", List.of(mine, alsoMine));
        assertThat(activeSeats(pool)).isEqualTo(2);
        assertThat(assigned(pool)).isEqualTo(2);
        assertThat(jdbc.sql("select id from assignments where pool_id = ?").param(UUID.fromString(pool.id())).query(UUID.class).list())
                .as("ids by default: time-ordered, RFC 9562 version 7").allSatisfy(id -> assertThat(id.version()).isEqualTo(7));

        UUID seat = jdbc.sql("select id from assignments where user_id = ?").param(mine).query(UUID.class).single();
        assertThatThrownBy(() -> jdbc.sql("update assignments set user_id = ? where id = ?").params(alsoMine, seat).update())
                .as("a seat keeps its person").hasMessageContaining("keeps its person");
        assertThatThrownBy(() -> jdbc.sql("update assignments set pool_id = ? where id = ?").params(UUID.fromString(educators.id()), seat).update())
                .as("and its pool").hasMessageContaining("cannot move between pools");
        jdbc.sql("update assignments set last_active_at = now() where id = ?").param(seat).update(); // other columns change freely

        assertThatThrownBy(() -> jdbc.sql("""
                        insert into seat_ledger (district_id, pool_id, action, user_id, assigned_delta, seats_delta, actor, source, occurred_at)
                        values (?, ?, 'ASSIGNED', ?, 1, 0, 'sql', 'MANUAL', now())""")
                .params(UUID.fromString(other.id()), UUID.fromString(pool.id()), mine).update())
                .as("a ledger row naming a pool of another district").isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("seat_ledger_pool_reference");
    }

    @Test
    void aPersonOrPoolNamedBySeatsCanBeNeitherDeletedNorReKeyedAndOthersCan() {
        Fixtures fx = new Fixtures(new Http(port));
        Fixtures.District d = fx.aDistrict();
        Fixtures.District other = fx.aDistrict();
        Fixtures.Pool pool = fx.aStudentPool(d, 10);
        UUID held = UUID.fromString(fx.aStudent(d));
        UUID never = UUID.fromString(fx.aStudent(d));
        assertThat(fx.assign(pool, held.toString()).status()).isEqualTo(201);
        assertThat(fx.unassign(pool, held.toString()).status()).isEqualTo(204);

        assertThatThrownBy(() -> jdbc.sql("delete from users where id = ?").param(held).update())
                .as("a person who held a seat, even a released one").isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("assignments_user_reference");
        assertThatThrownBy(() -> jdbc.sql("update users set district_id = ? where id = ?").params(UUID.fromString(other.id()), held).update())
                .as("moved to another district").isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("assignments_user_reference");
        assertThatThrownBy(() -> jdbc.sql("delete from license_pools where id = ?").param(UUID.fromString(pool.id())).update())
                .as("a pool with seats and ledger rows").isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("assignments_pool_reference");
        jdbc.sql("update users set family_name = 'Renamed' where id = ?").param(held).update(); // other columns change freely

        jdbc.sql("delete from user_schools where user_id = ?").param(never).update();
        assertThat(jdbc.sql("delete from users where id = ?").param(never).update()).as("a person without seats").isEqualTo(1);
    }

    @Test
    void aDeleteOfAPersonWaitsForASeatBeingWrittenAndIsThenRefused() throws Exception {
        Fixtures fx = new Fixtures(new Http(port));
        Fixtures.District d = fx.aDistrict();
        Fixtures.Pool pool = fx.aStudentPool(d, 10);
        UUID person = UUID.fromString(fx.aStudent(d));
        UUID bystander = UUID.fromString(fx.aStudent(d));
        jdbc.sql("delete from user_schools where user_id in (?, ?)").params(person, bystander).update();

        try (Connection writer = dataSource.getConnection(); Connection deleter = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            insertSeat(writer, pool, person); // not yet committed: a delete's own look cannot see it
            deleter.setAutoCommit(false);
            int backend = backendPid(deleter);
            CompletableFuture<String> delete = CompletableFuture.supplyAsync(() -> {
                try (PreparedStatement s = deleter.prepareStatement("delete from users where id = ?")) {
                    s.setObject(1, person);
                    s.executeUpdate();
                    deleter.commit();
                    return "deleted";
                } catch (SQLException e) {
                    return e.getSQLState() + " " + e.getMessage();
                }
            });
            awaitWaitingForALock(backend);
            assertThat(delete).as("the delete waits for the seat writer").isNotDone();
            writer.commit();
            assertThat(delete.get(30, TimeUnit.SECONDS)).as("then it sees the seat").startsWith("23503")
                    .contains("assignments_user_reference");
            deleter.rollback();

            // the same race, the writer rolling back: nothing names the person any more, the delete goes through
            insertSeat(writer, pool, bystander);
            int again = backendPid(deleter);
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> {
                try (PreparedStatement s = deleter.prepareStatement("delete from users where id = ?")) {
                    s.setObject(1, bystander);
                    int n = s.executeUpdate();
                    deleter.commit();
                    return n;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitWaitingForALock(again);
            writer.rollback();
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(jdbc.sql("select count(*) from users where id = ?").param(person).query(Integer.class).single()).isEqualTo(1);
        assertThat(activeSeats(pool)).isEqualTo(1);
        assertThat(assigned(pool)).isEqualTo(1);
    }

    @Test
    void underRepeatableReadAPersonWhoMayHoldSeatsIsNotDeletedAtAll() throws Exception {
        Fixtures fx = new Fixtures(new Http(port));
        Fixtures.District d = fx.aDistrict();
        UUID person = UUID.fromString(fx.aStudent(d));
        jdbc.sql("delete from user_schools where user_id = ?").param(person).update();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement s = c.prepareStatement("delete from users where id = ?")) {
                s.setObject(1, person);
                assertThatThrownBy(s::executeUpdate).isInstanceOf(SQLException.class)
                        .hasMessageContaining("READ COMMITTED").extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23503");
            } finally {
                c.rollback();
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        }
    }

    private void insertSeats(Fixtures.Pool pool, String seatType, List<UUID> people) {
        jdbc.sql("""
                        insert into assignments (district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by)
                        select lp.district_id, lp.id, lp.product_id, ?, u.id, now(), 'sql'
                        from license_pools lp, unnest(?::uuid[]) u(id) where lp.id = ?""")
                .params(seatType, people.toArray(UUID[]::new), UUID.fromString(pool.id())).update();
    }

    private static void insertSeat(Connection c, Fixtures.Pool pool, UUID person) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into assignments (district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by)
                select district_id, id, product_id, seat_type, ?, now(), 'sql' from license_pools where id = ?""")) {
            s.setObject(1, person);
            s.setObject(2, UUID.fromString(pool.id()));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void awaitWaitingForALock(int backend) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(until)) {
            String wait = jdbc.sql("select coalesce(wait_event_type, '') from pg_stat_activity where pid = ?").param(backend)
                    .query(String.class).optional().orElse("");
            if (wait.equals("Lock")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("backend " + backend + " never waited for a lock");
    }

    private int activeSeats(Fixtures.Pool pool) {
        return jdbc.sql("select count(*) from assignments where pool_id = ? and released_at is null").param(UUID.fromString(pool.id()))
                .query(Integer.class).single();
    }

    private int assigned(Fixtures.Pool pool) {
        return jdbc.sql("select assigned from license_pools where id = ?").param(UUID.fromString(pool.id())).query(Integer.class).single();
    }
}
