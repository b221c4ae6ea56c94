package com.seatkeeper.licensing;

import com.seatkeeper.platform.RecurringJob;
import com.seatkeeper.roster.Rosters;
import com.seatkeeper.shared.ChangeSource;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nightly term end, shortly after local midnight in each district's time zone: releases the seats of pools whose
 * term has ended (ledger EXPIRED, source SCHEDULER, reason naming the term) and makes carried-over (pending) seats of
 * pools whose term has started current. Runs on the cluster-safe scheduler every {@code seatkeeper.terms.check-every}
 * (default one minute); each tick finds, in one statement, the districts whose local date has no run yet, and each
 * district's night is one transaction that first claims its row in {@code term_end_runs} (primary key district and local
 * date), so it runs exactly once per district per night with any number of instances. The date comes from the injected
 * {@link Clock}. Lock order as in every seat change: people, then pools in id order.
 */
@Component
class TermEnds implements RecurringJob {
    private static final Logger log = LoggerFactory.getLogger(TermEnds.class);

    private static final String ACTOR = "scheduler";

    private final TermEndStore store;
    private final SeatChanges seatChanges;
    private final Rosters rosters;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration every;

    TermEnds(TermEndStore store, SeatChanges seatChanges, Rosters rosters, TransactionTemplate tx, Clock clock,
             @Value("${seatkeeper.terms.check-every:PT1M}") Duration every) {
        this.store = store;
        this.seatChanges = seatChanges;
        this.rosters = rosters;
        this.tx = tx;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public String name() {
        return "licensing.term-end";
    }

    @Override
    public Duration every() {
        return every;
    }

    @Override
    public void run() {
        Instant now = clock.instant();
        for (TermEndStore.Due due : store.due(now)) {
            tx.executeWithoutResult(status -> endTerms(due, now));
        }
    }

    private void endTerms(TermEndStore.Due due, Instant now) {
        if (!store.claim(due, now)) {
            return;
        }
        List<UserId> holders = store.holdersOfEndedTerms(due);
        if (!holders.isEmpty()) {
            rosters.lockForSeatChange(holders);
        }
        int expired = (int) seatChanges.releaseCounting(new SeatChanges.Seats.EndedInDistrict(due.districtId(), due.localDate()),
                new LedgerWrite(SeatAction.EXPIRED, ChangeSource.SCHEDULER, ACTOR, null, now));
        int started = store.startPending(due);
        store.recordCounts(due, expired, started);
        if (expired > 0 || started > 0) {
            log.info("Term end for district {} on {}: {} seats expired, {} carried-over seats started", due.districtId(),
                    due.localDate(), expired, started);
        }
    }
}
