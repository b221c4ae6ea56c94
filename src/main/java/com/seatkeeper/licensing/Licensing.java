package com.seatkeeper.licensing;

import com.seatkeeper.catalog.Catalog;
import com.seatkeeper.catalog.Product;
import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.licensing.BulkResult.Line;
import com.seatkeeper.licensing.BulkResult.Result;
import com.seatkeeper.licensing.LicenseEvents.LicenseAssigned;
import com.seatkeeper.licensing.LicenseEvents.LicenseUnassigned;
import com.seatkeeper.licensing.LicenseEvents.SeatsPurchased;
import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.roster.Rosters;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.ForbiddenException;
import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Page;
import com.seatkeeper.shared.PageRequest;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The licensing module's API. Every seat change runs in one transaction that locks the person
 * (roster row) and then the pool row, checks the rules, changes the assignment and writes the
 * seat ledger; the database's CHECK (assigned <= seats) and unique active-seat index back the
 * checks up, so no interleaving and no second instance can oversubscribe a pool.
 */
@Service
public class Licensing {
    static final String MANUAL = "MANUAL";
    private static final int MAX_BULK = 10_000;

    private final LicenseStore store;
    private final Districts districts;
    private final Rosters rosters;
    private final Catalog catalog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Licensing(LicenseStore store, Districts districts, Rosters rosters, Catalog catalog, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.districts = districts;
        this.rosters = rosters;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
    }

    public record NewPool(String productCode, SeatType seatType, SeatCount seats, LocalDate startsOn, LocalDate endsOn, SchoolId schoolId) {}

    // ---------------------------------------------------------------- pools and purchases

    @Transactional
    public Outcome<LicensePool> openPool(Actor actor, DistrictId districtId, NewPool cmd) {
        District district = districts.get(actor, districtId);
        actor.requireAnyOf("open license pools", ActorRole.VENDOR_ADMIN);
        if (cmd.endsOn().isBefore(cmd.startsOn())) {
            throw new InvalidRequestException("endsOn", "endsOn must be on or after startsOn.");
        }
        Optional<Product> product = catalog.byCode(cmd.productCode());
        if (product.isEmpty()) {
            return Outcome.refused(new LicenseRefusal.UnknownProduct(cmd.productCode()));
        }
        if (!product.get().offers(cmd.seatType())) {
            return Outcome.refused(new LicenseRefusal.SeatTypeNotOffered(cmd.productCode(), cmd.seatType()));
        }
        if (cmd.schoolId() != null && districts.schoolsOfDistrict(districtId, List.of(cmd.schoolId())).isEmpty()) {
            return Outcome.refused(new LicenseRefusal.UnknownSchool(cmd.schoolId().toString()));
        }
        PoolId id = PoolId.random();
        Instant now = clock.instant();
        store.insertPool(id, district.id(), product.get().id(), cmd.seatType(), cmd.schoolId(), cmd.startsOn(), cmd.endsOn(), now);
        store.insertPurchase(id, district.id(), cmd.seats().value(), "initial", actor.label(), now);
        LicensePool pool = store.pool(id).orElseThrow();
        store.ledger(pool, "POOL_OPENED", null, null, 0, cmd.seats().value(), null, actor.label(), MANUAL, now);
        return Outcome.done(pool);
    }

    @Transactional(readOnly = true)
    public LicensePool pool(Actor actor, PoolId id) {
        LicensePool pool = visiblePool(actor, id);
        requireReader(actor);
        return pool;
    }

    @Transactional(readOnly = true)
    public List<LicensePool> pools(Actor actor, DistrictId districtId) {
        districts.get(actor, districtId);
        requireReader(actor);
        return store.pools(districtId).stream()
                .filter(p -> actor.role() != ActorRole.SCHOOL_ADMIN || p.schoolId() == null || actor.schoolIds().contains(p.schoolId()))
                .toList();
    }

    @Transactional
    public LicensePool purchase(Actor actor, PoolId poolId, SeatCount seats, String reference) {
        LicensePool pool = visiblePool(actor, poolId);
        actor.requireAnyOf("add purchased seats (district admins request them in the console)", ActorRole.VENDOR_ADMIN);
        Instant now = clock.instant();
        store.insertPurchase(poolId, pool.districtId(), seats.value(), reference, actor.label(), now);
        store.ledger(pool, "PURCHASED", null, null, 0, seats.value(), reference, actor.label(), MANUAL, now);
        events.publishEvent(new SeatsPurchased(pool.districtId(), poolId, seats.value()));
        return store.pool(poolId).orElseThrow();
    }

    // ---------------------------------------------------------------- seat changes

    @Transactional
    public AssignOutcome assign(Actor actor, PoolId poolId, UserId userId) {
        LicensePool pool = visiblePool(actor, poolId);
        requireSeatManager(actor, pool);
        RosterUser person = visiblePerson(actor, pool, userId, rosters.lockForSeatChange(userId));
        LicenseRefusal refusal = eligibility(pool, person, today(pool));
        if (refusal != null) {
            return refuse(actor, pool, userId, refusal);
        }
        Optional<PoolId> held = store.activeSeatOf(pool, userId);
        if (held.isPresent()) {
            if (held.get().equals(poolId)) {
                LicenseStore.HolderRow row = store.holder(poolId, userId).orElseThrow();
                return new AssignOutcome.Assigned(holder(row, person), false);
            }
            return refuse(actor, pool, userId, new LicenseRefusal.LicenseHeldElsewhere(held.get().toString()));
        }
        // lock the pool, take the seat if one is left and write the ledger: one statement, so the
        // pool row is locked only until the commit (see LicenseStore.seatIfAvailable)
        Instant now = clock.instant();
        LicenseStore.SeatAttempt attempt = store.seatIfAvailable(pool, userId, actor.label(), MANUAL, now);
        if (!attempt.seated()) {
            return refuse(actor, attempt.lockedPool(), userId, noLicenses(attempt.lockedPool(), 1));
        }
        events.publishEvent(new LicenseAssigned(pool.districtId(), poolId, userId));
        return new AssignOutcome.Assigned(new Holder(userId, person.displayName(), person.role(), now, actor.label(), null), true);
    }

    @Transactional
    public void unassign(Actor actor, PoolId poolId, UserId userId) {
        LicensePool pool = visiblePool(actor, poolId);
        requireSeatManager(actor, pool);
        visiblePerson(actor, pool, userId, rosters.lockForSeatChange(userId));
        Instant now = clock.instant();
        // release and ledger row in one statement: the pool row is locked only until the commit
        if (!store.releaseAndRecord(pool, userId, "UNASSIGNED", actor.label(), MANUAL, now)) {
            throw new NotFoundException("license held by user " + userId + " in pool", poolId);
        }
        events.publishEvent(new LicenseUnassigned(pool.districtId(), poolId, userId, "UNASSIGNED"));
    }

    /** Moves a license from one person to another in one step; works while the pool is full. */
    @Transactional
    public AssignOutcome reassign(Actor actor, PoolId poolId, UserId from, UserId to) {
        if (from.equals(to)) {
            throw new InvalidRequestException("toUserId", "toUserId must be another person than fromUserId.");
        }
        LicensePool pool = visiblePool(actor, poolId);
        requireSeatManager(actor, pool);
        Map<UserId, RosterUser> locked = rosters.lockForSeatChange(List.of(from, to));
        visiblePerson(actor, pool, from, Optional.ofNullable(locked.get(from)));
        RosterUser toPerson = visiblePerson(actor, pool, to, Optional.ofNullable(locked.get(to)));
        if (store.holder(poolId, from).isEmpty()) {
            throw new NotFoundException("license held by user " + from + " in pool", poolId);
        }
        LicenseRefusal refusal = eligibility(pool, toPerson, today(pool));
        if (refusal == null) {
            refusal = store.activeSeatOf(pool, to).map(p -> (LicenseRefusal) new LicenseRefusal.LicenseHeldElsewhere(p.toString())).orElse(null);
        }
        if (refusal != null) {
            return refuse(actor, pool, to, refusal);
        }
        LicensePool lockedPool = store.lockPool(poolId);
        Instant now = clock.instant();
        // release first: the trigger-kept count never exceeds seats, even for a moment
        store.release(lockedPool, from, actor.label(), "REASSIGNED", now);
        store.insertAssignment(lockedPool, to, actor.label(), now);
        store.ledger(lockedPool, "REASSIGNED", to, from, 0, 0, null, actor.label(), MANUAL, now);
        events.publishEvent(new LicenseUnassigned(pool.districtId(), poolId, from, "REASSIGNED"));
        events.publishEvent(new LicenseAssigned(pool.districtId(), poolId, to));
        return new AssignOutcome.Assigned(new Holder(to, toPerson.displayName(), toPerson.role(), now, actor.label(), null), true);
    }

    @Transactional
    public BulkResult bulkAssign(Actor actor, PoolId poolId, List<UserId> userIds, BulkMode mode) {
        List<UserId> ids = List.copyOf(new LinkedHashSet<>(userIds));
        if (ids.isEmpty() || ids.size() > MAX_BULK) {
            throw new InvalidRequestException("userIds", "userIds must list between 1 and " + MAX_BULK + " people.");
        }
        LicensePool pool = visiblePool(actor, poolId);
        requireSeatManager(actor, pool);
        Map<UserId, RosterUser> people = rosters.lockForSeatChange(ids);
        LocalDate today = today(pool);
        Map<UserId, Line> lines = new LinkedHashMap<>();
        Map<UserId, RosterUser> candidates = new LinkedHashMap<>();
        for (UserId id : ids) {
            RosterUser person = people.get(id);
            if (person == null || !mayActOn(actor, pool, person)) {
                lines.put(id, new Line(id, Result.REFUSED, "not_found", "No such person (or not one you may assign)."));
                continue;
            }
            LicenseRefusal refusal = eligibility(pool, person, today);
            Optional<PoolId> held = refusal == null ? store.activeSeatOf(pool, id) : Optional.empty();
            if (held.isPresent() && held.get().equals(poolId)) {
                lines.put(id, new Line(id, Result.ALREADY_ASSIGNED, null, null));
                continue;
            }
            if (held.isPresent()) {
                refusal = new LicenseRefusal.LicenseHeldElsewhere(held.get().toString());
            }
            if (refusal != null) {
                lines.put(id, new Line(id, Result.REFUSED, refusal.code(), refusal.detail()));
                continue;
            }
            lines.put(id, null);
            candidates.put(id, person);
        }
        LicensePool locked = store.lockPool(poolId);
        Instant now = clock.instant();
        long refused = lines.values().stream().filter(l -> l != null && l.result() == Result.REFUSED).count();
        LicenseRefusal whole = null;
        if (mode == BulkMode.ALL_OR_NOTHING && refused > 0) {
            whole = new LicenseRefusal.BulkRefused((int) refused);
        } else if (mode == BulkMode.ALL_OR_NOTHING && candidates.size() > locked.available()) {
            whole = noLicenses(locked, candidates.size());
        }
        if (whole != null) {
            store.ledger(locked, "REFUSED", null, null, 0, 0, whole.code() + " (bulk of " + ids.size() + ")", actor.label(), MANUAL, now);
            String why = whole.code();
            candidates.keySet().forEach(id -> lines.put(id, new Line(id, Result.NOT_ASSIGNED, why, "Not assigned: all or nothing.")));
            return new BulkResult(locked, mode, List.copyOf(lines.values()), whole);
        }
        int available = locked.available();
        for (UserId id : candidates.keySet()) {
            if (available > 0) {
                seat(actor, locked, id, now);
                available--;
                lines.put(id, new Line(id, Result.ASSIGNED, null, null));
            } else {
                LicenseRefusal none = noLicenses(locked, candidates.size());
                store.ledger(locked, "REFUSED", id, null, 0, 0, none.code(), actor.label(), MANUAL, now);
                lines.put(id, new Line(id, Result.NOT_ASSIGNED, none.code(), "No license left for this person."));
            }
        }
        for (Line l : lines.values()) {
            if (l.result() == Result.REFUSED && !"not_found".equals(l.code())) {
                store.ledger(locked, "REFUSED", l.userId(), null, 0, 0, l.code(), actor.label(), MANUAL, now);
            }
        }
        return new BulkResult(store.pool(poolId).orElseThrow(), mode, List.copyOf(lines.values()), null);
    }

    // ---------------------------------------------------------------- reads

    @Transactional(readOnly = true)
    public Page<Holder> holders(Actor actor, PoolId poolId, PageRequest page) {
        LicensePool pool = visiblePool(actor, poolId);
        actor.requireAnyOf("review license holders", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN);
        Set<SchoolId> schools = schoolScope(actor);
        List<LicenseStore.HolderRow> rows = store.holders(poolId, schools, page.limit(), page.offset());
        Map<UserId, RosterUser> people = rosters.find(pool.districtId(), rows.stream().map(LicenseStore.HolderRow::userId).toList());
        List<Holder> holders = rows.stream().map(r -> holder(r, people.get(r.userId()))).toList();
        return new Page<>(holders, schools == null ? pool.assigned() : store.countHolders(poolId, schools));
    }

    /**
     * A person's licenses: the hottest read of the service (product apps ask on every launch). It is one
     * statement, so it needs no transaction of its own (no BEGIN/COMMIT round trips). A district-wide
     * administrator may see everyone of their district, and held seats carry the holder's district, so for
     * them the seats answer visibility too; anyone else, or a person without seats, goes through the
     * roster's rules (404 for a person the actor may not see).
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<UserLicense> licensesOf(Actor actor, UserId userId) {
        List<LicenseStore.HeldLicense> held = store.licensesOf(userId);
        if (actor.isDistrictWideAdmin() && !held.isEmpty()) {
            actor.requireVisible(held.get(0).districtId(), "user", userId);
        } else {
            rosters.user(actor, userId);
        }
        return held.stream().map(LicenseStore.HeldLicense::license).toList();
    }

    /**
     * A pool's seat history, newest first. School admins see the rows about no one (pool opened,
     * purchases) and about people of their schools only; the other person of a reassignment is left
     * blank ({@code fromUserId} null) when they are not of those schools.
     */
    @Transactional(readOnly = true)
    public Page<LedgerEntry> ledger(Actor actor, PoolId poolId, UserId user, String action, PageRequest page) {
        LicensePool pool = visiblePool(actor, poolId);
        actor.requireAnyOf("read the seat ledger", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN);
        Set<SchoolId> schools = schoolScope(actor);
        List<LedgerEntry> rows = store.ledger(poolId, user, action, schools, page.limit(), page.offset());
        return new Page<>(schools == null ? rows : blankOthers(pool, rows, schools), store.countLedger(poolId, user, action, schools));
    }

    /** The rows with {@code fromUserId} blanked where that person belongs to none of the schools. */
    private List<LedgerEntry> blankOthers(LicensePool pool, List<LedgerEntry> rows, Set<SchoolId> schools) {
        Map<UserId, RosterUser> from = rosters.find(pool.districtId(), rows.stream().map(LedgerEntry::fromUserId).filter(Objects::nonNull).toList());
        return rows.stream().map(e -> {
            RosterUser other = e.fromUserId() == null ? null : from.get(e.fromUserId());
            if (e.fromUserId() == null || other != null && !Collections.disjoint(other.schoolIds(), schools)) {
                return e;
            }
            return new LedgerEntry(e.id(), e.action(), e.userId(), null, e.assignedDelta(), e.seatsDelta(), e.reason(), e.actor(), e.source(),
                    e.occurredAt());
        }).toList();
    }

    /** The schools a school admin's view of holders and ledger is limited to; null (no limit) for everyone else. */
    private static Set<SchoolId> schoolScope(Actor actor) {
        return actor.role() == ActorRole.SCHOOL_ADMIN ? actor.schoolIds() : null;
    }

    // ---------------------------------------------------------------- rules

    private LicensePool visiblePool(Actor actor, PoolId id) {
        LicensePool pool = store.pool(id).orElseThrow(() -> new NotFoundException("license pool", id));
        actor.requireVisible(pool.districtId(), "license pool", id);
        if (actor.role() == ActorRole.SCHOOL_ADMIN && pool.schoolId() != null && !actor.schoolIds().contains(pool.schoolId())) {
            throw new NotFoundException("license pool", id);
        }
        return pool;
    }

    private static void requireReader(Actor actor) {
        actor.requireAnyOf("see license pools", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN,
                ActorRole.TEACHER, ActorRole.STAFF);
    }

    private static void requireSeatManager(Actor actor, LicensePool pool) {
        actor.requireAnyOf("assign licenses", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN, ActorRole.TEACHER);
        if (actor.role() == ActorRole.TEACHER && pool.seatType() != SeatType.STUDENT) {
            throw new ForbiddenException("A teacher may assign student licenses only; educator licenses are assigned by administrators.");
        }
    }

    /** The person, or not-found when the caller may not see or act on them (another district, school or class). */
    private RosterUser visiblePerson(Actor actor, LicensePool pool, UserId id, Optional<RosterUser> found) {
        return found.filter(p -> mayActOn(actor, pool, p)).orElseThrow(() -> new NotFoundException("user", id));
    }

    private boolean mayActOn(Actor actor, LicensePool pool, RosterUser person) {
        if (!actor.maySee(person.districtId())) {
            return false;
        }
        if (!person.districtId().equals(pool.districtId())) {
            return true; // the vendor admin sees both districts: refused as out of scope, not hidden
        }
        return switch (actor.role()) {
            case SCHOOL_ADMIN -> !Collections.disjoint(person.schoolIds(), actor.schoolIds());
            case TEACHER -> rosters.isStudentOf(actor.userId(), person.id());
            default -> true;
        };
    }

    private static LicenseRefusal eligibility(LicensePool pool, RosterUser person, LocalDate today) {
        if (!person.districtId().equals(pool.districtId())) {
            return new LicenseRefusal.UserOutOfScope("This person belongs to another district than the pool.");
        }
        if (pool.schoolId() != null && !person.schoolIds().contains(pool.schoolId())) {
            return new LicenseRefusal.UserOutOfScope("This pool is for one school and this person is not at that school.");
        }
        if (!person.isActive()) {
            return new LicenseRefusal.UserInactive();
        }
        if (!pool.seatType().fits(person.role())) {
            return new LicenseRefusal.SeatTypeMismatch(pool.seatType(), person.role());
        }
        if (!pool.isActiveOn(today)) {
            return new LicenseRefusal.PoolNotActive(pool.startsOn(), pool.endsOn(), today);
        }
        return null;
    }

    private LocalDate today(LicensePool pool) {
        return districts.find(pool.districtId()).map(d -> LocalDate.now(clock.withZone(d.timezone())))
                .orElseThrow(() -> new IllegalStateException("pool without district " + pool.id()));
    }

    private static LicenseRefusal.NoLicensesAvailable noLicenses(LicensePool pool, int needed) {
        return new LicenseRefusal.NoLicensesAvailable(pool.productName(), pool.seatType(), pool.seats(), pool.assigned(), needed);
    }

    private void seat(Actor actor, LicensePool pool, UserId userId, Instant now) {
        store.insertAssignment(pool, userId, actor.label(), now);
        store.ledger(pool, "ASSIGNED", userId, null, 1, 0, null, actor.label(), MANUAL, now);
        events.publishEvent(new LicenseAssigned(pool.districtId(), pool.id(), userId));
    }

    private AssignOutcome refuse(Actor actor, LicensePool pool, UserId userId, LicenseRefusal refusal) {
        store.ledger(pool, "REFUSED", userId, null, 0, 0, refusal.code(), actor.label(), MANUAL, clock.instant());
        return new AssignOutcome.Refused(refusal);
    }

    private static Holder holder(LicenseStore.HolderRow row, RosterUser person) {
        return new Holder(row.userId(), person == null ? "(unknown)" : person.displayName(), person == null ? null : person.role(),
                row.assignedAt(), row.assignedBy(), row.lastActiveAt());
    }
}
