package com.seatkeeper.rostersync;

import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.roster.changes.RunRefusal;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.roster.changes.SyncTrigger;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Same-day syncs on request (issue 10 "Scheduling"; {@code POST /api/v1/districts/{districtId}/sync-requests}): a
 * QUEUED run handed to the cluster-safe scheduler at once. Setting: {@code seatkeeper.sync.same-day-limit} (default 3)
 * requests per district per local day.
 */
@Service
public class SyncRequests {
    /** A QUEUED or RUNNING sync is among the district's newest runs (only uploads may have started after it). */
    private static final int IN_PROGRESS_AMONG = 20;
    private final RosterChanges changes;
    private final Districts districts;
    private final SyncRunner runner;
    private final Clock clock;
    private final int limit;

    SyncRequests(RosterChanges changes, Districts districts, SyncRunner runner, Clock clock,
                 @Value("${seatkeeper.sync.same-day-limit:3}") int limit) {
        this.changes = changes;
        this.districts = districts;
        this.runner = runner;
        this.clock = clock;
        this.limit = limit;
    }

    /**
     * Requests a same-day sync. 202 with the run's id. Refusals, nothing queued: 404 another district; 403
     * {@code role_not_allowed} (district admins and the vendor admin only); 409 {@code rostering_not_connected}; 429
     * {@code sync_limit_reached} after {@code seatkeeper.sync.same-day-limit} same-day syncs in the district's local day
     * (the run ids of the day's requests counted with {@code RosterChanges.runsSince} from the local midnight), saying when
     * the next is allowed (the next local midnight, as an instant, in {@code nextAllowedAt}); 409
     * {@code sync_already_queued} with the queued or running run's id (from the engine) comes first: while a sync is in
     * progress a request is answered 409 naming it, even when the day's limit is used up. Only one sync of a district is
     * QUEUED or RUNNING at a time (the engine's {@code queue} refuses a second), so two requests at once cannot both pass
     * the limit.
     */
    public Outcome<SyncRunId> request(Actor actor, DistrictId district) {
        District d = districts.get(actor, district);
        Optional<RosteringRefusal> refused = RosteringSettings.mayConfigure(actor);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        if (!d.rosteringSource().isReadOnlyRoster()) {
            return Outcome.refused(new RunRefusal.NotConnected());
        }
        Instant now = clock.instant();
        long today = changes.runsSince(district, SyncTrigger.SAME_DAY, NightlySchedule.localMidnight(d.timezone(), now));
        if (today >= limit) {
            // a sync already QUEUED or RUNNING is named first (409): the limit counts only a request that would queue a new one
            Optional<SyncRunId> inProgress = inProgress(actor, district);
            if (inProgress.isPresent()) {
                runner.reschedule(inProgress.get().toString(), district);
                return Outcome.refused(new RunRefusal.SyncAlreadyQueued(inProgress.get().toString()));
            }
            return Outcome.refused(new RosteringRefusal.SyncLimitReached(limit, NightlySchedule.nextLocalMidnight(d.timezone(), now),
                    d.timezone()));
        }
        Outcome<SyncRunId> queued = changes.queue(actor, district, SyncTrigger.SAME_DAY, null);
        if (queued.isDone()) {
            runner.schedule(queued.value(), district);
        } else if (queued instanceof Outcome.Refused<SyncRunId> r && r.refusal() instanceof RunRefusal.SyncAlreadyQueued q) {
            runner.reschedule(q.runId(), district);
        }
        return queued;
    }

    /** The district's sync that is QUEUED or RUNNING, if any: among its newest runs (at most one sync is in progress). */
    private Optional<SyncRunId> inProgress(Actor actor, DistrictId district) {
        return changes.runs(actor, district, new PageRequest(IN_PROGRESS_AMONG, 0)).items().stream()
                .filter(r -> r.trigger() != SyncTrigger.UPLOAD && (r.status() == RunStatus.QUEUED || r.status() == RunStatus.RUNNING))
                .map(ImportReport::id).findFirst();
    }

    /** Same-day requests left in the district's local day (for the console's button), never below 0. */
    public long remainingToday(Actor actor, DistrictId district) {
        District d = districts.get(actor, district);
        long used = changes.runsSince(district, SyncTrigger.SAME_DAY, NightlySchedule.localMidnight(d.timezone(), clock.instant()));
        return Math.max(0, limit - used);
    }

    /** {@code seatkeeper.sync.same-day-limit}. */
    public int limit() {
        return limit;
    }
}
