package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The field rules of the API and the console ({@link Text}: a person's names and email as {@code Rosters} checks them,
 * a class's title and a school's name), applied to every staged row whatever its producer, so that an upload can never
 * store a value that a later edit of the same row would refuse. Plain functions: each returns the ERROR problems of one
 * row (code {@code invalid_value}, or {@code invalid_email} for an email) with its file, line and the producer's column,
 * its message starting with the record and its sourcedId (e.g. "person 5a25…: …", for a sync's records, which have no
 * line an admin can open), and the values normalized as {@link Text#normalize} does before they are staged.
 */
final class StagedValues {
    private StagedValues() {
    }

    /** A person's given and family name (required, at most {@link Text#NAME}) and optional email ({@link Text#optionalEmail}). */
    static List<Problem> person(Staged.Person row, ReferenceColumns c) {
        List<Problem> problems = new ArrayList<>(0);
        String who = "person " + Text.excerpt(row.sourcedId());
        add(problems, row.at(), who, "invalid_value", Text.requiredLine(c.givenName(), row.givenName(), Text.NAME));
        add(problems, row.at(), who, "invalid_value", Text.requiredLine(c.familyName(), row.familyName(), Text.NAME));
        add(problems, row.at(), who, "invalid_email", Text.optionalEmail(c.email(), row.email()));
        return problems;
    }

    /** A class's title: required, at most {@link Text#TITLE} (the console's rule for a class name). */
    static List<Problem> rosterClass(Staged.Class row, ReferenceColumns c) {
        List<Problem> problems = new ArrayList<>(0);
        add(problems, row.at(), "class " + Text.excerpt(row.sourcedId()), "invalid_value", Text.requiredLine(c.classTitle(), row.title(), Text.TITLE));
        return problems;
    }

    /** A school's name: required, at most {@link Text#TITLE} (the console's rule for a school name). */
    static List<Problem> school(Staged.School row, ReferenceColumns c) {
        List<Problem> problems = new ArrayList<>(0);
        add(problems, row.at(), "school " + Text.excerpt(row.sourcedId()), "invalid_value", Text.requiredLine(c.schoolName(), row.name(), Text.TITLE));
        return problems;
    }

    /** Adds the refusal, its message prefixed with the row's record ("person 123: …"), so that a row is found by its id too. */
    private static void add(List<Problem> problems, RowAt at, String who, String code, Optional<FieldRefusal> refusal) {
        refusal.ifPresent(r -> {
            String message = who + ": " + r.message();
            problems.add(at == null ? new Problem(null, null, r.field(), Severity.ERROR, code, message)
                    : Problem.error(at, r.field(), code, message));
        });
    }
}
