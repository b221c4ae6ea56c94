package com.seatkeeper.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RowChecks#isDate}'s fast path answers as the formatters do: whatever {@link RowChecks#plainDate} accepts, the
 * formatters accept, and {@code isDate} equals the formatters' answer on edge cases and on many random date-like strings.
 */
class RowChecksDateTest {

    static boolean byFormatter(String value) {
        try {
            if (value.length() == 10) {
                LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
            } else {
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value);
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    @Test
    void edgeCasesAreAnsweredAsTheFormattersDo() {
        for (String v : List.of("2023-05-01", "2024-02-29", "2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "0000-01-01",
                "2023-05-01T08:00:00Z", "2023-05-01T23:59:59.999999999Z", "2023-05-01T24:00:00Z", "2023-05-01T08:60:00Z",
                "2023-05-01T08:00:60Z", "2023-05-01T08:00:00.Z", "2023-05-01T08:00:00.1234567890Z", "2023-05-01T08:00Z",
                "2023-05-01T08:00:00+02:00", "2023-05-01T08:00:00", "1/05/2023", "2023-5-1", "２０２３-05-01", "2023-05-01t08:00:00Z",
                "2023-05-01T08:00:00z", "")) {
            assertThat(RowChecks.isDate(v)).as(v).isEqualTo(byFormatter(v));
            if (RowChecks.plainDate(v)) {
                assertThat(byFormatter(v)).as("fast path accepted %s", v).isTrue();
            }
        }
    }

    @Test
    void randomDateLikeStringsAreAnsweredAsTheFormattersDo() {
        Random random = new Random(20261129);
        String template = "2023-05-01T08:00:00.123Z";
        String alphabet = "0123456789-:T.Z+z ";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder v = new StringBuilder(template.substring(0, random.nextBoolean() ? 10 : 20 + random.nextInt(5)));
            if (v.length() > 10 && v.charAt(v.length() - 1) != 'Z') {
                v.setCharAt(v.length() - 1, 'Z');
            }
            for (int k = random.nextInt(3); k > 0; k--) {
                v.setCharAt(random.nextInt(v.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = v.toString();
            assertThat(RowChecks.isDate(s)).as(s).isEqualTo(byFormatter(s));
        }
    }
}
