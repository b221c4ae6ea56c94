package com.seatkeeper.roster.changes;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One thing wrong (or tolerated) in a roster input.
 *
 * @param file     the file it is in, e.g. {@code users.csv}; null for the upload as a whole
 * @param line     1-based line, the header being line 1; null when it is about the whole file
 * @param column   the column's name as the standard spells it (e.g. {@code orgSourcedIds}); null when about a row or file
 * @param severity ERROR or WARNING
 * @param code     stable machine-readable code, e.g. {@code unknown_reference}, {@code invalid_date}
 * @param message  what is wrong and what to do, for a person
 */
@Schema(name = "RosterProblem", description = "One thing wrong (ERROR) or tolerated (WARNING) in a roster input, with where it is.")
public record Problem(String file, Long line, String column, Severity severity, String code, String message) {
    public static Problem error(RowAt at, String column, String code, String message) {
        return new Problem(at.file(), at.line(), column, Severity.ERROR, code, message);
    }

    public static Problem warning(RowAt at, String column, String code, String message) {
        return new Problem(at.file(), at.line(), column, Severity.WARNING, code, message);
    }
}
