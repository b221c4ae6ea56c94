package com.seatkeeper.support;

import com.seatkeeper.roster.changes.FileMode;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.Problems;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.RosterKind;
import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.roster.changes.SyncTrigger;
import com.seatkeeper.rostersync.Connection;
import com.seatkeeper.rostersync.PullFailure;
import com.seatkeeper.rostersync.PullPlan;
import com.seatkeeper.rostersync.PullResult;
import com.seatkeeper.rostersync.RosterConnector;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sync of a Clever district from a {@link CleverStandIn} without the scheduler, as the sync job drives the engine:
 * start a SAME_DAY run, stage every kind BULK, pull through the connector, close the staging, complete (holding
 * removals back when the pull says the district is paused); a pull that fails ends the run with its reason and
 * changes nothing.
 */
public final class CleverStandInSync {
    /** The vendor admin, as the sync job runs. */
    public static final Actor JOB = new Actor(UUID.randomUUID(), null, ActorRole.VENDOR_ADMIN, null, Set.of(), "Clever sync (test)");

    private final RosterChanges changes;
    private final RosterConnector connector;

    /**
     * One sync's outcome.
     *
     * @param report  the run's report (APPLIED, HELD, REJECTED; FAILED with the pull's failure as its reason)
     * @param pull    what the pull read (null when it failed)
     * @param failure why the pull failed (null when it did not)
     * @param pages   the progress the connector reported (and the engine recorded): pages read
     * @param pulling wall time from the run's start until the staging was closed (the pull)
     * @param applying wall time of the engine's complete (compare, guard, apply)
     */
    public record Result(ImportReport report, PullResult pull, PullFailure failure, long pages, Duration pulling, Duration applying) {}

    public CleverStandInSync(RosterChanges changes, RosterConnector connector) {
        this.changes = changes;
        this.connector = connector;
    }

    /** A sync of the district from the stand-in (API v3.0, its token), in America/New_York. */
    public Result run(String districtId, CleverStandIn standIn) {
        return run(districtId, new Connection.Clever(standIn.baseUrl(), "3.0", standIn.token()), ZoneId.of("America/New_York"));
    }

    /**
     * A sync pulled as {@code plan} says, as the sync runner does it: a {@link PullPlan.Full} stages every kind BULK, a
     * {@link PullPlan.Delta} every kind DELTA, and the connector pulls with the plan (Clever: a full pull asks for the
     * newest event first; a delta reads the events after the plan's cursor). The result's pull carries the cursor for
     * the next plan.
     */
    public Result run(String districtId, Connection connection, ZoneId zone, PullPlan plan) {
        return run(districtId, connection, zone, plan instanceof PullPlan.Delta ? FileMode.DELTA : FileMode.BULK, plan);
    }

    /** A sync of the district over the connection given, the pause window read in {@code zone}. */
    public Result run(String districtId, Connection connection, ZoneId zone) {
        return run(districtId, connection, zone, FileMode.BULK, null);
    }

    private Result run(String districtId, Connection connection, ZoneId zone, FileMode mode, PullPlan plan) {
        long started = System.nanoTime();
        SyncRunId run = changes.start(JOB, DistrictId.of(districtId), SyncTrigger.SAME_DAY).value();
        Map<RosterKind, FileMode> modes = new EnumMap<>(RosterKind.class);
        for (RosterKind kind : RosterKind.values()) {
            modes.put(kind, mode);
        }
        AtomicLong pages = new AtomicLong();
        PullResult pull;
        try (RosterStaging staging = changes.staging(run, modes, connector.referenceColumns())) {
            com.seatkeeper.rostersync.PullProgress progress = (p, records) -> {
                pages.set(p);
                changes.pulling(run, p, records);
            };
            pull = plan == null ? connector.pull(connection, staging, progress, zone) : connector.pull(connection, staging, progress, zone, plan);
        } catch (PullFailure failure) {
            Duration pulling = Duration.ofNanos(System.nanoTime() - started);
            return new Result(changes.fail(run, new Problems(), failure.getMessage(), false, 0), null, failure, pages.get(), pulling,
                    Duration.ZERO);
        }
        long pulled = System.nanoTime();
        Problems warnings = new Problems();
        pull.warnings().forEach(warnings::add);
        ImportReport report = pull.paused()
                ? changes.complete(run, warnings, false, new RosterChanges.ApplyOptions(true, pull.pausedWhy()))
                : changes.complete(run, warnings, false);
        return new Result(report, pull, null, pages.get(), Duration.ofNanos(pulled - started), Duration.ofNanos(System.nanoTime() - pulled));
    }
}
