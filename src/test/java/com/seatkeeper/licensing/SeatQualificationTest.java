package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.licensing.SeatQualification.Misfit;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seat rule for role and school (invariant 3) and the reasons written for a release, without Spring. */
class SeatQualificationTest {
    static final SchoolId A = SchoolId.random();
    static final SchoolId B = SchoolId.random();

    @Test
    void aSeatFitsTheRoleAndTheSchoolOfItsPool() {
        assertThat(SeatQualification.misfits(SeatType.EDUCATOR, null, Role.TEACHER, Set.of())).isEmpty();
        assertThat(SeatQualification.misfits(SeatType.EDUCATOR, A, Role.SCHOOL_ADMIN, Set.of(A, B))).isEmpty();
        assertThat(SeatQualification.misfits(SeatType.STUDENT, A, Role.STUDENT, Set.of(A))).isEmpty();
    }

    @Test
    void aRoleOrSchoolTheSeatNoLongerFitsIsNamed() {
        assertThat(SeatQualification.misfits(SeatType.EDUCATOR, null, Role.STUDENT, Set.of(A))).containsExactly(Misfit.ROLE);
        assertThat(SeatQualification.misfits(SeatType.STUDENT, null, Role.TEACHER, Set.of(A))).containsExactly(Misfit.ROLE);
        assertThat(SeatQualification.misfits(SeatType.STUDENT, A, Role.STUDENT, Set.of(B))).containsExactly(Misfit.SCHOOL);
        assertThat(SeatQualification.misfits(SeatType.EDUCATOR, A, Role.STUDENT, Set.of())).containsExactly(Misfit.ROLE, Misfit.SCHOOL);
    }

    @Test
    void theReasonSaysWhatChangedInWords() {
        assertThat(RosterChangeReleases.reason(Set.of(Misfit.ROLE), Role.TEACHER, Role.STUDENT, null))
                .isEqualTo("role changed from TEACHER to STUDENT");
        assertThat(RosterChangeReleases.reason(Set.of(Misfit.SCHOOL), Role.STUDENT, Role.STUDENT, "Lincoln")).isEqualTo("no longer at Lincoln");
        assertThat(RosterChangeReleases.reason(Set.of(Misfit.ROLE, Misfit.SCHOOL), Role.TEACHER, Role.STUDENT, "Lincoln"))
                .isEqualTo("role changed from TEACHER to STUDENT; no longer at Lincoln");
    }
}
