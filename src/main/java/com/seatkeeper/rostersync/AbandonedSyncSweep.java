package com.seatkeeper.rostersync;

import com.seatkeeper.platform.RecurringJob;
import com.seatkeeper.roster.changes.RosterChanges;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Ends the runs a dead instance left RUNNING (issue 10 "Scheduling"): every {@code seatkeeper.sync.abandoned-sweep-every}
 * (default one minute) on the cluster-safe scheduler, {@code RosterChanges.endAbandonedRuns} ends each RUNNING run whose
 * heartbeat is older than {@code seatkeeper.roster.stale-run-after} (a sync FAILED, an upload REJECTED; nothing was
 * applied), even when no new run of its district starts.
 */
@Component
class AbandonedSyncSweep implements RecurringJob {
    private static final Logger log = LoggerFactory.getLogger(AbandonedSyncSweep.class);

    private final RosterChanges changes;
    private final Duration every;

    AbandonedSyncSweep(RosterChanges changes, @Value("${seatkeeper.sync.abandoned-sweep-every:PT1M}") Duration every) {
        this.changes = changes;
        this.every = every;
    }

    @Override
    public String name() {
        return "rostersync.abandoned-runs";
    }

    @Override
    public Duration every() {
        return every;
    }

    @Override
    public void run() {
        int ended = changes.endAbandonedRuns();
        if (ended > 0) {
            log.warn("Ended {} roster run(s) that an application instance left running", ended);
        }
    }
}
