package com.seatkeeper.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SeatTypeTest {

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "STUDENT", mode = EnumSource.Mode.EXCLUDE)
    void everyEducatorRoleFitsAnEducatorSeatAndNoStudentSeat(Role educator) {
        assertThat(SeatType.EDUCATOR.fits(educator)).isTrue();
        assertThat(SeatType.STUDENT.fits(educator)).isFalse();
    }

    @Test
    void aStudentFitsOnlyAStudentSeat() {
        assertThat(SeatType.STUDENT.fits(Role.STUDENT)).isTrue();
        assertThat(SeatType.EDUCATOR.fits(Role.STUDENT)).isFalse();
    }

    @Test
    void aSeatTypeNamesThePeopleItIsFor() {
        assertThat(SeatType.STUDENT.people()).isEqualTo("students");
        assertThat(SeatType.EDUCATOR.people()).isEqualTo("educators");
    }
}
