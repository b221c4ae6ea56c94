package com.seatkeeper.licensing;

import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.ChangeSource;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.SchoolId;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Auto-assignment rules per pool (docs/design.md, "Auto-assignment"): read and replace a pool's rules, and how many
 * people wait for a seat by them. District admins of the pool's district and vendor admins keep the rules (others 403;
 * a pool of another district, or another school's for a school admin, is 404). The rules are applied by
 * {@link AutoAssignSeats}: when they are saved (here, in the same transaction) and after every roster apply
 * ({@link RosterSeatChanges#autoAssign}).
 */
@Service
public class AutoAssign {
    private final Licensing licensing;
    private final LicenseStore pools;
    private final AutoAssignStore store;
    private final AutoAssignSeats seats;
    private final Districts districts;
    private final Clock clock;

    AutoAssign(Licensing licensing, LicenseStore pools, AutoAssignStore store, AutoAssignSeats seats, Districts districts, Clock clock) {
        this.licensing = licensing;
        this.pools = pools;
        this.store = store;
        this.seats = seats;
        this.districts = districts;
        this.clock = clock;
    }

    /** A rule with its words ("All students of Lincoln Elementary"). */
    public record DescribedRule(AutoAssignRule rule, String words) {}

    /**
     * A pool's rules and how many wait: active people matching a rule who hold no seat of the pool's product and seat
     * type (0 for a pool whose term does not cover today: its rules give nothing until it does). While the pool has seats
     * left they get one at the next apply or save; while it is full they wait for one to be freed or bought.
     */
    public record PoolRules(LicensePool pool, List<DescribedRule> rules, long waiting) {}

    /** What a save did: the pool's rules and waiting count afterwards, and how many seats it gave at once. */
    public record Saved(PoolRules rules, long assigned) {}

    /** The pool's rules (district admins of its district, vendor admins). */
    @Transactional(readOnly = true)
    public PoolRules rules(Actor actor, PoolId poolId) {
        LicensePool pool = licensing.pool(actor, poolId);
        requireRuleKeeper(actor);
        return poolRules(actor, pool);
    }

    /**
     * Replaces the pool's rules (an empty list removes them) and, when the pool's term covers today, gives the seats
     * they name at once, in this transaction (ledger ASSIGNED, source MANUAL, the caller as actor): in the stable order,
     * never past the pool's seats; the rest wait. The pool row is locked first, so saves of one pool run one after the
     * other and no seat change of the pool interleaves. Refusals (nothing changed): 400 {@code invalid_request} and
     * 422 {@link AutoAssignRefusal}, each naming the rule's field ({@link AutoAssignRules#check}).
     */
    @Transactional
    public Outcome<Saved> replace(Actor actor, PoolId poolId, List<AutoAssignRule> rules) {
        licensing.pool(actor, poolId);
        requireRuleKeeper(actor);
        LicensePool pool = pools.lockPool(poolId);
        Map<SchoolId, String> schools = districts.schools(actor, pool.districtId()).stream()
                .collect(Collectors.toMap(School::id, School::name, (a, b) -> a));
        // a saved rule's course stays valid when the classes that carried it are gone (a later save must not fail on it)
        Map<String, String> courses = new LinkedHashMap<>(store.courses(pool.districtId()));
        store.rules(pool).stream().filter(r -> r.course() != null)
                .forEach(r -> courses.putIfAbsent(r.course().toLowerCase(Locale.ROOT), r.course()));
        Outcome<List<AutoAssignRule>> checked = AutoAssignRules.check(pool, rules, schools, courses);
        if (checked instanceof Outcome.Refused<List<AutoAssignRule>> refused) {
            return Outcome.refused(refused.refusal());
        }
        store.replace(pool, checked.value(), actor.label(), clock.instant());
        long assigned = pool.isActiveOn(licensing.today(pool.districtId()))
                ? seats.assign(List.of(poolId), ChangeSource.MANUAL, actor.label()).licenses().assigned() : 0;
        return Outcome.done(new Saved(poolRules(actor, pools.pool(poolId).orElseThrow()), assigned));
    }

    /** How many wait for a seat of each visible pool of the district with rules (see {@link PoolRules}); others are absent. */
    @Transactional(readOnly = true)
    public Map<PoolId, Long> waiting(Actor actor, DistrictId district) {
        districts.get(actor, district);
        return store.waiting(district, licensing.today(district));
    }

    /** How many wait for a seat of the pool (see {@link PoolRules}); anyone who may see the pool may see this. */
    @Transactional(readOnly = true)
    public long waiting(Actor actor, PoolId poolId) {
        LicensePool pool = licensing.pool(actor, poolId);
        return store.waiting(pool.districtId(), licensing.today(pool.districtId())).getOrDefault(poolId, 0L);
    }

    /** The course titles the district's classes carry (for a rule's course), alphabetically. */
    @Transactional(readOnly = true)
    public List<String> courses(Actor actor, DistrictId district) {
        districts.get(actor, district);
        return store.courses(district).values().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    /** The grade levels a rule may name (CEDS codes), each with its words ("09" is "grade 9"). */
    public static Map<String, String> grades() {
        return AutoAssignRules.GRADES.stream().collect(Collectors.toMap(g -> g, AutoAssignRules::gradeWords, (a, b) -> a,
                LinkedHashMap::new));
    }

    /** Whether the actor may keep auto-assign rules (the console asks before offering the section). */
    public static boolean mayKeepRules(Actor actor) {
        return actor.isAnyOf(ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN);
    }

    private PoolRules poolRules(Actor actor, LicensePool pool) {
        LocalDate today = licensing.today(pool.districtId());
        Map<SchoolId, String> names = districts.schools(actor, pool.districtId()).stream()
                .collect(Collectors.toMap(School::id, School::name, (a, b) -> a));
        List<DescribedRule> described = store.rules(pool).stream()
                .map(r -> new DescribedRule(r, r.words(r.schoolId() == null ? null : names.getOrDefault(r.schoolId(), "a school"))))
                .toList();
        long waiting = store.waiting(pool.districtId(), today).getOrDefault(pool.id(), 0L);
        return new PoolRules(pool, described, waiting);
    }

    private static void requireRuleKeeper(Actor actor) {
        actor.requireAnyOf("set auto-assign rules (district administrators do)", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN);
    }
}
