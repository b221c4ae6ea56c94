package com.seatkeeper.licensing;

import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * License views for the Admin Console (who holds which product, purchases, the ledger per day). The long lists are
 * {@link LicenseLists}'. Every method checks the actor's district and role first.
 */
@Service
public class LicenseQueries {
    private final LicenseQueryStore store;
    private final Licensing licensing;
    private final Districts districts;
    private final Clock clock;

    LicenseQueries(LicenseQueryStore store, Licensing licensing, Districts districts, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.licensing = licensing;
        this.districts = districts;
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
        return store.ledgerDays(pool.id());
    }

    private static void requireAdmin(Actor actor) {
        actor.requireAnyOf("manage licenses in the Admin Console", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN);
    }
}
