package com.seatkeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.FileMode;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.Problems;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.RosterKind;
import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.roster.changes.SyncTrigger;
import com.seatkeeper.rostersync.Connection;
import com.seatkeeper.rostersync.OneRosterConnector;
import com.seatkeeper.rostersync.PullPlan;
import com.seatkeeper.rostersync.PullResult;
import com.seatkeeper.rostersync.PullState;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.CleverStandInSync;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.OneRosterData;
import com.seatkeeper.support.OneRosterStandIn;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A OneRoster 1.2 sync of a large district (issue 11 "Scale"): the 1.2 stand-in (OAuth 2.0 tokens) serves a generated
 * district of {@code -Dbench.oneRosterUsers} users (default 100,000: 96% students, 4% teachers; a class per 25 users, so
 * 4,000 classes; each student in 3 classes of their school and each class's teacher once: 292,000 enrollments; a school
 * per 2,000 users) in pages of 1,000, and the OneRoster connector bean pulls it into the engine, in this JVM against the
 * embedded PostgreSQL, as the sync job does (a plan, staging BULK or DELTA as planned, complete): (1) the first sync
 * (full), (2) an unchanged delta sync (planned by the connector from (1)'s start: {@code dateLastModified>'…'}), (3) a
 * full re-sync. Per sync: wall time split into the pull and the engine's compare and apply; requests; records read; the
 * roster rows written ({@code xmin} newer than the sync, as {@code CleverSyncBenchmark} counts them) and the inserts,
 * updates and deletes {@code pg_stat_user_tables} counts on the roster tables; the JVM's peak heap. Writes
 * {@code target/oneroster-sync-benchmark.md} and standard output; asserts outcomes (counts, no row written by (2), (2)
 * asked only for changes), never timings.
 */
@Tag("bench")
@ApiTest
@TestPropertySource(properties = {"seatkeeper.sync.oneroster.request-timeout=PT300S", "seatkeeper.sync.oneroster.page-size=1000"})
class OneRosterSyncBenchmark {
    static final int USERS = Integer.getInteger("bench.oneRosterUsers", 100_000);
    static final List<String> ROSTER_TABLES = List.of("schools", "users", "user_schools", "classes", "enrollments");

    @LocalServerPort
    int port;
    @Autowired
    RosterChanges changes;
    @Autowired
    OneRosterConnector connector;
    @Autowired
    JdbcClient jdbc;

    record Step(String name, PullPlan plan, ImportReport report, PullResult pull, Duration pulling, Duration applying, long requests,
                long filtered, long written, long tableWrites, long peakHeap) {}

    @Test
    void oneRosterSyncOfALargeDistrict() throws Exception {
        int students = USERS * 96 / 100;
        int teachers = USERS - students;
        int classes = Math.max(1, USERS / 25);
        int schools = Math.max(2, USERS / 2_000);
        var d = new Fixtures(new Http(port)).aDistrict("CLASSLINK");
        List<Step> steps = new ArrayList<>();
        Instant began = Instant.now();
        String secret = "bench-" + UUID.randomUUID();
        try (OneRosterStandIn server = OneRosterStandIn.v12("bench-client", secret)
                .serve(OneRosterData.generate("1.2", schools, students, teachers, classes, 3))) {
            Connection c = new Connection.OneRoster(server.baseUrl(), "1.2", "OAUTH2", "bench-client", secret, server.tokenUrl());
            Instant firstStart = Instant.now();
            steps.add(step("first sync", d.id(), c, server, new PullPlan.Full("first sync")));
            PullState after = new PullState(firstStart, firstStart, null, steps.get(0).pull().deltaSupport());
            PullPlan delta = connector.plan(c, after, Instant.now(), Duration.ofDays(7));
            steps.add(step("unchanged delta sync", d.id(), c, server, delta));
            steps.add(step("full re-sync", d.id(), c, server, new PullPlan.Full("full re-sync")));

            ImportReport first = steps.get(0).report();
            assertThat(first.status()).as("%s", first).isEqualTo(RunStatus.APPLIED);
            assertThat(first.counts().users().added()).isEqualTo(USERS);
            assertThat(first.counts().classes().added()).isEqualTo(classes);
            assertThat(first.counts().enrollments().added()).isEqualTo(students * 3L + classes);
            assertThat(delta).isInstanceOf(PullPlan.Delta.class);
            ImportReport unchanged = steps.get(1).report();
            assertThat(unchanged.status()).as("%s", unchanged).isEqualTo(RunStatus.APPLIED);
            assertThat(steps.get(1).written()).as("an unchanged delta sync writes no roster row").isZero();
            assertThat(steps.get(1).pull().records()).as("only orgs, sessions and courses are read whole").isLessThan(1_000);
            ImportReport again = steps.get(2).report();
            assertThat(again.status()).as("%s", again).isEqualTo(RunStatus.APPLIED);
            assertThat(again.counts().users().unchanged()).isEqualTo(USERS);
        }
        String report = report(steps, began);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/oneroster-sync-benchmark.md"), report);
        System.out.println(report);
    }

    private Step step(String name, String district, Connection c, OneRosterStandIn server, PullPlan plan) throws Exception {
        server.resetRequests();
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long since = jdbc.sql("select txid_current()").query(Long.class).single();
        long tableWritesBefore = tableWrites();
        long started = System.nanoTime();
        SyncRunId run = changes.start(CleverStandInSync.JOB, DistrictId.of(district), SyncTrigger.SAME_DAY).value();
        FileMode mode = plan instanceof PullPlan.Full ? FileMode.BULK : FileMode.DELTA;
        Map<RosterKind, FileMode> modes = new EnumMap<>(RosterKind.class);
        for (RosterKind kind : RosterKind.values()) {
            modes.put(kind, mode);
        }
        PullResult pull;
        try (RosterStaging staging = changes.staging(run, modes, connector.referenceColumns())) {
            pull = connector.pull(c, staging, (p, records) -> changes.pulling(run, p, records), ZoneId.of("America/New_York"), plan);
        }
        long pulled = System.nanoTime();
        Problems warnings = new Problems();
        pull.warnings().forEach(warnings::add);
        ImportReport report = changes.complete(run, warnings, false);
        long done = System.nanoTime();
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long deleted = report.counts().classes().removed() + report.counts().enrollments().removed();
        Thread.sleep(600); // the statistics collector reports a transaction's counts within half a second
        long requests = server.requests().stream().filter(q -> !q.path().equals("/token")).count();
        long filtered = server.requests().stream().filter(q -> q.query().containsKey("filter")).count();
        return new Step(name, plan, report, pull, Duration.ofNanos(pulled - started), Duration.ofNanos(done - pulled), requests, filtered,
                written(district, since) + deleted, tableWrites() - tableWritesBefore, peak);
    }

    /** Roster rows of the district inserted or updated by a transaction that began after {@code since} (a txid). */
    private long written(String district, long since) {
        long total = 0;
        for (String table : ROSTER_TABLES) {
            total += jdbc.sql("select count(*) from " + table + " where district_id = :d and xmin::text::bigint >= :since")
                    .param("d", UUID.fromString(district)).param("since", since % (1L << 32)).query(Long.class).single();
        }
        return total;
    }

    /** Inserts, updates and deletes of the roster tables, all districts, as {@code pg_stat_user_tables} counts them. */
    private long tableWrites() {
        jdbc.sql("select pg_stat_clear_snapshot()").query(Object.class).optional();
        return jdbc.sql("select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) from pg_stat_user_tables where relname in (:t)")
                .param("t", ROSTER_TABLES).query(Long.class).single();
    }

    private static String report(List<Step> steps, Instant began) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.US, "### OneRoster 1.2 sync of a generated district of %,d users, %s UTC%n%n", USERS, began));
        out.append(String.format(Locale.US, "Machine: %d CPUs, max heap %,d MB, Java %s.%n%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version")));
        out.append("| sync | plan | status | wall s | pull s | compare + apply s | requests | of them filtered | pages | records | rows written "
                + "(xmin) | roster table writes (pg_stat) | peak heap MB |\n");
        out.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Step s : steps) {
            double pull = s.pulling().toNanos() / 1e9;
            double apply = s.applying().toNanos() / 1e9;
            out.append(String.format(Locale.US, "| %s | %s | %s | %.1f | %.1f | %.1f | %d | %d | %d | %,d | %,d | %,d | %,d |%n", s.name(),
                    s.plan() instanceof PullPlan.Full ? "full" : "delta", s.report().status(), pull + apply, pull, apply, s.requests(),
                    s.filtered(), s.pull().pages(), s.pull().records(), s.written(), s.tableWrites(), s.peakHeap() >> 20));
        }
        double first = seconds(steps.get(0));
        out.append(String.format(Locale.US, "%nThe unchanged delta sync took %.3f of the first sync's time (target at most 0.1); the full "
                + "re-sync %.2f.%n", seconds(steps.get(1)) / first, seconds(steps.get(2)) / first));
        out.append("\nCounts per sync (users added/updated/removed/unchanged; enrollments added/removed):\n\n");
        for (Step s : steps) {
            var c = s.report().counts();
            out.append(String.format(Locale.US, "- %s: users %,d/%,d/%,d/%,d; classes %,d added; enrollments %,d/%,d%n", s.name(),
                    c.users().added(), c.users().updated(), c.users().removed(), c.users().unchanged(), c.classes().added(),
                    c.enrollments().added(), c.enrollments().removed()));
        }
        return out.toString();
    }

    private static double seconds(Step s) {
        return (s.pulling().toNanos() + s.applying().toNanos()) / 1e9;
    }
}
