package com.seatkeeper.licensing;

import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.RosterSeatEffects;
import com.seatkeeper.shared.ChangeSource;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives seats by the auto-assign rules of some pools, inside the caller's transaction (a roster apply's, or the save of
 * a pool's rules). Per pool, in the order a person would take them (school pools before district-wide ones, then by id,
 * as {@link RequestedSeats} does): lock up to the seats left of the matching people in the stable order
 * ({@link AutoAssignStore#STABLE_ORDER}), re-read which of them still match, and seat them with one statement of the seat
 * primitive ({@link SeatChanges#seat}: never past the pool's seats, ledger ASSIGNED rows in the same statement, reason
 * {@link #REASON}). Whoever matches and is still without a seat afterwards is left without.
 *
 * <p>Lock order: the pools are locked in id order first (the caller may already hold people: a roster apply has locked
 * the people it changed; the order people-then-pools holds); the people seated here are then locked with
 * {@code skip locked}, which never waits, so no transaction that holds a person and waits for one of these pools can
 * deadlock with this one. A person skipped that way is matched again at the next apply or save.
 */
@Component
class AutoAssignSeats {
    /** The ledger's reason for a seat given by a rule. */
    static final String REASON = "auto-assign rule of the pool";

    private final AutoAssignStore rules;
    private final LicenseStore store;
    private final SeatChanges seatChanges;
    private final Clock clock;

    AutoAssignSeats(AutoAssignStore rules, LicenseStore store, SeatChanges seatChanges, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.seatChanges = seatChanges;
        this.clock = clock;
    }

    /**
     * Seats the people the pools' rules name (the pools must be of one district and current; those without rules give
     * nobody a seat). Returns the seats given (released 0), how many were left without, the pools that ran short (needed:
     * seated plus left without; available: before), and who was left without with the pool they would have taken last.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    RosterSeatEffects.Assigned assign(List<PoolId> poolIds, ChangeSource source, String actor) {
        if (poolIds.isEmpty()) {
            return RosterSeatEffects.Assigned.NONE;
        }
        List<LicensePool> pools = new ArrayList<>(store.lockPools(poolIds));
        pools.sort(Comparator.comparing((LicensePool p) -> p.schoolId() == null).thenComparing(p -> p.id().value()));
        Instant now = clock.instant();
        LedgerWrite write = new LedgerWrite(SeatAction.ASSIGNED, source, actor, REASON, now);
        Map<PoolId, Integer> seated = new HashMap<>();
        long assigned = 0;
        for (LicensePool pool : pools) {
            if (pool.available() <= 0) {
                continue;
            }
            List<UserId> locked = rules.lockMatching(pool, pool.available());
            List<UserId> people = locked.isEmpty() ? List.of() : rules.stillMatching(pool, locked);
            if (!people.isEmpty()) {
                int n = seatChanges.seat(pool, people, false, write).seated().size();
                seated.put(pool.id(), n);
                assigned += n;
            }
        }
        List<RosterSeatEffects.LeftWithout> without = rules.leftWithout(poolIds);
        return new RosterSeatEffects.Assigned(new ImportReport.Licenses(0, assigned, without.size(), shortPools(pools, seated, without)),
                without);
    }

    private static List<ImportReport.ShortPool> shortPools(List<LicensePool> pools, Map<PoolId, Integer> seated,
                                                           List<RosterSeatEffects.LeftWithout> without) {
        Map<PoolId, Long> lacking = new HashMap<>();
        without.forEach(w -> lacking.merge(w.poolId(), 1L, Long::sum));
        List<ImportReport.ShortPool> out = new ArrayList<>();
        for (LicensePool p : pools) {
            Long lack = lacking.get(p.id());
            if (lack != null) {
                out.add(new ImportReport.ShortPool(p.id(), p.productCode(), p.seatType().name(), seated.getOrDefault(p.id(), 0) + lack,
                        p.available()));
            }
        }
        return out;
    }
}
