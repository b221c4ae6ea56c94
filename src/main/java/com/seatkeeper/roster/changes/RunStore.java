package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.ChangeSource;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Page;
import com.seatkeeper.shared.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code sync_runs} rows: one query and one mapper for a run; reports and problems stored as jsonb. */
@Repository
class RunStore {
    private static final String COLUMNS = """
            id, district_id, trigger, source, status, dry_run, phase, rows_read, requested_by, requested_by_account, started_at,
            ended_at, modes, reference_columns, skipped_people, counts, licenses, problems, problems_omitted, reason, fingerprint, staged,
            pages_read, removals_held_why
            """;
    private static final TypeReference<Map<RosterKind, FileMode>> MODES = new TypeReference<>() {};
    private static final TypeReference<List<Problem>> PROBLEMS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    RunStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** A run as stored. {@code problems} is empty when read without them (lists of runs). */
    record Run(SyncRunId id, DistrictId districtId, SyncTrigger trigger, ChangeSource source, RunStatus status, boolean dryRun,
               RunPhase phase, long rowsRead, String requestedBy, UUID requestedByAccount, Instant startedAt, Instant endedAt,
               Map<RosterKind, FileMode> modes, ReferenceColumns columns, long skipped, ImportReport.Counts counts,
               ImportReport.Licenses licenses, List<Problem> problems, long problemsOmitted, String reason, String fingerprint,
               boolean staged, long pagesRead, String removalsHeldWhy) {

        FileMode mode(RosterKind kind) {
            return modes.getOrDefault(kind, FileMode.ABSENT);
        }

        ImportReport report() {
            return new ImportReport(id, districtId, trigger, status, dryRun, phase, rowsRead, counts == null ? ImportReport.Counts.NONE : counts,
                    licenses == null ? ImportReport.Licenses.NONE : licenses, problems, problemsOmitted, reason, requestedBy, startedAt, endedAt, pagesRead);
        }
    }

    /**
     * Ends a RUNNING run of the district (every district when null) whose instance stopped beating longer ago than
     * {@code staleAfter}: an upload REJECTED, a sync FAILED; nothing was applied (the apply is one transaction).
     */
    int endAbandoned(DistrictId district, Duration staleAfter) {
        Instant now = clock.instant();
        List<UUID> ids = jdbc.sql("""
                        update sync_runs set status = case when trigger = 'UPLOAD' then 'REJECTED' else 'FAILED' end, phase = 'DONE',
                               ended_at = :now, staged = false,
                               reason = 'The run stopped (the application instance running it ended) before anything was changed; '
                                        || case when trigger = 'UPLOAD' then 'upload the files again.' else 'the next sync brings every change.' end
                        where (cast(:d as uuid) is null or district_id = :d) and status = 'RUNNING' and heartbeat_at < :before
                        returning id
                        """)
                .param("d", district == null ? null : district.value()).param("now", Timestamp.from(now))
                .param("before", Timestamp.from(now.minus(staleAfter))).query(UUID.class).list();
        ids.forEach(this::deleteStaged);
        return ids.size();
    }

    /**
     * Inserts a QUEUED sync run; a DuplicateKeyException when the district has a QUEUED run already, or a NIGHTLY run
     * of the same night.
     */
    void insertQueued(SyncRunId id, DistrictId district, SyncTrigger trigger, ChangeSource source, String requestedBy, UUID account,
                      LocalDate night) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into sync_runs (id, district_id, trigger, source, status, dry_run, phase, requested_by, requested_by_account,
                                               started_at, heartbeat_at, night)
                        values (:id, :d, :trigger, :source, 'QUEUED', false, 'WAITING', :by, :account, :now, :now, :night)
                        """)
                .param("id", id.value()).param("d", district.value()).param("trigger", trigger.name()).param("source", source.name())
                .param("by", requestedBy).param("account", account).param("now", now).param("night", night).update();
    }

    /**
     * QUEUED to RUNNING (its start time becomes now); false when it is no longer QUEUED. A DuplicateKeyException when
     * another run of the district is RUNNING.
     */
    boolean begin(SyncRunId id) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                        update sync_runs set status = 'RUNNING', phase = 'PULLING', started_at = :now, heartbeat_at = :now
                        where id = :id and status = 'QUEUED'
                        """).param("id", id.value()).param("now", now).update() == 1;
    }

    /** Serializes queueing of the district's syncs until the transaction ends (an advisory lock). */
    void lockQueue(DistrictId district) {
        jdbc.sql("select count(*) from (select pg_advisory_xact_lock(hashtextextended('sync-queue:' || cast(:d as text), 0))) l")
                .param("d", district.value()).query(Long.class).single();
    }

    /** Records that the run holds back its removals (a paused district), and why. */
    void holdRemovals(SyncRunId id, String why) {
        jdbc.sql("update sync_runs set removals_held_why = :why where id = :id").param("why", why).param("id", id.value()).update();
    }

    /** The district's QUEUED or RUNNING run of a sync (or of anything, RUNNING), if any. */
    Optional<SyncRunId> queuedOrRunning(DistrictId district) {
        return jdbc.sql("select id from sync_runs where district_id = :d and status in ('QUEUED', 'RUNNING') order by status limit 1")
                .param("d", district.value()).query(UUID.class).optional().map(SyncRunId::new);
    }

    /** The district's NIGHTLY run of the night, if any. */
    Optional<SyncRunId> nightly(DistrictId district, LocalDate night) {
        return jdbc.sql("select id from sync_runs where district_id = :d and trigger = 'NIGHTLY' and night = :night")
                .param("d", district.value()).param("night", night).query(UUID.class).optional().map(SyncRunId::new);
    }

    /** Runs of the trigger the district queued or started at or after {@code since}. */
    long countSince(DistrictId district, SyncTrigger trigger, Instant since) {
        return jdbc.sql("select count(*) from sync_runs where district_id = :d and trigger = :t and started_at >= :since")
                .param("d", district.value()).param("t", trigger.name()).param("since", Timestamp.from(since)).query(Long.class).single();
    }

    /** Pages and records a RUNNING sync has read, with a heartbeat. */
    void pulling(SyncRunId id, long pages, long records) {
        jdbc.sql("""
                        update sync_runs set phase = 'PULLING', pages_read = greatest(pages_read, :pages), rows_read = greatest(rows_read, :rows),
                               heartbeat_at = :now
                        where id = :id and status = 'RUNNING'
                        """)
                .param("pages", pages).param("rows", records).param("now", Timestamp.from(clock.instant())).param("id", id.value()).update();
    }

    /** Inserts a RUNNING run; a DuplicateKeyException when the district has one already. */
    void insert(SyncRunId id, DistrictId district, SyncTrigger trigger, ChangeSource source, String requestedBy, UUID account) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into sync_runs (id, district_id, trigger, source, status, dry_run, phase, requested_by, requested_by_account,
                                               started_at, heartbeat_at)
                        values (:id, :d, :trigger, :source, 'RUNNING', false, 'RECEIVING', :by, :account, :now, :now)
                        """)
                .param("id", id.value()).param("d", district.value()).param("trigger", trigger.name()).param("source", source.name())
                .param("by", requestedBy).param("account", account).param("now", now).update();
    }

    /** Phase and rows read of a RUNNING run, with a heartbeat, in a statement of its own (auto-commit outside a transaction). */
    void progress(SyncRunId id, RunPhase phase, long rowsRead) {
        jdbc.sql("""
                        update sync_runs set phase = :phase, rows_read = greatest(rows_read, :rows), heartbeat_at = :now
                        where id = :id and status = 'RUNNING'
                        """)
                .param("phase", phase.name()).param("rows", rowsRead).param("now", Timestamp.from(clock.instant())).param("id", id.value())
                .update();
    }

    void phase(SyncRunId id, RunPhase phase) {
        jdbc.sql("update sync_runs set phase = :phase, heartbeat_at = :now where id = :id and status = 'RUNNING'")
                .param("phase", phase.name()).param("now", Timestamp.from(clock.instant())).param("id", id.value()).update();
    }

    void heartbeat(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update sync_runs set heartbeat_at = :now where id in (:ids) and status = 'RUNNING'")
                .param("now", Timestamp.from(clock.instant())).param("ids", List.copyOf(ids)).update();
    }

    void staging(SyncRunId id, Map<RosterKind, FileMode> modes, ReferenceColumns columns) {
        jdbc.sql("""
                        update sync_runs set modes = cast(:modes as jsonb), reference_columns = cast(:columns as jsonb), phase = 'READING',
                               staged = true, heartbeat_at = :now
                        where id = :id and status = 'RUNNING'
                        """)
                .param("modes", json.writeValueAsString(modes)).param("columns", json.writeValueAsString(columns))
                .param("now", Timestamp.from(clock.instant())).param("id", id.value()).update();
    }

    /** The totals of a closed staging: rows read and people skipped. */
    void staged(SyncRunId id, long rowsRead, long skipped) {
        jdbc.sql("""
                        update sync_runs set rows_read = greatest(rows_read, :rows), skipped_people = :skipped, heartbeat_at = :now
                        where id = :id
                        """)
                .param("rows", rowsRead).param("skipped", skipped).param("now", Timestamp.from(clock.instant())).param("id", id.value())
                .update();
    }

    /** Records what the producer asked for (a preview or not) and the rows it read (kept if more were reported). */
    void requested(SyncRunId id, boolean dryRun, long rowsRead) {
        jdbc.sql("update sync_runs set dry_run = :dry, rows_read = greatest(rows_read, :rows) where id = :id")
                .param("dry", dryRun).param("rows", rowsRead).param("id", id.value()).update();
    }

    /** Records how a run ended (or its new state: a PREVIEW that became HELD). */
    void end(SyncRunId id, RunStatus status, ImportReport.Counts counts, ImportReport.Licenses licenses, Problems problems, String reason,
             String fingerprint, boolean staged) {
        jdbc.sql("""
                        update sync_runs set status = :status, phase = 'DONE', ended_at = :now, heartbeat_at = :now,
                               dry_run = case :status when 'PREVIEW' then true when 'APPLIED' then false when 'HELD' then false else dry_run end, counts = cast(:counts as jsonb), licenses = cast(:licenses as jsonb),
                               problems = cast(:problems as jsonb), problems_omitted = :omitted, reason = :reason,
                               fingerprint = :fingerprint, staged = :staged
                        where id = :id
                        """)
                .param("status", status.name()).param("now", Timestamp.from(clock.instant()))
                .param("counts", json.writeValueAsString(counts == null ? ImportReport.Counts.NONE : counts))
                .param("licenses", json.writeValueAsString(licenses == null ? ImportReport.Licenses.NONE : licenses))
                .param("problems", json.writeValueAsString(problems.listed())).param("omitted", problems.omitted()).param("reason", reason)
                .param("fingerprint", fingerprint).param("staged", staged).param("id", id.value()).update();
    }

    /** Only the status and staging flag (a discard). */
    void discard(SyncRunId id) {
        jdbc.sql("update sync_runs set status = 'DISCARDED', staged = false, ended_at = :now where id = :id")
                .param("now", Timestamp.from(clock.instant())).param("id", id.value()).update();
    }

    Optional<Run> find(SyncRunId id) {
        return jdbc.sql("select " + COLUMNS + " from sync_runs where id = :id").param("id", id.value())
                .query((rs, n) -> map(rs, true)).optional();
    }

    /** The run, locked (for update) until the transaction ends, so two confirms of one run go one after the other. */
    Optional<Run> lock(SyncRunId id) {
        return jdbc.sql("select " + COLUMNS + " from sync_runs where id = :id for update").param("id", id.value())
                .query((rs, n) -> map(rs, true)).optional();
    }

    boolean running(DistrictId district) {
        return jdbc.sql("select exists (select 1 from sync_runs where district_id = :d and status = 'RUNNING')")
                .param("d", district.value()).query(Boolean.class).single();
    }

    Page<Run> page(DistrictId district, PageRequest page) {
        // a list leaves every problem out: problems_omitted then counts them all (listed ones too), so it never says "none"
        List<Run> items = jdbc.sql("select " + COLUMNS.replace("problems_omitted",
                        "problems_omitted + coalesce(jsonb_array_length(problems), 0) as problems_omitted")
                        + " from sync_runs where district_id = :d order by started_at desc, id limit :l offset :o")
                .param("d", district.value()).param("l", page.limit()).param("o", page.offset()).query((rs, n) -> map(rs, false)).list();
        long total = jdbc.sql("select count(*) from sync_runs where district_id = :d").param("d", district.value()).query(Long.class).single();
        return new Page<>(items, total);
    }

    /**
     * Refreshes the planner's statistics of the staging table after a load (its own statement, outside the apply's
     * transaction, so no lock is held while the apply runs): without them the comparison is planned for an empty table
     * and joins a million staged rows by nested loops.
     */
    void analyzeStaging(SyncRunId run) {
        jdbc.sql("analyze " + run.stagingSchema() + ".staged_rows").update();
    }

    /** The kinds of staged rows, each an unlogged partition of a run's {@code staged_rows} (others go to a default one). */
    private static final List<String> STAGED_KINDS = List.of("SCHOOL", "PERSON", "PERSON_SCHOOL", "CLASS", "ENROLLMENT", "LICENSE");

    /**
     * Creates the run's schema and its empty {@code staged_rows} (V31): the columns of the template {@code public.staged_rows},
     * partitioned by kind, each partition unlogged and without index, so that COPY only appends, every comparison step
     * scans only the rows of its kind, and dropping the run's staging is dropping its schema (no shared table is locked or
     * vacuumed). A schema left by an earlier attempt of the same run is replaced.
     */
    void createStaging(SyncRunId run) {
        String schema = run.stagingSchema();
        jdbc.sql("drop schema if exists " + schema + " cascade").update();
        jdbc.sql("create schema " + schema).update();
        jdbc.sql("create table " + schema + ".staged_rows (like public.staged_rows) partition by list (kind)").update();
        for (String kind : STAGED_KINDS) {
            jdbc.sql("create unlogged table " + schema + ".staged_" + kind.toLowerCase(java.util.Locale.ROOT) + " partition of " + schema
                    + ".staged_rows for values in ('" + kind + "')").update();
        }
        jdbc.sql("create unlogged table " + schema + ".staged_other partition of " + schema + ".staged_rows default").update();
    }

    /**
     * ANALYZE of the roster tables after an apply that wrote many rows, so that the next run's comparison is planned
     * with statistics that know the district's new roster (without them PostgreSQL estimated a district's people at one
     * row and scanned them whole per staged person: the benchmark's finding, docs/benchmarks.md).
     */
    void analyzeRoster() {
        jdbc.sql("analyze schools, users, user_schools, classes, enrollments").update();
    }

    /** Drops the staged rows of a run (and marks it unstaged). */
    void dropStaging(SyncRunId id) {
        deleteStaged(id.value());
        jdbc.sql("update sync_runs set staged = false where id = :id").param("id", id.value()).update();
    }

    /**
     * A newer run of the district was applied (or, for a sync, held): every HELD run and kept PREVIEW of the district
     * that started before it can no longer be applied — it was compared with an older snapshot, and applying it after
     * the newer one would undo what the newer one brought (a held sync confirmed after a later sync had everyone back
     * would deactivate them). HELD runs end DISCARDED with the reason; previews lose their kept rows (409
     * {@code not_previewed}).
     */
    void supersede(DistrictId district, SyncRunId newer, Instant newerStarted, String how) {
        List<UUID> held = jdbc.sql("""
                        update sync_runs set status = 'DISCARDED', staged = false, ended_at = coalesce(ended_at, :now),
                               reason = 'Superseded: run ' || cast(:newer as text) || ', started later, was ' || :how
                                        || ', so this older comparison can no longer be applied. Nothing of this run was changed.'
                        where district_id = :d and id <> :newer and status = 'HELD' and started_at <= :started
                        returning id
                        """)
                .param("d", district.value()).param("newer", newer.value()).param("how", how)
                .param("started", Timestamp.from(newerStarted)).param("now", Timestamp.from(clock.instant())).query(UUID.class).list();
        held.forEach(this::deleteStaged);
        List<UUID> previews = jdbc.sql("""
                        select id from sync_runs where district_id = :d and id <> :newer and status = 'PREVIEW' and staged
                          and started_at <= :started
                        """).param("d", district.value()).param("newer", newer.value()).param("started", Timestamp.from(newerStarted))
                .query(UUID.class).list();
        previews.forEach(id -> dropStaging(new SyncRunId(id)));
    }

    /** Drops the staging of the district's PREVIEW runs but {@code keep} (superseded by a newer preview). */
    void dropOtherPreviews(DistrictId district, SyncRunId keep) {
        List<UUID> ids = jdbc.sql("select id from sync_runs where district_id = :d and staged and status = 'PREVIEW' and id <> :keep")
                .param("d", district.value()).param("keep", keep.value()).query(UUID.class).list();
        ids.forEach(id -> dropStaging(new SyncRunId(id)));
    }

    /** Drops a run's staged rows and the comparison its preview kept (RosterApply#keep): its schema. */
    private void deleteStaged(UUID run) {
        jdbc.sql("drop schema if exists " + new SyncRunId(run).stagingSchema() + " cascade").update();
    }

    /** Drops the staging of PREVIEW runs older than {@code age} and of runs that ended without keeping it. */
    void dropExpired(Duration age) {
        // no kept comparison is older than age (plus an hour's margin, in the database's own time as roster_writes.at): the
        // roster writes before that can no longer make one stale
        jdbc.sql("delete from roster_writes where at < now() - make_interval(secs => :secs)")
                .param("secs", (double) age.plusHours(1).toSeconds()).update();
        List<UUID> ids = jdbc.sql("""
                        select id from sync_runs where staged and ((status = 'PREVIEW' and started_at < :before)
                                                                   or status in ('APPLIED', 'REJECTED', 'FAILED', 'DISCARDED'))
                        """)
                .param("before", Timestamp.from(clock.instant().minus(age))).query(UUID.class).list();
        ids.forEach(id -> dropStaging(new SyncRunId(id)));
    }

    private Map<RosterKind, FileMode> modes(String text) {
        Map<RosterKind, FileMode> modes = new EnumMap<>(RosterKind.class);
        if (text != null) {
            modes.putAll(json.readValue(text, MODES));
        }
        return modes;
    }

    /** The id of the district's RUNNING run, if any. */
    /** The district's RUNNING run whose heartbeat is newer than {@code staleAfter} (one the next start would not end). */
    Optional<SyncRunId> liveRunningId(DistrictId district, Duration staleAfter) {
        Instant before = clock.instant().minus(staleAfter);
        return jdbc.sql("select id from sync_runs where district_id = :d and status = 'RUNNING' and heartbeat_at >= :before")
                .param("d", district.value()).param("before", Timestamp.from(before))
                .query(UUID.class).optional().map(SyncRunId::new);
    }

    Optional<SyncRunId> runningId(DistrictId district) {
        return jdbc.sql("select id from sync_runs where district_id = :d and status = 'RUNNING'").param("d", district.value())
                .query(UUID.class).optional().map(SyncRunId::new);
    }

    private Run map(ResultSet rs, boolean withProblems) throws SQLException {
        String modes = rs.getString("modes");
        String columns = rs.getString("reference_columns");
        String counts = rs.getString("counts");
        String licenses = rs.getString("licenses");
        String problems = withProblems ? rs.getString("problems") : null;
        Timestamp ended = rs.getTimestamp("ended_at");
        return new Run(new SyncRunId(rs.getObject("id", UUID.class)), new DistrictId(rs.getObject("district_id", UUID.class)),
                SyncTrigger.valueOf(rs.getString("trigger")), ChangeSource.valueOf(rs.getString("source")),
                RunStatus.valueOf(rs.getString("status")), rs.getBoolean("dry_run"), RunPhase.valueOf(rs.getString("phase")),
                rs.getLong("rows_read"), rs.getString("requested_by"), rs.getObject("requested_by_account", UUID.class),
                rs.getTimestamp("started_at").toInstant(), ended == null ? null : ended.toInstant(),
                modes(modes),
                columns == null ? null : json.readValue(columns, ReferenceColumns.class), rs.getLong("skipped_people"),
                counts == null ? null : json.readValue(counts, ImportReport.Counts.class),
                licenses == null ? null : json.readValue(licenses, ImportReport.Licenses.class),
                problems == null ? List.of() : json.readValue(problems, PROBLEMS), rs.getLong("problems_omitted"), rs.getString("reason"),
                rs.getString("fingerprint"), rs.getBoolean("staged"), rs.getLong("pages_read"),
                rs.getString("removals_held_why"));
    }
}
