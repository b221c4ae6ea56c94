package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.licensing.LicenseEvents.LicenseUnassigned;
import com.seatkeeper.licensing.SeatQualification.Misfit;
import com.seatkeeper.roster.PersonRosterChanged;
import com.seatkeeper.roster.ReleasedLicense;
import com.seatkeeper.roster.RosterChangeImpact;
import com.seatkeeper.shared.ChangeSource;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seats follow changes of role and school (invariant 3): on {@link PersonRosterChanged}, synchronously
 * and inside the change's own transaction (MANDATORY), every seat the person no longer qualifies for
 * ({@link SeatQualification}) is released, with a ledger row RELEASED_BY_ROSTER_CHANGE, assigned_delta
 * -1, the change's actor and source and a reason such as "role changed from TEACHER to STUDENT" or "no
 * longer at Lincoln". The preview ({@link #wouldRelease}) runs the same plan over the same held seats
 * without changing anything, so what a dry run or the console's confirmation lists is what is released.
 * Lock order as in every seat change: the person's row (locked by the roster before it publishes), then
 * the pools in id order.
 */
@Component
class RosterChangeReleases implements RosterChangeImpact {
    private final JdbcClient jdbc;
    private final SeatChanges seatChanges;
    private final Districts districts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RosterChangeReleases(JdbcClient jdbc, SeatChanges seatChanges, Districts districts, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.seatChanges = seatChanges;
        this.districts = districts;
        this.events = events;
        this.clock = clock;
    }

    /** An active seat as the rule needs it: its type and its pool's school ({@code null}: district-wide). */
    record HeldSeat(UUID assignmentId, DistrictId districtId, PoolId poolId, UserId userId, String productCode, String productName,
                    SeatType seatType, SchoolId poolSchool) {}

    /** A seat to release, the change that causes it and why, in words. */
    record Release(HeldSeat seat, PersonRosterChanged change, String reason) {
        ReleasedLicense license() {
            return new ReleasedLicense(seat.poolId(), seat.productCode(), seat.productName(), seat.seatType().name(), reason);
        }
    }

    @Override
    public List<ReleasedLicense> wouldRelease(PersonRosterChanged change) {
        return plan(List.of(change)).stream().map(Release::license).toList();
    }

    /**
     * Releases what the change's person no longer qualifies for, in the change's transaction (none: an error), through the
     * seat primitive: one statement ends the seats and writes their ledger rows, each with its reason in words. The
     * caller's transaction holds the person's row lock; the pools are locked after it, in id order.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(PersonRosterChanged e) {
        List<Release> plan = plan(List.of(e));
        if (plan.isEmpty()) {
            return;
        }
        LedgerWrite write = new LedgerWrite(SeatAction.RELEASED_BY_ROSTER_CHANGE, ChangeSource.valueOf(e.source()), e.actor(), null,
                clock.instant());
        SeatChanges.Seats seats = new SeatChanges.Seats.Listed(plan.stream().map(r -> r.seat().assignmentId()).toList(),
                plan.stream().map(Release::reason).toList());
        seatChanges.release(seats, write).forEach(r -> events.publishEvent(new LicenseUnassigned(r.districtId(), r.poolId(), r.userId(),
                SeatAction.RELEASED_BY_ROSTER_CHANGE.name())));
    }

    /** The seats of the changed people that the rule no longer allows them, in a stable order. */
    private List<Release> plan(List<PersonRosterChanged> changes) {
        Map<UserId, PersonRosterChanged> byUser = new LinkedHashMap<>();
        changes.forEach(c -> byUser.put(c.userId(), c));
        List<Release> out = new ArrayList<>();
        for (HeldSeat seat : held(byUser.keySet())) {
            PersonRosterChanged c = byUser.get(seat.userId());
            Set<Misfit> misfits = SeatQualification.misfits(seat.seatType(), seat.poolSchool(), c.newRole(), c.newSchoolIds());
            if (!misfits.isEmpty()) {
                String school = seat.poolSchool() == null ? null : districts.school(seat.poolSchool()).map(School::name).orElse("its school");
                out.add(new Release(seat, c, reason(misfits, c.oldRole(), c.newRole(), school)));
            }
        }
        return out;
    }

    /** Why a seat is released, in words: "role changed from TEACHER to STUDENT", "no longer at Lincoln", or both. */
    static String reason(Set<Misfit> misfits, Role oldRole, Role newRole, String schoolName) {
        List<String> parts = new ArrayList<>();
        if (misfits.contains(Misfit.ROLE)) {
            parts.add(oldRole == newRole ? "role " + newRole + " does not fit this license" : "role changed from " + oldRole + " to " + newRole);
        }
        if (misfits.contains(Misfit.SCHOOL)) {
            parts.add("no longer at " + schoolName);
        }
        return String.join("; ", parts);
    }

    private List<HeldSeat> held(Collection<UserId> people) {
        return jdbc.sql("""
                        select a.id, a.district_id, a.pool_id, a.user_id, p.code, p.name, a.seat_type, lp.school_id
                        from assignments a
                        join license_pools lp on lp.id = a.pool_id
                        join products p on p.id = a.product_id
                        where a.user_id = any(?) and a.released_at is null
                        order by a.user_id, p.code, a.seat_type, a.pool_id""")
                .param(people.stream().map(UserId::value).toArray(UUID[]::new))
                .query((rs, n) -> {
                    UUID school = rs.getObject("school_id", UUID.class);
                    return new HeldSeat(rs.getObject("id", UUID.class), new DistrictId(rs.getObject("district_id", UUID.class)),
                            new PoolId(rs.getObject("pool_id", UUID.class)), new UserId(rs.getObject("user_id", UUID.class)),
                            rs.getString("code"), rs.getString("name"), SeatType.valueOf(rs.getString("seat_type")),
                            school == null ? null : new SchoolId(school));
                }).list();
    }
}
