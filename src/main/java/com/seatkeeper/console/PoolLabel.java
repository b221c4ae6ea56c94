package com.seatkeeper.console;

import com.seatkeeper.licensing.SeatStatus;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the console names a license pool so that several pools of one product are told apart, as plain functions:
 * product, where it applies (a school or the whole district) and its term, e.g.
 * {@code "Reading Quest · Lincoln Elementary · 2026–27"}.
 */
public final class PoolLabel {
    static final String SEPARATOR = " · ";
    static final String WHOLE_DISTRICT = "whole district";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.US);
    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMM yyyy", Locale.US);

    private PoolLabel() {
    }

    /**
     * The pool's name in tables, headers and selects.
     *
     * @param schoolName the school the pool is limited to; null for a district-wide pool
     */
    public static String of(String productName, String schoolName, LocalDate startsOn, LocalDate endsOn) {
        return productName + SEPARATOR + (schoolName == null ? WHOLE_DISTRICT : schoolName) + SEPARATOR + term(startsOn, endsOn);
    }

    /**
     * A term in a few characters: a school year (starting July–December, ending January–August of the next year) is
     * {@code "2026–27"}; any other term shows its months, {@code "Jan–Jun 2027"} or {@code "Sep 2026 – Dec 2027"}.
     * Two pools of one product and school cannot overlap, and two school-year terms of the same years always
     * overlap, so the label tells a product's pools of one school apart.
     */
    public static String term(LocalDate startsOn, LocalDate endsOn) {
        int from = startsOn.getYear();
        int to = endsOn.getYear();
        if (to == from + 1 && startsOn.getMonthValue() >= 7 && endsOn.getMonthValue() <= 8) {
            return from + "–" + String.format(Locale.ROOT, "%02d", to % 100);
        }
        if (from == to) {
            return startsOn.getMonth() == endsOn.getMonth() ? MONTH_YEAR.format(startsOn)
                    : MONTH.format(startsOn) + "–" + MONTH_YEAR.format(endsOn);
        }
        return MONTH_YEAR.format(startsOn) + " – " + MONTH_YEAR.format(endsOn);
    }

    /**
     * The badge of a pool that cannot be used today: {@code "Ended on Aug 31, 2026"}, {@code "Starts on Sep 1, 2027"}; empty
     * for a pool whose term covers today.
     */
    public static String badge(SeatStatus status, LocalDate startsOn, LocalDate endsOn) {
        return switch (status) {
            case ACTIVE -> "";
            case ENDED -> "Ended on " + ConsoleFormat.DATE.format(endsOn);
            case NOT_STARTED -> "Starts on " + ConsoleFormat.DATE.format(startsOn);
        };
    }

    /** The label followed by the badge in parentheses, for a select's option (an option cannot hold a badge). */
    public static String option(String label, SeatStatus status, LocalDate startsOn, LocalDate endsOn) {
        String badge = badge(status, startsOn, endsOn);
        return badge.isEmpty() ? label : label + " (" + Character.toLowerCase(badge.charAt(0)) + badge.substring(1) + ")";
    }
}
