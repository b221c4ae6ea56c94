package com.seatkeeper.rostersync;

import com.seatkeeper.platform.Jobs;
import com.seatkeeper.platform.OneTimeJob;
import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.roster.changes.FileMode;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.Problems;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.RosterKind;
import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.RunRefusal;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.roster.changes.Severity;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The job that runs one QUEUED sync (issue 10 "Applying a sync"), on whichever instance the cluster-safe scheduler gives
 * it to: {@code RosterChanges.begin} (RUNNING), the district's connection decrypted, the whole roster pulled by the
 * source's {@link RosterConnector} into the engine's staging as the connector's {@link PullPlan} says (a full pull: every
 * kind BULK, a snapshot; changes only: every kind DELTA; the pull state is moved when the run ends APPLIED), then
 * {@code complete} with the pull's warnings and whether the provider says the district is paused. The engine compares,
 * guards (HELD) and applies with the seat releases and auto-assignment in one transaction.
 *
 * <p>A pull that breaks off ({@link PullFailure}: 401, a page that keeps failing, a timeout) or any other failure ends
 * the run FAILED with a reason an admin understands, and nothing is applied. While an upload of the district is RUNNING,
 * {@code begin} is refused ({@code import_in_progress}): the job schedules itself again after
 * {@code seatkeeper.sync.busy-retry-after} (default one minute). Job instances are keyed by the run's id (a retry adds
 * {@code @<epoch millis>}); the data is the district's id. Secrets never reach a log line or the run record: connections
 * print masked, and failure reasons come from the connector's words or fixed sentences.
 */
@Component
class SyncRunner implements OneTimeJob {
    static final String NAME = "rostersync.run";
    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);
    private static final Map<RosterKind, FileMode> FULL_SNAPSHOT = snapshot(FileMode.BULK);
    private static final Map<RosterKind, FileMode> CHANGES_ONLY = snapshot(FileMode.DELTA);

    private final RosterChanges changes;
    private final RosteringSettings settings;
    private final Jobs jobs;
    private final Duration busyRetryAfter;
    private final ConnectionStore store;
    private final java.time.Clock clock;
    private final Duration fullPullEvery;

    SyncRunner(RosterChanges changes, RosteringSettings settings, @Lazy Jobs jobs,
               @Value("${seatkeeper.sync.busy-retry-after:PT1M}") Duration busyRetryAfter, ConnectionStore store, java.time.Clock clock,
               @Value("${seatkeeper.sync.full-pull-every:P7D}") Duration fullPullEvery) {
        this.changes = changes;
        this.settings = settings;
        this.jobs = jobs;
        this.busyRetryAfter = busyRetryAfter;
        this.store = store;
        this.clock = clock;
        this.fullPullEvery = fullPullEvery;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Hands a QUEUED run to the scheduler, to start at once (at the next poll of any instance). */
    void schedule(SyncRunId run, DistrictId district) {
        // the scheduler keeps wall time (not the business clock): "now" means the next poll
        jobs.scheduleOnce(NAME, run.toString(), Instant.now(), district.toString());
    }

    /**
     * Schedules the job of a run the engine named as QUEUED or RUNNING, in case the instance that queued it died before it
     * scheduled the job: nothing happens when its job is still waiting or running (same key), and a job that finds the run
     * no longer QUEUED does nothing.
     */
    void reschedule(String runId, DistrictId district) {
        try {
            schedule(SyncRunId.of(runId), district);
        } catch (RuntimeException e) {
            log.debug("Sync {} could not be scheduled again: {}", runId, e.toString());
        }
    }

    @Override
    public void run(String instanceId, String data) {
        int at = instanceId.indexOf('@');
        SyncRunId run = SyncRunId.of(at < 0 ? instanceId : instanceId.substring(0, at));
        DistrictId district = DistrictId.of(data);
        Outcome<SyncRunId> begun;
        try {
            begun = changes.begin(run);
        } catch (NotFoundException e) {
            log.warn("Sync {} of district {} is not recorded (any more): nothing to run", run, district);
            return;
        }
        if (begun instanceof Outcome.Refused<SyncRunId> refused) {
            if (refused.refusal() instanceof RunRefusal.ImportInProgress) {
                Instant later = Instant.now().plus(busyRetryAfter);
                jobs.scheduleOnce(NAME, run + "@" + later.toEpochMilli(), later, district.toString());
                log.info("Sync {} of district {} waits for the district's running upload or sync; it tries again at {}", run, district,
                        later);
            } else {
                log.debug("Sync {} of district {} was not begun here: {}", run, district, refused.refusal().code());
            }
            return;
        }
        execute(run, district);
    }

    private void execute(SyncRunId run, DistrictId district) {
        Problems problems = new Problems();
        AtomicLong records = new AtomicLong();
        try {
            Connection connection = settings.connectionForSync(district);
            ZoneId zone = settings.timezoneOf(district);
            RosterConnector connector = settings.connector(sourceOf(connection)).orElseThrow(() -> new PullFailure(
                    "Seatkeeper cannot pull rosters from this source yet.", 0));
            Instant startedAt = clock.instant();
            PullPlan plan = connector.plan(connection, store.pullState(district), startedAt, fullPullEvery);
            boolean full = plan instanceof PullPlan.Full;
            PullResult result;
            try (RosterStaging staging = changes.staging(run, full ? FULL_SNAPSHOT : CHANGES_ONLY, connector.referenceColumns())) {
                result = connector.pull(connection, staging, (pages, read) -> {
                    records.set(read);
                    changes.pulling(run, pages, read);
                }, zone, plan);
            }
            result.warnings().forEach(problems::add);
            ImportReport report = changes.complete(run, problems, false,
                    new RosterChanges.ApplyOptions(result.paused(), result.pausedWhy()));
            if (report.status() == RunStatus.APPLIED) {
                store.recordPull(district, sourceOf(connection), startedAt, full, result.cursor(), result.deltaSupport());
            } else if (report.status() == RunStatus.REJECTED && !full) {
                store.requireFullPull(district);
            }
            log.info("Sync {} of district {} ({}): {} after {} requests, {} pages, {} records", run, district,
                    full ? "full pull: " + ((PullPlan.Full) plan).why() : "changes since " + ((PullPlan.Delta) plan).since(),
                    report.status(), result.requests(), result.pages(), result.records());
        } catch (PullFailure e) {
            log.info("Sync {} of district {} failed after {} requests: {}", run, district, e.requests(), e.getMessage());
            fail(run, problems, e.getMessage(), records.get());
        } catch (RuntimeException e) {
            log.error("Sync {} of district {} stopped", run, district, e);
            fail(run, problems, "An internal error stopped the sync, so nothing was changed. The next nightly sync tries again; if "
                    + "this happens again, tell support the run's id.", records.get());
        }
    }

    private void fail(SyncRunId run, Problems problems, String reason, long recordsRead) {
        try {
            problems.add(new Problem(null, null, null, Severity.ERROR, "sync_failed", reason));
            changes.fail(run, problems, reason, false, recordsRead);
        } catch (RuntimeException e) {
            // the run already ended (the engine completed or failed it) or the database is gone: the stale-run sweep ends it
            log.warn("Sync {} could not be ended as failed: {}", run, e.toString());
        }
    }

    private static RosteringSource sourceOf(Connection connection) {
        return connection instanceof Connection.Clever ? RosteringSource.CLEVER : RosteringSource.CLASSLINK;
    }

    private static Map<RosterKind, FileMode> snapshot(FileMode mode) {
        Map<RosterKind, FileMode> modes = new EnumMap<>(RosterKind.class);
        for (RosterKind kind : RosterKind.values()) {
            modes.put(kind, mode);
        }
        return Map.copyOf(modes);
    }
}
