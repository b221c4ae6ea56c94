package com.seatkeeper.licensing;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Text;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Purchase more licenses: a district admin requests N more seats of a pool with a note; the
 * vendor admin declines it (with a reason) or fulfils the request, which is a {@link Licensing#purchase} (purchase row, seats
 * added at once, PURCHASED in the seat ledger) in the same transaction as marking the request
 * fulfilled. Both steps are kept on the request row (requested_by/at, fulfilled_by/at).
 */
@Service
public class PurchaseRequests {
    static final int MAX_SEATS = 100_000;

    private final PurchaseRequestStore store;
    private final Licensing licensing;
    private final Clock clock;

    PurchaseRequests(PurchaseRequestStore store, Licensing licensing, Clock clock) {
        this.store = store;
        this.licensing = licensing;
        this.clock = clock;
    }

    /**
     * A district admin asks for more seats of one of their district's pools. Refusals: 422 {@code invalid_seats} (not 1 to
     * {@value #MAX_SEATS}); 400 {@code invalid_request} naming {@code note} (control characters other than line breaks, or
     * longer than {@link Text#NOTE}: {@link Text#note}).
     */
    @Transactional
    public Outcome<PurchaseRequest> request(Actor actor, PoolId poolId, int seats, String note) {
        LicensePool pool = licensing.pool(actor, poolId); // 404 for another district
        actor.requireAnyOf("request more licenses (ask a district administrator)", ActorRole.DISTRICT_ADMIN);
        if (seats < 1 || seats > MAX_SEATS) {
            return Outcome.refused(new PurchaseRequestRefusal.InvalidSeats(
                    "Ask for between 1 and " + MAX_SEATS + " seats (you asked for " + seats + ")."));
        }
        Optional<FieldRefusal> badNote = Text.note("note", note, Text.NOTE);
        if (badNote.isPresent()) {
            return Outcome.refused(badNote.get());
        }
        String text = Text.normalizeNote(note);
        UUID id = UUID.randomUUID();
        store.insert(id, pool, seats, text, actor.label(), actor.userId() == null ? null : actor.userId().value(), clock.instant());
        return Outcome.done(store.find(id).orElseThrow());
    }

    /**
     * The vendor admin fulfils a request: the seats are added to the pool at once. Refusals: 409 when already decided;
     * 400 naming {@code reference} ({@link Text#optionalLine}); 422 {@code seat_limit_exceeded} when the pool would pass
     * {@link SeatLimit#MAX_SEATS_PER_POOL} (nothing changed, the request stays open).
     */
    @Transactional
    public Outcome<PurchaseRequest> fulfil(Actor actor, UUID requestId, String reference) {
        actor.requireAnyOf("fulfil purchase requests", ActorRole.VENDOR_ADMIN);
        PurchaseRequest r = lockVisible(actor, requestId);
        if (!r.isOpen()) {
            return Outcome.refused(closed(r));
        }
        Optional<FieldRefusal> badReference = Text.optionalLine("reference", reference, Text.REFERENCE);
        if (badReference.isPresent()) {
            return Outcome.refused(badReference.get());
        }
        String given = Text.normalizeOptional(reference);
        String ref = given == null ? "request " + requestId : given;
        Outcome<LicensePool> purchased = licensing.purchase(actor, r.poolId(), new SeatCount(r.seats()), ref);
        if (purchased instanceof Outcome.Refused<LicensePool> refused) {
            return Outcome.refused(refused.refusal());
        }
        Instant now = clock.instant();
        store.markFulfilled(requestId, actor.label(), ref, now);
        return Outcome.done(store.find(requestId).orElseThrow());
    }

    /**
     * The vendor admin declines a request, with a reason the district admin sees: no seats are added, and the
     * request stays recorded as declined (by whom, when, why).
     */
    @Transactional
    public Outcome<PurchaseRequest> decline(Actor actor, UUID requestId, String reason) {
        actor.requireAnyOf("decline purchase requests", ActorRole.VENDOR_ADMIN);
        PurchaseRequest r = lockVisible(actor, requestId);
        if (!r.isOpen()) {
            return Outcome.refused(closed(r));
        }
        String why = Text.normalizeNote(reason);
        if (why == null) {
            return Outcome.refused(new PurchaseRequestRefusal.ReasonRequired(Text.NOTE));
        }
        Optional<FieldRefusal> badReason = Text.note("reason", reason, Text.NOTE);
        if (badReason.isPresent()) {
            return Outcome.refused(badReason.get());
        }
        store.markDeclined(requestId, actor.label(), why, clock.instant());
        return Outcome.done(store.find(requestId).orElseThrow());
    }

    /** The request, locked so that two decisions on it serialize (the second sees it closed); 404 if not visible. */
    private PurchaseRequest lockVisible(Actor actor, UUID requestId) {
        PurchaseRequest r = store.lock(requestId).orElseThrow(() -> new NotFoundException("purchase request", requestId));
        actor.requireVisible(r.districtId(), "purchase request", requestId);
        return r;
    }

    private static PurchaseRequestRefusal closed(PurchaseRequest r) {
        return r.isDeclined() ? new PurchaseRequestRefusal.AlreadyDeclined(r.declinedBy(), r.declinedAt(), r.declineReason())
                : new PurchaseRequestRefusal.AlreadyFulfilled(r.fulfilledBy(), r.fulfilledAt());
    }

    /** Open requests of every district, oldest first (vendor admin). */
    @Transactional(readOnly = true)
    public List<PurchaseRequest> open(Actor actor) {
        actor.requireAnyOf("see purchase requests of all districts", ActorRole.VENDOR_ADMIN);
        return store.open(500);
    }

    /** The most recently fulfilled requests of every district (vendor admin). */
    @Transactional(readOnly = true)
    public List<PurchaseRequest> recentlyFulfilled(Actor actor, int limit) {
        actor.requireAnyOf("see purchase requests of all districts", ActorRole.VENDOR_ADMIN);
        return store.recentlyFulfilled(Math.min(Math.max(limit, 1), 500));
    }

    /** The most recently declined requests of every district (vendor admin). */
    @Transactional(readOnly = true)
    public List<PurchaseRequest> recentlyDeclined(Actor actor, int limit) {
        actor.requireAnyOf("see purchase requests of all districts", ActorRole.VENDOR_ADMIN);
        return store.recentlyDeclined(Math.min(Math.max(limit, 1), 500));
    }

    /** The requests of one pool, newest first. */
    @Transactional(readOnly = true)
    public List<PurchaseRequest> ofPool(Actor actor, PoolId poolId) {
        licensing.pool(actor, poolId);
        actor.requireAnyOf("see purchase requests", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN);
        return store.ofPool(poolId, 100);
    }

    /** The requests of one district, newest first. */
    @Transactional(readOnly = true)
    public List<PurchaseRequest> ofDistrict(Actor actor, DistrictId districtId) {
        actor.requireVisible(districtId, "district", districtId);
        actor.requireAnyOf("see purchase requests", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN);
        return store.ofDistrict(districtId, 200);
    }
}
