package com.seatkeeper.licensing;

import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.shared.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Who a renewal carries over (plain function, unit-tested in RenewalPlanTest): the renewed pool's holders in their stable
 * order (assigned date, then id), each still eligible for the new pool (active, role fits the seat type, at the pool's
 * school), as many as the new pool's seats allow; everyone else is left out with the reason.
 *
 * @param carried the people who get a seat of the new pool, in order
 * @param leftOut the holders who do not, in the same order, with a code and a detail each
 */
public record RenewalPlan(List<Line> carried, List<Line> leftOut) {

    /** One holder of the renewed pool; {@code code} and {@code detail} are null for a carried-over person. */
    public record Line(UserId userId, String name, String code, String detail) {}

    static final String ALREADY_RENEWED = "already_renewed";
    static final String NO_SEAT_LEFT = "no_seat_left";

    /**
     * @param holders the renewed pool's holders in renewal order
     * @param people the roster rows of the holders (a missing one is left out as out of scope)
     * @param eligibility the seat rules of the new pool for a person (null when eligible)
     * @param alreadyPending holders who already hold a pending seat of the product and seat type (from another renewal)
     * @param seats the new pool's seats
     */
    static RenewalPlan of(List<UserId> holders, Map<UserId, RosterUser> people, BiFunction<RosterUser, UserId, LicenseRefusal> eligibility,
                          Set<UserId> alreadyPending, int seats) {
        List<Line> carried = new ArrayList<>();
        List<Line> leftOut = new ArrayList<>();
        for (UserId id : holders) {
            RosterUser person = people.get(id);
            String name = person == null ? "(unknown)" : person.displayName();
            LicenseRefusal refusal = person == null
                    ? new LicenseRefusal.UserOutOfScope("This person is not in the pool's district.")
                    : eligibility.apply(person, id);
            if (refusal != null) {
                leftOut.add(new Line(id, name, refusal.code(), refusal.detail()));
            } else if (alreadyPending.contains(id)) {
                leftOut.add(new Line(id, name, ALREADY_RENEWED,
                        "Already holds a seat of this product and kind in another pool that has not started yet."));
            } else if (carried.size() >= seats) {
                leftOut.add(new Line(id, name, NO_SEAT_LEFT,
                        "All " + seats + " seats of the new pool went to holders assigned earlier; purchase more seats for the new pool, "
                                + "then assign this person."));
            } else {
                carried.add(new Line(id, name, null, null));
            }
        }
        return new RenewalPlan(List.copyOf(carried), List.copyOf(leftOut));
    }
}
