package com.seatkeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.rostersync.CleverConnector;
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
 * PostgreSQL: (1) the first sync, (2) an unchanged re-sync, (3) a re-sync with 1% of the students removed. Per sync: wall
 * time split into the pull (the stand-in's serving time, and the rest: the connector's parsing and the COPY into staging)
 * and the engine's compare and apply; requests; the roster rows written (rows whose {@code xmin} is newer than the
 * sync, plus the rows removed); the JVM's peak heap (the stand-in, the connector and the engine together). It writes
 * {@code target/clever-sync-benchmark.md} and standard output, and asserts outcomes (counts, no row written by (2)),
 * never timings.
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

    record Step(String name, CleverStandInSync.Result result, Duration serving, long requests, long bytes, long written, long peakHeap) {}

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
            steps.add(step("first sync", d.id(), clever, sync));
            steps.add(step("unchanged re-sync", d.id(), clever, sync));
            int removed = 0;
            for (int i = 0; i < students; i += 100) {
                clever.removeUser(CleverStandIn.id(2, i));
                removed++;
            }
            steps.add(step("re-sync, 1% of students removed", d.id(), clever, sync));

            ImportReport first = steps.get(0).result().report();
            assertThat(first.status()).as("%s", first).isEqualTo(RunStatus.APPLIED);
            assertThat(first.counts().users().added()).isEqualTo(USERS);
            assertThat(first.counts().classes().added()).isEqualTo(sections);
            assertThat(first.counts().enrollments().added()).isEqualTo(sections * 75L + sections);
            ImportReport unchanged = steps.get(1).result().report();
            assertThat(unchanged.status()).isEqualTo(RunStatus.APPLIED);
            assertThat(unchanged.counts().users().unchanged()).isEqualTo(USERS);
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

    private Step step(String name, String district, CleverStandIn clever, CleverStandInSync sync) {
        clever.resetCounts();
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long since = jdbc.sql("select txid_current()").query(Long.class).single();
        var result = sync.run(district, clever);
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        ImportReport r = result.report();
        long deleted = r.counts().classes().removed() + r.counts().enrollments().removed();
        return new Step(name, result, clever.servingTime(), clever.requestCount(), clever.bytesServed(), written(district, since) + deleted, peak);
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
        out.append("| sync | status | wall s | pull s | of which stand-in serving s | connector + COPY s | compare + apply s | requests | pages "
                + "| MB served | records | rows written | peak heap MB |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Step s : steps) {
            var r = s.result();
            double pull = r.pulling().toNanos() / 1e9;
            double apply = r.applying().toNanos() / 1e9;
            double serving = s.serving().toNanos() / 1e9;
            out.append(String.format(Locale.US, "| %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d | %.1f | %,d | %,d | %,d |%n", s.name(),
                    r.report().status(), pull + apply, pull, serving, pull - serving, apply, s.requests(), r.pull().pages(), s.bytes() / 1e6,
                    r.pull().records(), s.written(), s.peakHeap() >> 20));
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
