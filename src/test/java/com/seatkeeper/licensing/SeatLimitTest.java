package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The seat limit and the term range as plain functions. */
class SeatLimitTest {
    @Test
    void theLimitIsCheckedWithoutOverflow() {
        assertThat(SeatLimit.adding(0, SeatLimit.MAX_SEATS_PER_POOL)).isEmpty();
        assertThat(SeatLimit.adding(SeatLimit.MAX_SEATS_PER_POOL - 1, 1)).isEmpty();
        assertThat(SeatLimit.adding(SeatLimit.MAX_SEATS_PER_POOL, 1)).get().extracting(LicenseRefusal::code).isEqualTo("seat_limit_exceeded");
        assertThat(SeatLimit.adding(5, Integer.MAX_VALUE)).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.detail()).contains("at most 10,000,000 seats").contains("Add at most 9,999,995");
        });
    }

    @Test
    void termsLieWithinTheCenturyAndInOrder() {
        LocalDate start = LocalDate.of(2026, 8, 1);
        assertThat(SeatLimit.term(start, LocalDate.of(2027, 7, 31))).isEmpty();
        assertThat(SeatLimit.term(start, start)).isEmpty();
        assertThat(SeatLimit.term(LocalDate.of(1999, 12, 31), start)).get().extracting(r -> r.field()).isEqualTo("startsOn");
        assertThat(SeatLimit.term(start, LocalDate.of(99999, 1, 1))).get().extracting(r -> r.field()).isEqualTo("endsOn");
        assertThat(SeatLimit.term(start, start.minusDays(1))).get().extracting(r -> r.field()).isEqualTo("endsOn");
        assertThat(SeatLimit.term(null, start)).get().extracting(r -> r.field()).isEqualTo("startsOn");
    }
}
