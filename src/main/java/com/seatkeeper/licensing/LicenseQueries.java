package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.roster.Rosters;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * License views for the Admin Console (who holds which product, purchases) and the one batch
 * command the console needs beyond {@link Licensing}: unassigning several people at once, all or
 * nothing. Every method checks the actor's district and role first.
 */
@Service
public class LicenseQueries {
    private final LicenseQueryStore store;
    private final LicenseStore licenses;
    private final Licensing licensing;
    private final Districts districts;
    private final Rosters rosters;
    private final Clock clock;

    LicenseQueries(LicenseQueryStore store, LicenseStore licenses, Licensing licensing, Districts districts, Rosters rosters,
                   Clock clock) {
        this.clock = clock;
        this.store = store;
        this.licenses = licenses;
        this.licensing = licensing;
        this.districts = districts;
        this.rosters = rosters;
    }

    /**
     * Everyone of the district holding an active license of the product and seat type today (in any of its pools whose
     * term covers the district's date: a seat carried over to next year's pool or one of an ended term does not count).
     */
    @Transactional(readOnly = true)
    public Set<UserId> holdersOfProduct(Actor actor, DistrictId districtId, UUID productId, SeatType seatType) {
        District district = districts.get(actor, districtId);
        requireAdmin(actor);
        return store.holdersOfProduct(districtId, productId, seatType, LocalDate.now(clock.withZone(district.timezone())));
    }

    /** Everyone holding a license of this pool. */
    @Transactional(readOnly = true)
    public Set<UserId> holdersOfPool(Actor actor, PoolId poolId) {
        licensing.pool(actor, poolId);
        requireAdmin(actor);
        return store.holdersOfPool(poolId);
    }

    /** The licenses each of the given people of the district holds (people without any are left out). */
    @Transactional(readOnly = true)
    public Map<UserId, List<UserLicense>> licensesOf(Actor actor, DistrictId districtId, Collection<UserId> people) {
        District district = districts.get(actor, districtId);
        requireAdmin(actor);
        return store.licensesOf(districtId, people, LocalDate.now(clock.withZone(district.timezone())));
    }

    /** The district's most recent purchases, newest first. */
    @Transactional(readOnly = true)
    public List<Purchase> purchases(Actor actor, DistrictId districtId, int limit) {
        districts.get(actor, districtId);
        requireAdmin(actor);
        return store.purchases(districtId, Math.min(Math.max(limit, 1), 1000));
    }

    /**
     * The pool's seat ledger summed per day in the district's time zone, oldest first: the seats bought and the net
     * assignments of each day with a row (for the console's chart of seats and assignments over time).
     */
    @Transactional(readOnly = true)
    public List<LedgerDay> ledgerDays(Actor actor, PoolId poolId) {
        LicensePool pool = licensing.pool(actor, poolId);
        requireAdmin(actor);
        District district = districts.find(pool.districtId()).orElseThrow();
        return store.ledgerDays(poolId, district.timezone().getId());
    }

    /** The people who appear in the pool's seat ledger (at most {@code limit}), for filtering it by person; a school admin's schools' people only. */
    @Transactional(readOnly = true)
    public Set<UserId> ledgerPeople(Actor actor, PoolId poolId, int limit) {
        LicensePool pool = licensing.pool(actor, poolId);
        requireAdmin(actor);
        Set<UserId> ids = store.ledgerPeople(poolId, limit);
        if (actor.role() != ActorRole.SCHOOL_ADMIN) {
            return ids;
        }
        // a school admin sees the ledger of their schools' people only (see Licensing#ledger)
        Map<UserId, RosterUser> people = rosters.find(pool.districtId(), ids);
        return people.values().stream().filter(p -> !Collections.disjoint(p.schoolIds(), actor.schoolIds())).map(RosterUser::id)
                .collect(Collectors.toSet());
    }

    /**
     * Unassigns the license of the pool from each of the people, in one transaction: when any of
     * them does not hold one, nothing is unassigned and the refusal names them.
     */
    @Transactional
    public Outcome<Integer> unassignAll(Actor actor, PoolId poolId, List<UserId> people) {
        LicensePool pool = licensing.pool(actor, poolId);
        requireAdmin(actor);
        List<UserId> ids = List.copyOf(new LinkedHashSet<>(people));
        Map<UserId, RosterUser> found = rosters.lockForSeatChange(ids);
        List<String> notHolders = new ArrayList<>();
        for (UserId id : ids) {
            if (licenses.holder(poolId, id).isEmpty()) {
                RosterUser p = found.get(id);
                notHolders.add(p == null || !p.districtId().equals(pool.districtId()) ? "unknown person" : p.displayName());
            }
        }
        if (!notHolders.isEmpty()) {
            return Outcome.refused(new SeatBatchRefusal.NotHolders(notHolders));
        }
        for (UserId id : ids) {
            licensing.unassign(actor, poolId, id);
        }
        return Outcome.done(ids.size());
    }

    private static void requireAdmin(Actor actor) {
        actor.requireAnyOf("manage licenses in the Admin Console", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN);
    }
}
