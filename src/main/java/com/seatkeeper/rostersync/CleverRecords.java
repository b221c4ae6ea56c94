package com.seatkeeper.rostersync;

import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RowAt;
import com.seatkeeper.roster.changes.Severity;
import com.seatkeeper.roster.changes.Staged;
import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.Text;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Clever Data API v3.0/v3.1 records (../shared/specs/clever/v3.0.yml) as the engine's staged rows: plain functions over
 * one record's {@code data} object, no I/O. Clever ids are the sourcedIds.
 */
final class CleverRecords {
    /**
     * Clever's user roles that become a person, strongest first: a user with several roles (a teacher who is also a
     * district admin) gets the first that applies. {@code contact} (guardians) is not here: contacts are skipped.
     */
    static final Map<String, Role> ROLES = orderedRoles();

    private CleverRecords() {
    }

    private static Map<String, Role> orderedRoles() {
        Map<String, Role> roles = new LinkedHashMap<>();
        roles.put("district_admin", Role.DISTRICT_ADMIN);
        roles.put("teacher", Role.TEACHER);
        roles.put("staff", Role.STAFF);
        roles.put("student", Role.STUDENT);
        return Collections.unmodifiableMap(roles);
    }

    /** A school: its id and name. */
    static Staged.School school(JsonNode school, RowAt at) {
        return new Staged.School(text(school, "id"), text(school, "name"), at);
    }

    /**
     * A user as a person, or empty for a user who is only a contact (a guardian: skipped). Role: the first of
     * {@link #ROLES} the user has. Schools: the role's {@code school} and {@code schools[]} (district admins have none).
     * Grade: a student's {@code grade} as Clever gives it ({@code Kindergarten}, {@code 1} .. {@code 12}, ...), else null.
     */
    static Optional<Staged.Person> person(JsonNode user, RowAt at) {
        JsonNode roles = user.path("roles");
        for (Map.Entry<String, Role> r : ROLES.entrySet()) {
            JsonNode role = roles.get(r.getKey());
            if (role != null && !role.isNull()) {
                Set<String> schools = new LinkedHashSet<>();
                String primary = text(role, "school");
                if (primary != null) {
                    schools.add(primary);
                }
                role.path("schools").values().forEach(s -> schools.add(s.asString()));
                String grade = r.getValue() == Role.STUDENT ? Text.normalizeOptional(text(role, "grade")) : null;
                JsonNode name = user.path("name");
                return Optional.of(new Staged.Person(text(user, "id"), r.getValue(), true, text(name, "first"), text(name, "last"),
                        Text.normalizeOptional(text(user, "email")), List.copyOf(schools), List.of(), grade, at));
            }
        }
        return Optional.empty();
    }

    /**
     * A person whose Clever email is not an address the engine would store ({@link Text#optionalEmail}): the person
     * without an email and a WARNING naming the user, so one bad address (Clever's demo district has
     * {@code seth_schoen.example.org}) does not reject a whole sync. Empty when the email is fine.
     */
    static Optional<Unusable> unusableEmail(Staged.Person p) {
        Optional<FieldRefusal> refused = Text.optionalEmail("email", p.email());
        return refused.map(r -> new Unusable(
                new Staged.Person(p.sourcedId(), p.role(), p.active(), p.givenName(), p.familyName(), null, p.schoolSourcedIds(),
                        p.schoolIds(), p.grade(), p.at()),
                new Problem(p.at().file(), p.at().line(), "email", Severity.WARNING, "email_not_kept", "Clever gives " + p.givenName()
                        + " " + p.familyName() + " (Clever id " + p.sourcedId() + ") an email that is not an address: " + r.message()
                        + " The person is kept without an email; correct it in the district's SIS.")));
    }

    /** A person staged without their unusable email, and the warning that says so. */
    record Unusable(Staged.Person person, Problem warning) {}

    /**
     * A section as a class: name, school, and the names of its course and term from the maps of those Clever served
     * (null when the section names none, or one not served: the caller reports those).
     */
    static Staged.Class section(JsonNode section, Map<String, String> courses, Map<String, String> terms, RowAt at) {
        return new Staged.Class(text(section, "id"), text(section, "name"), text(section, "school"), null,
                courses.get(text(section, "course")), terms.get(text(section, "term_id")), at);
    }

    /** A section's enrollments: its {@code teachers[]} (and {@code teacher}, if not among them) and its {@code students[]}. */
    static List<Staged.Enrollment> enrollments(JsonNode section, RowAt at) {
        String id = text(section, "id");
        Set<String> teachers = new LinkedHashSet<>();
        String teacher = text(section, "teacher");
        if (teacher != null) {
            teachers.add(teacher);
        }
        section.path("teachers").values().forEach(t -> teachers.add(t.asString()));
        Set<String> students = new LinkedHashSet<>();
        section.path("students").values().forEach(s -> students.add(s.asString()));
        List<Staged.Enrollment> rows = new ArrayList<>(teachers.size() + students.size());
        teachers.forEach(t -> rows.add(new Staged.Enrollment(id, t, Staged.EnrollmentRole.TEACHER, at)));
        students.forEach(s -> rows.add(new Staged.Enrollment(id, s, Staged.EnrollmentRole.STUDENT, at)));
        return rows;
    }

    /** A course's name for a class: its {@code name}, else its {@code number}, else its id. */
    static String courseName(JsonNode course) {
        String name = Text.normalizeOptional(text(course, "name"));
        String number = Text.normalizeOptional(text(course, "number"));
        return name != null ? name : number != null ? number : text(course, "id");
    }

    /** A term's name for a class: its {@code name}, else its id. */
    static String termName(JsonNode term) {
        String name = Text.normalizeOptional(text(term, "name"));
        return name != null ? name : text(term, "id");
    }

    /**
     * Whether Clever says the district is paused today: its {@code state} is {@code paused}, or its {@code pause_start} ..
     * {@code pause_end} (both inclusive, either may be open) covers {@code today}. The window's date-times are read as
     * dates in the district's timezone {@code zone}; a date-only value is taken as is; a value that is neither is
     * ignored (as if absent).
     *
     * @return why, in words, when paused
     */
    static Optional<String> paused(JsonNode district, LocalDate today, ZoneId zone) {
        LocalDate start = localDate(text(district, "pause_start"), zone);
        LocalDate end = localDate(text(district, "pause_end"), zone);
        String window = start == null && end == null ? "" : start == null ? " until " + end : end == null ? " since " + start
                : " from " + start + " to " + end;
        if ("paused".equalsIgnoreCase(text(district, "state"))) {
            return Optional.of("Clever says the district is paused" + window + ": removals are held back until it is running again.");
        }
        boolean covers = (start != null || end != null) && (start == null || !today.isBefore(start))
                && (end == null || !today.isAfter(end));
        return covers ? Optional.of("Clever's pause window for the district (" + window.trim() + ") covers today, " + today
                + ": removals are held back until it ends.") : Optional.empty();
    }

    private static LocalDate localDate(String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).atZoneSameInstant(zone).toLocalDate();
        } catch (DateTimeException e) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeException notADate) {
                return null;
            }
        }
    }

    /** A property as text; null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainer() ? null : v.asString();
    }
}
