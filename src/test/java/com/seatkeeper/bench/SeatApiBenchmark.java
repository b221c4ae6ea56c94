package com.seatkeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

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
 */
@ApiTest
@Tag("bench")
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

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

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
        Fixtures.Pool warmPool = fx.aStudentPool(district, WARMUP_STUDENTS - WARMUP_STUDENTS / 20);
        List<String> warmStudents = insertStudents(district, WARMUP_STUDENTS, "warmup");

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
            int warmSeats = WARMUP_STUDENTS - WARMUP_STUDENTS / 20;
            checkAfterAssigning("warm-up pool", warmPool, warmSeats, warmHolders.size(), (long) round * warmHolders.size(),
                    (long) round * (warmAssign.size() - warmHolders.size()), warmAssign.size());
            Result wr = run("warm-up " + round + " read", reads(warmHolders, Collections.nCopies(warmHolders.size(), 0), adminTokens,
                    WARMUP_READS, round), null, (w, status, body) -> status == 200 && body.contains(warmPool.id()));
            assertThat(wr.statuses()).containsOnlyKeys(200);
            Result wu = run("warm-up " + round + " unassign", warmUnassign);
            assertThat(wu.statuses()).containsOnlyKeys(204);
            checkAfterReleasing("warm-up pool", warmPool, (long) round * warmHolders.size());
            warmup.addAll(List.of(wa, wr, wu));
            double jitShare = (jit.getTotalCompilationTime() - jit0) / ((System.nanoTime() - t0) / 1e6);
            System.out.printf("warm-up round %d: JIT compilation %.1f%% of the round's time%n", round, jitShare * 100);
            if (round >= WARMUP_MIN_ROUNDS && jitShare < 0.03) {
                break;
            }
        }

        // ---------------------------------------------------------------- single assignments
        List<Work> assigns = new ArrayList<>();
        for (int s = 0; s < STUDENTS_PER_POOL; s++) {
            for (int p = 0; p < POOLS; p++) { // interleaved: all clients contend for the same few pool rows
                assigns.add(new Work("PUT", assignment(pools.get(p), students.get(p).get(s)), adminTokens.get((s + p) % ADMINS), p));
            }
        }
        int[] assignStatus = new int[assigns.size()];
        Result assigned = run("assign (PUT assignment)", assigns, assignStatus,
                (w, status, body) -> status == 201 || status == 409 && body.contains("\"no_licenses_available\""));
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

        // ---------------------------------------------------------------- license reads
        Result read = run("read (GET user licenses)", reads(holders, holderPool, adminTokens, READS, 42), null,
                (w, status, body) -> status == 200 && body.contains(pools.get(w.group()).id()));
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

        report(List.of(assigned, read, unassigned), warmup);
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

    /** The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime. */
    private static String[] procStat(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    // ---------------------------------------------------------------- report

    private void report(List<Result> results, List<Result> warmup) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Seat API benchmark\n\n");
        md.append(machine().entrySet().stream().map(e -> "- " + e.getKey() + ": " + e.getValue()).reduce((a, b) -> a + "\n" + b).orElse(""));
        md.append("\n- setup: ").append(POOLS).append(" student pools of ").append(STUDENTS_PER_POOL)
                .append(" students each (the last with ").append(SHORTFALL).append(" seats fewer than students), ")
                .append(CLIENTS).append(" concurrent keep-alive HTTP clients, district-admin tokens; first ").append(warmup.size() / 3)
                .append(" warm-up rounds of ").append(WARMUP_STUDENTS).append(" assignments, ").append(WARMUP_READS).append(" reads and ")
                .append(WARMUP_STUDENTS).append(" unassignments (repeated until JIT compilation took < 3% of a round, at most ")
                .append(WARMUP_MAX_ROUNDS).append(" rounds)\n\n");
        md.append("| request | requests | clients | time (s) | requests/s | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | responses "
                + "| CPU: server / load driver / PostgreSQL / other | CPU ms per request: server / PostgreSQL | GC / JIT (ms) |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- |\n");
        for (Result r : results) {
            md.append(String.format("| %s | %d | %d | %.2f | %.0f | %.2f | %.2f | %.2f | %.2f | %s | %.0f%% / %.0f%% / %.0f%% / %.0f%% | %.2f / %.2f | %d / %d |%n", r.kind(),
                    r.requests(), r.clients(), r.wallNanos() / 1e9, r.perSecond(), r.percentileMs(50), r.percentileMs(90),
                    r.percentileMs(99), r.percentileMs(100),
                    r.statuses().entrySet().stream().map(e -> e.getValue() + "× " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse(""),
                    r.cpu().server() * 100, r.cpu().driver() * 100, r.cpu().postgres() * 100, r.cpu().other() * 100,
                    r.cpuMsPerRequest(r.cpu().server()), r.cpuMsPerRequest(r.cpu().postgres()), r.gcMillis(), r.jitMillis()));
        }
        md.append("\nCPU is the share of all ").append(CORES).append(" cores during the phase: the server (this JVM without the load driver's thread), the load driver (one thread, "
                + "all connections), "
                + "the PostgreSQL processes, and everything else on the machine (a high 'other' means the run shared the machine). "
                + "CPU ms per request is that CPU time divided by the requests. GC / JIT: time the JVM spent in garbage collection, and the elapsed time of JIT compilations (a compilation waiting for a core counts too), during the phase.\n");
        // the targets for a 2-core machine; reported, not asserted (a shared machine would make that flaky)
        md.append(String.format("%nTargets (2 cores): assignments %.0f/s of at least 1,000/s: %s; license reads %.0f/s of at least 5,000/s: %s.%n",
                results.get(0).perSecond(), results.get(0).perSecond() >= 1000 ? "met" : "NOT met",
                results.get(1).perSecond(), results.get(1).perSecond() >= 5000 ? "met" : "NOT met"));
        md.append("\nWarm-up (not a result): ");
        md.append(warmup.stream().map(r -> String.format("%s %.0f req/s", r.kind(), r.perSecond())).reduce((a, b) -> a + "; " + b).orElse(""));
        md.append("\n");
        Path file = Path.of("target", "benchmark-results.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, md.toString());
        System.out.println();
        System.out.println(md);
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
