package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import java.util.EnumSet;
import java.util.Set;

/**
 * The part of invariant 3 (docs/design.md, "Invariants") that a roster change can break: a seat's type must fit the
 * holder's role, and a school-scoped pool's seat needs a holder at that school. The one copy of that
 * rule: assignment ({@code Licensing}'s eligibility), the roster-change preview and the roster-change
 * release all ask here. Plain code, no Spring.
 */
final class SeatQualification {
    /** Why a person does not qualify for a seat. */
    enum Misfit { ROLE, SCHOOL }

    private SeatQualification() {}

    /**
     * What keeps a person with this role and these schools from holding a seat of this type in a pool
     * of this school ({@code null} for a district-wide pool); empty when they qualify.
     */
    static Set<Misfit> misfits(SeatType seatType, SchoolId poolSchool, Role role, Set<SchoolId> schools) {
        Set<Misfit> out = EnumSet.noneOf(Misfit.class);
        if (!seatType.fits(role)) {
            out.add(Misfit.ROLE);
        }
        if (poolSchool != null && !schools.contains(poolSchool)) {
            out.add(Misfit.SCHOOL);
        }
        return out;
    }
}
