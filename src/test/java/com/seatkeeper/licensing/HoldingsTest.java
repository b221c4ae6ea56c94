package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The seat rule of terms as a plain function: ended seats expire, overlapping live seats refuse, statuses by date. */
class HoldingsTest {
    static final LocalDate JUNE_30 = LocalDate.of(2026, 6, 30);
    static final LocalDate JULY_1 = LocalDate.of(2026, 7, 1);

    static LicensePool pool(String startsOn, String endsOn) {
        return new LicensePool(PoolId.random(), DistrictId.random(), UUID.randomUUID(), "MATH", "Math", SeatType.STUDENT, null, 5, 0,
                LocalDate.parse(startsOn), LocalDate.parse(endsOn));
    }

    static Holdings.HeldSeat seatIn(LicensePool p) {
        return new Holdings.HeldSeat(p.id(), p.startsOn(), p.endsOn());
    }

    final LicensePool thisYear = pool("2025-07-01", "2026-06-30");
    final LicensePool nextYear = pool("2026-07-01", "2027-06-30");

    @Test
    void noSeatMeansFreeWithNothingToExpire() {
        assertThat(new Holdings(List.of()).forSeatIn(thisYear, JUNE_30)).isEqualTo(new Holdings.Verdict.Free(List.of()));
    }

    @Test
    void aSeatOfThePoolItselfIsAlreadyHere() {
        assertThat(new Holdings(List.of(seatIn(thisYear))).forSeatIn(thisYear, JUNE_30)).isInstanceOf(Holdings.Verdict.AlreadyHere.class);
    }

    @Test
    void aLiveSeatOfAnotherPoolWhoseTermSharesADayIsHeldElsewhere() {
        LicensePool schoolPool = pool("2025-09-01", "2026-06-15");
        assertThat(new Holdings(List.of(seatIn(schoolPool))).forSeatIn(thisYear, LocalDate.of(2026, 6, 1)))
                .isEqualTo(new Holdings.Verdict.HeldElsewhere(schoolPool.id()));
    }

    @Test
    void aSeatWhoseTermEndedIsExpiredRatherThanRefusedEvenBeforeTheNightlyJob() {
        assertThat(new Holdings(List.of(seatIn(thisYear))).forSeatIn(nextYear, JULY_1))
                .isEqualTo(new Holdings.Verdict.Free(List.of(thisYear.id())));
    }

    @Test
    void aPendingSeatOfALaterTermThatSharesNoDayDoesNotStandInTheWay() {
        LicensePool twoYearsOn = pool("2027-07-01", "2028-06-30");
        assertThat(new Holdings(List.of(seatIn(twoYearsOn))).forSeatIn(nextYear, JULY_1)).isEqualTo(new Holdings.Verdict.Free(List.of()));
    }

    @Test
    void aCarriedOverSeatOfNextYearStandsInTheWayOfAnotherPoolCoveringNextYear() {
        LicensePool schoolNextYear = pool("2026-08-01", "2027-06-30");
        assertThat(new Holdings(List.of(seatIn(thisYear), seatIn(nextYear))).forSeatIn(schoolNextYear, LocalDate.of(2026, 8, 1)))
                .isEqualTo(new Holdings.Verdict.HeldElsewhere(nextYear.id()));
    }

    @Test
    void aSeatsStatusFollowsTheDateBothEndsIncluded() {
        assertThat(SeatStatus.of(nextYear.startsOn(), nextYear.endsOn(), JUNE_30)).isEqualTo(SeatStatus.NOT_STARTED);
        assertThat(SeatStatus.of(nextYear.startsOn(), nextYear.endsOn(), JULY_1)).isEqualTo(SeatStatus.ACTIVE);
        assertThat(SeatStatus.of(thisYear.startsOn(), thisYear.endsOn(), JUNE_30)).isEqualTo(SeatStatus.ACTIVE);
        assertThat(SeatStatus.of(thisYear.startsOn(), thisYear.endsOn(), JULY_1)).isEqualTo(SeatStatus.ENDED);
    }
}
