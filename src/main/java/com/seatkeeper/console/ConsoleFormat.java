package com.seatkeeper.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Formatting helpers for templates: {@code ${@fmt.time(instant, zone)}}. */
@Component("fmt")
public class ConsoleFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** Date and time in the district's time zone; "never" for null. */
    public String time(Instant instant, ZoneId zone) {
        if (instant == null) {
            return "never";
        }
        return TIME.format(instant.atZone(zone == null ? ZoneId.of("UTC") : zone));
    }

    /** "educator" / "student" for a seat type name. */
    public String kind(Object seatType) {
        return seatType == null ? "" : seatType.toString().toLowerCase(Locale.ROOT);
    }

    /** "school admin" for SCHOOL_ADMIN. */
    public String role(Object role) {
        return role == null ? "" : role.toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
