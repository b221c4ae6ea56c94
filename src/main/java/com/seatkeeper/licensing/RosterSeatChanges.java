package com.seatkeeper.licensing;

import com.seatkeeper.district.Districts;
import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.roster.Rosters;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.RosterSeatEffects;
import com.seatkeeper.shared.ChangeSource;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a bulk roster change (an upload's or a sync's apply) does to seats, called by the roster-changes engine inside
 * its transaction (MANDATORY) after the roster rows are written. Everything goes through the set-based seat primitive
 * ({@link SeatChanges}): a statement per kind of release, a statement per pool for seats given, ledger rows written by
 * the same statements. Lock order: the engine has locked the changed people's rows; the pools are locked here in id
 * order before any seat changes.
 *
 * <p>No {@code LicenseAssigned}/{@code LicenseUnassigned} event is published per seat here: an apply may release or
 * give a million seats, no module listens to those events today, and the ledger rows (with the run in their reason) are
 * the record. A listener that needs bulk changes should get one event per run, not one per seat.
 */
@Component
class RosterSeatChanges implements RosterSeatEffects {
    private final SeatChanges seatChanges;
    private final LicenseStore store;
    private final Rosters rosters;
    private final Districts districts;
    private final AutoAssignStore autoAssignRules;
    private final AutoAssignSeats autoAssignSeats;
    private final Clock clock;

    RosterSeatChanges(SeatChanges seatChanges, LicenseStore store, Rosters rosters, Districts districts, AutoAssignStore autoAssignRules,
                      AutoAssignSeats autoAssignSeats, Clock clock) {
        this.seatChanges = seatChanges;
        this.store = store;
        this.rosters = rosters;
        this.districts = districts;
        this.autoAssignRules = autoAssignRules;
        this.autoAssignSeats = autoAssignSeats;
        this.clock = clock;
    }

    /**
     * The ledger action for a seat of someone who left, by where the change came from: RELEASED_BY_UPLOAD for an upload,
     * RELEASED_BY_SYNC for Clever and ClassLink, RELEASED_BY_DEACTIVATION otherwise.
     */
    static SeatAction leftAction(ChangeSource source) {
        return switch (source) {
            case UPLOAD -> SeatAction.RELEASED_BY_UPLOAD;
            case CLEVER, CLASSLINK -> SeatAction.RELEASED_BY_SYNC;
            case MANUAL, SCHEDULER -> SeatAction.RELEASED_BY_DEACTIVATION;
        };
    }

    /**
     * Two statements after the pools are locked: every seat of the people now inactive ({@link #leftAction}, with
     * {@code reason}), then every seat the active ones no longer qualify for (RELEASED_BY_ROSTER_CHANGE, with the reason in
     * words of {@link SeatChanges.Seats.Misfits}). People of another district are not touched.
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public long releaseAfterApply(DistrictId district, List<UserId> changedPeople, ChangeSource source, String actor, String reason) {
        if (changedPeople.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        seatChanges.lockPoolsOf(changedPeople);
        long left = seatChanges.releaseCounting(new SeatChanges.Seats.OfInactive(district, changedPeople),
                new LedgerWrite(leftAction(source), source, actor, reason, now));
        long misfits = seatChanges.releaseCounting(new SeatChanges.Seats.Misfits(district, changedPeople),
                new LedgerWrite(SeatAction.RELEASED_BY_ROSTER_CHANGE, source, actor, null, now));
        return left + misfits;
    }

    /**
     * Plans with {@link RequestedSeats} over the district's pools current today (district's time zone), locked in id
     * order; seats of the products whose term ended are released first (EXPIRED, as an assignment does); then one
     * statement per pool gives the seats (ASSIGNED, the given source and actor).
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Assigned assignRequested(DistrictId district, List<LicenseRequest> requests, ChangeSource source, String actor) {
        if (requests.isEmpty()) {
            return Assigned.NONE;
        }
        Instant now = clock.instant();
        LocalDate today = today(district);
        List<UserId> ids = requests.stream().map(LicenseRequest::userId).distinct().toList();
        Set<String> codes = requests.stream().map(LicenseRequest::productCode).collect(Collectors.toSet());
        Map<UserId, RosterUser> people = rosters.find(district, ids);
        List<PoolId> current = store.pools(district).stream().filter(p -> codes.contains(p.productCode()) && p.isActiveOn(today))
                .map(LicensePool::id).toList();
        List<LicenseStore.ProductSeat> held = store.seatsOfProducts(ids, codes, today);
        List<LicenseStore.ProductSeat> ended = held.stream().filter(LicenseStore.ProductSeat::ended).toList();
        if (!ended.isEmpty()) {
            seatChanges.release(new SeatChanges.Seats.Ended(ended.stream().map(LicenseStore.ProductSeat::userId).distinct().toList(),
                    ended.stream().map(LicenseStore.ProductSeat::poolId).distinct().toList()),
                    new LedgerWrite(SeatAction.EXPIRED, source, actor, null, now));
        }
        Set<String> holding = new HashSet<>();
        held.stream().filter(s -> !s.ended()).forEach(s -> holding.add(s.userId().value() + "|" + s.productCode()));
        List<LicensePool> pools = current.isEmpty() ? List.of() : store.lockPools(current);
        RequestedSeats plan = RequestedSeats.plan(requests, people, pools, holding);
        LedgerWrite write = new LedgerWrite(SeatAction.ASSIGNED, source, actor, null, now);
        long assigned = 0;
        for (LicensePool pool : pools) {
            List<UserId> seated = plan.seats().getOrDefault(pool.id(), List.of());
            if (!seated.isEmpty()) {
                assigned += seatChanges.seat(pool, seated, false, write).seated().size();
            }
        }
        return new Assigned(new ImportReport.Licenses(0, assigned, plan.leftWithout() + (plan.assigned() - assigned), plan.shortPools()),
                plan.without());
    }

    /**
     * The auto-assign rules of the district's pools current today (district's time zone): {@link AutoAssignSeats#assign}
     * over all of them, school pools first. Seats given carry the run's source and actor, reason
     * {@link AutoAssignSeats#REASON}.
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Assigned autoAssign(DistrictId district, ChangeSource source, String actor) {
        return autoAssignSeats.assign(autoAssignRules.currentPoolsWithRules(district, today(district)), source, actor);
    }

    /** Whether a pool of the district current today has rules: a preview then writes everything, as an apply does. */
    @Override
    public boolean hasAutoAssignRules(DistrictId district) {
        return !autoAssignRules.currentPoolsWithRules(district, today(district)).isEmpty();
    }

    /** The district's date (its time zone). */
    private LocalDate today(DistrictId district) {
        return districts.find(district).map(d -> LocalDate.now(clock.withZone(d.timezone())))
                .orElseThrow(() -> new NotFoundException("district", district));
    }
}
