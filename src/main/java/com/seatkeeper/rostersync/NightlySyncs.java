package com.seatkeeper.rostersync;

import com.seatkeeper.platform.RecurringJob;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.RunRefusal;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.roster.changes.SyncTrigger;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queues each connected district's NIGHTLY sync for its local night (issue 10 "Scheduling"), on the cluster-safe
 * scheduler every {@code seatkeeper.sync.nightly-check-every} (default one minute; business time from the injected
 * {@link Clock}). A night is due once its {@code nightlyAt} has come in the district's timezone
 * ({@link NightlySchedule#due}: DST-correct; a night missed while every instance was down runs late the same local
 * day, and is skipped after local midnight).
 *
 * <p>Exactly one run per district and night, with any number of instances: the district's night is claimed in
 * {@code rostering_connections.nightly_queued_for} in the same transaction as the engine's {@code queue} (the row lock
 * makes a second instance wait and then find the night taken; the engine's unique index on a NIGHTLY run's night is the
 * second guard). When the engine refuses (a same-day sync or an upload is queued or running), the transaction rolls the
 * claim back and the next tick tries again. The run is handed to {@link SyncRunner} after the commit. The runs' actor is
 * the system actor {@link #ACTOR}, labelled "nightly sync" in the run history and the seat ledger. When the engine names a
 * QUEUED run that blocks the night, that run's job is scheduled again if it has none ({@link SyncRunner#reschedule}: an
 * instance that died between queueing a run and scheduling its job leaves no run stuck).
 */
@Component
class NightlySyncs implements RecurringJob {
    private static final Logger log = LoggerFactory.getLogger(NightlySyncs.class);
    /** Who starts nightly runs: a system actor of no district, written "nightly sync" in run history and ledger. */
    static final Actor ACTOR = new Actor(UUID.nameUUIDFromBytes("seatkeeper:nightly-sync".getBytes()), null, ActorRole.VENDOR_ADMIN,
            null, Set.of(), "nightly sync");

    private final ConnectionStore store;
    private final RosterChanges changes;
    private final SyncRunner runner;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration every;

    NightlySyncs(ConnectionStore store, RosterChanges changes, SyncRunner runner, TransactionTemplate tx, Clock clock,
                 @Value("${seatkeeper.sync.nightly-check-every:PT1M}") Duration every) {
        this.store = store;
        this.changes = changes;
        this.runner = runner;
        this.tx = tx;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public String name() {
        return "rostersync.nightly";
    }

    @Override
    public Duration every() {
        return every;
    }

    @Override
    public void run() {
        Instant now = clock.instant();
        for (ConnectionStore.NightlyCandidate c : store.nightlyCandidates(now)) {
            Optional<LocalDate> night = NightlySchedule.due(c.nightlyAt(), c.timezone(), now);
            if (night.isPresent()) {
                queue(c.districtId(), night.get());
            }
        }
    }

    /** Claims and queues one district's night; a refusal or a failure leaves it for the next tick. */
    private void queue(DistrictId district, LocalDate night) {
        try {
            Outcome<SyncRunId> queued = tx.execute(status -> {
                if (!store.claimNight(district, night)) {
                    return null;
                }
                Outcome<SyncRunId> o = changes.queue(ACTOR, district, SyncTrigger.NIGHTLY, night);
                if (!o.isDone()) {
                    status.setRollbackOnly();
                }
                return o;
            });
            if (queued == null) {
                return;
            }
            if (queued instanceof Outcome.Refused<SyncRunId> refused) {
                log.debug("Nightly sync of district {} for {} not queued yet: {}", district, night, refused.refusal().code());
                if (refused.refusal() instanceof RunRefusal.SyncAlreadyQueued q) {
                    runner.reschedule(q.runId(), district);
                }
                return;
            }
            log.info("Nightly sync {} of district {} queued for the night of {}", queued.value(), district, night);
            runner.schedule(queued.value(), district);
        } catch (RuntimeException e) {
            log.warn("Nightly sync of district {} for {} could not be queued; the next check tries again: {}", district, night,
                    e.toString());
        }
    }
}
