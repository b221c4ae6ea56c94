package com.seatkeeper.console;

import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.licensing.LicensePool;
import com.seatkeeper.licensing.Licensing;
import com.seatkeeper.licensing.SeatStatus;
import com.seatkeeper.licensing.UserLicense;
import com.seatkeeper.shared.PoolId;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Pools as templates show them, {@code ${@pools.label(pool)}}: the {@link PoolLabel} of the pool with its school's
 * name, and whether its term covers the district's today. Reads the pool's school and district; the pool itself was
 * already scope-checked by whoever read it.
 */
@Component("pools")
public class PoolNames {
    private final Districts districts;
    private final Licensing licensing;

    PoolNames(Districts districts, Licensing licensing) {
        this.districts = districts;
        this.licensing = licensing;
    }

    /** {@code "Reading Quest · Lincoln Elementary · 2026–27"}, or {@code "… · whole district · …"}. */
    public String label(LicensePool pool) {
        return PoolLabel.of(pool.productName(), schoolName(pool), pool.startsOn(), pool.endsOn());
    }

    /** Where and when the pool applies, without the product: {@code "Lincoln Elementary · 2026–27"}. */
    public String where(LicensePool pool) {
        String school = schoolName(pool);
        return (school == null ? "Whole district" : school) + PoolLabel.SEPARATOR + PoolLabel.term(pool.startsOn(), pool.endsOn());
    }

    /**
     * The label of the pool with this id among pools already read (a purchase's or a request's pool on a page that
     * lists the district's pools); the product name alone when the pool is not among them.
     */
    public String labelAmong(List<LicensePool> pools, PoolId id, String productName) {
        return pools.stream().filter(p -> p.id().equals(id)).findFirst().map(this::label).orElse(productName);
    }

    /** The label with "(ended …)" or "(starts …)" after it, for a select's option. */
    public String option(LicensePool pool) {
        return PoolLabel.option(label(pool), status(pool), pool.startsOn(), pool.endsOn());
    }

    /** Where the pool's term stands on the district's today: ACTIVE, NOT_STARTED or ENDED. */
    public SeatStatus status(LicensePool pool) {
        return pool.statusOn(licensing.today(pool.districtId()));
    }

    /** "Ended on Aug 31, 2026", "Starts on Sep 1, 2027", or empty while the term covers today. */
    public String badge(LicensePool pool) {
        return PoolLabel.badge(status(pool), pool.startsOn(), pool.endsOn());
    }

    /**
     * A license a person holds, told apart from the same product's other terms: {@code "Reading Quest · 2026–27"},
     * with "(starts on …)" for a seat carried over to a term not started yet and "(ended on …)" until it is released.
     */
    public String held(UserLicense license) {
        return PoolLabel.option(license.productName() + PoolLabel.SEPARATOR + PoolLabel.term(license.startsOn(), license.endsOn()),
                license.status(), license.startsOn(), license.endsOn());
    }

    /** The school the pool is limited to, null for a district-wide pool. */
    public String schoolName(LicensePool pool) {
        return pool.schoolId() == null ? null : districts.school(pool.schoolId()).map(School::name).orElse("a closed school");
    }
}
