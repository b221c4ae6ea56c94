package com.seatkeeper.bench;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The million-student roster import (issue 9 §6), in one run against the server as a separate JVM with
 * {@code -Xmx512m} ({@link ServerJvm}) and its embedded PostgreSQL (durable):
 * <ol type="a">
 * <li>baseline: the same rows written with raw {@code COPY} into the roster tables of an empty district
 * ({@link RosterCopyBaseline}; its rows stay, so the import shares the tables with another district of the same size);
 * <li>the full import through the API into another empty district: the OneRoster 1.1 set ({@link OneRosterFiles}),
 * previewed (one upload), then the preview applied ({@code POST /api/v1/sync-runs/{runId}/apply}, no second upload);
 * <li>the same files again (preview, and apply of the preview): wall time, and the roster rows written, from
 * {@code pg_stat_user_tables} and from the rows' {@code xmin} (target 0);
 * <li>a delta removing 1% of the students, all of whom hold a license (given first with set-based SQL): target under
 * 10 s; their seats must be released by the same apply.
 * </ol>
 * It reports wall times, rows per second, the server's heap per phase (from its GC log) and the ratios (b)/(a) and
 * (c)/(b), with the machine, to {@code target/import-benchmark-results.md} and standard output. It asserts what the
 * imports must do (status, counts, the database's rows, no rows written by (c), seats released by (d)), never timings.
 *
 * <p>{@code -Dbench.people} sets the size (default 1,000,000; everything else scales with it), {@code -Dbench.zip=false}
 * uploads the CSV files as separate parts instead of one zip, {@code -Dbench.heap} the server's maximum heap (default
 * 512m), {@code -Dbench.serverArgs} more server arguments (space-separated), {@code -Dbench.work} the directory of the
 * generated files and the server's data (default {@code target/import-bench}; the files are reused when complete),
 * {@code -Dbench.reimportPreview=false} applies (c) without previewing it first, {@code -Dbench.previewOnly=true} runs
 * only (a) and the preview of (b).
 */
@Tag("bench")
class RosterImportBenchmark {
    static final int PEOPLE = Integer.getInteger("bench.people", 1_000_000);
    static final boolean ZIP = Boolean.parseBoolean(System.getProperty("bench.zip", "true"));
    static final String HEAP = System.getProperty("bench.heap", "512m");
    static final Path WORK = Path.of(System.getProperty("bench.work", "target/import-bench")).toAbsolutePath();
    /** Whether (c) previews before it applies, as (b) does; {@code -Dbench.reimportPreview=false} saves the time of one upload. */
    static final boolean REIMPORT_PREVIEW = Boolean.parseBoolean(System.getProperty("bench.reimportPreview", "true"));
    /** Only (a) and the preview of (b), e.g. to see a large upload's time and heap when the whole run would take too long. */
    static final boolean PREVIEW_ONLY = Boolean.parseBoolean(System.getProperty("bench.previewOnly", "false"));
    static final List<String> ROSTER_TABLES = List.of("schools", "users", "user_schools", "classes", "enrollments");

    private final RosterShape shape = new RosterShape(PEOPLE);
    private final Map<String, String> notes = new LinkedHashMap<>();

    /** One measured step: what, wall time, rows it handled, the server's heap meanwhile. */
    record Step(String name, double seconds, long rows, ServerJvm.Heap heap, String outcome, String runId) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    @Test
    void millionStudentRosterImport() throws Exception {
        String loadBefore = loadAverage();
        Instant started = Instant.now();
        long g0 = System.nanoTime();
        OneRosterFiles generator = new OneRosterFiles(shape);
        List<Path> bulkCsv = generator.bulk(WORK.resolve("data/bulk-" + PEOPLE));
        List<Path> deltaCsv = generator.delta(WORK.resolve("data/delta-" + PEOPLE));
        List<Path> bulk = ZIP ? List.of(OneRosterFiles.zip(bulkCsv, WORK.resolve("data/bulk-" + PEOPLE + ".zip"))) : bulkCsv;
        List<Path> delta = ZIP ? List.of(OneRosterFiles.zip(deltaCsv, WORK.resolve("data/delta-" + PEOPLE + ".zip"))) : deltaCsv;
        notes.put("files", String.format("generated (or reused) in %.1f s: bulk %s (%s as CSV), delta %s (%s as CSV)",
                (System.nanoTime() - g0) / 1e9, ZIP ? "zip " + mb(bulk) : "CSV files", mb(bulkCsv), ZIP ? "zip " + mb(delta) : "CSV files",
                mb(deltaCsv)));

        deleteRecursively(WORK.resolve("server"));
        List<String> serverArgs = serverArgs();
        try (ServerJvm server = ServerJvm.start(WORK.resolve("server"), HEAP, Fixtures.ADMIN, serverArgs)) {
            notes.put("server", "separate JVM, -Xmx" + HEAP + ", embedded PostgreSQL with fsync=on; arguments " + serverArgs);
            List<Step> steps = new ArrayList<>();
            try {
                run(server, bulk, delta, steps);
            } finally {
                report(steps, started, loadBefore, loadAverage(), server); // also what was measured before a failure
            }
            assertThat(server.alive()).as("the server survived with -Xmx" + HEAP).isTrue();
        }
    }

    private void run(ServerJvm server, List<Path> bulk, List<Path> delta, List<Step> steps) throws Exception {
        Http http = new Http(server.port);
        Fixtures fx = new Fixtures(http);
        ImportUpload uploads = new ImportUpload(server.port, Fixtures.ADMIN);
        try (Connection db = DriverManager.getConnection(server.jdbcUrl(), "postgres", "")) {
            steps.add(baseline(server, http, db));
            String district = emptyDistrict(http, "Maplewood Unified School District");
            Step preview = upload(server, uploads, district, bulk, true, "(b) full import: preview", "PREVIEW");
            steps.add(preview);
            if (PREVIEW_ONLY) {
                return;
            }
            steps.add(applyPreview(server, uploads, preview, "(b) full import: apply of the preview", "APPLIED"));
            checkRoster(db, district, shape.people());

            Map<String, long[]> before = tupleStats(db);
            long xid = currentXid(db);
            if (REIMPORT_PREVIEW) {
                Step again = upload(server, uploads, district, bulk, true, "(c) unchanged re-import: preview", "PREVIEW");
                steps.add(again);
                steps.add(applyPreview(server, uploads, again, "(c) unchanged re-import: apply of the preview", "APPLIED"));
            } else {
                steps.add(upload(server, uploads, district, bulk, false, "(c) unchanged re-import: apply", "APPLIED"));
            }
            Thread.sleep(12_000); // backends report their table statistics when idle, at most every 10 s
            notes.put("c-written", writtenBetween(before, tupleStats(db)));
            notes.put("c-xmin", rowsNewerThan(db, district, xid));

            String pool = licenseRemovedStudents(fx, db, district);
            steps.add(upload(server, uploads, district, delta, false, "(d) delta removing 1% of students (license holders)", "APPLIED"));
            checkDelta(db, district, pool);
            checkRoster(db, district, shape.people() - shape.removedStudents());
        }
    }

    // ---------------------------------------------------------------- (a)

    private Step baseline(ServerJvm server, Http http, Connection db) throws Exception {
        String district = emptyDistrict(http, "Baseline District");
        long mark = server.gcMark();
        var outcome = new RosterCopyBaseline(shape, UUID.fromString(district)).copy(server.jdbcUrl(), "postgres");
        ServerJvm.Heap heap = server.heapSince(mark);
        checkRoster(db, district, shape.people());
        StringBuilder tables = new StringBuilder();
        outcome.tables().forEach((t, v) -> tables.append(String.format("%s %,d rows in %.1f s; ", t, v[0], v[1] / 1e3)));
        notes.put("a-tables", tables + "commit " + outcome.commitMillis() + " ms");
        long v0 = System.nanoTime();
        vacuum(db);
        notes.put("a-after", String.format("the baseline's rows stay (the import shares the tables with another district of "
                + "%,d people, as in production); tables vacuumed in %.1f s (not measured)", shape.people(), (System.nanoTime() - v0) / 1e9));
        return new Step("(a) baseline: raw COPY of the same rows (+ " + String.format("%,d", outcome.tables().get("user_schools")[0])
                + " user_schools rows)", outcome.wallNanos() / 1e9, inputRows(), heap, "committed", null);
    }

    /** Vacuums and analyzes the roster tables (after the baseline, not measured): the state autovacuum would reach. */
    private static void vacuum(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            for (String table : ROSTER_TABLES) {
                s.execute("vacuum analyze " + table);
            }
        }
    }

    // ---------------------------------------------------------------- (b), (c), (d)

    private Step upload(ServerJvm server, ImportUpload uploads, String district, List<Path> files, boolean dryRun, String name,
                        String expected) throws Exception {
        long mark = server.gcMark();
        ImportUpload.Answer a = uploads.upload(district, dryRun, files);
        ServerJvm.Heap heap = server.heapSince(mark);
        assertThat(server.alive()).as("the server is still running after %s (-Xmx%s); its log:%n%s", name, HEAP,
                ServerJvm.tail(WORK.resolve("server/server.log"))).isTrue();
        assertThat(a.status()).as("%s: %s", name, a.brief()).isEqualTo(200);
        assertThat(a.status("status")).as("%s: %s", name, a.brief()).isEqualTo(expected);
        notes.put(name, counts(a));
        long rows = name.startsWith("(d)") ? shape.removedStudents() + removedEnrollments() : inputRows();
        return new Step(name, a.seconds(), rows, heap, a.status("status") + ": " + counts(a), a.status("id"));
    }

    /** Applies a previewed upload through {@code POST /api/v1/sync-runs/{runId}/apply}: no second upload. */
    private Step applyPreview(ServerJvm server, ImportUpload uploads, Step preview, String name, String expected) throws Exception {
        long mark = server.gcMark();
        ImportUpload.Answer a = uploads.applyPreview(preview.runId());
        ServerJvm.Heap heap = server.heapSince(mark);
        assertThat(server.alive()).as("the server is still running after %s (-Xmx%s); its log:%n%s", name, HEAP,
                ServerJvm.tail(WORK.resolve("server/server.log"))).isTrue();
        assertThat(a.status()).as("%s: %s", name, a.brief()).isEqualTo(200);
        assertThat(a.status("status")).as("%s: %s", name, a.brief()).isEqualTo(expected);
        notes.put(name, counts(a));
        return new Step(name, a.seconds(), inputRows(), heap, a.status("status") + ": " + counts(a), a.status("id"));
    }

    private static String counts(ImportUpload.Answer a) {
        StringBuilder s = new StringBuilder();
        for (String kind : List.of("users", "classes", "enrollments", "schools")) {
            s.append(String.format("%s +%d ~%d -%d =%d; ", kind, a.count(kind, "added"), a.count(kind, "updated"), a.count(kind, "removed"),
                    a.count(kind, "unchanged")));
        }
        s.append(String.format("adopted %d, reactivated %d, skipped %d; licenses released %d", a.count("users", "adopted"),
                a.count("users", "reactivated"), a.count("users", "skipped"), a.licenses("released")));
        return s.toString();
    }

    /** Gives every {@value RosterShape#LICENSED_EVERY}th student a seat of a new student pool (set-based SQL, with ledger rows). */
    private String licenseRemovedStudents(Fixtures fx, Connection db, String district) throws SQLException {
        int licensed = shape.licensedStudents();
        var pool = fx.aPool(new Fixtures.District(district, null), fx.aProduct(), "STUDENT", licensed + 1_000,
                LocalDate.now().minusDays(30), LocalDate.now().plusDays(300));
        long t0 = System.nanoTime();
        db.setAutoCommit(false);
        try (PreparedStatement seats = db.prepareStatement("""
                with p as (select id, district_id, product_id from license_pools where id = ?),
                chosen as (
                    select u.id from users u
                    where u.district_id = (select district_id from p) and u.role = 'STUDENT'
                      and (substr(u.sourced_id, 5)::int - 1 - ?) % ? = 0
                ),
                a as (
                    insert into assignments (id, district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by)
                    select gen_random_uuid(), p.district_id, p.id, p.product_id, 'STUDENT', chosen.id, now(), 'benchmark set-up'
                    from p, chosen
                    returning district_id, pool_id, user_id
                )
                insert into seat_ledger (district_id, pool_id, action, user_id, assigned_delta, seats_delta, actor, source, occurred_at)
                select district_id, pool_id, 'ASSIGNED', user_id, 1, 0, 'benchmark set-up', 'MANUAL', now() from a""")) {
            seats.setObject(1, UUID.fromString(pool.id()));
            seats.setInt(2, shape.firstStudent());
            seats.setInt(3, RosterShape.LICENSED_EVERY);
            assertThat(seats.executeUpdate()).as("seats given").isEqualTo(licensed);
        }
        db.commit();
        db.setAutoCommit(true);
        notes.put("d-setup", String.format("%,d students (every %dth, among them every removed one) given a seat of a pool of %,d seats in %.1f s",
                licensed, RosterShape.LICENSED_EVERY, licensed + 1_000, (System.nanoTime() - t0) / 1e9));
        return pool.id();
    }

    private void checkDelta(Connection db, String district, String pool) throws SQLException {
        long removed = shape.removedStudents();
        assertThat(count(db, "select count(*) from users where district_id = ? and role = 'STUDENT' and status = 'INACTIVE'", district))
                .as("students set inactive by the delta").isEqualTo(removed);
        assertThat(count(db, "select count(*) from assignments a join users u on u.id = a.user_id where a.district_id = ? "
                + "and a.released_at is null and u.status = 'INACTIVE'", district)).as("seats still held by removed students").isZero();
        long assigned = count(db, "select assigned from license_pools where district_id = ?", district);
        assertThat(assigned).as("the pool's count after the delta").isEqualTo(shape.licensedStudents() - removed);
        long released = count(db, "select count(*) from seat_ledger where district_id = ? and assigned_delta = -1", district);
        assertThat(released).as("ledger rows of released seats").isEqualTo(removed);
        notes.put("d-check", String.format("%,d students inactive, %,d seats released with as many ledger rows (reason e.g. \"%s\"), "
                + "pool %s now %,d assigned", removed, released, ledgerReason(db, district), pool, assigned));
    }

    private static String ledgerReason(Connection db, String district) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("select action || ': ' || coalesce(reason, '') from seat_ledger "
                + "where district_id = ? and assigned_delta = -1 limit 1")) {
            s.setObject(1, UUID.fromString(district));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : "none";
            }
        }
    }

    // ---------------------------------------------------------------- database checks

    /** The district holds the shape's roster: schools, active people, classes, enrollments (the delta's removed ones gone). */
    private void checkRoster(Connection db, String district, long activePeople) throws SQLException {
        long removedEnrollments = activePeople == shape.people() ? 0 : removedEnrollments();
        assertThat(count(db, "select count(*) from schools where district_id = ?", district)).as("schools").isEqualTo(shape.schools());
        assertThat(count(db, "select count(*) from users where district_id = ? and status = 'ACTIVE'", district)).as("active people")
                .isEqualTo(activePeople);
        assertThat(count(db, "select count(*) from classes where district_id = ?", district)).as("classes").isEqualTo(shape.classes());
        assertThat(count(db, "select count(*) from enrollments where district_id = ?", district)).as("enrollments")
                .isEqualTo(shape.enrollments() - removedEnrollments);
        assertThat(count(db, "select count(*) from user_schools where district_id = ?", district)).as("people's schools")
                .isEqualTo(shape.people() - RosterShape.DISTRICT_ADMINS + (shape.teachers() + 9) / 10);
    }

    private long removedEnrollments() {
        long n = 0;
        for (int s = 0; s < shape.students(); s += RosterShape.REMOVED_EVERY) {
            n += RosterShape.CLASSES_PER_STUDENT + (s < shape.fourthClassStudents() ? 1 : 0);
        }
        return n;
    }

    private static long count(Connection db, String sql, String district) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(district));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Map<String, long[]> tupleStats(Connection db) throws SQLException {
        Map<String, long[]> stats = new LinkedHashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables
                where schemaname = 'public' and relname in ('schools', 'users', 'user_schools', 'classes', 'enrollments')
                order by relname""")) {
            while (rs.next()) {
                stats.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
            }
        }
        return stats;
    }

    private static String writtenBetween(Map<String, long[]> before, Map<String, long[]> after) {
        StringBuilder s = new StringBuilder();
        long total = 0;
        for (var e : after.entrySet()) {
            long[] b = before.get(e.getKey());
            long ins = e.getValue()[0] - b[0];
            long upd = e.getValue()[1] - b[1];
            long del = e.getValue()[2] - b[2];
            total += ins + upd + del;
            s.append(String.format("%s %d/%d/%d; ", e.getKey(), ins, upd, del));
        }
        return "**" + total + " rows written** (inserted/updated/deleted per table: " + s.toString().trim() + ")";
    }

    private static long currentXid(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select txid_current()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Rows of the district written by a transaction that began after {@code xid} (a fresh cluster: no wraparound). */
    private static String rowsNewerThan(Connection db, String district, long xid) throws SQLException {
        StringBuilder s = new StringBuilder();
        long total = 0;
        for (String table : ROSTER_TABLES) {
            try (PreparedStatement q = db.prepareStatement("select count(*) from " + table + " where district_id = ? and xmin::text::bigint > ?")) {
                q.setObject(1, UUID.fromString(district));
                q.setLong(2, xid);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    total += rs.getLong(1);
                    s.append(table).append(' ').append(rs.getLong(1)).append("; ");
                }
            }
        }
        return "**" + total + " rows** of the district with an xmin newer than the re-import's start (" + s.toString().trim() + ")";
    }

    private static String emptyDistrict(Http http, String name) {
        var r = http.post("/api/v1/districts", Fixtures.ADMIN, map("name", name + " " + UUID.randomUUID().toString().substring(0, 6),
                "rosteringSource", "MANUAL", "timezone", "America/Chicago"));
        assertThat(r.status()).as("district: %s", r).isEqualTo(201);
        return r.text("id");
    }

    // ---------------------------------------------------------------- report

    private long inputRows() {
        return shape.schools() + shape.people() + shape.classes() + shape.enrollments();
    }

    private void report(List<Step> steps, Instant started, String loadBefore, String loadAfter, ServerJvm server) throws IOException {
        StringBuilder md = new StringBuilder("# Roster import benchmark (issue 9 §6)\n\n");
        machine().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("- run: ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(" – ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append("; load average (1, 5, 15 min) at the start ").append(loadBefore).append(", at the end ").append(loadAfter).append('\n');
        md.append(String.format("- district: %,d people (%,d students, %,d teachers, %,d administrators), %,d schools, %,d classes, "
                        + "%,d enrollments; %,d input rows (schools + people + classes + enrollments)%n", shape.people(), shape.students(),
                shape.teachers(), shape.admins(), shape.schools(), shape.classes(), shape.enrollments(), inputRows()));
        notes.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n| step | wall (s) | rows | rows/s | server heap: most used before a GC / most live after one / GCs (full) | outcome |\n");
        md.append("| --- | ---: | ---: | ---: | --- | --- |\n");
        for (Step s : steps) {
            ServerJvm.Heap h = s.heap();
            String heap = h.collections() == 0 ? "no collection" : String.format("%d MB / %d MB / %d (%d)", h.peakUsedMb(), h.peakLiveMb(),
                    h.collections(), h.fullCollections());
            md.append(String.format("| %s | %.1f | %,d | %,.0f | %s | %s |%n", s.name(), s.seconds(), s.rows(), s.rowsPerSecond(), heap,
                    s.outcome()));
        }
        if (PREVIEW_ONLY && steps.size() == 2) {
            md.append(String.format("%n(b) preview / (a): **%.2f** (only these two steps were run: -Dbench.previewOnly=true)%n",
                    steps.get(1).seconds() / steps.get(0).seconds()));
        } else if (steps.size() == (REIMPORT_PREVIEW ? 6 : 5)) {
            ratios(md, steps);
        } else {
            md.append("\n**The run stopped after ").append(steps.size()).append(" steps** (see the test's failure).\n");
        }
        ServerJvm.Heap all = server.heapSince(0);
        md.append(String.format("%nServer heap over the whole run, start-up included (-Xmx%s): at most %d MB used before a collection, at most %d MB live after "
                + "one, %d collections of which %d full; heap committed at most %d MB.%n", server.heap, all.peakUsedMb(), all.peakLiveMb(),
                all.collections(), all.fullCollections(), all.committedMb()));
        Path file = Path.of(System.getProperty("bench.results", "target/import-benchmark-results.md"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md.toString());
        System.out.println();
        System.out.println(md);
    }

    private static void ratios(StringBuilder md, List<Step> steps) {
        double a = seconds(steps, "(a)");
        double bApply = seconds(steps, "(b) full import: apply");
        double b = seconds(steps, "(b) full import: preview") + bApply;
        double cApply = seconds(steps, "(c) unchanged re-import: apply");
        double c = seconds(steps, "(c) unchanged re-import: preview") + cApply;
        md.append(String.format("%n| ratio | value | target |%n| --- | ---: | --- |%n"));
        md.append(String.format("| (b) preview + apply / (a) | **%.2f** | at most 2 |%n", b / a));
        md.append(String.format("| (b) apply alone / (a) | %.2f | |%n", bApply / a));
        if (REIMPORT_PREVIEW) {
            md.append(String.format("| (c) preview + apply / (b) preview + apply | **%.2f** | at most 0.5 |%n", c / b));
        }
        md.append(String.format("| (c) apply / (b) apply | %.2f | |%n", cApply / bApply));
        md.append(String.format("| (d) delta apply (s) | **%.1f** | under 10 s |%n", seconds(steps, "(d)")));
    }

    /** The wall time of the step whose name starts so (0 when there was none). */
    private static double seconds(List<Step> steps, String name) {
        return steps.stream().filter(s -> s.name().startsWith(name)).mapToDouble(Step::seconds).sum();
    }

    private List<String> serverArgs() {
        String extra = System.getProperty("bench.serverArgs", "").trim();
        // the delta releases about 9,600 licenses, over the deletion guard's default of 1,000 (it would be HELD for a
        // district admin to confirm): the benchmark measures the apply itself
        List<String> args = new ArrayList<>(List.of("--logging.level.root=WARN", "--logging.level.com.seatkeeper=INFO",
                "--seatkeeper.roster.removal-guard-licenses=" + 10 * PEOPLE));
        if (!extra.isEmpty()) {
            args.addAll(Arrays.asList(extra.split("\\s+")));
        }
        return args;
    }

    private static String mb(List<Path> files) {
        try {
            return String.format("%.1f MB", ImportUpload.bytes(files) / 1e6);
        } catch (IOException e) {
            return "?";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        m.put("cores (nproc)", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("memory", String.format("%.1f GiB", Long.parseLong(procLine("/proc/meminfo", "MemTotal").replaceAll("[^0-9]", "")) / 1024.0 / 1024));
        m.put("CPU", procLine("/proc/cpuinfo", "model name"));
        m.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return m;
    }

    private static String procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
