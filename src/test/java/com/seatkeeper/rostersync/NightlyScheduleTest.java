package com.seatkeeper.rostersync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The nightly run's instant in America/New_York, on ordinary nights and both DST nights of 2026, as a table. */
class NightlyScheduleTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @ParameterizedTest(name = "{1} on {0} runs at {2}")
    @CsvSource({
            // an ordinary winter and summer night
            "2026-01-15, 02:00, 2026-01-15T07:00:00Z",
            "2026-06-10, 02:00, 2026-06-10T06:00:00Z",
            // spring forward 2026-03-08: 02:00..02:59 do not exist; the first valid instant after the gap is 03:00 EDT
            "2026-03-08, 02:00, 2026-03-08T07:00:00Z",
            "2026-03-08, 02:30, 2026-03-08T07:00:00Z",
            "2026-03-08, 02:59, 2026-03-08T07:00:00Z",
            "2026-03-08, 01:59, 2026-03-08T06:59:00Z",
            "2026-03-08, 03:00, 2026-03-08T07:00:00Z",
            "2026-03-08, 03:30, 2026-03-08T07:30:00Z",
            // fall back 2026-11-01: 01:00..01:59 happen twice; the first (EDT) counts
            "2026-11-01, 01:30, 2026-11-01T05:30:00Z",
            "2026-11-01, 00:30, 2026-11-01T04:30:00Z",
            "2026-11-01, 02:00, 2026-11-01T07:00:00Z",
            "2026-11-01, 02:30, 2026-11-01T07:30:00Z",
    })
    void theRunInstantOfANight(LocalDate night, LocalTime nightlyAt, Instant expected) {
        assertThat(NightlySchedule.runAt(night, nightlyAt, NEW_YORK)).isEqualTo(expected);
    }

    /** Minute by minute through both DST nights: the night becomes due exactly once, at its instant, and stays due that day. */
    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource({"2026-03-08, 02:30, 2026-03-08T07:00:00Z", "2026-11-01, 01:30, 2026-11-01T05:30:00Z",
            "2026-03-07, 02:30, 2026-03-07T07:30:00Z", "2026-10-31, 01:30, 2026-10-31T05:30:00Z"})
    void aNightBecomesDueOnceAtItsInstant(LocalDate night, LocalTime nightlyAt, Instant first) {
        List<Instant> becameDue = new ArrayList<>();
        Optional<LocalDate> before = Optional.empty();
        Instant start = night.atStartOfDay(NEW_YORK).toInstant();
        Instant end = night.plusDays(1).atStartOfDay(NEW_YORK).toInstant();
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(60)) {
            Optional<LocalDate> due = NightlySchedule.due(nightlyAt, NEW_YORK, t);
            due.ifPresent(d -> assertThat(d).isEqualTo(night));
            if (due.isPresent() && before.isEmpty()) {
                becameDue.add(t);
            }
            before = due;
        }
        assertThat(becameDue).containsExactly(first);
    }

    @Test
    void aNightMissedWhileEveryInstanceWasDownRunsLateTheSameLocalDayAndIsSkippedAfterMidnight() {
        LocalTime at = LocalTime.of(2, 0);
        assertThat(NightlySchedule.due(at, NEW_YORK, Instant.parse("2026-06-10T05:59:00Z"))).isEmpty();
        assertThat(NightlySchedule.due(at, NEW_YORK, Instant.parse("2026-06-10T15:00:00Z"))).contains(LocalDate.of(2026, 6, 10));
        assertThat(NightlySchedule.due(at, NEW_YORK, Instant.parse("2026-06-11T03:59:00Z"))).contains(LocalDate.of(2026, 6, 10));
        // 00:30 local on the 11th: the 10th is over, the 11th's run is still ahead
        assertThat(NightlySchedule.due(at, NEW_YORK, Instant.parse("2026-06-11T04:30:00Z"))).isEmpty();
    }

    @Test
    void theNextRunAndTheNextLocalMidnight() {
        LocalTime at = LocalTime.of(2, 30);
        assertThat(NightlySchedule.next(at, NEW_YORK, Instant.parse("2026-03-08T05:00:00Z"))).isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
        assertThat(NightlySchedule.next(at, NEW_YORK, Instant.parse("2026-03-08T07:00:00Z"))).isEqualTo(Instant.parse("2026-03-09T06:30:00Z"));
        // the local day of 2026-11-01 is 25 hours long
        assertThat(NightlySchedule.nextLocalMidnight(NEW_YORK, Instant.parse("2026-11-01T12:00:00Z"))).isEqualTo(Instant.parse("2026-11-02T05:00:00Z"));
        assertThat(NightlySchedule.localMidnight(NEW_YORK, Instant.parse("2026-11-01T12:00:00Z"))).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
    }
}
