package com.seatkeeper.licensing;

import com.seatkeeper.licensing.LicenseEvents.LicenseUnassigned;
import com.seatkeeper.roster.UserDeactivated;
import com.seatkeeper.shared.ChangeSource;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Frees the seats of a person who left: on {@link UserDeactivated}, synchronously and inside the
 * deactivation's own transaction (MANDATORY: there is no way to run it outside one), so an
 * inactive person never holds a seat, not even for a moment another transaction could see.
 * Through the set-based seat primitive ({@link SeatChanges}) that bulk roster applies use too: one
 * statement ends every seat and writes a RELEASED_BY_DEACTIVATION ledger row (assigned_delta -1) for
 * each. Lock order as in every seat change: the person's row (already locked by the roster module),
 * then the pools in id order (by the counting trigger).
 */
@Component
class SeatReleases {
    static final String REASON = "person deactivated";

    private final SeatChanges seatChanges;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SeatReleases(SeatChanges seatChanges, ApplicationEventPublisher events, Clock clock) {
        this.seatChanges = seatChanges;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(UserDeactivated e) {
        LedgerWrite write = new LedgerWrite(SeatAction.RELEASED_BY_DEACTIVATION, ChangeSource.valueOf(e.source()), e.actor(), REASON,
                clock.instant());
        List<SeatChanges.Released> released = seatChanges.release(new SeatChanges.Seats.OfPeople(List.of(e.userId())), write);
        released.forEach(r -> events.publishEvent(new LicenseUnassigned(r.districtId(), r.poolId(), r.userId(),
                SeatAction.RELEASED_BY_DEACTIVATION.name())));
    }
}
