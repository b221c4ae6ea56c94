package com.seatkeeper.bulkimport;

import com.seatkeeper.roster.changes.FileMode;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.Problems;
import com.seatkeeper.shared.Text;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of one value at a time (required values, enumerations, dates, status), adding a problem with the row's file,
 * line and column when a value is wrong. Enumerations are matched ignoring case: another case is tolerated with one
 * warning {@code enum_case} per file and column.
 */
final class RowChecks {
    /** The row's status: ACTIVE (also blank in a bulk file) or TO_BE_DELETED. */
    enum Status { ACTIVE, TO_BE_DELETED }

    private static final Pattern DATE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private final Problems problems;
    private final Set<String> caseWarned = new HashSet<>();

    RowChecks(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** True when the value is there; else an error {@code missing_value}. */
    boolean required(CsvTable.Row row, String column) {
        if (row.has(column)) {
            return true;
        }
        problems.add(Problem.error(row.at(), column, "missing_value", column + " is empty on line " + row.at().line()
                + " but is required. Fill it in."));
        return false;
    }

    /**
     * The allowed value the field holds, spelled as allowed; empty when blank (an error if {@code required}) or not one of
     * them (error {@code invalid_value} listing the allowed values).
     */
    Optional<String> oneOf(CsvTable.Row row, String column, List<String> allowed, boolean required) {
        return oneOf(row, column, allowed, required, "invalid_value");
    }

    /** As {@link #oneOf(CsvTable.Row, String, List, boolean)}, with the code of the error for a value not allowed. */
    Optional<String> oneOf(CsvTable.Row row, String column, List<String> allowed, boolean required, String code) {
        String value = row.get(column);
        if (value.isEmpty()) {
            if (required) {
                required(row, column);
            }
            return Optional.empty();
        }
        for (String a : allowed) {
            if (a.equals(value)) {
                return Optional.of(a);
            }
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                if (caseWarned.add(row.at().file() + "/" + column)) {
                    problems.add(Problem.warning(row.at(), column, "enum_case", "\"" + Text.excerpt(value) + "\" was read as \"" + a
                            + "\" (the standard's spelling); the same for any other line of " + row.at().file() + "."));
                }
                return Optional.of(a);
            }
        }
        problems.add(Problem.error(row.at(), column, code, "\"" + Text.excerpt(value) + "\" is not a value of " + column
                + ". Use one of: " + String.join(", ", allowed) + "."));
        return Optional.empty();
    }

    /**
     * A date (ISO 8601 {@code YYYY-MM-DD}) or a date-time with a zone ({@code 2023-05-01T08:00:00Z}); blank is fine. A
     * date in any other form ({@code 1/05/2023}) or one that does not exist ({@code 2023-02-30}) is an error
     * {@code invalid_date}: never guessed.
     */
    boolean date(CsvTable.Row row, String column) {
        String value = row.get(column);
        if (value.isEmpty() || isDate(value)) {
            return true;
        }
        String why = DATE_SHAPE.matcher(value).matches() || (value.length() > 10 && DATE_SHAPE.matcher(value.substring(0, 10)).matches()
                && value.charAt(10) == 'T') ? "\"" + Text.excerpt(value) + "\" is not a date that exists or not a complete date-time with a zone"
                : "\"" + Text.excerpt(value) + "\" is not an ISO 8601 date";
        problems.add(Problem.error(row.at(), column, "invalid_date", why + ". Write dates as YYYY-MM-DD (e.g. 2023-05-01) or "
                + "date-times with a zone (e.g. 2023-05-01T08:00:00Z); a date like 1/05/2023 is ambiguous and is never guessed."));
        return false;
    }

    /**
     * True for an existing ISO 8601 date or a date-time with a zone offset ({@code DateTimeFormatter.ISO_LOCAL_DATE},
     * {@code ISO_OFFSET_DATE_TIME}). The two shapes every export writes ({@code 2023-05-01}, {@code 2023-05-01T08:00:00Z}
     * with or without a fraction) are recognized without the formatter (it was about 15% of an import's staging time);
     * anything else, or anything doubtful, is left to the formatter, so the answer is always the formatter's.
     */
    static boolean isDate(String value) {
        if (plainDate(value)) {
            return true;
        }
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

    /** True only for {@code yyyy-MM-dd} or {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with a day that exists; false means "ask the formatter". */
    static boolean plainDate(String v) {
        int n = v.length();
        if (n != 10 && (n < 20 || n > 30)) {
            return false;
        }
        if (!digits(v, 0, 4) || v.charAt(4) != '-' || !digits(v, 5, 7) || v.charAt(7) != '-' || !digits(v, 8, 10)) {
            return false;
        }
        int year = Integer.parseInt(v, 0, 4, 10);
        int month = Integer.parseInt(v, 5, 7, 10);
        int day = Integer.parseInt(v, 8, 10, 10);
        if (month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return false;
        }
        if (n == 10) {
            return true;
        }
        if (v.charAt(10) != 'T' || !digits(v, 11, 13) || v.charAt(13) != ':' || !digits(v, 14, 16) || v.charAt(16) != ':'
                || !digits(v, 17, 19) || v.charAt(n - 1) != 'Z') {
            return false;
        }
        if (Integer.parseInt(v, 11, 13, 10) > 23 || Integer.parseInt(v, 14, 16, 10) > 59 || Integer.parseInt(v, 17, 19, 10) > 59) {
            return false;
        }
        if (n == 20) {
            return true;
        }
        return v.charAt(19) == '.' && n >= 22 && digits(v, 20, n - 1);
    }

    private static boolean digits(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The row's {@code status}: blank means active in a bulk file; a delta file must give it (error {@code missing_value}).
     * Empty when wrong (error added).
     */
    Optional<Status> status(CsvTable.Row row, FileMode mode) {
        date(row, "dateLastModified");
        if (!row.has("status")) {
            if (mode == FileMode.DELTA) {
                problems.add(Problem.error(row.at(), "status", "missing_value", "status is empty on line " + row.at().line()
                        + ", but a delta file must give it: active or tobedeleted."));
                return Optional.empty();
            }
            return Optional.of(Status.ACTIVE);
        }
        return oneOf(row, "status", List.of("active", "tobedeleted"), true)
                .map(s -> s.equals("active") ? Status.ACTIVE : Status.TO_BE_DELETED);
    }

    /** A list value ({@code "a,b"}, also {@code "a, b"}): the non-blank items, stripped. */
    static List<String> list(String value) {
        if (value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
