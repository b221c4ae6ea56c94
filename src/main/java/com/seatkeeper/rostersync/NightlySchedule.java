package com.seatkeeper.rostersync;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Optional;

/**
 * When a district's nightly sync runs (docs/design.md "Rostering sync"): plain functions of the district's local
 * {@code nightlyAt}, its timezone and the current instant, without Spring.
 *
 * <p>A night is named by the local date on which its run starts (a 02:00 run on the morning of 2026-03-08 is the night
 * 2026-03-08). The rule for daylight-saving days, from the tz rules of the JDK:
 * <ul>
 *   <li>a {@code nightlyAt} that does not exist that day (inside the spring-forward gap) runs once, at the first instant
 *       after the gap: 02:30 on 2026-03-08 in America/New_York runs at 03:00 EDT (07:00Z);</li>
 *   <li>a {@code nightlyAt} that exists twice (inside the fall-back overlap) runs once, at its first occurrence: 01:30 on
 *       2026-11-01 in America/New_York runs at 01:30 EDT (05:30Z), not again at 01:30 EST.</li>
 * </ul>
 * A night whose instant passed while no instance was running is still due until the end of the same local day (the run
 * starts late); once the local date has changed it is skipped, and the next night's run brings every change.
 */
final class NightlySchedule {
    private NightlySchedule() {
    }

    /** The instant of the night's run: {@code nightlyAt} on {@code night} in {@code zone}, by the rule above. */
    static Instant runAt(LocalDate night, LocalTime nightlyAt, ZoneId zone) {
        LocalDateTime local = night.atTime(nightlyAt);
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        // in an overlap, ZonedDateTime.of keeps the earlier offset: the first occurrence
        return ZonedDateTime.of(local, zone).toInstant();
    }

    /**
     * The night whose run is due at {@code now}: the local date of {@code now} when that night's run instant has come,
     * else empty (its run is still ahead; yesterday's, if it never ran, is skipped).
     */
    static Optional<LocalDate> due(LocalTime nightlyAt, ZoneId zone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return now.isBefore(runAt(today, nightlyAt, zone)) ? Optional.empty() : Optional.of(today);
    }

    /** The next run's instant after {@code now}: today's when it is still ahead, else tomorrow's. */
    static Instant next(LocalTime nightlyAt, ZoneId zone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant todays = runAt(today, nightlyAt, zone);
        return now.isBefore(todays) ? todays : runAt(today.plusDays(1), nightlyAt, zone);
    }

    /** The next local midnight after {@code now} in {@code zone} (the start of the next local day, DST-correct). */
    static Instant nextLocalMidnight(ZoneId zone, Instant now) {
        return LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The start of the local day of {@code now} in {@code zone}. */
    static Instant localMidnight(ZoneId zone, Instant now) {
        return LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
    }
}
