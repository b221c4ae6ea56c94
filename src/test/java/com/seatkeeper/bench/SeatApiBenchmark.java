package com.seatkeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Throughput and latency of the seat API over real HTTP against the real server and database,
 * with 32 concurrent clients: single assignments into a few large student pools
 * (each PUT a different student), single unassignments of those, and reads of a person's
 * licenses by district administrators.
 *
 * <p>Run it with {@code mvn -B -Pbench verify}; it is tagged {@code bench} and left out of the
 * normal test run. It asserts correctness only (no oversubscription, the database agrees with
 * the responses), never timings: the numbers go to {@code target/benchmark-results.md} and are
 * recorded by hand in {@code docs/benchmarks.md}.
 *
 * <p>Students are inserted with SQL (setup only); every measured request goes through HTTP.
 * The load generator ({@link HttpLoadDriver}) drives all keep-alive connections from one
 * selector thread because it shares the machine's cores with the server and should take as
 * little of them as it can.
 *
 * <p>Absolute rates on a shared 2-core VM vary by a third between runs of the same code, so each
 * figure is reported as a ratio against a baseline measured in the same run, in slices that
 * alternate with the API's ({@code bench.slices}) so that both see the same load of the machine:
 * assignments against the same database work done directly over JDBC by as many client threads
 * ({@link JdbcSeatBaseline}), license reads against a trivial authenticated endpoint of the same
 * server ({@link PingController}: same security chain and token resolution, no query).
 * PostgreSQL runs durable as in production ({@code fsync=on}, {@code synchronous_commit=on});
 * {@code -Dbench.fsync=off} gives the test default for comparison.
 */
@ApiTest
@Tag("bench")
@TestPropertySource(properties = "seatkeeper.embedded-db.fsync=${bench.fsync:on}")
class SeatApiBenchmark {
    // sizes can be changed with -Dbench.<name>=... for experiments; the defaults are the recorded benchmark
    static final int CLIENTS = Integer.getInteger("bench.clients", 32);
    static final int POOLS = Integer.getInteger("bench.pools", 4);
    static final int STUDENTS_PER_POOL = Integer.getInteger("bench.studentsPerPool", 6_000);
    /** The last pool has fewer seats than students, so that the clients race for its last seats. */
    static final int SHORTFALL = Integer.getInteger("bench.shortfall", 300);
    static final int READS = Integer.getInteger("bench.reads", 60_000);
    static final int WARMUP_STUDENTS = Integer.getInteger("bench.warmupStudents", 4_000);
    static final int WARMUP_READS = Integer.getInteger("bench.warmupReads", 20_000);
    static final int WARMUP_MIN_ROUNDS = Integer.getInteger("bench.warmupMinRounds", 2);
    static final int WARMUP_MAX_ROUNDS = Integer.getInteger("bench.warmupMaxRounds", 10);
    static final int ADMINS = 4;
    /** Runs of EXPLAIN (ANALYZE) of the seat statement whose trigger and execution times are averaged in the report. */
    static final int EXPLAINS = Integer.getInteger("bench.explains", 200);
    /** The share of its baseline that the API should reach, for assignments and for reads (reported, never asserted). */
    static final double GOAL = 0.6;
    /** Baseline and API phases alternate in this many slices each, so that a change in the machine's other load hits both alike. */
    static final int SLICES = Integer.getInteger("bench.slices", 4);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EmbeddedPostgres postgres;

    /** The read baseline: an authenticated endpoint of the API that does nothing but answer (registered for this benchmark only). */
    @TestConfiguration(proxyBeanMethods = false)
    static class Baselines {
        @Bean
        PingController benchPing() {
            return new PingController();
        }
    }

    /**
     * {@code GET /api/v1/bench/users/{userId}/ping}: goes through the same API security chain, bearer-token
     * resolution (cached) and path-variable handler lookup as the license read, then answers a one-element
     * JSON array without touching the database.
     */
    @RestController
    static class PingController {
        record Pong(String userId, String caller) {}

        @GetMapping("/api/v1/bench/users/{userId}/ping")
        List<Pong> ping(@AuthenticationPrincipal Actor actor, @PathVariable String userId) {
            return List.of(new Pong(userId, actor.label()));
        }
    }

    record Work(String method, String path, String token, int group) implements HttpLoadDriver.Request {}

    record Result(String kind, int requests, long wallNanos, long[] latencies, Map<Integer, Integer> statuses, int clients, Cpu cpu,
                  long gcMillis, long jitMillis) {
        double perSecond() {
            return requests / (wallNanos / 1e9);
        }

        /** CPU time per request in ms, from a share of all cores over the phase. */
        double cpuMsPerRequest(double share) {
            return share * CORES * (wallNanos / 1e6) / requests;
        }

        double percentileMs(double p) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }

    @Test
    void seatApiUnderConcurrentLoad() throws Exception {
        String loadBefore = loadAverage();
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);

        // ---------------------------------------------------------------- setup (not measured)
        var district = fx.aDistrict();
        List<String> adminTokens = new ArrayList<>();
        for (int i = 0; i < ADMINS; i++) {
            adminTokens.add(fx.tokenFor(fx.aDistrictAdmin(district)));
        }
        List<Fixtures.Pool> pools = new ArrayList<>();
        List<Integer> seats = new ArrayList<>();
        List<List<String>> students = new ArrayList<>();
        for (int i = 0; i < POOLS; i++) {
            int n = i == POOLS - 1 ? STUDENTS_PER_POOL - SHORTFALL : STUDENTS_PER_POOL;
            pools.add(fx.aStudentPool(district, n));
            seats.add(n);
            students.add(insertStudents(district, STUDENTS_PER_POOL, "bench" + i));
        }
        // the warm-up pool is 5% short too, so that the warm-up takes the refusal path as the measured run does
        // (a path first taken after the warm-up makes the JIT compiler deoptimize and recompile during the run)
        int warmSeats = WARMUP_STUDENTS - WARMUP_STUDENTS / 20;
        Fixtures.Pool warmPool = fx.aStudentPool(district, warmSeats);
        List<String> warmStudents = insertStudents(district, WARMUP_STUDENTS, "warmup");
        // the JDBC baseline seats the same students in pools of other products with the same seats
        // (one fresh pool per warm-up round: the baseline does not unassign)
        List<Fixtures.Pool> basePools = new ArrayList<>();
        for (int i = 0; i < POOLS; i++) {
            basePools.add(fx.aStudentPool(district, seats.get(i)));
        }
        List<Fixtures.Pool> warmBasePools = new ArrayList<>();
        for (int round = 0; round < WARMUP_MAX_ROUNDS; round++) {
            warmBasePools.add(fx.aStudentPool(district, warmSeats));
        }

        // ---------------------------------------------------------------- warm-up (not reported)
        // rounds of all three kinds until the JIT compiler has settled: on 2 cores a busy compiler
        // takes a good part of the CPU away from the server and would distort the results
        List<Work> warmAssign = new ArrayList<>();
        for (int i = 0; i < warmStudents.size(); i++) {
            warmAssign.add(new Work("PUT", assignment(warmPool, warmStudents.get(i)), adminTokens.get(i % ADMINS), 0));
        }
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        List<Result> warmup = new ArrayList<>();
        for (int round = 1; round <= WARMUP_MAX_ROUNDS; round++) {
            long jit0 = jit.getTotalCompilationTime();
            long t0 = System.nanoTime();
            Fixtures.Pool warmBase = warmBasePools.get(round - 1);
            Result wb = runBaseline("warm-up " + round + " JDBC baseline", seatsOf(List.of(warmBase), List.of(warmStudents)));
            checkAfterAssigning("warm-up JDBC baseline pool", warmBase, warmSeats, wb.statuses().getOrDefault(201, 0),
                    wb.statuses().getOrDefault(201, 0), wb.statuses().getOrDefault(409, 0), WARMUP_STUDENTS);
            int[] warmStatus = new int[warmAssign.size()];
            Result wa = run("warm-up " + round + " assign", warmAssign, warmStatus, (w, status, body) -> status == 201 || status == 409);
            List<String> warmHolders = new ArrayList<>();
            List<Work> warmUnassign = new ArrayList<>();
            for (int i = 0; i < warmAssign.size(); i++) {
                if (warmStatus[i] == 201) {
                    warmHolders.add(warmStudents.get(i));
                    warmUnassign.add(new Work("DELETE", warmAssign.get(i).path(), warmAssign.get(i).token(), 0));
                }
            }
            // the same checks as after the measured phases, so that the warm-up runs every path the measured run does
            // (JDBC calls of another shape in between made the JIT deoptimize the server's JDBC code at the next phase)
            checkAfterAssigning("warm-up pool", warmPool, warmSeats, warmHolders.size(), (long) round * warmHolders.size(),
                    (long) round * (warmAssign.size() - warmHolders.size()), warmAssign.size());
            Result wp = run("warm-up " + round + " ping", pings(warmHolders, adminTokens, WARMUP_READS, round), null,
                    (w, status, body) -> status == 200 && body.contains(w.path().split("/")[5]));
            Result wr = run("warm-up " + round + " read", reads(warmHolders, Collections.nCopies(warmHolders.size(), 0), adminTokens,
                    WARMUP_READS, round), null, (w, status, body) -> status == 200 && body.contains(warmPool.id()));
            assertThat(wr.statuses()).containsOnlyKeys(200);
            Result wu = run("warm-up " + round + " unassign", warmUnassign);
            assertThat(wu.statuses()).containsOnlyKeys(204);
            checkAfterReleasing("warm-up pool", warmPool, (long) round * warmHolders.size());
            warmup.addAll(List.of(wb, wa, wp, wr, wu));
            double jitShare = (jit.getTotalCompilationTime() - jit0) / ((System.nanoTime() - t0) / 1e6);
            System.out.printf("warm-up round %d: JIT compilation %.1f%% of the round's time%n", round, jitShare * 100);
            if (round >= WARMUP_MIN_ROUNDS && jitShare < 0.03) {
                break;
            }
        }

        // ---------------------------------------------------------------- single assignments: the JDBC baseline and the API
        // in alternating slices, so that both see the same load of the shared machine
        List<JdbcSeatBaseline.Seat> baseSeats = seatsOf(basePools, students);
        List<Work> assigns = new ArrayList<>();
        for (int s = 0; s < STUDENTS_PER_POOL; s++) {
            for (int p = 0; p < POOLS; p++) { // interleaved: all clients contend for the same few pool rows
                assigns.add(new Work("PUT", assignment(pools.get(p), students.get(p).get(s)), adminTokens.get((s + p) % ADMINS), p));
            }
        }
        int[] assignStatus = new int[assigns.size()];
        List<Result> baseSlices = new ArrayList<>();
        List<Result> assignSlices = new ArrayList<>();
        for (int k = 0; k < SLICES; k++) {
            int from = k * assigns.size() / SLICES;
            int to = (k + 1) * assigns.size() / SLICES;
            baseSlices.add(runBaseline("assign: baseline, slice " + (k + 1), baseSeats.subList(from, to)));
            int[] sliceStatus = new int[to - from];
            assignSlices.add(run("assign, slice " + (k + 1), assigns.subList(from, to), sliceStatus,
                    (w, status, body) -> status == 201 || status == 409 && body.contains("\"no_licenses_available\"")));
            System.arraycopy(sliceStatus, 0, assignStatus, from, to - from);
        }
        Result base = merged("assign: baseline (same work over JDBC)", baseSlices);
        Result assigned = merged("assign (PUT assignment)", assignSlices);
        int[] baseCreated = new int[POOLS];
        for (int p = 0; p < POOLS; p++) {
            baseCreated[p] = poolColumn(basePools.get(p), "assigned");
            checkAfterAssigning("baseline pool " + p, basePools.get(p), seats.get(p), baseCreated[p], baseCreated[p],
                    STUDENTS_PER_POOL - baseCreated[p], STUDENTS_PER_POOL);
        }
        assertThat(base.statuses().get(201)).isEqualTo(Arrays.stream(baseCreated).sum());

        assertThat(assigned.statuses()).containsOnlyKeys(201, 409);

        List<String> holders = new ArrayList<>();
        List<Integer> holderPool = new ArrayList<>();
        int[] created = new int[POOLS];
        int[] refused = new int[POOLS];
        List<Work> unassigns = new ArrayList<>();
        for (int i = 0; i < assigns.size(); i++) {
            Work w = assigns.get(i);
            if (assignStatus[i] == 201) {
                created[w.group()]++;
                holders.add(w.path().substring(w.path().lastIndexOf('/') + 1));
                holderPool.add(w.group());
                unassigns.add(new Work("DELETE", w.path(), w.token(), w.group()));
            } else {
                refused[w.group()]++;
            }
        }
        for (int p = 0; p < POOLS; p++) {
            checkAfterAssigning("pool " + p, pools.get(p), seats.get(p), created[p], created[p], refused[p], STUDENTS_PER_POOL);
        }

        // ---------------------------------------------------------------- license reads: the ping baseline, then the API
        List<Work> pings = pings(holders, adminTokens, READS, 42);
        List<Work> reads = reads(holders, holderPool, adminTokens, READS, 42);
        List<Result> pingSlices = new ArrayList<>();
        List<Result> readSlices = new ArrayList<>();
        for (int k = 0; k < SLICES; k++) {
            int from = k * READS / SLICES;
            int to = (k + 1) * READS / SLICES;
            pingSlices.add(run("read: baseline, slice " + (k + 1), pings.subList(from, to), null,
                    (w, status, body) -> status == 200 && body.contains(w.path().split("/")[5])));
            readSlices.add(run("read, slice " + (k + 1), reads.subList(from, to), null,
                    (w, status, body) -> status == 200 && body.contains(pools.get(w.group()).id())));
        }
        Result ping = merged("read: baseline (authenticated ping)", pingSlices);
        Result read = merged("read (GET user licenses)", readSlices);
        assertThat(ping.statuses()).containsOnlyKeys(200);
        assertThat(read.statuses()).containsOnlyKeys(200);

        // ---------------------------------------------------------------- single unassignments
        Collections.shuffle(unassigns, new Random(3));
        Result unassigned = run("unassign (DELETE assignment)", unassigns);
        assertThat(unassigned.statuses()).containsOnlyKeys(204);
        for (int p = 0; p < POOLS; p++) {
            checkAfterReleasing("pool " + p, pools.get(p), created[p]);
        }
        assertThat(poolColumn(warmPool, "assigned")).isZero();
        assertThat(jdbc.sql("select count(*) from license_pools where assigned > seats").query(Long.class).single()).isZero();

        String explained = explainSeatStatement(warmPool, warmStudents);
        report(new Measured(base, assigned, ping, read, unassigned), warmup, loadBefore, loadAverage(), explained);
    }

    // ---------------------------------------------------------------- load driver

    private Result run(String kind, List<Work> work) throws IOException {
        return run(kind, work, null, null);
    }

    /** What a response must look like (checked for every response of a phase). */
    interface ResponseCheck {
        boolean ok(Work w, int status, String body);
    }

    /**
     * Sends every request once over CLIENTS keep-alive connections (closed loop: one request in flight per
     * connection) and records status and latency of each.
     */
    private Result run(String kind, List<Work> work, int[] statusOut, ResponseCheck check) throws IOException {
        int n = work.size();
        long[] latencies = new long[n];
        int[] status = statusOut != null ? statusOut : new int[n];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        try (HttpLoadDriver.Session session = new HttpLoadDriver(port).open(CLIENTS)) {
            CpuSnapshot before = cpuSnapshot();
            long gc0 = gcMillis();
            long jit0 = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            long driver0 = threads.getCurrentThreadCpuTime();
            java.time.LocalTime startedAt = java.time.LocalTime.now(ZoneOffset.UTC);
            long start = System.nanoTime();
            session.run(work, (i, st, body, latency) -> {
                Work w = work.get(i);
                latencies[i] = latency;
                status[i] = st;
                if (check != null && !check.ok(w, st, body)) {
                    throw new AssertionError("unexpected response to " + w.method() + " " + w.path() + ": " + st + " " + body);
                }
                if (st >= 500) {
                    throw new AssertionError(w.method() + " " + w.path() + " -> " + st + " " + body);
                }
            });
            long wall = System.nanoTime() - start;
            long driverNanos = threads.getCurrentThreadCpuTime() - driver0;
            Cpu cpu = Cpu.between(before, cpuSnapshot(), wall, driverNanos);
            long gc = gcMillis() - gc0;
            long jitTime = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0;
            return result(kind, n, wall, latencies, status, cpu, gc, jitTime, startedAt);
        }
    }

    /** One result of the slices of a phase: their requests, time, latencies, statuses; CPU shares weighted by time. */
    private static Result merged(String kind, List<Result> slices) {
        long wall = slices.stream().mapToLong(Result::wallNanos).sum();
        long[] latencies = slices.stream().flatMapToLong(r -> Arrays.stream(r.latencies())).toArray();
        Map<Integer, Integer> statuses = new TreeMap<>();
        slices.forEach(r -> r.statuses().forEach((k, v) -> statuses.merge(k, v, Integer::sum)));
        ToDoubleFunction<ToDoubleFunction<Cpu>> share =
                f -> slices.stream().mapToDouble(r -> f.applyAsDouble(r.cpu()) * r.wallNanos()).sum() / wall;
        Cpu cpu = new Cpu(share.applyAsDouble(Cpu::server), share.applyAsDouble(Cpu::driver), share.applyAsDouble(Cpu::postgres),
                share.applyAsDouble(Cpu::other));
        Result result = new Result(kind, latencies.length, wall, latencies, statuses, CLIENTS, cpu,
                slices.stream().mapToLong(Result::gcMillis).sum(), slices.stream().mapToLong(Result::jitMillis).sum());
        System.out.printf("%-32s %7d requests in %6.2f s: %8.0f req/s (%d slices), CPU %s%n", kind, result.requests(), wall / 1e9,
                result.perSecond(), slices.size(), cpu);
        return result;
    }

    private Result result(String kind, int n, long wall, long[] latencies, int[] status, Cpu cpu, long gc, long jitTime,
                          java.time.LocalTime startedAt) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int s : status) {
            statuses.merge(s, 1, Integer::sum);
        }
        Result result = new Result(kind, n, wall, latencies, statuses, CLIENTS, cpu, gc, jitTime);
        System.out.printf("%-32s %7d requests in %6.2f s: %8.0f req/s, p50 %6.2f ms, p99 %7.2f ms %s, CPU %s, GC %d ms, JIT %d ms (from %s UTC)%n",
                kind, n, wall / 1e9, result.perSecond(), result.percentileMs(50), result.percentileMs(99), statuses, cpu, gc, jitTime, startedAt);
        return result;
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** The JDBC baseline's assignments, interleaved over the pools as the API's are. */
    private List<JdbcSeatBaseline.Seat> seatsOf(List<Fixtures.Pool> pools, List<List<String>> people) {
        UUID district = UUID.fromString(pools.get(0).districtId());
        List<UUID> products = pools.stream().map(p -> jdbc.sql("select product_id from license_pools where id = ?")
                .param(UUID.fromString(p.id())).query(UUID.class).single()).toList();
        List<JdbcSeatBaseline.Seat> work = new ArrayList<>();
        for (int s = 0; s < people.get(0).size(); s++) {
            for (int p = 0; p < pools.size(); p++) {
                work.add(new JdbcSeatBaseline.Seat(UUID.fromString(pools.get(p).id()), district, products.get(p),
                        UUID.fromString(people.get(p).get(s)), p));
            }
        }
        return work;
    }

    private Result runBaseline(String kind, List<JdbcSeatBaseline.Seat> work) throws Exception {
        try (JdbcSeatBaseline clients = new JdbcSeatBaseline(postgres.getJdbcUrl("postgres", "postgres"), CLIENTS)) {
            CpuSnapshot before = cpuSnapshot();
            long gc0 = gcMillis();
            long jit0 = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            java.time.LocalTime startedAt = java.time.LocalTime.now(ZoneOffset.UTC);
            JdbcSeatBaseline.Outcome o = clients.run(work);
            Cpu cpu = Cpu.between(before, cpuSnapshot(), o.wallNanos(), o.clientCpuNanos());
            long gc = gcMillis() - gc0;
            long jitTime = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0;
            return baselineResult(kind, o, cpu, gc, jitTime, startedAt);
        }
    }

    private Result baselineResult(String kind, JdbcSeatBaseline.Outcome o, Cpu cpu, long gc, long jitTime, java.time.LocalTime startedAt) {
        int[] status = new int[o.seated().length];
        for (int i = 0; i < status.length; i++) {
            status[i] = o.seated()[i] ? 201 : 409;
        }
        return result(kind, status.length, o.wallNanos(), o.latencies(), status, cpu, gc, jitTime, startedAt);
    }

    /** The read baseline's requests: the ping endpoint for the same people and tokens as the reads. */
    private static List<Work> pings(List<String> userIds, List<String> tokens, int count, long seed) {
        Random random = new Random(seed);
        List<Work> work = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int u = random.nextInt(userIds.size());
            work.add(new Work("GET", "/api/v1/bench/users/" + userIds.get(u) + "/ping", tokens.get(i % tokens.size()), 0));
        }
        return work;
    }

    private static List<Work> reads(List<String> userIds, List<Integer> groups, List<String> tokens, int count, long seed) {
        Random random = new Random(seed);
        List<Work> work = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int u = random.nextInt(userIds.size());
            work.add(new Work("GET", "/api/v1/users/" + userIds.get(u) + "/licenses", tokens.get(i % tokens.size()), groups.get(u)));
        }
        return work;
    }

    // ---------------------------------------------------------------- fixtures and checks (SQL, setup only)

    /** Inserts active students of the district's school straight into the roster tables; returns their ids. */
    private List<String> insertStudents(Fixtures.District d, int count, String batch) {
        UUID district = UUID.fromString(d.id());
        return jdbc.sql("""
                        with u as (
                            insert into users (id, district_id, given_name, family_name, email, role, status, source, created_at, updated_at)
                            select gen_random_uuid(), :district, 'Student' || g, :batch, null, 'STUDENT', 'ACTIVE', 'MANUAL', now(), now()
                            from generate_series(1, :count) g
                            returning id)
                        insert into user_schools (district_id, user_id, school_id)
                        select :district, u.id, :school from u
                        returning user_id""")
                .param("district", district).param("batch", batch).param("count", count).param("school", UUID.fromString(d.schoolId()))
                .query(UUID.class).list().stream().map(UUID::toString).toList();
    }

    private static String assignment(Fixtures.Pool pool, String userId) {
        return "/api/v1/license-pools/" + pool.id() + "/assignments/" + userId;
    }

    /**
     * After an assign phase: no oversubscription, the pool's count equals the 201s and the active rows, the
     * ledger holds the (cumulative) ASSIGNED and REFUSED rows, and a pool fills up to its seats. With SQL,
     * not over HTTP: requests of another shape between the phases would make the JIT compiler throw away and
     * redo the server's hot code during the next phase.
     */
    private void checkAfterAssigning(String name, Fixtures.Pool pool, int seats, int created, long ledgerAssigned, long ledgerRefused,
                                     int asked) {
        int poolSeats = poolColumn(pool, "seats");
        int poolAssigned = poolColumn(pool, "assigned");
        assertThat(poolSeats).as(name).isEqualTo(seats);
        assertThat(poolAssigned).as("%s: no oversubscription", name).isLessThanOrEqualTo(poolSeats);
        assertThat(poolAssigned).as("%s: count equals the 201s", name).isEqualTo(created);
        assertThat(activeAssignments(pool)).as("%s: rows in the database equal the 201s", name).isEqualTo(created);
        assertThat(ledgerCount(pool, "ASSIGNED")).as("%s: ledger", name).isEqualTo(ledgerAssigned);
        assertThat(ledgerCount(pool, "REFUSED")).as("%s: ledger of refusals", name).isEqualTo(ledgerRefused);
        // every student asked is distinct, so each pool fills up to its seats and refuses the rest
        assertThat(created).as(name).isEqualTo(Math.min(seats, asked));
    }

    /** After an unassign phase: no seat held, every release in the ledger, and the ledger balances. */
    private void checkAfterReleasing(String name, Fixtures.Pool pool, long ledgerUnassigned) {
        assertThat(poolColumn(pool, "assigned")).as(name).isZero();
        assertThat(activeAssignments(pool)).as(name).isZero();
        assertThat(ledgerCount(pool, "UNASSIGNED")).as(name).isEqualTo(ledgerUnassigned);
        assertThat(jdbc.sql("select coalesce(sum(assigned_delta), 0) from seat_ledger where pool_id = ?")
                .param(UUID.fromString(pool.id())).query(Long.class).single()).as("%s: the ledger balances", name).isZero();
    }

    private int poolColumn(Fixtures.Pool pool, String column) {
        String sql = switch (column) {
            case "seats" -> "select seats from license_pools where id = ?";
            case "assigned" -> "select assigned from license_pools where id = ?";
            default -> throw new IllegalArgumentException(column);
        };
        return jdbc.sql(sql).param(UUID.fromString(pool.id())).query(Integer.class).single();
    }

    private long activeAssignments(Fixtures.Pool pool) {
        return jdbc.sql("select count(*) from assignments where pool_id = ? and released_at is null")
                .param(UUID.fromString(pool.id())).query(Long.class).single();
    }

    private long ledgerCount(Fixtures.Pool pool, String action) {
        return jdbc.sql("select count(*) from seat_ledger where pool_id = ? and action = ?")
                .params(UUID.fromString(pool.id()), action).query(Long.class).single();
    }

    // ---------------------------------------------------------------- CPU accounting (Linux /proc)

    /** CPU time: this JVM (server and load driver, in ns), the PostgreSQL processes, and the whole machine. */
    record CpuSnapshot(long jvmNanos, long postgresTicks, long machineBusyTicks) {}

    /**
     * Shares of all cores during a phase: the server (this JVM without the load driver's thread), the load
     * driver, PostgreSQL, and everything else on the machine (other load).
     */
    record Cpu(double server, double driver, double postgres, double other) {
        static Cpu between(CpuSnapshot a, CpuSnapshot b, long wallNanos, long driverNanos) {
            double capacityTicks = CORES * TICKS_PER_SECOND * wallNanos / 1e9;
            double jvmTicks = (b.jvmNanos() - a.jvmNanos()) / 1e9 * TICKS_PER_SECOND;
            double driverTicks = driverNanos / 1e9 * TICKS_PER_SECOND;
            double pgTicks = b.postgresTicks() - a.postgresTicks();
            double busy = b.machineBusyTicks() - a.machineBusyTicks();
            if (a.machineBusyTicks() < 0 || b.machineBusyTicks() < 0) {
                return new Cpu((jvmTicks - driverTicks) / capacityTicks, driverTicks / capacityTicks, Double.NaN, Double.NaN);
            }
            return new Cpu((jvmTicks - driverTicks) / capacityTicks, driverTicks / capacityTicks, pgTicks / capacityTicks,
                    Math.max(0, busy - jvmTicks - pgTicks) / capacityTicks);
        }

        @Override
        public String toString() {
            return String.format("server %.0f%%, load driver %.0f%%, PostgreSQL %.0f%%, other %.0f%%", server * 100, driver * 100,
                    postgres * 100, other * 100);
        }
    }

    static final int CORES = Runtime.getRuntime().availableProcessors();
    static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private long postmasterPid = -1;

    private CpuSnapshot cpuSnapshot() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        try {
            if (postmasterPid < 0) {
                long backend = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
                postmasterPid = Long.parseLong(procStat(backend)[1]);
            }
            long pg = 0;
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path dir : (Iterable<Path>) dirs::iterator) {
                    String name = dir.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String[] f = procStat(Long.parseLong(name));
                        if (Long.parseLong(name) == postmasterPid || Long.parseLong(f[1]) == postmasterPid) {
                            pg += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        }
                        if (Long.parseLong(name) == postmasterPid) { // backends that have ended: their time went to their parent
                            pg += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
            }
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                if (i != 4 && i != 5) { // all but idle and iowait
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return new CpuSnapshot(jvm, pg, busy);
        } catch (IOException | RuntimeException e) {
            return new CpuSnapshot(jvm, -1, -1);
        }
    }

    /** The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime, [13] cutime, [14] cstime. */
    private static String[] procStat(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    // ---------------------------------------------------------------- report

    /** The measured phases: each API phase with the baseline run just before it. */
    record Measured(Result baseAssign, Result assign, Result ping, Result read, Result unassign) {
        List<Result> all() {
            return List.of(baseAssign, assign, ping, read, unassign);
        }
    }

    private void report(Measured m, List<Result> warmup, String loadBefore, String loadAfter, String explained) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Seat API benchmark\n\n");
        md.append(machine().entrySet().stream().map(e -> "- " + e.getKey() + ": " + e.getValue()).reduce((a, b) -> a + "\n" + b).orElse(""));
        md.append("\n- PostgreSQL: ").append(postgresSettings());
        md.append("\n- load average (1, 5, 15 min) at the start: ").append(loadBefore).append("; at the end: ").append(loadAfter)
                .append(" (the machine is shared: absolute rates are not comparable between runs, the ratios are)");
        md.append("\n- setup: ").append(POOLS).append(" student pools of ").append(STUDENTS_PER_POOL)
                .append(" students each (the last with ").append(SHORTFALL).append(" seats fewer than students), ")
                .append(CLIENTS).append(" concurrent clients (HTTP: keep-alive connections, district-admin tokens; JDBC baseline: threads with a connection each); first ")
                .append(warmup.size() / 5).append(" warm-up rounds of ").append(WARMUP_STUDENTS).append(" baseline and API assignments, ")
                .append(WARMUP_READS).append(" pings and reads and ").append(WARMUP_STUDENTS)
                .append(" unassignments (repeated until JIT compilation took < 3% of a round, at most ").append(WARMUP_MAX_ROUNDS).append(" rounds); baseline and API phases alternate in ").append(SLICES)
                .append(" slices each (baseline first), and their figures are the sums of the slices\n\n");

        md.append("## Ratios to baselines measured in the same run\n\n");
        md.append("| measure | API (req/s) | baseline (req/s) | share of the baseline | goal: at least ").append(GOAL).append(" |\n");
        md.append("| --- | ---: | ---: | ---: | --- |\n");
        ratioRow(md, "single assignments (PUT) / the same database work over JDBC", m.assign(), m.baseAssign());
        ratioRow(md, "license reads (GET) / an authenticated ping of the same server", m.read(), m.ping());
        md.append(String.format("%nWhere the rest of the assignments' time goes, in CPU ms per assignment (server / load driver or JDBC clients / "
                        + "PostgreSQL): API %.2f / %.2f / %.2f, baseline %.2f / %.2f / %.2f; PostgreSQL does %.2f ms more per assignment for the API "
                        + "(its reads of the pool and of the person's seats, the transaction's extra round trips).%n",
                m.assign().cpuMsPerRequest(m.assign().cpu().server()), m.assign().cpuMsPerRequest(m.assign().cpu().driver()),
                m.assign().cpuMsPerRequest(m.assign().cpu().postgres()), m.baseAssign().cpuMsPerRequest(m.baseAssign().cpu().server()),
                m.baseAssign().cpuMsPerRequest(m.baseAssign().cpu().driver()), m.baseAssign().cpuMsPerRequest(m.baseAssign().cpu().postgres()),
                m.assign().cpuMsPerRequest(m.assign().cpu().postgres()) - m.baseAssign().cpuMsPerRequest(m.baseAssign().cpu().postgres())));

        md.append("\n## Every phase\n\n");
        md.append("| request | requests | clients | time (s) | requests/s | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | responses "
                + "| CPU: server / load driver / PostgreSQL / other | CPU ms per request: server / load driver / PostgreSQL | GC / JIT (ms) |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- |\n");
        for (Result r : m.all()) {
            md.append(String.format("| %s | %d | %d | %.2f | %.0f | %.2f | %.2f | %.2f | %.2f | %s | %.0f%% / %.0f%% / %.0f%% / %.0f%% | %.2f / %.2f / %.2f | %d / %d |%n",
                    r.kind(), r.requests(), r.clients(), r.wallNanos() / 1e9, r.perSecond(), r.percentileMs(50), r.percentileMs(90),
                    r.percentileMs(99), r.percentileMs(100),
                    r.statuses().entrySet().stream().map(e -> e.getValue() + "× " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse(""),
                    r.cpu().server() * 100, r.cpu().driver() * 100, r.cpu().postgres() * 100, r.cpu().other() * 100,
                    r.cpuMsPerRequest(r.cpu().server()), r.cpuMsPerRequest(r.cpu().driver()), r.cpuMsPerRequest(r.cpu().postgres()),
                    r.gcMillis(), r.jitMillis()));
        }
        md.append("\nCPU is the share of all ").append(CORES).append(" cores during the phase: the server (this JVM without the load driver's thread; "
                + "in the JDBC baseline the JVM without its client threads), the load driver (one thread, all connections; in the JDBC baseline its "
                + "client threads, '201' = seated, '409' = refused), the PostgreSQL processes, and everything else on the machine (a high 'other' "
                + "means the run shared the machine). CPU ms per request is that CPU time divided by the requests. GC / JIT: time the JVM spent "
                + "in garbage collection, and the elapsed time of JIT compilations (a compilation waiting for a core counts too), during the phase.\n");
        md.append(String.format("%nAbsolute rates (not comparable between runs on a shared machine): assignments %.0f/s (the old target was "
                        + "1,000/s), license reads %.0f/s (5,000/s).%n", m.assign().perSecond(), m.read().perSecond()));
        md.append("\nWarm-up (not a result): ");
        md.append(warmup.stream().map(r -> String.format("%s %.0f req/s", r.kind(), r.perSecond())).reduce((a, b) -> a + "; " + b).orElse(""));
        md.append("\n\n").append(explained);
        Path file = Path.of(System.getProperty("bench.results", "target/benchmark-results.md"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md.toString());
        System.out.println();
        System.out.println(md);
    }

    private static void ratioRow(StringBuilder md, String what, Result api, Result baseline) {
        double share = api.perSecond() / baseline.perSecond();
        md.append(String.format("| %s | %.0f | %.0f | **%.2f** | %s |%n", what, api.perSecond(), baseline.perSecond(), share,
                share >= GOAL ? "met" : "not met"));
    }

    private String postgresSettings() {
        return jdbc.sql("""
                select string_agg(name || '=' || setting, ', ' order by name) from pg_settings
                where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_level', 'shared_buffers', 'server_version')""")
                .query(String.class).single() + " (shared_buffers in 8 kB pages)";
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * Where PostgreSQL spends an assignment: EXPLAIN (ANALYZE, BUFFERS, WAL) of the seat statement (after locking the
     * person, as the service does) for free people of a pool with free seats, each in a transaction that is rolled back.
     * The trigger and execution times are averaged over the runs; the last plan is shown whole.
     */
    private String explainSeatStatement(Fixtures.Pool pool, List<String> people) throws SQLException {
        UUID poolId = UUID.fromString(pool.id());
        UUID district = UUID.fromString(pool.districtId());
        UUID product = jdbc.sql("select product_id from license_pools where id = ?").param(poolId).query(UUID.class).single();
        Map<String, double[]> triggers = new TreeMap<>(); // name -> total ms, calls
        double execution = 0;
        String plan = "";
        int runs = Math.min(EXPLAINS, people.size());
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"))) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("select id from users where id = ? for no key update");
                 PreparedStatement explain = c.prepareStatement("explain (analyze, buffers, wal) " + JdbcSeatBaseline.SEAT)) {
                for (int i = 0; i < runs; i++) {
                    var seat = new JdbcSeatBaseline.Seat(poolId, district, product, UUID.fromString(people.get(i)), 0);
                    lock.setObject(1, seat.user());
                    lock.executeQuery().close();
                    JdbcSeatBaseline.bindSeat(explain, seat, new Timestamp(System.currentTimeMillis()), "explain");
                    StringBuilder text = new StringBuilder();
                    try (ResultSet rs = explain.executeQuery()) {
                        while (rs.next()) {
                            text.append(rs.getString(1)).append('\n');
                        }
                    }
                    c.rollback();
                    plan = text.toString();
                    var t = Pattern.compile("Trigger (.+): time=([0-9.]+) calls=([0-9]+)").matcher(plan);
                    while (t.find()) {
                        double[] sum = triggers.computeIfAbsent(t.group(1), k -> new double[2]);
                        sum[0] += Double.parseDouble(t.group(2));
                        sum[1] += Integer.parseInt(t.group(3));
                    }
                    var e = Pattern.compile("Execution Time: ([0-9.]+) ms").matcher(plan);
                    if (e.find()) {
                        execution += Double.parseDouble(e.group(1));
                    }
                }
            }
        }
        StringBuilder md = new StringBuilder("## The seat statement in PostgreSQL\n\n");
        md.append(String.format("EXPLAIN (ANALYZE, BUFFERS, WAL) of `LicenseStore.seatIfAvailable`'s statement, %d runs (each rolled back) after the "
                + "phases, without benchmark load (the machine's other load remains): execution %.3f ms on average, of which triggers (ms per run):%n%n", runs, execution / runs));
        triggers.forEach((name, sum) -> md.append(String.format("- %s: %.3f ms (%.1f calls)%n", name, sum[0] / runs, sum[1] / runs)));
        md.append("\nThe last run's plan:\n\n```\n").append(plan).append("```\n");
        return md.toString();
    }

    private static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        m.put("cores (nproc)", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("memory", procLine("/proc/meminfo", "MemTotal").map(v -> {
            long kb = Long.parseLong(v.replaceAll("[^0-9]", ""));
            return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
        }).orElse("?"));
        m.put("CPU", procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")));
        m.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return m;
    }

    private static java.util.Optional<String> procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException | UncheckedIOException e) {
            return java.util.Optional.empty();
        }
    }
}
