package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import java.util.List;

/**
 * The normalized rows of a snapshot, as a producer stages them ({@link RosterStaging}). Values are already checked one
 * row at a time by the producer (required values, enumerations, dates); references between rows are checked by the
 * engine in SQL when the run is completed, with the row's {@link RowAt} and the column of {@link ReferenceColumns}.
 * Every sourcedId is the source's id as given (never trimmed of leading zeros, compared exactly).
 */
public final class Staged {
    private Staged() {}

    /** A school (OneRoster org of type school). Matched by sourcedId; else an existing school of the same name (ignoring case) is adopted. */
    public record School(String sourcedId, String name, RowAt at) {}

    /**
     * A person. {@code active} false for a disabled or inactive person (set inactive, seats released). Schools are
     * named by sourcedId (staged or existing) or, for a producer that resolved them itself (the template), by id.
     * {@code grade}: a student's grade level as the source gives it (CEDS codes such as {@code 09}, {@code KG}; Clever's
     * {@code grade}; OneRoster's first {@code grades} value), null when none; used by auto-assignment rules by grade.
     */
    public record Person(String sourcedId, Role role, boolean active, String givenName, String familyName, String email,
                         List<String> schoolSourcedIds, List<SchoolId> schoolIds, String grade, RowAt at) {
        /** A person without a grade (teachers, staff; sources that give none). */
        public Person(String sourcedId, Role role, boolean active, String givenName, String familyName, String email,
                      List<String> schoolSourcedIds, List<SchoolId> schoolIds, RowAt at) {
            this(sourcedId, role, active, givenName, familyName, email, schoolSourcedIds, schoolIds, null, at);
        }
    }

    /** A class at one school (by sourcedId, or by id when the producer resolved it); {@code course} and {@code term} are titles, nullable. */
    public record Class(String sourcedId, String title, String schoolSourcedId, SchoolId schoolId, String course, String term, RowAt at) {}

    /** A person in a class, as TEACHER or STUDENT; keyed by the class and person sourcedIds. */
    public record Enrollment(String classSourcedId, String userSourcedId, EnrollmentRole role, RowAt at) {}

    /** In a DELTA kind: the row with this key is removed ({@code tobedeleted}); an enrollment's key is "classSourcedId userSourcedId". */
    public record Deletion(RosterKind kind, String sourcedId, String userSourcedId, RowAt at) {}

    /** A license the producer asks for (the template's product codes): given through the normal seat rules after the apply. */
    public record License(String userSourcedId, String productCode, RowAt at) {}

    /** The role of a person in a class (table enrollments). */
    public enum EnrollmentRole { TEACHER, STUDENT }
}
