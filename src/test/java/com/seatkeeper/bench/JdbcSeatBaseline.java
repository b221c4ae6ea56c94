package com.seatkeeper.bench;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The baseline of the assignment benchmark: the database work of a single assignment done
 * directly over JDBC, without HTTP, security, Spring or the service's reads, by as many client
 * threads as the benchmark has HTTP clients, each on its own connection.
 *
 * <p>One assignment is one transaction, as in {@code Licensing.assign}: lock the person's row
 * ({@code FOR NO KEY UPDATE}), then in one statement lock the pool's row, insert the seat while
 * {@code assigned < seats} and write its ASSIGNED ledger row (the statement of
 * {@code LicenseStore.seatIfAvailable}); a refusal writes a REFUSED ledger row instead. The
 * schema's triggers, foreign keys, CHECK and unique index do their work as for the API, so the
 * API's rate divided by this one is the share of the database's best that the service delivers.
 */
final class JdbcSeatBaseline implements AutoCloseable {
    private static final String LOCK_PERSON = "select id from users where id = ? for no key update";
    static final String SEAT = """
            with p as materialized (
                select seats, assigned from license_pools where id = ? for no key update
            ), a as (
                insert into assignments (id, district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by)
                select ?, ?, ?, ?, 'STUDENT', ?, ?, ? from p where p.assigned < p.seats
                returning user_id
            ), l as (
                insert into seat_ledger (district_id, pool_id, action, user_id, assigned_delta, seats_delta, actor, source, occurred_at)
                select ?, ?, 'ASSIGNED', a.user_id, 1, 0, ?, 'MANUAL', ? from a
            )
            select exists (select 1 from a)""";
    private static final String REFUSED = """
            insert into seat_ledger (district_id, pool_id, action, user_id, assigned_delta, seats_delta, reason, actor, source, occurred_at)
            values (?, ?, 'REFUSED', ?, 0, 0, 'no_licenses_available', ?, 'MANUAL', ?)""";

    /** One assignment to make: a student pool (with its district and product) and a person. */
    record Seat(UUID pool, UUID district, UUID product, UUID user, int group) {}

    /** What a run did: per request whether it was seated and its latency (ns), and the CPU time of the client threads (ns). */
    record Outcome(boolean[] seated, long[] latencies, long wallNanos, long clientCpuNanos) {}

    private final List<Connection> connections = new ArrayList<>();

    /**
     * Opens one connection per client. Close it only after measuring: the CPU time of PostgreSQL's backends is
     * read from /proc, where it disappears with the backend.
     */
    JdbcSeatBaseline(String jdbcUrl, int clients) throws SQLException {
        try {
            for (int i = 0; i < clients; i++) {
                Connection c = DriverManager.getConnection(jdbcUrl);
                c.setAutoCommit(false);
                connections.add(c);
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    /** Attempts every seat once, in order, by whichever client is free. */
    Outcome run(List<Seat> work) throws InterruptedException {
        int n = work.size();
        boolean[] seated = new boolean[n];
        long[] latencies = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicLong cpu = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        var threadCpu = ManagementFactory.getThreadMXBean();
        List<Thread> threads = new ArrayList<>();
        for (Connection c : connections) {
            threads.add(new Thread(() -> {
                long cpu0 = threadCpu.getCurrentThreadCpuTime();
                try (PreparedStatement lock = c.prepareStatement(LOCK_PERSON); PreparedStatement seat = c.prepareStatement(SEAT);
                     PreparedStatement refused = c.prepareStatement(REFUSED)) {
                    for (int i = next.getAndIncrement(); i < n && failure.get() == null; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        seated[i] = assign(c, lock, seat, refused, work.get(i));
                        latencies[i] = System.nanoTime() - t0;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    cpu.addAndGet(threadCpu.getCurrentThreadCpuTime() - cpu0);
                }
            }, "jdbc-baseline"));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        long wall = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new AssertionError("the JDBC baseline failed", failure.get());
        }
        return new Outcome(seated, latencies, wall, cpu.get());
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : connections) {
            c.close();
        }
    }

    private static boolean assign(Connection c, PreparedStatement lock, PreparedStatement seat, PreparedStatement refused, Seat s)
            throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        lock.setObject(1, s.user());
        try (ResultSet rs = lock.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("no person " + s.user());
            }
        }
        bindSeat(seat, s, now, "jdbc baseline");
        boolean seated;
        try (ResultSet rs = seat.executeQuery()) {
            rs.next();
            seated = rs.getBoolean(1);
        }
        if (!seated) {
            refused.setObject(1, s.district());
            refused.setObject(2, s.pool());
            refused.setObject(3, s.user());
            refused.setString(4, "jdbc baseline");
            refused.setTimestamp(5, now);
            refused.executeUpdate();
        }
        c.commit();
        return seated;
    }

    /** Binds the parameters of {@link #SEAT} for one seat, with a new assignment id. */
    static void bindSeat(PreparedStatement seat, Seat s, Timestamp now, String by) throws SQLException {
        int i = 1;
        seat.setObject(i++, s.pool());
        seat.setObject(i++, UUID.randomUUID());
        seat.setObject(i++, s.district());
        seat.setObject(i++, s.pool());
        seat.setObject(i++, s.product());
        seat.setObject(i++, s.user());
        seat.setTimestamp(i++, now);
        seat.setString(i++, by);
        seat.setObject(i++, s.district());
        seat.setObject(i++, s.pool());
        seat.setString(i++, by);
        seat.setTimestamp(i, now);
    }
}
