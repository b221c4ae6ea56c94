package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LicensePoolTest {
    private static final LocalDate STARTS = LocalDate.of(2026, 8, 1);
    private static final LocalDate ENDS = LocalDate.of(2027, 7, 31);

    private static LicensePool aPoolOf(int seats, int assigned) {
        return new LicensePool(PoolId.random(), DistrictId.random(), UUID.randomUUID(), "MATH", "Math", SeatType.STUDENT, null,
                seats, assigned, STARTS, ENDS);
    }

    @Test
    void availableIsSeatsMinusAssigned() {
        assertThat(aPoolOf(10, 0).available()).isEqualTo(10);
        assertThat(aPoolOf(10, 7).available()).isEqualTo(3);
        assertThat(aPoolOf(10, 10).available()).isZero();
    }

    @Test
    void aPoolIsActiveFromItsFirstDayThroughItsLastDayInclusive() {
        var pool = aPoolOf(5, 0);
        assertThat(pool.isActiveOn(STARTS.minusDays(1))).isFalse();
        assertThat(pool.isActiveOn(STARTS)).isTrue();
        assertThat(pool.isActiveOn(STARTS.plusMonths(3))).isTrue();
        assertThat(pool.isActiveOn(ENDS)).isTrue();
        assertThat(pool.isActiveOn(ENDS.plusDays(1))).isFalse();
    }

    @Test
    void aOneDayPoolIsActiveOnThatDayOnly() {
        var day = new LicensePool(PoolId.random(), DistrictId.random(), UUID.randomUUID(), "MATH", "Math", SeatType.EDUCATOR, null,
                1, 0, STARTS, STARTS);
        assertThat(day.isActiveOn(STARTS)).isTrue();
        assertThat(day.isActiveOn(STARTS.plusDays(1))).isFalse();
        assertThat(day.isActiveOn(STARTS.minusDays(1))).isFalse();
    }

    @Test
    void aSeatCountIsAlwaysPositive() {
        assertThat(new SeatCount(1).value()).isEqualTo(1);
        assertThatThrownBy(() -> new SeatCount(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeatCount(-4)).isInstanceOf(IllegalArgumentException.class);
    }
}
