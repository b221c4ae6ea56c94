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
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.ForbiddenException;
import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.Text;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    private static final int MAX_BULK = 10_000;

    private final LicenseStore store;
    private final SeatChanges seatChanges;
    private final AutoAssignStore autoAssignRules;
    private final Districts districts;
    private final Rosters rosters;
    private final Catalog catalog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Licensing(LicenseStore store, SeatChanges seatChanges, AutoAssignStore autoAssignRules, Districts districts, Rosters rosters,
              Catalog catalog, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.seatChanges = seatChanges;
        this.autoAssignRules = autoAssignRules;
        this.districts = districts;
        this.rosters = rosters;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
    }

    public record NewPool(String productCode, SeatType seatType, SeatCount seats, LocalDate startsOn, LocalDate endsOn, SchoolId schoolId) {}

    // ---------------------------------------------------------------- pools and purchases

    /**
     * Opens a pool with its initial seats (vendor admins). Refusals: 400 naming {@code startsOn}/{@code endsOn} (outside
     * {@link SeatLimit#EARLIEST_DAY}..{@link SeatLimit#LATEST_DAY} or reversed); 422 {@code seat_limit_exceeded} above
     * {@link SeatLimit#MAX_SEATS_PER_POOL}; 422 unknown product, seat type or school.
     */
    @Transactional
    public Outcome<LicensePool> openPool(Actor actor, DistrictId districtId, NewPool cmd) {
        District district = districts.get(actor, districtId);
        actor.requireAnyOf("open license pools", ActorRole.VENDOR_ADMIN);
        Optional<BusinessRefusal> badPool = SeatLimit.newPool(cmd.startsOn(), cmd.endsOn(), cmd.seats().value());
        if (badPool.isPresent()) {
            return Outcome.refused(badPool.get());
        }
        Optional<FieldRefusal> badCode = Catalog.codeRule("productCode", cmd.productCode());
        if (badCode.isPresent()) {
            return Outcome.refused(badCode.get());
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
        Optional<LicensePool> overlap = store.overlapping(district.id(), product.get().id(), cmd.seatType(), cmd.schoolId(),
                cmd.startsOn(), cmd.endsOn(), null);
        if (overlap.isPresent()) {
            return Outcome.refused(overlapping(overlap.get()));
        }
        PoolId id = PoolId.random();
        Instant now = clock.instant();
        store.insertPool(id, district.id(), product.get().id(), cmd.seatType(), cmd.schoolId(), cmd.startsOn(), cmd.endsOn(), now);
        store.insertPurchase(id, district.id(), cmd.seats().value(), "initial", actor.label(), now);
        LicensePool pool = store.pool(id).orElseThrow();
        store.note(pool, LedgerWrite.manual(SeatAction.POOL_OPENED, actor.label(), now), null, cmd.seats().value());
        return Outcome.done(pool);
    }

    /**
     * The next term of a pool.
     *
     * @param seats the new pool's seats (its initial purchase)
     * @param startsOn first day of the new term; after the renewed pool's last day
     * @param endsOn last day of the new term
     * @param carryOverHolders whether the renewed pool's eligible holders get seats of the new pool
     */
    public record Renewal(SeatCount seats, LocalDate startsOn, LocalDate endsOn, boolean carryOverHolders) {}

    /**
     * A renewal's outcome: the new pool with its counts (on a dry run, the pool that would be opened, not stored), and
     * who was (or would be) carried over and left out.
     */
    public record RenewalResult(LicensePool pool, boolean dryRun, RenewalPlan plan) {}

    /**
     * Opens the next term's pool of the same product, seat type and school (vendor admins), possibly weeks before the
     * current term ends; with carry-over, the current holders who are still eligible get its seats at once, set-based, as
     * many as the seats allow (ledger RENEWED, reason "renewal of &lt;pool&gt;"). Carried-over seats of a term that has not
     * started are pending: counted in the new pool's {@code assigned}, listed as NOT_STARTED, giving access from the
     * first day of the term (reads decide by the district's date); the nightly job releases the old seats (EXPIRED) and
     * makes the pending ones current. The renewed pool's auto-assign rules are the new pool's too (they give seats once its
     * term has begun). A dry run answers the same without changing anything.
     *
     * @throws InvalidRequestException (400) when the term is reversed or does not start after the renewed pool's last day
     * @return the result, or 409 {@code overlapping_pool} when another pool of the product, seat type and school shares a day
     */
    @Transactional
    public Outcome<RenewalResult> renew(Actor actor, PoolId poolId, Renewal cmd, boolean dryRun) {
        LicensePool old = visiblePool(actor, poolId);
        actor.requireAnyOf("renew license pools", ActorRole.VENDOR_ADMIN);
        Optional<BusinessRefusal> badPool = SeatLimit.newPool(cmd.startsOn(), cmd.endsOn(), cmd.seats().value());
        if (badPool.isPresent()) {
            return Outcome.refused(badPool.get());
        }
        if (!cmd.startsOn().isAfter(old.endsOn())) {
            throw new InvalidRequestException("startsOn", "A renewal starts after the term it renews, which ends on " + old.endsOn()
                    + ": startsOn must be " + old.endsOn().plusDays(1) + " or later.");
        }
        Optional<LicensePool> overlap = store.overlapping(old.districtId(), old.productId(), old.seatType(), old.schoolId(),
                cmd.startsOn(), cmd.endsOn(), old.id());
        if (overlap.isPresent()) {
            return Outcome.refused(overlapping(overlap.get()));
        }
        LicensePool next = new LicensePool(PoolId.random(), old.districtId(), old.productId(), old.productCode(), old.productName(),
                old.seatType(), old.schoolId(), cmd.seats().value(), 0, cmd.startsOn(), cmd.endsOn());
        RenewalPlan plan = cmd.carryOverHolders() ? carryOverPlan(old, next, dryRun) : new RenewalPlan(List.of(), List.of());
        if (dryRun) {
            return Outcome.done(new RenewalResult(next, true, plan));
        }
        Instant now = clock.instant();
        String reason = "renewal of " + label(old);
        store.insertPool(next.id(), next.districtId(), next.productId(), next.seatType(), next.schoolId(), next.startsOn(), next.endsOn(), now);
        store.markRenewalOf(next.id(), old.id());
        autoAssignRules.copy(old, next.id(), actor.label(), now);
        store.insertPurchase(next.id(), next.districtId(), cmd.seats().value(), "renewal", actor.label(), now);
        store.note(next, LedgerWrite.manual(SeatAction.POOL_OPENED, actor.label(), now).because(reason), null, cmd.seats().value());
        List<UserId> carried = plan.carried().stream().map(RenewalPlan.Line::userId).toList();
        boolean started = next.isActiveOn(today(next));
        if (started) {
            // a renewal opened after its term began: the old seats (ended) are released first, the new ones are current
            expire(carried, List.of(old.id()), actor, now);
        }
        if (!carried.isEmpty()) {
            seatChanges.seat(next, carried, !started, LedgerWrite.manual(SeatAction.RENEWED, actor.label(), now).because(reason));
        }
        carried.forEach(u -> events.publishEvent(new LicenseAssigned(next.districtId(), next.id(), u)));
        return Outcome.done(new RenewalResult(store.pool(next.id()).orElseThrow(), false, plan));
    }

    private RenewalPlan carryOverPlan(LicensePool old, LicensePool next, boolean dryRun) {
        List<UserId> ids = store.allHolders(old.id()).stream().map(LicenseStore.HolderRow::userId).toList();
        if (ids.isEmpty()) {
            return new RenewalPlan(List.of(), List.of());
        }
        Map<UserId, RosterUser> people = dryRun ? rosters.find(old.districtId(), ids) : rosters.lockForSeatChange(ids);
        // re-read under the people's locks: a holder unassigned meanwhile is not carried over
        List<UserId> holders = store.allHolders(old.id()).stream().map(LicenseStore.HolderRow::userId).filter(people::containsKey).toList();
        return RenewalPlan.of(holders, people, (person, id) -> eligibility(next, person, next.startsOn()),
                new HashSet<>(store.withPendingSeat(old, holders)), next.seats());
    }

    private static String label(LicensePool p) {
        return p.productName() + " " + p.seatType().name().toLowerCase() + " licenses " + p.startsOn() + " to " + p.endsOn()
                + " (pool " + p.id() + ")";
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

    /**
     * Adds purchased seats to a pool (vendor admins). Refusals: 400 naming {@code reference} ({@link Text#optionalLine});
     * 422 {@code seat_limit_exceeded} when the pool would pass {@link SeatLimit#MAX_SEATS_PER_POOL} (checked on the locked
     * pool row, so two purchases cannot pass it together; the CHECK constraint backs it up).
     */
    @Transactional
    public Outcome<LicensePool> purchase(Actor actor, PoolId poolId, SeatCount seats, String reference) {
        LicensePool pool = visiblePool(actor, poolId);
        actor.requireAnyOf("add purchased seats (district admins request them in the console)", ActorRole.VENDOR_ADMIN);
        Optional<FieldRefusal> badReference = Text.optionalLine("reference", reference, Text.REFERENCE);
        if (badReference.isPresent()) {
            return Outcome.refused(badReference.get());
        }
        Optional<LicenseRefusal> tooMany = SeatLimit.adding(store.lockPool(poolId).seats(), seats.value());
        if (tooMany.isPresent()) {
            return Outcome.refused(tooMany.get());
        }
        String ref = Text.normalizeOptional(reference);
        Instant now = clock.instant();
        store.insertPurchase(poolId, pool.districtId(), seats.value(), ref, actor.label(), now);
        store.note(pool, LedgerWrite.manual(SeatAction.PURCHASED, actor.label(), now).because(ref), null, seats.value());
        events.publishEvent(new SeatsPurchased(pool.districtId(), poolId, seats.value()));
        return Outcome.done(store.pool(poolId).orElseThrow());
    }

    // ---------------------------------------------------------------- seat changes

    @Transactional
    public AssignOutcome assign(Actor actor, PoolId poolId, UserId userId) {
        LicensePool pool = visiblePool(actor, poolId);
        requireSeatManager(actor, pool);
        RosterUser person = person(userId, lockPeople(actor, pool, List.of(userId), true).get(userId));
        LicenseRefusal refusal = eligibility(pool, person, today(pool));
        if (refusal != null) {
            return refuse(actor, pool, userId, refusal);
        }
        Instant now = clock.instant();
        Holdings.Verdict verdict = store.seatsOf(pool, userId).forSeatIn(pool, today(pool));
        if (verdict instanceof Holdings.Verdict.AlreadyHere) {
            LicenseStore.HolderRow row = store.holder(poolId, userId).orElseThrow();
            return new AssignOutcome.Assigned(holder(row, person), false);
        }
        if (verdict instanceof Holdings.Verdict.HeldElsewhere elsewhere) {
            return refuse(actor, pool, userId, new LicenseRefusal.LicenseHeldElsewhere(elsewhere.poolId().toString()));
        }
        // a seat whose term ended counts as expired even before the nightly job: released here, before the pool is locked
        // (ended pools, then this one: the same order in every seat change)
        expire(List.of(userId), ((Holdings.Verdict.Free) verdict).toExpire(), actor, now);
        // lock the pool, take the seat if one is left and write the ledger: one statement (see SeatChanges.seat)
        SeatChanges.Seating seating = seatChanges.seat(pool, List.of(userId), false, LedgerWrite.manual(SeatAction.ASSIGNED, actor.label(), now));
        if (seating.seated().isEmpty()) {
            return refuse(actor, seating.lockedPool(), userId, noLicenses(seating.lockedPool(), 1));
        }
        events.publishEvent(new LicenseAssigned(pool.districtId(), poolId, userId));
        return new AssignOutcome.Assigned(new Holder(userId, person.displayName(), person.role(), now, actor.label(), null), true);
    }

    @Transactional
    public void unassign(Actor actor, PoolId poolId, UserId userId) {
        LicensePool pool = visiblePool(actor, poolId);
        requireSeatManager(actor, pool);
        person(userId, lockPeople(actor, pool, List.of(userId), false).get(userId));
        Instant now = clock.instant();
        // release and ledger row in one statement: the pool row is locked only until the commit
        if (seatChanges.release(new SeatChanges.Seats.InPool(pool, userId), LedgerWrite.manual(SeatAction.UNASSIGNED, actor.label(), now))
                .isEmpty()) {
            throw new NotFoundException("license held by user " + userId + " in pool", poolId);
        }
        events.publishEvent(new LicenseUnassigned(pool.districtId(), poolId, userId, "UNASSIGNED"));
    }

    /**
     * Unassigns the pool's license from each of the people, all or nothing, set-based: the people are locked in one
     * statement and every seat is released with its UNASSIGNED ledger row in one more (see {@link SeatChanges#release}).
     * Only the pool district's people whom the actor may act on are locked; any other id is unknown, exactly as an id of
     * no one: neither its name nor whether it holds a license is told.
     *
     * @return how many were unassigned, or {@link SeatBatchRefusal.NotHolders} (409) listing the ids that hold no license
     *         of the pool and the ids that are unknown; then nothing changed
     */
    @Transactional
    public Outcome<Integer> unassignAll(Actor actor, PoolId poolId, List<UserId> people) {
        List<UserId> ids = List.copyOf(new LinkedHashSet<>(people));
        if (ids.isEmpty() || ids.size() > MAX_BULK) {
            throw new InvalidRequestException("userIds", "userIds must list between 1 and " + MAX_BULK + " people.");
        }
        LicensePool pool = visiblePool(actor, poolId);
        requireSeatManager(actor, pool);
        Map<UserId, RosterUser> found = lockPeople(actor, pool, ids, false);
        List<UserId> known = ids.stream().filter(found::containsKey).toList();
        Set<UserId> holders = new HashSet<>(store.holdersAmong(poolId, known));
        List<UserId> notHolders = known.stream().filter(id -> !holders.contains(id)).toList();
        List<UserId> unknown = ids.stream().filter(id -> !found.containsKey(id)).toList();
        if (!notHolders.isEmpty() || !unknown.isEmpty()) {
            List<String> names = notHolders.stream().limit(SeatBatchRefusal.NAMED).map(id -> found.get(id).displayName()).toList();
            return Outcome.refused(new SeatBatchRefusal.NotHolders(names, notHolders, unknown));
        }
        List<SeatChanges.Released> released = seatChanges.release(new SeatChanges.Seats.OfPeopleInPool(pool, ids),
                LedgerWrite.manual(SeatAction.UNASSIGNED, actor.label(), clock.instant()));
        released.forEach(r -> events.publishEvent(new LicenseUnassigned(pool.districtId(), poolId, r.userId(), "UNASSIGNED")));
        return Outcome.done(released.size());
    }

    /** Moves a license from one person to another in one step; works while the pool is full. */
    @Transactional
    public AssignOutcome reassign(Actor actor, PoolId poolId, UserId from, UserId to) {
        if (from.equals(to)) {
            throw new InvalidRequestException("toUserId", "toUserId must be another person than fromUserId.");
        }
        LicensePool pool = visiblePool(actor, poolId);
        requireSeatManager(actor, pool);
        Map<UserId, RosterUser> locked = lockPeople(actor, pool, List.of(from, to), true);
        person(from, locked.get(from));
        RosterUser toPerson = person(to, locked.get(to));
        if (store.holder(poolId, from).isEmpty()) {
            throw new NotFoundException("license held by user " + from + " in pool", poolId);
        }
        LicenseRefusal refusal = eligibility(pool, toPerson, today(pool));
        Holdings.Verdict verdict = refusal == null ? store.seatsOf(pool, to).forSeatIn(pool, today(pool)) : null;
        if (verdict instanceof Holdings.Verdict.AlreadyHere) {
            refusal = new LicenseRefusal.AlreadyHoldsLicense(poolId.toString());
        } else if (verdict instanceof Holdings.Verdict.HeldElsewhere elsewhere) {
            refusal = new LicenseRefusal.LicenseHeldElsewhere(elsewhere.poolId().toString());
        }
        if (refusal != null) {
            return refuse(actor, pool, to, refusal);
        }
        Instant now = clock.instant();
        expire(List.of(to), ((Holdings.Verdict.Free) verdict).toExpire(), actor, now);
        if (!seatChanges.reassign(pool, from, to, LedgerWrite.manual(SeatAction.REASSIGNED, actor.label(), now))) {
            throw new NotFoundException("license held by user " + from + " in pool", poolId);
        }
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
        Map<UserId, RosterUser> people = lockPeople(actor, pool, ids, false);
        LocalDate today = today(pool);
        // everyone's seats of the product and seat type in one statement, read under the people's locks
        Map<UserId, Holdings> holdings = store.seatsOf(pool, List.copyOf(people.keySet()));
        Map<UserId, Line> lines = new LinkedHashMap<>();
        Map<UserId, RosterUser> candidates = new LinkedHashMap<>();
        Map<UserId, List<PoolId>> toExpire = new LinkedHashMap<>();
        for (UserId id : ids) {
            RosterUser person = people.get(id);
            if (person == null) { // no one, or not one the actor may act on (lockPeople)
                lines.put(id, new Line(id, Result.REFUSED, "not_found", "No such person (or not one you may assign)."));
                continue;
            }
            LicenseRefusal refusal = eligibility(pool, person, today);
            Holdings.Verdict verdict = refusal == null ? holdings.get(id).forSeatIn(pool, today) : null;
            if (verdict instanceof Holdings.Verdict.AlreadyHere) {
                lines.put(id, new Line(id, Result.ALREADY_ASSIGNED, null, null));
                continue;
            }
            if (verdict instanceof Holdings.Verdict.HeldElsewhere elsewhere) {
                refusal = new LicenseRefusal.LicenseHeldElsewhere(elsewhere.poolId().toString());
            }
            if (refusal != null) {
                lines.put(id, new Line(id, Result.REFUSED, refusal.code(), refusal.detail()));
                continue;
            }
            lines.put(id, null);
            candidates.put(id, person);
            toExpire.put(id, ((Holdings.Verdict.Free) verdict).toExpire());
        }
        Instant now = clock.instant();
        long refused = lines.values().stream().filter(l -> l != null && l.result() == Result.REFUSED).count();
        if (mode != BulkMode.ALL_OR_NOTHING || refused == 0) {
            // seats of ended terms count as expired: released before this pool is locked (the order of every seat change)
            // one statement for all: a candidate's ended seats of this product and seat type are exactly these pools' seats
            expire(List.copyOf(toExpire.keySet()), toExpire.values().stream().flatMap(List::stream).distinct().toList(), actor, now);
        }
        LicensePool locked = store.lockPool(poolId);
        LicenseRefusal whole = null;
        if (mode == BulkMode.ALL_OR_NOTHING && refused > 0) {
            whole = new LicenseRefusal.BulkRefused((int) refused);
        } else if (mode == BulkMode.ALL_OR_NOTHING && candidates.size() > locked.available()) {
            whole = noLicenses(locked, candidates.size());
        }
        if (whole != null) {
            store.note(locked, refused(actor, now, whole.code() + " (bulk of " + ids.size() + ")"), null, 0);
            String why = whole.code();
            candidates.keySet().forEach(id -> lines.put(id, new Line(id, Result.NOT_ASSIGNED, why, "Not assigned: all or nothing.")));
            return new BulkResult(locked, mode, List.copyOf(lines.values()), whole);
        }
        List<UserId> seated = candidates.isEmpty() ? List.of()
                : seatChanges.seat(locked, List.copyOf(candidates.keySet()), false,
                        LedgerWrite.manual(SeatAction.ASSIGNED, actor.label(), now)).seated();
        Set<UserId> seatedSet = new HashSet<>(seated);
        String none = noLicenses(locked, candidates.size()).code();
        for (UserId id : candidates.keySet()) {
            if (seatedSet.contains(id)) {
                lines.put(id, new Line(id, Result.ASSIGNED, null, null));
                events.publishEvent(new LicenseAssigned(pool.districtId(), poolId, id));
            } else {
                lines.put(id, new Line(id, Result.NOT_ASSIGNED, none, "No license left for this person."));
            }
        }
        // one REFUSED ledger row per person left without a seat (not for unknown people), in one statement
        List<Line> noted = lines.values().stream().filter(l -> l.result() == Result.NOT_ASSIGNED
                || l.result() == Result.REFUSED && !"not_found".equals(l.code())).toList();
        store.noteEach(locked, refused(actor, now, null), noted.stream().map(Line::userId).toList(),
                noted.stream().map(Line::code).toList());
        return new BulkResult(store.pool(poolId).orElseThrow(), mode, List.copyOf(lines.values()), null);
    }

    // ---------------------------------------------------------------- reads

    /**
     * A person's licenses: the hottest read of the service (product apps ask on every launch). It is one
     * statement, so it needs no transaction of its own (no BEGIN/COMMIT round trips). A district-wide
     * administrator may see everyone of their district, and held seats carry the holder's district, so for
     * them the seats answer visibility too; anyone else, or a person without seats, goes through the
     * roster's rules (404 for a person the actor may not see).
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<UserLicense> licensesOf(Actor actor, UserId userId) {
        List<LicenseStore.HeldLicense> held = store.licensesOf(userId, clock.instant());
        if (actor.isDistrictWideAdmin() && !held.isEmpty()) {
            actor.requireVisible(held.get(0).districtId(), "user", userId);
        } else {
            rosters.user(actor, userId);
        }
        return held.stream().map(LicenseStore.HeldLicense::license).toList();
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

    /**
     * Locks the people of {@code ids} the actor may act on ({@link #mayActOn}) and returns them; any other id is left out,
     * unlocked, as an id of no one. Only the pool's district's people in the actor's scope are locked
     * ({@link Rosters#lockForSeatChange(Actor, DistrictId, java.util.Collection)}). {@code outsiders}: for a single person's
     * change by the vendor admin, who sees every district, a person of another district is returned too (unlocked; the
     * seat rules refuse them as out of scope: 422, not 404).
     */
    private Map<UserId, RosterUser> lockPeople(Actor actor, LicensePool pool, List<UserId> ids, boolean outsiders) {
        Map<UserId, RosterUser> locked = rosters.lockForSeatChange(actor, pool.districtId(), ids);
        // a teacher acts on the students of their classes: one statement for all, not one per person
        Set<UserId> students = actor.role() == ActorRole.TEACHER ? rosters.studentsOf(actor.userId(), locked.keySet()) : Set.of();
        Map<UserId, RosterUser> out = new LinkedHashMap<>();
        for (UserId id : ids) {
            Optional<RosterUser> person = Optional.ofNullable(locked.get(id));
            if (person.isEmpty() && outsiders && actor.isVendor()) {
                person = rosters.find(id);
            }
            person.filter(p -> mayActOn(actor, pool, p, students)).ifPresent(p -> out.put(id, p));
        }
        return out;
    }

    /** The person found by {@link #lockPeople}, or not-found (no one, or not one the caller may act on). */
    private static RosterUser person(UserId id, RosterUser found) {
        return Optional.ofNullable(found).orElseThrow(() -> new NotFoundException("user", id));
    }

    /** The seat rule of scope: {@code ownStudents}, for a teacher, the students of their classes among the people asked for. */
    private static boolean mayActOn(Actor actor, LicensePool pool, RosterUser person, Set<UserId> ownStudents) {
        if (!actor.maySee(person.districtId())) {
            return false;
        }
        if (!person.districtId().equals(pool.districtId())) {
            return true; // the vendor admin sees both districts: refused as out of scope, not hidden
        }
        return switch (actor.role()) {
            case SCHOOL_ADMIN -> !Collections.disjoint(person.schoolIds(), actor.schoolIds());
            case TEACHER -> ownStudents.contains(person.id());
            default -> true;
        };
    }

    private static LicenseRefusal eligibility(LicensePool pool, RosterUser person, LocalDate today) {
        if (!person.districtId().equals(pool.districtId())) {
            return new LicenseRefusal.UserOutOfScope("This person belongs to another district than the pool.");
        }
        var misfits = SeatQualification.misfits(pool.seatType(), pool.schoolId(), person.role(), person.schoolIds());
        if (misfits.contains(SeatQualification.Misfit.SCHOOL)) {
            return new LicenseRefusal.UserOutOfScope("This pool is for one school and this person is not at that school.");
        }
        if (!person.isActive()) {
            return new LicenseRefusal.UserInactive();
        }
        if (misfits.contains(SeatQualification.Misfit.ROLE)) {
            return new LicenseRefusal.SeatTypeMismatch(pool.seatType(), person.role());
        }
        if (!pool.isActiveOn(today)) {
            return new LicenseRefusal.PoolNotActive(pool.startsOn(), pool.endsOn(), today);
        }
        return null;
    }

    /** Today's date in the district's time zone, from the injected clock: the day terms and seat statuses are judged by. */
    public LocalDate today(DistrictId districtId) {
        return districts.find(districtId).map(d -> LocalDate.now(clock.withZone(d.timezone())))
                .orElseThrow(() -> new NotFoundException("district", districtId));
    }

    private LocalDate today(LicensePool pool) {
        return districts.find(pool.districtId()).map(d -> LocalDate.now(clock.withZone(d.timezone())))
                .orElseThrow(() -> new IllegalStateException("pool without district " + pool.id()));
    }

    private static LicenseRefusal.OverlappingPool overlapping(LicensePool other) {
        return new LicenseRefusal.OverlappingPool(other.id().toString(), other.startsOn(), other.endsOn());
    }

    private static LicenseRefusal.NoLicensesAvailable noLicenses(LicensePool pool, int needed) {
        return new LicenseRefusal.NoLicensesAvailable(pool.productName(), pool.seatType(), pool.seats(), pool.assigned(), needed);
    }

    /**
     * Releases the people's seats in the given pools, whose terms ended (ledger EXPIRED naming the term): a seat of an
     * ended term counts as expired even before the nightly job. The people are locked; pools are locked after them.
     */
    private void expire(List<UserId> people, List<PoolId> pools, Actor actor, Instant now) {
        if (!people.isEmpty() && !pools.isEmpty()) {
            seatChanges.release(new SeatChanges.Seats.Ended(people, pools), LedgerWrite.manual(SeatAction.EXPIRED, actor.label(), now));
        }
    }

    private static LedgerWrite refused(Actor actor, Instant now, String code) {
        return LedgerWrite.manual(SeatAction.REFUSED, actor.label(), now).because(code);
    }

    private AssignOutcome refuse(Actor actor, LicensePool pool, UserId userId, LicenseRefusal refusal) {
        store.note(pool, refused(actor, clock.instant(), refusal.code()), userId, 0);
        return new AssignOutcome.Refused(refusal);
    }

    private static Holder holder(LicenseStore.HolderRow row, RosterUser person) {
        return new Holder(row.userId(), person == null ? "(unknown)" : person.displayName(), person == null ? null : person.role(),
                row.assignedAt(), row.assignedBy(), row.lastActiveAt());
    }
}
