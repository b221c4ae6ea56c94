package com.seatkeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.rostersync.CleverConnector;
import com.seatkeeper.rostersync.Connection;
import com.seatkeeper.rostersync.PullPlan;
import com.seatkeeper.rostersync.PullState;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.CleverStandIn;
import com.seatkeeper.support.CleverStandInSync;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A Clever sync of a large district (issue 10 "Scale"): the Clever stand-in serves a generated district of
 * {@code -Dbench.cleverUsers} users (default 100,000: 96% students, 4% teachers; one section per 25 users with 75
 * students and a teacher each, so 4,000 sections and 300,000 student enrollments; a school per 2,000 users) in pages of
 * 10,000, and the Clever connector bean pulls it into the engine, which applies it, in this JVM against the embedded
 * PostgreSQL, each sync planned as the sync runner plans it ({@code CleverConnector.plan} with the pull state the last
 * sync left, full pull every 7 days): (1) the first sync (a full pull, which takes Clever's newest event first), (2) an
 * unchanged re-sync (a delta: Clever's events since, none), (3) a re-sync with 1% of the students removed (a delta: their
 * {@code users.deleted} and their sections' {@code sections.updated} events), and (4) a forced full re-sync of the same
 * district, for comparison (what the weekly full pull costs). Per sync: wall time split into the pull (the stand-in's
 * serving time, and the rest: the connector's parsing and the COPY into staging) and the engine's compare and apply;
 * requests; the roster rows written (rows whose {@code xmin} is newer than the sync, plus the rows removed); the JVM's
 * peak heap (the stand-in, the connector and the engine together); the wall time as a share of the first sync's. It
 * writes {@code target/clever-sync-benchmark.md} and standard output, and asserts outcomes (counts, plans, requests of a
 * delta only to the Events API and the term and course lists, no row written by (2) or (4)), never timings.
 */
@Tag("bench")
@ApiTest
@TestPropertySource(properties = {"seatkeeper.sync.clever.request-timeout=PT300S", "seatkeeper.sync.clever.page-size=10000"})
class CleverSyncBenchmark {
    static final int USERS = Integer.getInteger("bench.cleverUsers", 100_000);
    static final List<String> ROSTER_TABLES = List.of("schools", "users", "user_schools", "classes", "enrollments");

    @LocalServerPort
    int port;
    @Autowired
    RosterChanges changes;
    @Autowired
    CleverConnector connector;
    @Autowired
    JdbcClient jdbc;

    record Step(String name, String plan, CleverStandInSync.Result result, Duration serving, long requests, long bytes, long written,
                long peakHeap, List<String> paths) {}

    @Test
    void cleverSyncOfALargeDistrict() throws Exception {
        int students = USERS * 96 / 100;
        int teachers = USERS - students;
        int sections = Math.max(1, USERS / 25);
        int schools = Math.max(2, USERS / 2_000);
        Fixtures fx = new Fixtures(new Http(port));
        var d = fx.aDistrict("CLEVER");
        CleverStandInSync sync = new CleverStandInSync(changes, connector);
        List<Step> steps = new ArrayList<>();
        Instant began = Instant.now();
        try (CleverStandIn clever = CleverStandIn.start().generate(schools, students, teachers, sections, 75, Math.max(1, sections / 10))) {
            Connection connection = new Connection.Clever(clever.baseUrl(), "3.0", clever.token());
            state = PullState.NONE;
            steps.add(step("first sync", d.id(), clever, sync, connection, null));
            steps.add(step("unchanged re-sync", d.id(), clever, sync, connection, null));
            int removed = 0;
            for (int i = 0; i < students; i += 100) {
                clever.removeUser(CleverStandIn.id(2, i));
                removed++;
            }
            steps.add(step("re-sync, 1% of students removed", d.id(), clever, sync, connection, null));
            steps.add(step("forced full re-sync (the weekly one)", d.id(), clever, sync, connection,
                    new PullPlan.Full("forced, for comparison")));

            assertThat(steps.get(0).plan()).startsWith("full");
            assertThat(steps.get(1).plan()).startsWith("delta");
            assertThat(steps.get(2).plan()).startsWith("delta");
            for (Step delta : steps.subList(1, 3)) {
                assertThat(delta.paths()).as("a delta reads the events (and the term and course lists when sections changed)")
                        .allMatch(r -> r.startsWith("/v3.0/events") || r.startsWith("/v3.0/terms") || r.startsWith("/v3.0/courses"));
            }
            ImportReport forced = steps.get(3).result().report();
            assertThat(forced.status()).as("%s", forced).isEqualTo(RunStatus.APPLIED);
            assertThat(steps.get(3).written()).as("the full pull finds what the deltas left").isZero();

            ImportReport first = steps.get(0).result().report();
            assertThat(first.status()).as("%s", first).isEqualTo(RunStatus.APPLIED);
            assertThat(first.counts().users().added()).isEqualTo(USERS);
            assertThat(first.counts().classes().added()).isEqualTo(sections);
            assertThat(first.counts().enrollments().added()).isEqualTo(sections * 75L + sections);
            ImportReport unchanged = steps.get(1).result().report();
            assertThat(unchanged.status()).isEqualTo(RunStatus.APPLIED);
            assertThat(steps.get(1).written()).as("an unchanged re-sync writes no roster row").isZero();
            ImportReport less = steps.get(2).result().report();
            assertThat(less.status()).as("%s", less).isEqualTo(RunStatus.APPLIED);
            assertThat(less.counts().users().removed()).isEqualTo(removed);
        }
        String report = report(steps, began);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/clever-sync-benchmark.md"), report);
        System.out.println(report);
    }

    /** The pull state the last applied sync left (as the sync runner stores it with the connection). */
    private PullState state;

    /**
     * One sync: planned by the connector from {@link #state} ({@code forced}: this plan instead), pulled and applied;
     * the state moved as the runner moves it when the run is APPLIED. The plan's request is counted with the sync's.
     */
    private Step step(String name, String district, CleverStandIn clever, CleverStandInSync sync, Connection connection, PullPlan forced) {
        clever.resetCounts();
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long since = jdbc.sql("select txid_current()").query(Long.class).single();
        Instant startedAt = Instant.now();
        long began = System.nanoTime();
        PullPlan plan = forced != null ? forced : connector.plan(connection, state, startedAt, Duration.ofDays(7));
        Duration planning = Duration.ofNanos(System.nanoTime() - began);
        var result = sync.run(district, connection, ZoneId.of("America/New_York"), plan);
        result = new CleverStandInSync.Result(result.report(), result.pull(), result.failure(), result.pages(),
                result.pulling().plus(planning), result.applying());
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        ImportReport r = result.report();
        assertThat(r.status()).as("%s: %s", name, r).isEqualTo(RunStatus.APPLIED);
        boolean full = plan instanceof PullPlan.Full;
        state = new PullState(startedAt, full ? startedAt : state.lastFullPullStartedAt(),
                result.pull().cursor() != null ? result.pull().cursor() : state.cursor(),
                result.pull().deltaSupport() != null ? result.pull().deltaSupport() : state.deltaSupport());
        long deleted = r.counts().classes().removed() + r.counts().enrollments().removed();
        String described = full ? "full (" + ((PullPlan.Full) plan).why() + ")" : "delta (events)";
        return new Step(name, described, result, clever.servingTime(), clever.requestCount(), clever.bytesServed(),
                written(district, since) + deleted, peak, clever.requests());
    }

    /**
     * Roster rows of the district inserted or updated by a transaction that began after {@code since} (a txid; people who
     * left are updated, set inactive). Classes and enrollments removed are deleted rows: the caller adds them from the
     * report.
     */
    private long written(String district, long since) {
        long total = 0;
        for (String table : ROSTER_TABLES) {
            total += jdbc.sql("select count(*) from " + table + " where district_id = :d and xmin::text::bigint >= :since")
                    .param("d", UUID.fromString(district)).param("since", since % (1L << 32)).query(Long.class).single();
        }
        return total;
    }

    private static String report(List<Step> steps, Instant began) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.US, "### Clever sync of a generated district of %,d users, %s UTC%n%n", USERS, began));
        out.append(String.format(Locale.US, "Machine: %d CPUs, max heap %,d MB, Java %s.%n%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version")));
        out.append("| sync | plan | status | wall s | of first | pull s | of which stand-in serving s | connector + COPY s "
                + "| compare + apply s | requests | pages | MB served | records | rows written | peak heap MB |\n");
        out.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        double first = 0;
        for (Step s : steps) {
            var r = s.result();
            double pull = r.pulling().toNanos() / 1e9;
            double apply = r.applying().toNanos() / 1e9;
            double serving = s.serving().toNanos() / 1e9;
            first = first == 0 ? pull + apply : first;
            out.append(String.format(Locale.US, "| %s | %s | %s | %.1f | %.2f | %.1f | %.1f | %.1f | %.1f | %d | %d | %.1f | %,d | %,d | %,d |%n",
                    s.name(), s.plan(), r.report().status(), pull + apply, (pull + apply) / first, pull, serving, pull - serving, apply,
                    s.requests(), r.pull().pages(), s.bytes() / 1e6, r.pull().records(), s.written(), s.peakHeap() >> 20));
        }
        out.append("\nCounts per sync (users added/updated/removed/unchanged; enrollments added/removed):\n\n");
        for (Step s : steps) {
            var c = s.result().report().counts();
            out.append(String.format(Locale.US, "- %s: users %,d/%,d/%,d/%,d; classes %,d added; enrollments %,d/%,d%n", s.name(),
                    c.users().added(), c.users().updated(), c.users().removed(), c.users().unchanged(), c.classes().added(),
                    c.enrollments().added(), c.enrollments().removed()));
        }
        return out.toString();
    }
}
