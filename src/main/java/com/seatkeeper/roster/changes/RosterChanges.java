package com.seatkeeper.roster.changes;

import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.roster.ClassEditing;
import com.seatkeeper.roster.RosterRefusal;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.ChangeSource;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.ForbiddenException;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Page;
import com.seatkeeper.shared.PageRequest;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The roster-changes engine's API (issue 9 §1 and §4). A run's life: {@link #start} (sync_runs row RUNNING), then the
 * producer writes the snapshot to {@link #staging}, then {@link #complete}: references checked in SQL, the snapshot
 * compared with the district's roster, and previewed (dry run), HELD by the deletion guard, or applied all or nothing.
 * A HELD run is {@linkplain #confirm confirmed} or {@linkplain #discard discarded} by a district admin.
 *
 * <p>Settings: {@code seatkeeper.roster.removal-guard-percent} (default 10: an apply that would deactivate more than
 * this share of the district's active people is HELD), {@code seatkeeper.roster.removal-guard-licenses} (default 1000:
 * or release more licenses than this), {@code seatkeeper.roster.stale-run-after} (default 5 minutes: a RUNNING run whose
 * instance stopped beating this long is ended by the next start), {@code seatkeeper.roster.preview-kept-for} (default 24
 * hours: how long a preview's staged snapshot is kept for its Apply).
 */
@Service
public class RosterChanges {
    private static final Logger log = LoggerFactory.getLogger(RosterChanges.class);
    /**
     * An apply that wrote at least this many rows, and at least as many as the district had active people before, has the
     * roster tables analyzed after it (the next run plans with statistics that know the district's new rows). A smaller
     * change (a delta) leaves the statistics to autovacuum's analyze: it barely moves them, and analyzing a million-person
     * roster would cost it more than its own work.
     */
    static final long ANALYZE_AFTER_ROWS = 10_000;

    private final RunStore runs;
    private final RosterApply apply;
    private final Districts districts;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final ObjectProvider<RosterSeatEffects> seatEffects;
    private final int guardPercent;
    private final long guardLicenses;
    private final Duration staleAfter;
    private final Duration previewKept;
    /**
     * The runs this instance is working on, each with the moment (System.nanoTime) until which its heartbeat is kept up:
     * a producer that reports progress (or the engine completing the run) extends it; a producer that died without
     * {@link #fail} lets it lapse, so the next start can end the run.
     */
    private final Map<UUID, Long> beating = new ConcurrentHashMap<>();
    /** The problems found in the staged values of the runs this instance stages (checked by {@link StagedValues}), until completed. */
    private final Map<UUID, Problems> stagingProblems = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heart = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "roster-run-heartbeat");
        t.setDaemon(true);
        return t;
    });

    RosterChanges(RunStore runs, RosterApply apply, Districts districts, DataSource dataSource, TransactionTemplate tx,
                  ObjectProvider<RosterSeatEffects> seatEffects,
                  @Value("${seatkeeper.roster.removal-guard-percent:10}") int guardPercent,
                  @Value("${seatkeeper.roster.removal-guard-licenses:1000}") long guardLicenses,
                  @Value("${seatkeeper.roster.stale-run-after:PT5M}") Duration staleAfter,
                  @Value("${seatkeeper.roster.preview-kept-for:PT24H}") Duration previewKept) {
        this.runs = runs;
        this.apply = apply;
        this.districts = districts;
        this.dataSource = dataSource;
        this.tx = tx;
        this.seatEffects = seatEffects;
        this.guardPercent = guardPercent;
        this.guardLicenses = guardLicenses;
        this.staleAfter = staleAfter;
        this.previewKept = previewKept;
        long beat = Math.max(1, staleAfter.toSeconds() / 5);
        heart.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        heart.shutdownNow();
    }

    /**
     * Starts a run for the district. Refusals, nothing changed: 404 for a district the actor may not see; 403
     * {@code role_not_allowed} unless a district admin or the vendor admin; 409 {@code roster_read_only} for an
     * UPLOAD to a Clever or ClassLink district; 409 {@code import_in_progress} while another run of the district is
     * RUNNING (a RUNNING run whose instance stopped beating longer than {@code seatkeeper.roster.stale-run-after} ago is
     * ended REJECTED first).
     */
    public Outcome<SyncRunId> start(Actor actor, DistrictId district, SyncTrigger trigger) {
        District d = districts.get(actor, district);
        Optional<BusinessRefusal> refused = refusal(actor, d, trigger);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        runs.dropExpired(previewKept);
        runs.endAbandoned(district, staleAfter);
        SyncRunId id = new SyncRunId(UUID.randomUUID());
        try {
            runs.insert(id, district, trigger, sourceOf(trigger, d), actor.label(), actor.accountId());
        } catch (DuplicateKeyException e) {
            return Outcome.refused(new RunRefusal.ImportInProgress(runningRun(district)));
        }
        touch(id);
        return Outcome.done(id);
    }

    /**
     * The refusals {@link #start} would give now, nothing written: for a producer to refuse before it reads a large
     * input. A {@link NotFoundException} (404) for a district the actor may not see; then, in this order, 403
     * {@code role_not_allowed}, 409 {@code roster_read_only} (UPLOAD to a Clever or ClassLink district), 409
     * {@code not_connected} (a sync of a manual district), 409 {@code import_in_progress} (a RUNNING run of the district
     * that is still beating). Empty when start would go ahead (a later start can still be refused: another run may
     * begin in between).
     */
    public Optional<BusinessRefusal> check(Actor actor, DistrictId district, SyncTrigger trigger) {
        District d = districts.get(actor, district);
        return refusal(actor, d, trigger).or(() -> runs.liveRunningId(district, staleAfter)
                .map(id -> (BusinessRefusal) new RunRefusal.ImportInProgress(id.toString())));
    }

    private static Optional<BusinessRefusal> refusal(Actor actor, District d, SyncTrigger trigger) {
        Optional<RunRefusal> refused = RunPolicy.mayRun(actor);
        if (refused.isPresent()) {
            return Optional.of(refused.get());
        }
        if (trigger == SyncTrigger.UPLOAD && d.rosteringSource().isReadOnlyRoster()) {
            return Optional.of(new RosterRefusal.ReadOnly(ClassEditing.sourceName(d)));
        }
        if (trigger != SyncTrigger.UPLOAD && d.rosteringSource() == RosteringSource.MANUAL) {
            return Optional.of(new RunRefusal.NotConnected());
        }
        return Optional.empty();
    }

    /**
     * Queues a sync (NIGHTLY or SAME_DAY) of a Clever or ClassLink district: a QUEUED run, which the scheduler's job
     * later {@linkplain #begin begins}. {@code night}: the district's local date a NIGHTLY run is for (at most one NIGHTLY
     * run per district and night, kept by a unique index: a second queue of the same night is refused with 409
     * {@code sync_already_queued} naming the first), null for SAME_DAY. Refusals, nothing changed: 404 for a district the
     * actor may not see, 403 {@code role_not_allowed}, 409 {@code rostering_not_connected} (a MANUAL district), 409
     * {@code sync_already_queued} with the id of the district's QUEUED or RUNNING sync.
     */
    public Outcome<SyncRunId> queue(Actor actor, DistrictId district, SyncTrigger trigger, java.time.LocalDate night) {
        if (trigger == SyncTrigger.UPLOAD) {
            throw new IllegalArgumentException("uploads start at once (start), they are not queued");
        }
        District d = districts.get(actor, district);
        Optional<BusinessRefusal> refused = refusal(actor, d, trigger);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        runs.endAbandoned(district, staleAfter);
        SyncRunId id = new SyncRunId(UUID.randomUUID());
        try {
            return tx.execute(status -> {
                // one queue at a time per district: the check below and the insert are then one step
                runs.lockQueue(district);
                Optional<SyncRunId> there = trigger == SyncTrigger.NIGHTLY && night != null ? runs.nightly(district, night) : Optional.empty();
                there = there.or(() -> runs.queuedOrRunning(district));
                if (there.isPresent()) {
                    return Outcome.<SyncRunId>refused(new RunRefusal.SyncAlreadyQueued(there.get().toString()));
                }
                runs.insertQueued(id, district, trigger, sourceOf(trigger, d), actor.label(), actor.accountId(),
                        trigger == SyncTrigger.NIGHTLY ? night : null);
                return Outcome.done(id);
            });
        } catch (DuplicateKeyException e) {
            return Outcome.refused(new RunRefusal.SyncAlreadyQueued(runs.queuedOrRunning(district)
                    .or(() -> night == null ? Optional.empty() : runs.nightly(district, night)).map(SyncRunId::toString).orElse("unknown")));
        }
    }

    /**
     * Begins a QUEUED run (the scheduler's job, on whichever instance picked it): RUNNING with a heartbeat, ready for
     * {@link #staging}. Refused with 409 {@code import_in_progress} while another run of the district is RUNNING (an
     * upload): the job tries again later; with 409 {@code not_queued} ({@link RunRefusal.NotHeld}-like, code
     * {@code not_queued}) when the run is no longer QUEUED (another instance began it, or it was ended).
     */
    public Outcome<SyncRunId> begin(SyncRunId queued) {
        RunStore.Run r = runs.find(queued).orElseThrow(() -> new NotFoundException("run", queued));
        if (r.status() != RunStatus.QUEUED) {
            return Outcome.refused(new RunRefusal.NotQueued(r.status().name()));
        }
        runs.endAbandoned(r.districtId(), staleAfter);
        try {
            if (!runs.begin(queued)) {
                return Outcome.refused(new RunRefusal.NotQueued(runs.find(queued).map(x -> x.status().name()).orElse("gone")));
            }
        } catch (DuplicateKeyException e) {
            return Outcome.refused(new RunRefusal.ImportInProgress(runningRun(r.districtId())));
        }
        touch(queued);
        return Outcome.done(queued);
    }

    /**
     * Ends every RUNNING run, of any district, whose instance stopped beating longer ago than
     * {@code seatkeeper.roster.stale-run-after} (a sync FAILED, an upload REJECTED; nothing was applied). For a sweep
     * on the scheduler, so a run a dead instance left is ended even when no new run of its district starts. Returns how
     * many were ended.
     */
    public int endAbandonedRuns() {
        return runs.endAbandoned(null, staleAfter);
    }

    /** How many runs of the trigger the district has started at or after {@code since} (e.g. same-day syncs of a local day). */
    public long runsSince(DistrictId district, SyncTrigger trigger, java.time.Instant since) {
        return runs.countSince(district, trigger, since);
    }

    /** A sync's progress while pulling: pages and records read so far (shown live; also the run's heartbeat). */
    public void pulling(SyncRunId run, long pages, long records) {
        touch(run);
        runs.pulling(run, pages, records);
    }

    /**
     * How a run is applied beyond its file modes.
     *
     * @param holdRemovals true while the source says the district is paused (Clever's {@code state} paused or its
     *                     {@code pause_start}..{@code pause_end} covering today): nobody is set inactive, no class,
     *                     enrollment or school is removed; additions and updates are applied and the removals held back
     *                     are reported (WARNING {@code removals_held}, with {@code holdReason})
     * @param holdReason   why, in words (e.g. "Clever says the district is paused until 2026-08-15")
     */
    public record ApplyOptions(boolean holdRemovals, String holdReason) {
        public static final ApplyOptions NONE = new ApplyOptions(false, null);
    }

    /** As {@link #complete(SyncRunId, Problems, boolean)}, with {@link ApplyOptions} (a paused district). */
    public ImportReport complete(SyncRunId run, Problems producerProblems, boolean dryRun, ApplyOptions options) {
        if (options != null && options.holdRemovals()) {
            runs.holdRemovals(run, options.holdReason() == null ? "the source says the district is paused" : options.holdReason());
        }
        return complete(run, producerProblems, dryRun);
    }

    /** The staging writer of a RUNNING run, for the kinds given with their modes (kinds not named are ABSENT). */
    public RosterStaging staging(SyncRunId run, Map<RosterKind, FileMode> modes, ReferenceColumns columns) {
        RunStore.Run r = running(run);
        Map<RosterKind, FileMode> all = new EnumMap<>(RosterKind.class);
        for (RosterKind kind : RosterKind.values()) {
            all.put(kind, modes.getOrDefault(kind, FileMode.ABSENT));
        }
        ReferenceColumns c = columns == null ? ReferenceColumns.ONEROSTER : columns;
        runs.staging(run, all, c);
        runs.createStaging(run);
        touch(run);
        CopyStaging staging = new CopyStaging(dataSource, runs, run, r.districtId(), c, () -> touch(run));
        stagingProblems.put(run.value(), staging.problems());
        return staging;
    }

    /** Records a producer's phase for progress (e.g. RECEIVING while an upload is written to disk). */
    public void progress(SyncRunId run, RunPhase phase, long rowsRead) {
        touch(run);
        runs.progress(run, phase, rowsRead);
    }

    /**
     * Completes a staged run: checks references and duplicates in SQL (more problems), compares and then PREVIEW
     * ({@code dryRun}), HELD (deletion guard, {@code seatkeeper.roster.removal-guard-percent}) or APPLIED in one transaction
     * with the seat releases. With an ERROR among the producer's problems or the staged values' ({@link StagedValues}) the
     * run ends REJECTED, nothing changed, but only after the SQL checks have run too (in a transaction rolled back), so
     * that one report lists every problem of the input; a problem at a place (file, line, column) that already has an
     * ERROR is not listed twice (producers stage the rows they refused with what they could read, so references to them
     * resolve). A failure while applying rolls everything back and ends the run REJECTED with the reason. Staged rows are
     * dropped except for a HELD run's and the district's latest preview's.
     */
    public ImportReport complete(SyncRunId run, Problems producerProblems, boolean dryRun) {
        RunStore.Run r = running(run);
        beating.put(run.value(), Long.MAX_VALUE);
        try {
            runs.requested(run, dryRun, 0);
            Problems problems = new Problems();
            problems.addAll(producerProblems);
            Problems values = stagingProblems.remove(run.value());
            if (values != null) {
                problems.addAllExcept(values, refusedPlace(problems));
            }
            runs.phase(run, dryRun ? RunPhase.COMPARING : RunPhase.APPLYING);
            runs.analyzeStaging(run);
            if (problems.hasErrors()) {
                checkOnly(r, problems);
                return end(r, RunStatus.REJECTED, null, problems, rejectedReason(r, problems), null);
            }
            return execute(r, problems, dryRun ? Mode.PREVIEW : Mode.APPLY, null);
        } finally {
            beating.remove(run.value());
        }
    }

    /**
     * The whole-snapshot checks of a run that is rejected already ({@link RosterChecks}, after the comparison's match
     * tables), in a transaction rolled back: their problems are added except at a place the input's own errors name. A
     * check that fails leaves the problems as they are (the run is rejected anyway; the failure is logged).
     */
    private void checkOnly(RunStore.Run r, Problems problems) {
        Problems found = new Problems();
        problems.notReadWhole().forEach(found::notReadWhole); // the checks skip what the input could not say
        StepTimes times = new StepTimes();
        try {
            tx.execute(status -> {
                status.setRollbackOnly();
                return apply.compare(r, found, times, false);
            });
        } catch (RuntimeException e) {
            log.warn("roster run {} of district {}: the checks of a rejected run failed: {}", r.id(), r.districtId(), e.toString());
            return;
        }
        problems.addAllExcept(found, refusedPlace(problems));
    }

    /**
     * True for a problem at a place where {@code problems} lists an ERROR already: the same file, line and column, or any
     * column of a line refused as a whole (an ERROR without a column, e.g. a row with the wrong number of fields).
     */
    private static Predicate<Problem> refusedPlace(Problems problems) {
        Set<List<Object>> places = new HashSet<>();
        problems.listed().stream().filter(p -> p.severity() == Severity.ERROR && p.line() != null)
                .forEach(p -> places.add(place(p)));
        return p -> p.line() != null && (places.contains(place(p)) || places.contains(Arrays.asList(p.file(), p.line(), "")));
    }

    private static List<Object> place(Problem p) {
        return Arrays.asList(p.file(), p.line(), p.column() == null ? "" : p.column());
    }

    /**
     * Ends a RUNNING run as REJECTED (an upload) or FAILED (a sync) with the reason (the producer failed: unreadable upload, I/O error), recording what was asked ({@code dryRun}: a preview) and how many
     * rows the producer read before it stopped (kept if more were already reported).
     */
    public ImportReport fail(SyncRunId run, Problems problems, String reason, boolean dryRun, long rowsRead) {
        stagingProblems.remove(run.value());
        RunStore.Run r = running(run);
        try {
            runs.requested(run, dryRun, rowsRead);
            return end(r, r.trigger() == SyncTrigger.UPLOAD ? RunStatus.REJECTED : RunStatus.FAILED, null, problems, reason, null);
        } finally {
            beating.remove(run.value());
        }
    }

    /** Applies a HELD run: 409 {@code not_held} unless HELD; 409 {@code held_run_stale} if the roster changed since. */
    public Outcome<ImportReport> confirm(Actor actor, SyncRunId run) {
        RunStore.Run r = visible(actor, run);
        Optional<RunRefusal> refused = RunPolicy.mayRun(actor).or(() -> RunPolicy.held(r));
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        return again(r, Mode.CONFIRM);
    }

    /**
     * Applies a PREVIEW run's staged snapshot (the console's Apply after a preview, no second upload): the same as a
     * fresh apply (deletion guard included: it may end HELD), refused with 409 {@code held_run_stale} when the roster
     * changed since the preview, 409 {@code not_previewed} unless PREVIEW (with its snapshot still kept), 409
     * {@code import_in_progress} while another run of the district is RUNNING.
     */
    public Outcome<ImportReport> applyPreview(Actor actor, SyncRunId run) {
        RunStore.Run r = visible(actor, run);
        Optional<RunRefusal> refused = RunPolicy.mayRun(actor).or(() -> RunPolicy.previewed(r));
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        if (runs.running(r.districtId())) {
            return Outcome.refused(new RunRefusal.ImportInProgress(runningRun(r.districtId())));
        }
        return again(r, Mode.APPLY_PREVIEW);
    }

    /** Discards a HELD run (DISCARDED, nothing changed): 409 {@code not_held} unless HELD. */
    public Outcome<ImportReport> discard(Actor actor, SyncRunId run) {
        RunStore.Run r = visible(actor, run);
        Optional<RunRefusal> refused = RunPolicy.mayRun(actor).or(() -> RunPolicy.held(r));
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        runs.discard(run);
        runs.dropStaging(run);
        return Outcome.done(report(run));
    }

    /** A run with its report; 404 for a run of a district the actor may not see; 403 (forbidden) for other roles. */
    public ImportReport run(Actor actor, SyncRunId run) {
        return unwrap(report(actor, run));
    }

    /** A run with its report: 404 for a run of a district the actor may not see, 403 {@code role_not_allowed} for other roles. */
    public Outcome<ImportReport> report(Actor actor, SyncRunId run) {
        RunStore.Run r = visible(actor, run);
        Optional<RunRefusal> refused = RunPolicy.mayRun(actor);
        return refused.isPresent() ? Outcome.refused(refused.get()) : Outcome.done(r.report());
    }

    /** A run's status, phase and rows read, cheap enough to poll every second. */
    public ImportReport progress(Actor actor, SyncRunId run) {
        return run(actor, run);
    }

    /** The district's runs, newest first, without their problems lists. */
    public Page<ImportReport> runs(Actor actor, DistrictId district, PageRequest page) {
        return unwrap(history(actor, district, page));
    }

    /** The district's runs, newest first, without their problems: 404 for another district, 403 {@code role_not_allowed} for other roles. */
    public Outcome<Page<ImportReport>> history(Actor actor, DistrictId district, PageRequest page) {
        districts.get(actor, district);
        Optional<RunRefusal> refused = RunPolicy.mayRun(actor);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        return Outcome.done(runs.page(district, page).map(RunStore.Run::report));
    }

    private enum Mode { PREVIEW, APPLY, CONFIRM, APPLY_PREVIEW }

    /** How one attempt in a transaction ended: the status to record, or stale (nothing to record). */
    private record Attempt(RunStatus status, RosterApply.Result result, String reason, boolean stale, RunRefusal refusal) {
        Attempt(RunStatus status, RosterApply.Result result, String reason, boolean stale) {
            this(status, result, reason, stale, null);
        }

        static Attempt refused(RunRefusal refusal) {
            return new Attempt(null, null, null, false, refusal);
        }
    }

    /**
     * The codes of the problems the comparison finds (again) each time a run is compared; every other stored problem
     * came from the producer (reading the files, the provider's records) and is carried over when a kept run is applied.
     */
    private static final Set<String> COMPARISON_CODES = Set.of("duplicate_sourced_id", "duplicate_enrollment", "repeated_enrollment",
            "unknown_reference", "duplicate_email", "duplicate_school_name", "enrollment_role_mismatch", "reactivated",
            "left_without_license", "removed_by_upload", "would_be_held", "removals_held", "sourced_id_changed");

    /** The comparison codes found by the write (after the comparison): found again when a kept comparison is applied. */
    private static final Set<String> WRITE_CODES = Set.of("reactivated", "left_without_license", "removed_by_upload", "would_be_held");

    private Outcome<ImportReport> again(RunStore.Run r, Mode mode) {
        Problems problems = new Problems();
        r.problems().stream().filter(p -> !COMPARISON_CODES.contains(p.code())).forEach(problems::add);
        RunRefusal[] refused = {null};
        ImportReport report = execute(r, problems, mode, r.fingerprint(), refused);
        if (refused[0] != null) {
            return Outcome.refused(refused[0]);
        }
        return report == null ? Outcome.refused(new RunRefusal.HeldRunStale()) : Outcome.done(report);
    }

    /**
     * Compares and applies in one transaction; commits only an apply within the guard (or a confirmed one). Returns the
     * report, or null when the run was stale ({@code expected} fingerprint differs: nothing recorded).
     */
    private ImportReport execute(RunStore.Run r, Problems problems, Mode mode, String expected) {
        return execute(r, problems, mode, expected, new RunRefusal[1]);
    }

    /** As above; {@code refused[0]} is set (and null returned) when the run was no longer in the state the mode takes. */
    private ImportReport execute(RunStore.Run r, Problems problems, Mode mode, String expected, RunRefusal[] refused) {
        RosterSeatEffects seats = seatEffects.getIfAvailable(() -> NoSeatEffects.INSTANCE);
        Attempt attempt;
        StepTimes[] stepTimes = new StepTimes[2];
        long t0 = System.nanoTime();
        try {
            attempt = tx.execute(status -> {
                if (mode == Mode.CONFIRM || mode == Mode.APPLY_PREVIEW) {
                    // another request may have decided the run while this one waited for the lock: its state now decides
                    RunStore.Run now = runs.lock(r.id()).orElseThrow();
                    Optional<RunRefusal> gone = mode == Mode.CONFIRM ? RunPolicy.held(now) : RunPolicy.previewed(now);
                    if (gone.isPresent()) {
                        status.setRollbackOnly();
                        return Attempt.refused(gone.get());
                    }
                }
                StepTimes compareTimes = new StepTimes();
                StepTimes writeTimes = new StepTimes();
                stepTimes[0] = compareTimes;
                stepTimes[1] = writeTimes;
                boolean preview = mode == Mode.PREVIEW;
                String fingerprint;
                if (mode == Mode.APPLY_PREVIEW && r.fingerprint() != null && compareTimes.time("lock, kept comparison still true?", () -> {
                    apply.lockDistrict(r);
                    return apply.useKept(r);
                })) {
                    // the preview's comparison, still true: its problems stand (those of the write are found again)
                    r.problems().stream().filter(p -> COMPARISON_CODES.contains(p.code()) && !WRITE_CODES.contains(p.code()))
                            .forEach(problems::add);
                    fingerprint = r.fingerprint();
                } else {
                    if (!apply.compare(r, problems, compareTimes, preview)) {
                        status.setRollbackOnly();
                        return new Attempt(RunStatus.REJECTED, null, rejectedReason(r, problems), false);
                    }
                    if (r.removalsHeldWhy() != null) {
                        apply.holdRemovals(r.removalsHeldWhy()).ifPresent(problems::add);
                    }
                    apply.resourced().forEach(problems::add);
                    fingerprint = compareTimes.time("fingerprint", apply::fingerprint);
                    if (expected != null && !expected.equals(fingerprint)) {
                        status.setRollbackOnly();
                        return new Attempt(null, null, null, true);
                    }
                }
                // a preview keeps its comparison (committed) and rolls back what the write changes for the seat effects
                Object beforeWrite = preview ? status.createSavepoint() : null;
                RosterApply.Result result = apply.write(r, fingerprint, seats, RosterApply.releaseReason(r), preview, writeTimes);
                apply.reactivated().forEach(problems::add);
                result.leftWithout().forEach(problems::add);
                removals(r, result.counts(), preview).ifPresent(problems::add);
                Optional<String> why = mode == Mode.CONFIRM ? Optional.empty() : guard(result);
                if (preview) {
                    status.rollbackToSavepoint(beforeWrite);
                    String reason = why.map(w -> "Applying this upload would be held for a district admin to confirm: it " + w).orElse(null);
                    why.ifPresent(w -> problems.add(new Problem(null, null, null, Severity.WARNING, "would_be_held",
                            "Applying this upload would be held until a district admin confirms it: it " + w)));
                    return new Attempt(RunStatus.PREVIEW, result, reason, false);
                }
                if (why.isPresent()) {
                    status.setRollbackOnly();
                    return new Attempt(RunStatus.HELD, result, "This " + RunPolicy.what(r) + " " + why.get() + " Nothing was changed: "
                            + (r.trigger() == SyncTrigger.UPLOAD ? "check the files" : "check the people it would remove at the provider")
                            + ", then confirm the run to apply it or discard it.", false);
                }
                runs.end(r.id(), RunStatus.APPLIED, result.counts(), result.licenses(), problems, null, result.fingerprint(), false);
                return new Attempt(RunStatus.APPLIED, result, null, false);
            });
        } catch (DataAccessException e) {
            String cause = firstLine(e.getMostSpecificCause().getMessage());
            log.warn("roster run {} of district {} failed while applying: {}", r.id(), r.districtId(), cause);
            return end(r, RunStatus.REJECTED, null, problems, "The database refused a change, so nothing was changed: " + cause
                    + ". " + RunPolicy.fixIt(r), null);
        } catch (RuntimeException e) {
            log.error("roster run {} of district {} failed while applying", r.id(), r.districtId(), e);
            return end(r, RunStatus.REJECTED, null, problems, "An internal error stopped the run, so nothing was changed. Try again; "
                    + "if it happens again, tell support the run's id.", null);
        }
        if (stepTimes[0] != null) {
            log.info("roster run {} of district {} ({}): {} in {} ms; compare {}; write {}", r.id(), r.districtId(), mode,
                    attempt.status() == null ? (attempt.stale() ? "stale" : "refused") : attempt.status(),
                    (System.nanoTime() - t0) / 1_000_000, stepTimes[0], stepTimes[1]);
        }
        if (attempt.refusal() != null) {
            refused[0] = attempt.refusal();
            return null;
        }
        if (attempt.stale()) {
            return null;
        }
        RosterApply.Result result = attempt.result();
        if (attempt.status() == RunStatus.APPLIED) {
            runs.dropStaging(r.id());
            runs.supersede(r.districtId(), r.id(), r.startedAt(), "applied");
            long written = written(result.counts());
            if (written >= ANALYZE_AFTER_ROWS && written >= result.activeBefore()) {
                try {
                    runs.analyzeRoster();
                } catch (DataAccessException e) {
                    log.warn("could not analyze the roster tables after run {}: {}", r.id(), e.getMessage());
                }
            }
            return report(r.id());
        }
        return end(r, attempt.status(), result, problems, attempt.reason(), result == null ? null : result.fingerprint());
    }

    /** Rows an apply added, updated or removed, all kinds together. */
    private static long written(ImportReport.Counts c) {
        return c.users().added() + c.users().updated() + c.users().removed() + c.classes().added() + c.classes().updated()
                + c.classes().removed() + c.enrollments().added() + c.enrollments().updated() + c.enrollments().removed()
                + c.schools().added() + c.schools().updated() + c.schools().removed();
    }

    private Optional<String> guard(RosterApply.Result r) {
        return RunPolicy.guard(r.deactivated(), r.activeBefore(), r.licenses().released(), guardPercent, guardLicenses);
    }

    /**
     * A WARNING when a BULK upload removes what earlier uploads brought (people set inactive, classes removed): a file
     * left empty, or a switch from one format to another, would otherwise do it silently. Syncs are not warned about.
     */
    static Optional<Problem> removals(RunStore.Run r, ImportReport.Counts counts, boolean preview) {
        if (r.trigger() != SyncTrigger.UPLOAD || counts == null) {
            return Optional.empty();
        }
        long people = r.mode(RosterKind.USERS) == FileMode.BULK ? counts.users().removed() : 0;
        long classes = r.mode(RosterKind.CLASSES) == FileMode.BULK ? counts.classes().removed() : 0;
        if (people == 0 && classes == 0) {
            return Optional.empty();
        }
        StringBuilder m = new StringBuilder();
        if (people > 0) {
            m.append(count(people, "person", "people")).append(" from earlier uploads ").append(people == 1 ? "is" : "are")
                    .append(" not in this upload and ").append(preview ? "will be" : "were").append(" set inactive (their licenses ")
                    .append(preview ? "released" : "were released").append(")");
        }
        if (classes > 0) {
            m.append(people > 0 ? "; " : "").append(count(classes, "class", "classes")).append(" from earlier uploads ")
                    .append(classes == 1 ? "is" : "are").append(" not in this upload and ").append(preview ? "will be" : "were")
                    .append(" removed");
        }
        m.append(". A bulk upload replaces everything earlier uploads brought: if that is not what you meant, upload the complete "
                + "roster (or only the changes, as a delta).");
        return Optional.of(new Problem(null, null, null, Severity.WARNING, "removed_by_upload", m.toString()));
    }

    private ImportReport end(RunStore.Run r, RunStatus status, RosterApply.Result result, Problems problems, String reason,
                             String fingerprint) {
        boolean keep = status == RunStatus.HELD || status == RunStatus.PREVIEW;
        runs.end(r.id(), status, result == null ? null : result.counts(), result == null ? null : result.licenses(), problems, reason,
                fingerprint, keep);
        if (!keep) {
            runs.dropStaging(r.id());
        } else if (status == RunStatus.PREVIEW) {
            runs.dropOtherPreviews(r.districtId(), r.id());
        } else if (status == RunStatus.HELD && r.trigger() != SyncTrigger.UPLOAD) {
            // a newer snapshot of the provider waits for a decision: an older held one must not be applied after it
            runs.supersede(r.districtId(), r.id(), r.startedAt(), "held");
        }
        return report(r.id());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }

    private static String rejectedReason(RunStore.Run r, Problems problems) {
        return (r.trigger() == SyncTrigger.UPLOAD ? "The input has " : "The roster the provider sent has ") + count(problems.errors(), "error", "errors")
                + ", so nothing was changed. " + RunPolicy.fixIt(r);
    }

    /** A count in words with its thousands grouped, e.g. "60,021 errors" or "1 error". */
    static String count(long n, String one, String many) {
        return String.format(Locale.US, "%,d %s", n, n == 1 ? one : many);
    }

    private ImportReport report(SyncRunId run) {
        return runs.find(run).orElseThrow().report();
    }

    private RunStore.Run running(SyncRunId run) {
        RunStore.Run r = runs.find(run).orElseThrow(() -> new NotFoundException("run", run));
        if (r.status() != RunStatus.RUNNING) {
            throw new IllegalStateException("run " + run + " is " + r.status() + ", not RUNNING");
        }
        return r;
    }

    private RunStore.Run visible(Actor actor, SyncRunId run) {
        RunStore.Run r = runs.find(run).orElseThrow(() -> new NotFoundException("run", run));
        actor.requireVisible(r.districtId(), "run", run);
        return r;
    }

    private String runningRun(DistrictId district) {
        return runs.runningId(district).map(SyncRunId::toString).orElse("unknown");
    }

    private static ChangeSource sourceOf(SyncTrigger trigger, District d) {
        if (trigger == SyncTrigger.UPLOAD) {
            return ChangeSource.UPLOAD;
        }
        return d.rosteringSource() == RosteringSource.CLEVER ? ChangeSource.CLEVER : ChangeSource.CLASSLINK;
    }

    private void touch(SyncRunId run) {
        beating.put(run.value(), System.nanoTime() + staleAfter.toNanos());
    }

    private void beat() {
        long now = System.nanoTime();
        beating.entrySet().removeIf(e -> e.getValue() != Long.MAX_VALUE && e.getValue() - now < 0);
        try {
            runs.heartbeat(Set.copyOf(beating.keySet()));
        } catch (RuntimeException e) {
            log.warn("could not record the heartbeat of roster runs: {}", e.getMessage());
        }
    }

    private static <T> T unwrap(Outcome<T> outcome) {
        if (outcome instanceof Outcome.Refused<T> refused) {
            throw new ForbiddenException(refused.refusal().detail());
        }
        return outcome.value();
    }
}
