package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The set-based comparison and apply of one staged run, inside the caller's transaction (which commits it, or rolls it
 * back for a preview, a held run or a failure). Every statement works on all rows of a kind at once; nothing loops over
 * people in Java.
 *
 * <p>Steps: (1) serialize with the district's other applies ({@code pg_advisory_xact_lock}); (2) match the staged rows
 * with the district's rows into temporary tables ({@code m_school}, {@code m_user}, {@code m_class}, {@code t_*} targets,
 * {@code x_*} removals) — by sourcedId within the district and source, else a school of the same name or a person created
 * by hand with the same email (adoption); (3) check references, duplicates, emails and enrollment roles
 * ({@link RosterChecks}); with an error, stop before writing; (4) lock the people that will change in id order
 * ({@code for no key update}, the console's person-then-pool order); (5) write: inserts, updates only where
 * {@code IS DISTINCT FROM} finds a difference, removals per file mode; (6) seat effects through {@link RosterSeatEffects}.
 */
@Component
class RosterApply {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final RosterChecks checks;

    /** Set while a preview's comparison runs: its tables are created in the run's kept schema instead of as temporary tables. */
    private static final ThreadLocal<Boolean> KEEPING = ThreadLocal.withInitial(() -> false);
    private static final java.util.regex.Pattern TEMP_TABLE = java.util.regex.Pattern.compile("create temp table (\\w+) on commit drop");

    private final String workMem;
    private final DataSource dataSource;

    /**
     * From this many new rows of a kind on, the apply inserts them with {@code COPY} ({@link #insertNew}) rather than
     * {@code INSERT … SELECT}: at a million people the latter took 2–2.5 times as long as COPY of the same rows into the
     * same indexed tables (one heap insert and WAL record per tuple; COPY inserts a page's worth at a time), while at a
     * hundred thousand the two were level (docs/benchmarks.md, issue 9 §6). {@code seatkeeper.roster.copy-from-rows},
     * default 50,000 (tests set 1 to take the COPY path with a small roster).
     */
    private final long copyFromRows;

    /**
     * {@code seatkeeper.roster.work-mem} (PostgreSQL units, default {@code 256MB}): the {@code work_mem} of a compare or
     * apply transaction, set for that transaction only ({@code set_config(..., true)}). The comparison hashes and sorts the
     * whole snapshot (a million people, three million enrollments); with the server's usual few MB per operation those
     * spill to disk in many batches (issue 9 §6: the checks took 14 times as long for 10 times the people). One run per
     * district at a time, so a few concurrent runs at most: size it to what the database server can give them.
     */
    RosterApply(JdbcClient jdbc, DataSource dataSource, Clock clock, RosterChecks checks,
                @org.springframework.beans.factory.annotation.Value("${seatkeeper.roster.work-mem:256MB}") String workMem,
                @org.springframework.beans.factory.annotation.Value("${seatkeeper.roster.copy-from-rows:50000}") long copyFromRows) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
        this.checks = checks;
        this.workMem = workMem;
        this.copyFromRows = copyFromRows;
    }

    /**
     * Every statement of the comparison and the write: while a preview keeps its comparison, its temporary tables become
     * unlogged tables of the kept schema (first on the search path).
     */
    private JdbcClient.StatementSpec sql(String text) {
        return jdbc.sql(KEEPING.get() ? TEMP_TABLE.matcher(text).replaceAll("create unlogged table $1") : text);
    }

    /** The run's schema: its staged rows, and a preview's kept comparison ({@link SyncRunId#stagingSchema()}). */
    static String keptSchema(SyncRunId run) {
        return run.stagingSchema();
    }

    /**
     * Puts the run's schema first on the search path for the rest of the transaction: {@code staged_rows} is then the
     * run's own table (and a kept comparison's tables are found), everything else the public one.
     */
    void useRunSchema(SyncRunId run) {
        jdbc.sql("select set_config('search_path', :path, true)").param("path", run.stagingSchema() + ", public").query(String.class).single();
    }

    /**
     * Starts keeping this transaction's comparison (a preview, issue 9 §6) in the run's schema: records the snapshot the
     * comparison starts from. {@link #compare} then makes its tables unlogged tables of that schema instead of temporary
     * ones; they stay when the transaction commits (a preview rolls its writes back to a savepoint and commits), and are
     * dropped with the run's staging ({@link RunStore#dropStaging}).
     */
    void keep(SyncRunId run) {
        jdbc.sql("create unlogged table " + run.stagingSchema() + ".kept as select pg_current_snapshot() as snapshot").update();
    }

    /**
     * Uses a preview's kept comparison for its Apply when it is still true: the schema and its snapshot row are there (an
     * unlogged table is emptied by a crash: then compare again) and no transaction the preview could not see has written
     * the district's roster since ({@code roster_writes}, V30). Then puts the schema first on the search path (the write
     * reads its tables) and returns true; else false (compare again). Call it after taking the district's apply lock
     * ({@link #lockDistrict}).
     */
    boolean useKept(RunStore.Run run) {
        String schema = keptSchema(run.id());
        boolean exists = jdbc.sql("select to_regclass(:t) is not null").param("t", schema + ".kept").query(Boolean.class).single();
        if (!exists) {
            return false;
        }
        boolean fresh = jdbc.sql("""
                        select exists (select 1 from %s.kept k
                                       where not exists (select 1 from roster_writes w
                                                         where w.district_id = :d and not pg_visible_in_snapshot(w.xid, k.snapshot)))
                        """.formatted(schema)).param("d", run.districtId().value()).query(Boolean.class).single();
        if (fresh) {
            useRunSchema(run.id());
        }
        return fresh;
    }

    /**
     * Serializes this transaction with the district's other compares and applies ({@code pg_advisory_xact_lock}) and gives
     * it the engine's {@code work_mem}.
     */
    void lockDistrict(RunStore.Run run) {
        jdbc.sql("select count(*) from (select pg_advisory_xact_lock(hashtextextended('roster-changes:' || cast(:d as text), 0))) locked")
                .param("d", run.districtId().value()).query(Long.class).single();
        jdbc.sql("select set_config('work_mem', :mem, true)").param("mem", workMem).query(String.class).single();
    }

    /** What an apply did (or would do): counts, seat impact, the change set's fingerprint and the deletion guard's numbers. */
    record Result(ImportReport.Counts counts, ImportReport.Licenses licenses, String fingerprint, long deactivated, long activeBefore,
                  List<Problem> leftWithout) {}

    /** The people whose seats may change and the licenses asked for, handed to licensing after the roster is written. */
    record SeatWork(List<UserId> changedPeople, List<RosterSeatEffects.LicenseRequest> requests) {}

    /**
     * Matches and checks the run; adds the problems found. Returns false (nothing written) when there are errors.
     * Must run in a transaction: the temporary tables live until it ends.
     */
    boolean compare(RunStore.Run run, Problems problems, StepTimes times, boolean keep) {
        Map<String, Object> p = params(run);
        times.time("lock", () -> lockDistrict(run));
        useRunSchema(run.id());
        if (keep) {
            times.time("keep", () -> keep(run.id()));
        }
        KEEPING.set(keep);
        try {
            times.time("schools", () -> matchSchools(run, p));
            times.time("users", () -> matchUsers(run, p));
            times.time("classes", () -> matchClasses(run, p));
            times.time("enrollments", () -> matchEnrollments(run, p));
        } finally {
            KEEPING.remove();
        }
        checks.check(run, p, problems, times);
        return !problems.hasErrors();
    }

    /**
     * The change set's fingerprint: equal for two comparisons that would make the same changes to the same rows. One line
     * per change (new rows by sourcedId, as their ids are drawn anew each time), folded without order or memory growth: the
     * count and two sums of 64-bit hashes, then md5 of those. A changed row's line carries its values before the change as
     * well as after: a hand edit between a preview and its Apply of a value the upload also sets changes the fingerprint,
     * so the Apply stops as stale instead of overwriting the edit unseen (the preview showed other values being replaced).
     */
    String fingerprint() {
        return sql("""
                        select md5(count(*) || ':' || coalesce(sum(hashtextextended(x, 0)), 0) || ':' || coalesce(sum(hashtextextended(x, 1)), 0))
                        from (
                          select concat_ws('|', 'S', m.sourced_id, case when not m.is_new then m.id end, m.name, m.adopted, m.reactivated,
                                           sc.name, sc.source, sc.sourced_id, sc.status) as x
                            from m_school m left join schools sc on sc.id = m.id and not m.is_new where m.is_new or m.changed
                          union all
                          select concat_ws('|', 'U', m.sourced_id, case when not m.is_new then m.id end, m.given_name, m.family_name, m.email,
                                           m.role, m.active, m.adopted, m.reactivated, m.grade,
                                           u.given_name, u.family_name, u.email, u.role, u.status, u.grade, u.source, u.sourced_id)
                            from m_user m left join users u on u.id = m.id and not m.is_new where m.is_new or m.changed
                          union all select concat_ws('|', 'US+', user_key, school_key) from t_user_school_add
                          union all select concat_ws('|', 'US-', user_id, school_id) from x_user_school
                          union all select concat_ws('|', 'R', id) from x_user
                          union all
                          select concat_ws('|', 'C', m.sourced_id, case when not m.is_new then m.id end, m.name, m.course, m.term, m.school_key,
                                           c.name, c.course, c.term, c.school_id)
                            from m_class m left join classes c on c.id = m.id and not m.is_new where m.is_new or m.changed
                          union all select concat_ws('|', 'RC', id) from x_class
                          union all select concat_ws('|', 'E', t.class_key, t.user_key, t.role, e.role) from t_enrollment t
                            left join enrollments e on e.class_id = t.class_id and e.user_id = t.user_id and t.changed where t.is_new or t.changed
                          union all select concat_ws('|', 'RE', class_id, user_id) from x_enrollment
                        ) change_set
                        """).query(String.class).single();
    }

    /**
     * Writes the compared changes, then hands the seat work to licensing (releases for the people whose status, role or
     * schools changed; the requested licenses); returns what was done, with the given fingerprint of the change set.
     *
     * <p>A {@code preview} (rolled back by the caller) computes the counts by reading the match tables and writes only what
     * the seat effects need to see: the existing people who change (their status, role and schools: work proportional to
     * the change) and the new schools they join; the new people and their schools too when the run asks for licenses
     * (template product codes); and everything, as an apply does, when the district has auto-assign rules (they may name
     * classes, courses and grades). Its report equals the apply's (RosterPreviewTest).
     */
    Result write(RunStore.Run run, String fingerprint, RosterSeatEffects seats, String reason, boolean preview, StepTimes times) {
        Map<String, Object> p = params(run);
        applySettings(p);
        long activeBefore = times.time("counts", () -> sql("select count(*) from users where district_id = :d and status = 'ACTIVE'")
                .params(p).query(Long.class).single());
        ImportReport.Counts before = times.time("counts", () -> countsBeforeWrite(run));
        long deactivated = times.time("counts", () -> sql("""
                        select (select count(*) from x_user)
                             + (select count(*) from m_user m join users u on u.id = m.id where not m.is_new and u.status = 'ACTIVE' and not m.active)
                        """).query(Long.class).single());
        times.time("removals", () -> removals(run, p));
        boolean everything = !preview || seats.hasAutoAssignRules(run.districtId());
        boolean newPeople = everything || asksForLicenses(p);
        times.time("lock people", this::lockPeople);
        times.time("write schools", () -> writeSchools(p, newPeople));
        times.time("write users", () -> writeUsers(p, newPeople));
        long removedEnrollments = times.time("write classes and enrollments",
                () -> everything ? writeEnrollmentsAndClasses(p) : count("x_enrollment_out"));
        long removedSchools = times.time("retire schools", () -> everything ? retireSchools() : count("x_school"));
        ImportReport.Counts counts = withRemovals(before, removedEnrollments, removedSchools);
        SeatOutcome seat = times.time("seats", () -> seatEffects(run, p, seats, reason, everything));
        return new Result(counts, seat.licenses(), fingerprint, deactivated, activeBefore, seat.leftWithout());
    }

    /** What licensing did to seats: the licenses' counts and who was left without one. */
    private record SeatOutcome(ImportReport.Licenses licenses, List<Problem> leftWithout) {}

    /**
     * The seat effects, after the roster is written: releases for the people whose status, role or schools changed, the
     * requested licenses, then the auto-assign rules of the district's pools (issue 10), when {@code autoAssign}: a preview
     * that did not write the new people has nothing to auto-assign (the district has no rules).
     */
    private SeatOutcome seatEffects(RunStore.Run run, Map<String, Object> p, RosterSeatEffects seats, String reason, boolean autoAssign) {
        SeatWork work = seatWork(p);
        long released = work.changedPeople().isEmpty() ? 0
                : seats.releaseAfterApply(run.districtId(), work.changedPeople(), run.source(), run.requestedBy(), reason);
        RosterSeatEffects.Assigned assigned = work.requests().isEmpty() ? RosterSeatEffects.Assigned.NONE
                : seats.assignRequested(run.districtId(), work.requests(), run.source(), run.requestedBy());
        RosterSeatEffects.Assigned auto = autoAssign ? seats.autoAssign(run.districtId(), run.source(), run.requestedBy())
                : RosterSeatEffects.Assigned.NONE;
        ImportReport.Licenses given = assigned.licenses();
        ImportReport.Licenses byRule = auto.licenses();
        List<ImportReport.ShortPool> shortPools = new ArrayList<>(given.shortPools());
        shortPools.addAll(byRule.shortPools());
        ImportReport.Licenses licenses = new ImportReport.Licenses(released, given.assigned() + byRule.assigned(),
                given.leftWithout() + byRule.leftWithout(), shortPools);
        List<Problem> without = new ArrayList<>(leftWithout(p, assigned.leftWithout()));
        without.addAll(leftWithoutByRule(auto.leftWithout()));
        return new SeatOutcome(licenses, without);
    }

    /**
     * One WARNING {@code left_without_license} per pool whose auto-assign rules matched more people than it had seats
     * for: how many were left waiting, and what to do.
     */
    private static List<Problem> leftWithoutByRule(List<RosterSeatEffects.LeftWithout> without) {
        Map<String, Long> byPool = new java.util.LinkedHashMap<>();
        for (RosterSeatEffects.LeftWithout w : without) {
            byPool.merge(w.productCode() + "|" + (w.poolId() == null ? "" : w.poolId().toString()), 1L, Long::sum);
        }
        List<Problem> problems = new ArrayList<>();
        byPool.forEach((key, n) -> {
            String code = key.substring(0, key.indexOf('|'));
            String pool = key.substring(key.indexOf('|') + 1);
            problems.add(new Problem(null, null, null, Severity.WARNING, "left_without_license",
                    n + (n == 1 ? " person matches" : " people match") + " an auto-assign rule of " + code
                            + (pool.isEmpty() ? "" : " (pool " + pool + ")") + " but " + (n == 1 ? "was" : "were")
                            + " left without a license: the pool has no seat left. Add seats or free some; they wait and get one at "
                            + "the next sync or upload."));
        });
        return problems;
    }

    private boolean asksForLicenses(Map<String, Object> p) {
        return sql("select exists (select 1 from staged_rows where run_id = :run and kind = 'LICENSE')").params(p)
                .query(Boolean.class).single();
    }

    private long count(String matchTable) {
        return sql("select count(*) from " + matchTable).query(Long.class).single();
    }

    /**
     * What the apply removes besides people and classes, decided before anything is written (so that a preview counts it
     * by reading): {@code x_unfit}, the enrollments people who change no longer fit (of the other kind than their new
     * role, or in classes of schools they leave); {@code x_enrollment_out}, every enrollment removed (absent, of a removed
     * class, or unfit) unless the snapshot keeps it; {@code x_school}, the schools retired: removed by this run (in bulk,
     * this source's schools absent from the snapshot; in a delta, those staged as deletions) with no active person and no
     * class left in them once the run is applied; none while the run's removals are held (a paused district).
     */
    private void removals(RunStore.Run run, Map<String, Object> p) {
        sql("""
                        create temp table x_unfit on commit drop as
                        select e.class_id, e.user_id from enrollments e join m_user m on m.id = e.user_id and not m.is_new and m.seats_changed
                        join classes c on c.id = e.class_id
                        where e.role <> case when m.role = 'STUDENT' then 'STUDENT' else 'TEACHER' end
                           or exists (select 1 from x_user_school x where x.user_id = m.id and x.school_id = c.school_id)
                        """).update();
        sql("""
                        create temp table x_enrollment_out on commit drop as
                        select g.class_id, g.user_id from (select class_id, user_id from x_enrollment union select class_id, user_id from x_unfit) g
                        where not exists (select 1 from t_enrollment t where t.class_id = g.class_id and t.user_id = g.user_id
                                          and not exists (select 1 from x_class x where x.id = g.class_id))
                        """).update();
        // a school's people after the apply: its memberships not removed, with each person's status after (the snapshot's,
        // inactive if removed, else as now), and the memberships added for active people of the snapshot
        sql("""
                        create temp table x_school on commit drop as
                        select sc.id from schools sc
                        where :retire and sc.district_id = :d and sc.source = :src and sc.status = 'ACTIVE' and sc.sourced_id is not null
                          and not exists (select 1 from m_school m where m.id = sc.id)
                          and ((:bulk and not exists (select 1 from m_school m where m.sourced_id = sc.sourced_id))
                               or exists (select 1 from staged_rows st where st.run_id = :run and st.kind = 'DELETE_SCHOOLS'
                                          and st.sourced_id = sc.sourced_id))
                          and not exists (select 1 from user_schools us join users u on u.id = us.user_id left join m_user m on m.id = u.id
                                          where us.school_id = sc.id
                                            and not exists (select 1 from x_user_school x where x.user_id = us.user_id and x.school_id = sc.id)
                                            and case when m.id is not null then m.active
                                                     else u.status = 'ACTIVE' and not exists (select 1 from x_user x where x.id = u.id) end)
                          and not exists (select 1 from t_user_school_add a join m_user m on m.id = a.user_id where a.school_id = sc.id and m.active)
                          and not exists (select 1 from classes c where c.school_id = sc.id and not exists (select 1 from x_class x where x.id = c.id)
                                          and not exists (select 1 from m_class m where m.id = c.id))
                          and not exists (select 1 from m_class m where m.school_id = sc.id)
                        """).params(p).param("bulk", run.mode(RosterKind.SCHOOLS) == FileMode.BULK)
                .param("retire", run.removalsHeldWhy() == null).update();
    }

    /**
     * One WARNING {@code left_without_license} per person left without a requested license, on the row that asked for
     * it (its file and line), naming the product code and the pool that was short (or that no pool fits them).
     */
    private List<Problem> leftWithout(Map<String, Object> p, List<RosterSeatEffects.LeftWithout> without) {
        if (without.isEmpty()) {
            return List.of();
        }
        record Row(RowAt at, String name) {}
        Map<String, Row> rows = new java.util.HashMap<>();
        sql("""
                        select ru.id, st.name as code, st.file, st.line, coalesce(m.given_name || ' ' || m.family_name, u.given_name || ' '
                               || u.family_name, st.ref) || ' (' || st.ref || ')' as who
                        from staged_rows st join r_user ru on ru.sourced_id = st.ref
                        left join m_user m on m.id = ru.id left join users u on u.id = ru.id
                        where st.run_id = :run and st.kind = 'LICENSE' and st.name is not null
                        order by st.file, st.line
                        """).params(p)
                .query(rs -> {
                    rows.putIfAbsent(rs.getObject("id", UUID.class) + "|" + rs.getString("code"),
                            new Row(new RowAt(rs.getString("file"), rs.getLong("line")), rs.getString("who")));
                });
        List<Problem> problems = new ArrayList<>();
        for (RosterSeatEffects.LeftWithout w : without) {
            Row row = rows.get(w.userId().value() + "|" + w.productCode());
            String who = row == null ? "A person" : row.name();
            String why = w.poolId() == null
                    ? "no pool of " + w.productCode() + " current today fits them (their role or school). Add a pool that fits, then assign it."
                    : "pool " + w.poolId() + " of " + w.productCode() + " has no seat left. Add seats to the pool or free one, then assign it.";
            String message = who + " was left without a license of " + w.productCode() + ": " + why;
            problems.add(row == null ? new Problem(null, null, null, Severity.WARNING, "left_without_license", message)
                    : Problem.warning(row.at(), null, "left_without_license", message));
        }
        return problems;
    }

    /**
     * Holds back every removal of the compared run (a paused district): nobody is set inactive, no class or enrollment
     * is removed, no school retired (the write skips retiring for a run with {@code removalsHeldWhy}). Returns the
     * WARNING {@code removals_held} saying what was held and why, or empty when nothing would have been removed.
     */
    java.util.Optional<Problem> holdRemovals(String why) {
        var held = sql("""
                        select (select count(*) from x_user) as people, (select count(*) from x_class) as classes,
                               (select count(*) from x_enrollment) as enrollments
                        """).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        sql("truncate x_user, x_class, x_enrollment").update();
        if (held[0] + held[1] + held[2] == 0) {
            return java.util.Optional.empty();
        }
        String reason = why.strip().endsWith(".") ? why.strip() : why.strip() + ".";
        return java.util.Optional.of(new Problem(null, null, null, Severity.WARNING, "removals_held",
                "Nothing was removed: " + reason + " Held back: " + RosterChanges.count(held[0], "person", "people") + ", "
                        + RosterChanges.count(held[1], "class", "classes") + " and " + RosterChanges.count(held[2], "enrollment", "enrollments")
                        + " no longer in the source stay as they are (people keep their licenses); the first sync after the pause "
                        + "removes them."));
    }

    /**
     * The people matched by email to a person of the same source whose sourcedId left the snapshot (a new Clever id
     * after an email change), for the report's warnings: same person, same licenses, new sourcedId. Before the write.
     */
    List<Problem> resourced() {
        return sql("""
                        select m.file, m.line, m.given_name, m.family_name, m.sourced_id, u.sourced_id as old_id
                        from m_user m join users u on u.id = m.id
                        where m.adopted and u.source <> 'MANUAL' and u.sourced_id is distinct from m.sourced_id
                        order by m.file, m.line limit :n
                        """).param("n", Problems.LISTED)
                .query((rs, n) -> Problem.warning(new RowAt(rs.getString("file"), rs.getLong("line")), "sourcedId", "sourced_id_changed",
                        rs.getString("given_name") + " " + rs.getString("family_name") + " now has the id " + rs.getString("sourced_id")
                                + " (was " + rs.getString("old_id") + "); matched by email, so they stay the same person with the same "
                                + "licenses and sign-in."))
                .list();
    }

    /** The people who were reactivated, with where they came from, for the report's warnings. */
    List<Problem> reactivated() {
        return sql("select file, line, given_name, family_name, sourced_id from m_user where reactivated order by file, line limit :n")
                .param("n", Problems.LISTED)
                .query((rs, n) -> Problem.warning(new RowAt(rs.getString("file"), rs.getLong("line")), "status", "reactivated",
                        rs.getString("given_name") + " " + rs.getString("family_name") + " (" + rs.getString("sourced_id")
                                + ") was inactive and is active again. Licenses they held before are not given back: assign them again if "
                                + "they need them."))
                .list();
    }

    private Map<String, Object> params(RunStore.Run run) {
        return Map.of("run", run.id().value(), "d", run.districtId().value(), "src", run.source().name(),
                "now", Timestamp.from(clock.instant()));
    }

    private static boolean keepsExisting(RunStore.Run run, RosterKind kind) {
        return run.mode(kind) != FileMode.BULK;
    }

    private static boolean given(RunStore.Run run, RosterKind kind) {
        return run.mode(kind) != FileMode.ABSENT;
    }

    /**
     * Creates {@code table} ({@code columns}: sourced_id and id first), what a reference of this run to a row of
     * {@code roster} resolves to: the snapshot's rows ({@code match}), and, when the kind is not given in bulk, the
     * district's rows of this source that the staged rows of {@code namingKinds} name in their column {@code namedBy}
     * (only those: a delta costs what it names, not what the district has; {@code more}: a further condition on the
     * roster row {@code r}). Indexed by sourcedId, with statistics.
     */
    private void resolved(String table, String match, String roster, String columns, String namingKinds, String namedBy, String more,
                          RunStore.Run run, RosterKind kind, Map<String, Object> p) {
        String select = Arrays.stream(columns.split(",\\s*")).map(c -> "r." + c).collect(Collectors.joining(", "));
        sql("""
                        create temp table %1$s on commit drop as
                        select %3$s from %2$s
                        union all
                        select %4$s
                        from (select distinct %7$s as sourced_id from staged_rows
                              where run_id = :run and kind in (%6$s) and %7$s is not null) named
                        join %5$s r on r.district_id = :d and r.source = :src and r.sourced_id is not null and r.sourced_id = named.sourced_id
                        where :keep and not exists (select 1 from %2$s m where m.id = r.id)
                          and not exists (select 1 from %2$s m where m.sourced_id = r.sourced_id) %8$s
                        """.formatted(table, match, columns, select, roster, namingKinds, namedBy, more))
                .params(p).param("keep", keepsExisting(run, kind)).update();
        sql("create index on " + table + " (sourced_id)").update();
        sql("analyze " + table).update();
    }

    /**
     * Creates {@code table} (ids), the rows of {@code roster} this run removes: in bulk, this source's rows of the district
     * absent from the snapshot ({@code match}; an anti-join), in a delta those staged as {@code deleteKind} (a join from
     * the staged rows, so proportional to the delta); never a row the snapshot keeps. {@code more}: a further condition on
     * the roster row {@code r}.
     */
    private void removed(String table, String roster, String match, String deleteKind, String more, RunStore.Run run, RosterKind kind,
                         Map<String, Object> p) {
        sql("""
                        create temp table %1$s on commit drop as
                        select r.id from %2$s r
                        where :bulk and r.district_id = :d and r.source = :src and r.sourced_id is not null %5$s
                          and not exists (select 1 from %3$s m where m.sourced_id = r.sourced_id)
                          and not exists (select 1 from %3$s m where m.id = r.id)
                        union all
                        select distinct r.id from staged_rows st
                        join %2$s r on r.district_id = :d and r.source = :src and r.sourced_id is not null and r.sourced_id = st.sourced_id
                        where not :bulk and st.run_id = :run and st.kind = '%4$s' %5$s
                          and not exists (select 1 from %3$s m where m.id = r.id)
                        """.formatted(table, roster, match, deleteKind, more))
                .params(p).param("bulk", run.mode(kind) == FileMode.BULK).update();
        sql("create unique index on " + table + " (id)").update();
        sql("analyze " + table).update();
    }

    private void matchSchools(RunStore.Run run, Map<String, Object> p) {
        sql("""
                        create temp table m_school on commit drop as
                        select st.sourced_id, st.name, st.file, st.line, sc.id, sc.id is null as is_new, false as adopted,
                               coalesce(sc.status = 'INACTIVE', false) as reactivated, false as changed, st.sourced_id as school_key
                        from (select distinct on (sourced_id) * from staged_rows
                              where run_id = :run and kind = 'SCHOOL' and :given order by sourced_id, file, line) st
                        left join schools sc on sc.district_id = :d and sc.source = :src and sc.sourced_id is not null and sc.sourced_id = st.sourced_id
                        """).params(p).param("given", given(run, RosterKind.SCHOOLS)).update();
        // a school without a sourcedId match: an existing school of the same name (names are unique ignoring case, V19) is adopted
        sql("""
                        update m_school m set id = sc.id, is_new = false, adopted = true, reactivated = sc.status = 'INACTIVE'
                        from schools sc
                        where m.is_new and sc.district_id = :d and lower(sc.name) = lower(m.name)
                          and not exists (select 1 from m_school o where o.id = sc.id)
                        """).params(p).update();
        sql("update m_school set id = gen_random_uuid() where is_new").update();
        sql("""
                        update m_school m set changed = m.adopted or m.reactivated or sc.name is distinct from m.name
                        from schools sc where sc.id = m.id and not m.is_new
                        """).update();
        sql("analyze m_school").update();
        resolved("r_school", "m_school", "schools", "sourced_id, id", "'PERSON_SCHOOL', 'CLASS'", "ref", "", run, RosterKind.SCHOOLS, p);
    }

    private void matchUsers(RunStore.Run run, Map<String, Object> p) {
        sql("""
                        create temp table m_user on commit drop as
                        select st.sourced_id, st.role, coalesce(st.active, true) as active, st.given_name, st.family_name, st.email,
                               st.name as grade, st.file, st.line, coalesce(u.id, gen_random_uuid()) as id, u.id is null as is_new,
                               false as adopted,
                               u.id is not null and u.status = 'INACTIVE' and coalesce(st.active, true) as reactivated,
                               u.id is not null and (u.given_name is distinct from st.given_name or u.family_name is distinct from st.family_name
                                 or u.email is distinct from st.email or u.role is distinct from st.role or u.grade is distinct from st.name
                                 or u.status is distinct from (case when coalesce(st.active, true) then 'ACTIVE' else 'INACTIVE' end)) as changed,
                               false as schools_changed,
                               u.id is not null and (u.role is distinct from st.role
                                 or u.status is distinct from (case when coalesce(st.active, true) then 'ACTIVE' else 'INACTIVE' end)) as seats_changed
                        from (select distinct on (sourced_id) * from staged_rows
                              where run_id = :run and kind = 'PERSON' and :given order by sourced_id, file, line) st
                        left join users u on u.district_id = :d and u.source = :src and u.sourced_id is not null and u.sourced_id = st.sourced_id
                        """).params(p).param("given", given(run, RosterKind.USERS)).update();
        // a person without a sourcedId match: one created by hand with the same email (ignoring case) is adopted
        sql("""
                        update m_user m set id = u.id, is_new = false, adopted = true
                        from users u
                        where m.is_new and m.email is not null and u.district_id = :d and u.source = 'MANUAL' and u.email is not null
                          and lower(u.email) = lower(m.email)
                        """).params(p).update();
        // a person whose sourcedId changed (Clever gives a new id after an email change): in a sync's full (bulk) snapshot,
        // the person of this source with the same email whose own sourcedId is no longer in the snapshot is the same
        // person. Not for uploads: there a file bringing another person's email is an error (duplicate_email).
        // In a delta (a sync reading changes only), the old id must be deleted in the same run (Clever's users.deleted and
        // users.created of one email change).
        sql("""
                        update m_user m set id = u.id, is_new = false, adopted = true
                        from users u
                        where :src <> 'UPLOAD' and m.is_new and m.email is not null and u.district_id = :d and u.source = :src
                          and u.sourced_id is not null and u.email is not null and lower(u.email) = lower(m.email)
                          and not exists (select 1 from staged_rows st where st.run_id = :run and st.kind = 'PERSON'
                                          and st.sourced_id = u.sourced_id)
                          and (:bulk or exists (select 1 from staged_rows st where st.run_id = :run and st.kind = 'DELETE_USERS'
                                                and st.sourced_id = u.sourced_id))
                        """).params(p).param("bulk", run.mode(RosterKind.USERS) == FileMode.BULK).update();
        // the people matched by sourcedId got their id and flags as the table was made (no pass over every row again); an
        // adopted person is changed (they now carry the sourcedId), never reactivated, and their seats change with their
        // role or status
        sql("""
                        update m_user m set reactivated = false, changed = true,
                          seats_changed = u.role is distinct from m.role
                                 or u.status is distinct from (case when m.active then 'ACTIVE' else 'INACTIVE' end)
                        from users u where u.id = m.id and m.adopted""").update();
        sql("create unique index on m_user (id)").update();
        sql("create index on m_user (sourced_id)").update();
        // a person's schools in the snapshot; the key names the school as the snapshot does (for the fingerprint)
        sql("""
                        create temp table t_user_school on commit drop as
                        select distinct on (m.id, coalesce(rs.id, sc.id)) m.id as user_id, coalesce(rs.id, sc.id) as school_id,
                               m.sourced_id as user_key, coalesce(st.ref, cast(st.ref_id as text)) as school_key
                        from staged_rows st
                        join m_user m on m.sourced_id = st.sourced_id
                        left join r_school rs on rs.sourced_id = st.ref
                        left join schools sc on sc.id = st.ref_id and sc.district_id = :d
                        where st.run_id = :run and st.kind = 'PERSON_SCHOOL' and coalesce(rs.id, sc.id) is not null
                        """).params(p).update();
        sql("""
                        create temp table t_user_school_add on commit drop as
                        select t.* from t_user_school t
                        where not exists (select 1 from user_schools us where us.user_id = t.user_id and us.school_id = t.school_id)
                        """).update();
        sql("""
                        create temp table x_user_school on commit drop as
                        select us.user_id, us.school_id from user_schools us join m_user m on m.id = us.user_id and not m.is_new
                        where not exists (select 1 from t_user_school t where t.user_id = us.user_id and t.school_id = us.school_id)
                        """).update();
        sql("""
                        update m_user m set schools_changed = true, seats_changed = true
                        where not m.is_new and (exists (select 1 from t_user_school_add a where a.user_id = m.id)
                                                or exists (select 1 from x_user_school x where x.user_id = m.id))
                        """).update();
        sql("analyze m_user").update();
        // people this run removes (set inactive); people created by hand have source MANUAL and are never among them
        removed("x_user", "users", "m_user", "DELETE_USERS", "and r.status = 'ACTIVE'", run, RosterKind.USERS, p);
        resolved("r_user", "m_user", "users", "sourced_id, id, role", "'ENROLLMENT', 'LICENSE', 'DELETE_ENROLLMENTS'", "ref", "", run,
                RosterKind.USERS, p);
    }

    private void matchClasses(RunStore.Run run, Map<String, Object> p) {
        sql("""
                        create temp table m_class on commit drop as
                        select st.sourced_id, st.name, st.course, st.term, st.file, st.line, coalesce(c.id, gen_random_uuid()) as id,
                               c.id is null as is_new,
                               c.id is not null and (c.name is distinct from st.name or c.course is distinct from st.course
                                 or c.term is distinct from st.term or c.school_id is distinct from coalesce(rs.id, sc.id)) as changed,
                               coalesce(rs.id, sc.id) as school_id, coalesce(st.ref, cast(st.ref_id as text)) as school_key
                        from (select distinct on (sourced_id) * from staged_rows
                              where run_id = :run and kind = 'CLASS' and :given order by sourced_id, file, line) st
                        left join classes c on c.district_id = :d and c.source = :src and c.sourced_id is not null and c.sourced_id = st.sourced_id
                        left join r_school rs on rs.sourced_id = st.ref
                        left join schools sc on sc.id = st.ref_id and sc.district_id = :d
                        """).params(p).param("given", given(run, RosterKind.CLASSES)).update();
        // x_class below probes m_class per class of the district (by id and by sourcedId): indexed, with statistics
        sql("create index on m_class (id)").update();
        sql("create index on m_class (sourced_id)").update();
        sql("analyze m_class").update();
        removed("x_class", "classes", "m_class", "DELETE_CLASSES", "", run, RosterKind.CLASSES, p);
        resolved("r_class", "m_class", "classes", "sourced_id, id", "'ENROLLMENT'", "sourced_id",
                "and not exists (select 1 from x_class x where x.id = r.id)", run, RosterKind.CLASSES, p);
    }

    private void matchEnrollments(RunStore.Run run, Map<String, Object> p) {
        // the staged enrollments with their class and person resolved, in one pass over them (a million-person district
        // stages three million): t_enrollment below and every enrollment check (RosterChecks) read this table instead of
        // joining the staged rows with r_class and r_user again each (issue 9 §6)
        sql("""
                        create temp table s_enrollment on commit drop as
                        select st.sourced_id, st.ref, st.role, st.file, st.line, rc.id as class_id, ru.id as user_id, ru.role as user_role
                        from staged_rows st
                        left join r_class rc on rc.sourced_id = st.sourced_id
                        left join r_user ru on ru.sourced_id = st.ref
                        where st.run_id = :run and st.kind = 'ENROLLMENT'
                        """).params(p).update();
        sql("""
                        create temp table t_enrollment on commit drop as
                        select distinct on (s.class_id, s.user_id) s.class_id, s.user_id, s.role, s.sourced_id as class_key,
                               s.ref as user_key, e.role is null as is_new, e.role is not null and e.role <> s.role as changed
                        from s_enrollment s
                        left join enrollments e on e.class_id = s.class_id and e.user_id = s.user_id
                        where s.class_id is not null and s.user_id is not null and :given
                        order by s.class_id, s.user_id, s.file, s.line
                        """).params(p).param("given", given(run, RosterKind.ENROLLMENTS)).update();
        // x_enrollment below probes t_enrollment once per enrollment of the district: an index keeps that n log n
        sql("create index on t_enrollment (class_id, user_id)").update();
        sql("analyze t_enrollment").update();
        // enrollments this run removes: those of removed classes; in bulk, those of this source's classes absent from the
        // snapshot (an anti-join); in a delta, those staged as deletions (found from the staged rows). Classes created by hand
        // keep theirs. Three branches rather than one OR, so that each is a join PostgreSQL can plan as such.
        sql("""
                        create temp table x_enrollment on commit drop as
                        select e.class_id, e.user_id from x_class x join enrollments e on e.class_id = x.id
                        union all
                        select e.class_id, e.user_id from classes c join enrollments e on e.class_id = c.id
                        where :bulk and c.district_id = :d and c.source = :src
                          and not exists (select 1 from x_class x where x.id = c.id)
                          and not exists (select 1 from t_enrollment t where t.class_id = e.class_id and t.user_id = e.user_id)
                        union all
                        select distinct e.class_id, e.user_id from staged_rows st
                        join classes c on c.district_id = :d and c.source = :src and c.sourced_id is not null and c.sourced_id = st.sourced_id
                        join r_user ru on ru.sourced_id = st.ref
                        join enrollments e on e.class_id = c.id and e.user_id = ru.id
                        where not :bulk and st.run_id = :run and st.kind = 'DELETE_ENROLLMENTS'
                          and not exists (select 1 from x_class x where x.id = c.id)
                        """).params(p).param("bulk", run.mode(RosterKind.ENROLLMENTS) == FileMode.BULK).update();
        sql("analyze x_enrollment").update();
    }

    private ImportReport.Counts countsBeforeWrite(RunStore.Run run) {
        return sql("""
                        select
                          (select count(*) from m_user where is_new) as u_added,
                          (select count(*) from m_user where not is_new and not adopted and not reactivated and (changed or schools_changed)) as u_updated,
                          (select count(*) from x_user) as u_removed,
                          (select count(*) from m_user where not is_new and not changed and not schools_changed) as u_unchanged,
                          (select count(*) from m_user where adopted) as u_adopted,
                          (select count(*) from m_user where reactivated) as u_reactivated,
                          (select count(*) from m_class where is_new) as c_added,
                          (select count(*) from m_class where not is_new and changed) as c_updated,
                          (select count(*) from x_class) as c_removed,
                          (select count(*) from m_class where not is_new and not changed) as c_unchanged,
                          (select count(*) from t_enrollment where is_new) as e_added,
                          (select count(*) from t_enrollment where changed) as e_updated,
                          (select count(*) from t_enrollment where not is_new and not changed) as e_unchanged,
                          (select count(*) from m_school where is_new) as s_added,
                          (select count(*) from m_school where not is_new and changed) as s_updated,
                          (select count(*) from m_school where not is_new and not changed) as s_unchanged
                        """)
                .query((rs, n) -> new ImportReport.Counts(
                        new ImportReport.UserCounts(rs.getLong("u_added"), rs.getLong("u_updated"), rs.getLong("u_removed"),
                                rs.getLong("u_unchanged"), rs.getLong("u_adopted"), rs.getLong("u_reactivated"), run.skipped()),
                        new ImportReport.KindCounts(rs.getLong("c_added"), rs.getLong("c_updated"), rs.getLong("c_removed"), rs.getLong("c_unchanged")),
                        new ImportReport.KindCounts(rs.getLong("e_added"), rs.getLong("e_updated"), 0, rs.getLong("e_unchanged")),
                        new ImportReport.KindCounts(rs.getLong("s_added"), rs.getLong("s_updated"), 0, rs.getLong("s_unchanged"))))
                .single();
    }

    private static ImportReport.Counts withRemovals(ImportReport.Counts c, long enrollments, long schools) {
        ImportReport.KindCounts e = c.enrollments();
        ImportReport.KindCounts s = c.schools();
        return new ImportReport.Counts(c.users(), c.classes(), new ImportReport.KindCounts(e.added(), e.updated(), enrollments, e.unchanged()),
                new ImportReport.KindCounts(s.added(), s.updated(), schools, s.unchanged()));
    }

    /**
     * Locks, in id order, every existing person this apply changes ({@code for no key update}, as a console seat change
     * locks its person before the pool), so that licensing can then lock pools in id order without a deadlock.
     */
    private void lockPeople() {
        sql("""
                        select u.id from users u
                        where u.id in (select id from m_user where not is_new and (changed or schools_changed) union select id from x_user)
                        order by u.id for no key update of u
                        """).query().listOfRows();
    }

    /**
     * The schools' changes; with {@code all} false (a preview) only the new schools that existing people join, as their
     * memberships are written for the seat effects.
     */
    private void writeSchools(Map<String, Object> p, boolean all) {
        sql("""
                        insert into schools (id, district_id, name, source, sourced_id, created_at, status)
                        select id, :d, name, :src, sourced_id, :now, 'ACTIVE' from m_school m
                        where is_new and (:all or exists (select 1 from t_user_school_add a join m_user u on u.id = a.user_id
                                                           where a.school_id = m.id and not u.is_new))
                        """).params(p).param("all", all).update();
        if (!all) {
            return;
        }
        sql("""
                        update schools sc set name = m.name, source = :src, sourced_id = m.sourced_id, status = 'ACTIVE'
                        from m_school m
                        where sc.id = m.id and not m.is_new and m.changed
                          and (sc.name, sc.source, sc.sourced_id, sc.status) is distinct from (m.name, :src, m.sourced_id, 'ACTIVE')
                        """).params(p).update();
    }

    /** The people's changes; the new people (and their schools) only when {@code newPeople}. */
    private void writeUsers(Map<String, Object> p, boolean newPeople) {
        if (newPeople) {
            insertNew("users (id, district_id, given_name, family_name, email, role, status, source, sourced_id, created_at, updated_at, grade)",
                    """
                            select id, %s, given_name, family_name, email, role, case when active then 'ACTIVE' else 'INACTIVE' end, %s,
                                   sourced_id, %s, %s, grade
                            from m_user where is_new
                            """.formatted(DISTRICT, SOURCE, NOW, NOW));
        }
        sql("""
                        update users u set given_name = m.given_name, family_name = m.family_name, email = m.email, role = m.role, grade = m.grade,
                               status = case when m.active then 'ACTIVE' else 'INACTIVE' end, source = :src, sourced_id = m.sourced_id,
                               updated_at = :now
                        from m_user m
                        where u.id = m.id and not m.is_new and m.changed
                        """).params(p).update();
        sql("update users u set status = 'INACTIVE', updated_at = :now where u.id in (select id from x_user)").params(p).update();
        sql("delete from user_schools us using x_user_school x where us.user_id = x.user_id and us.school_id = x.school_id").update();
        insertNew("user_schools (district_id, user_id, school_id)", """
                select %s, a.user_id, a.school_id from t_user_school_add a
                where %s or exists (select 1 from m_user m where m.id = a.user_id and not m.is_new)
                """.formatted(DISTRICT, newPeople));
    }

    /** Classes and enrollments; returns how many enrollments were removed (absent, of removed classes, or unfit). */
    private long writeEnrollmentsAndClasses(Map<String, Object> p) {
        long removed = sql("""
                        delete from enrollments e using x_enrollment_out x where e.class_id = x.class_id and e.user_id = x.user_id
                        """).update();
        sql("delete from classes c where c.id in (select id from x_class)").update();
        insertNew("classes (id, district_id, school_id, name, course, term, source, sourced_id, created_at)", """
                select id, %s, school_id, name, course, term, %s, sourced_id, %s from m_class where is_new
                """.formatted(DISTRICT, SOURCE, NOW));
        sql("""
                        update classes c set name = m.name, course = m.course, term = m.term, school_id = m.school_id
                        from m_class m where c.id = m.id and not m.is_new and m.changed
                        """).update();
        insertNew("enrollments (district_id, class_id, user_id, role)",
                "select %s, t.class_id, t.user_id, t.role from t_enrollment t where t.is_new".formatted(DISTRICT));
        sql("""
                        update enrollments e set role = t.role from t_enrollment t
                        where t.changed and e.class_id = t.class_id and e.user_id = t.user_id and e.role is distinct from t.role
                        """).update();
        return removed;
    }

    /** Sets the schools of {@code x_school} inactive; returns how many. */
    private long retireSchools() {
        return sql("update schools sc set status = 'INACTIVE' where sc.id in (select id from x_school)").update();
    }

    /** The run's values as the SQL of {@link #insertNew} reads them (set for the transaction by {@link #applySettings}). */
    private static final String DISTRICT = "current_setting('seatkeeper.apply_district')::uuid";
    private static final String SOURCE = "current_setting('seatkeeper.apply_source')";
    private static final String NOW = "current_setting('seatkeeper.apply_now')::timestamptz";

    /** Sets, for this transaction only, the district, source and time {@link #insertNew}'s SQL reads. */
    private void applySettings(Map<String, Object> p) {
        sql("""
                select set_config('seatkeeper.apply_district', :district, true), set_config('seatkeeper.apply_source', :src, true),
                       set_config('seatkeeper.apply_now', :at, true)
                """).param("district", p.get("d").toString()).param("src", p.get("src"))
                .param("at", ((Timestamp) p.get("now")).toInstant().toString()).query().singleRow();
    }

    /**
     * Inserts the rows {@code select} gives into {@code target} (a table with its column list) and returns how many:
     * fewer than {@link #copyFromRows} with {@code INSERT … SELECT}; more with {@code COPY (select) TO STDOUT} into a
     * temporary file and {@code COPY target FROM STDIN} from it, both on the transaction's own connection (so the rows are
     * part of it and roll back with it). The file (owner-only, in {@code java.io.tmpdir}) holds the new rows in COPY's text
     * format for the seconds between the two COPYs and is deleted in any case. {@code select} takes no bind parameters
     * (COPY has none): it reads the run's values from {@link #DISTRICT}, {@link #SOURCE} and {@link #NOW}.
     */
    private long insertNew(String target, String select) {
        long rows = sql("select count(*) from (" + select + ") new_rows").query(Long.class).single();
        if (rows == 0) {
            return 0;
        }
        if (rows < copyFromRows) {
            return sql("insert into " + target + " " + select).update();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Path file = null;
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            file = Files.createTempFile("seatkeeper-apply-", ".copy");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                copy.copyOut("copy (" + select + ") to stdout", out);
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                return copy.copyIn("copy " + target + " from stdin", in);
            }
        } catch (SQLException e) {
            // translated as JdbcClient's own statements are (a duplicate key is a DuplicateKeyException, ...)
            throw new org.springframework.jdbc.support.SQLStateSQLExceptionTranslator().translate("COPY into " + target, select, e);
        } catch (IOException e) {
            throw new UncheckedIOException("COPY into " + target + " through a temporary file failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the temporary directory's cleaning removes it
                }
            }
        }
    }

    private SeatWork seatWork(Map<String, Object> p) {
        List<UserId> people = sql("""
                        select id from m_user where not is_new and seats_changed union select id from x_user order by 1
                        """).query(UUID.class).list().stream().map(UserId::new).toList();
        List<RosterSeatEffects.LicenseRequest> requests = sql("""
                        select id, name from (
                          select distinct on (ru.id, st.name) ru.id, st.name, st.file, st.line
                          from staged_rows st join r_user ru on ru.sourced_id = st.ref
                          where st.run_id = :run and st.kind = 'LICENSE' and st.name is not null
                          order by ru.id, st.name, st.file, st.line) requested
                        order by file, line
                        """).params(p)
                .query((rs, n) -> new RosterSeatEffects.LicenseRequest(new UserId(rs.getObject(1, UUID.class)), rs.getString(2))).list();
        return new SeatWork(people, requests);
    }

    /** The ledger's reason for seats released by a run: "removed by upload &lt;run id&gt;" or "removed by Clever sync &lt;run id&gt;". */
    static String releaseReason(RunStore.Run run) {
        return switch (run.source()) {
            case CLEVER -> "removed by Clever sync " + run.id();
            case CLASSLINK -> "removed by ClassLink sync " + run.id();
            default -> "removed by upload " + run.id();
        };
    }
}
