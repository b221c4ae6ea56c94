package com.seatkeeper.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The one formatter of the console's templates, {@code ${@fmt.time(instant, zone)}}: every moment is shown in the
 * district's time zone with the zone's abbreviation, every date in the same short US style.
 */
@Component("fmt")
public class ConsoleFormat {
    /** "Nov 29, 2026": a day, the same everywhere in the console. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);
    /** "Nov 29, 2026, 8:14 AM EST": a moment, labelled with its zone's abbreviation. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm a zzz", Locale.US);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ZoneId UTC = ZoneId.of("UTC");

    /**
     * A moment in the district's time zone, labelled: {@code "Nov 29, 2026, 8:14 AM EST"}; "never" for null. A null
     * zone shows UTC, labelled as such.
     */
    public String time(Instant instant, ZoneId zone) {
        if (instant == null) {
            return "never";
        }
        return TIME.format(instant.atZone(zone == null ? UTC : zone));
    }

    /** A moment for files and attributes (CSV, {@code <time datetime>}): ISO 8601 with the zone's offset; empty for null. */
    public String iso(Instant instant, ZoneId zone) {
        return instant == null ? "" : ISO.format(instant.atZone(zone == null ? UTC : zone));
    }

    /** A day, {@code "Sep 1, 2026"}; empty for null. */
    public String date(LocalDate day) {
        return day == null ? "" : DATE.format(day);
    }

    /** A term, {@code "Sep 1, 2026 – Aug 31, 2027"} (both days included). */
    public String dates(LocalDate startsOn, LocalDate endsOn) {
        return date(startsOn) + " – " + date(endsOn);
    }

    /** The zone for a label or a column header: {@code "America/New_York (Eastern Time)"}. */
    public String zone(ZoneId zone) {
        ZoneId z = zone == null ? UTC : zone;
        return z.getId() + " (" + z.getDisplayName(TextStyle.FULL_STANDALONE, Locale.US) + ")";
    }

    /** "educator" / "student" for a seat type name. */
    public String kind(Object seatType) {
        return seatType == null ? "" : seatType.toString().toLowerCase(Locale.ROOT);
    }

    /** "school admin" for SCHOOL_ADMIN. */
    public String role(Object role) {
        return role == null ? "" : role.toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** "1 seat" / "3 seats". */
    public String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
