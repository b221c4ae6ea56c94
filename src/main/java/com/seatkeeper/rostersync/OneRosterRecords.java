package com.seatkeeper.rostersync;

import com.seatkeeper.roster.changes.OneRosterRoles;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RosterKind;
import com.seatkeeper.roster.changes.RowAt;
import com.seatkeeper.roster.changes.Staged;
import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.Text;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * OneRoster 1.1 and 1.2 REST records (../shared/specs/oneroster; 1EdTech OneRoster 1.1 and 1.2 Rostering) as the
 * engine's staged rows: plain functions over one record, no I/O. sourcedIds are kept exactly as given. Lenient where
 * real servers differ from the specification without changing the meaning (../shared/samples/PROVENANCE.md B1 to B3):
 * {@code enabledUser} as a boolean, {@code "true"}/{@code "false"} or {@code 1}/{@code 0}; {@code null} where a value
 * should be absent; unknown properties ({@code metadata}) ignored; {@code href}s never followed.
 */
final class OneRosterRecords {
    private OneRosterRecords() {
    }

    /** A record's {@code status}: {@code tobedeleted} (any case) removes; anything else is a live record. */
    static boolean toBeDeleted(JsonNode record) {
        return "tobedeleted".equalsIgnoreCase(text(record, "status"));
    }

    /** The record's {@code sourcedId}, or null. */
    static String sourcedId(JsonNode record) {
        return text(record, "sourcedId");
    }

    /** {@code dateLastModified} as an instant (ISO 8601 with offset), or null when absent or not a date-time. */
    static Instant modified(JsonNode record) {
        String v = text(record, "dateLastModified");
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.strip()).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** An org's {@code type} in lower case ({@code school}, {@code district}, ...), or empty. */
    static String orgType(JsonNode org) {
        String t = text(org, "type");
        return t == null ? "" : t.strip().toLowerCase(Locale.ROOT);
    }

    /** An org of type {@code school} as a school (sourcedId, {@code name}); empty for every other type. */
    static Optional<Staged.School> school(JsonNode org, RowAt at) {
        return "school".equals(orgType(org)) ? Optional.of(new Staged.School(sourcedId(org), text(org, "name"), at)) : Optional.empty();
    }

    /** A title for a course or academic session: its {@code title}, else its sourcedId. */
    static String title(JsonNode record) {
        String title = Text.normalizeOptional(text(record, "title"));
        return title != null ? title : sourcedId(record);
    }

    /** What a user record becomes. */
    sealed interface User {
        /** A person to stage; {@code enabledUnreadable} when {@code enabledUser} was none of the readable forms (taken as enabled). */
        record Person(Staged.Person person, boolean enabledUnreadable) implements User {}

        /** A guardian, parent or relative: not rostered (counted). */
        record Skipped(String role) implements User {}

        /** A user without a role Seatkeeper knows ({@code roles: []}, a misspelt role): not staged, reported. */
        record Unroled(String role) implements User {}
    }

    /**
     * A user as a person. The role: 1.2's {@code roles[]} entry whose {@code roleType} is {@code primary} (else the first),
     * or 1.1's {@code role} (also read from a 1.2 server that sends it), mapped as an upload maps it
     * ({@link OneRosterRoles#map}); an administrator is a DISTRICT_ADMIN when the role's org (1.2) or one of the user's orgs (1.1)
     * is a district. Schools: every org of the user that is a school (1.2: the orgs of all its roles, primary and
     * secondary; 1.1: {@code orgs[]}), in order, once; district orgs are not schools. Active: {@code enabledUser} not
     * false. Grade: the first of {@code grades}. Email: as given, trimmed.
     *
     * @param schools   sourcedIds of the orgs of type school the server serves
     * @param districts sourcedIds of the orgs of type district
     */
    static User user(JsonNode user, Set<String> schools, Set<String> districts, RowAt at) {
        List<String> orgs = new ArrayList<>();
        String role = null;
        boolean atDistrict = false;
        JsonNode roles = user.get("roles");
        if (roles != null && roles.isArray() && !roles.isEmpty()) {
            JsonNode chosen = null;
            for (JsonNode r : roles) {
                orgs.add(text(r.path("org"), "sourcedId"));
                if (chosen == null && "primary".equalsIgnoreCase(text(r, "roleType"))) {
                    chosen = r;
                }
            }
            chosen = chosen == null ? roles.get(0) : chosen;
            role = text(chosen, "role");
            atDistrict = districts.contains(text(chosen.path("org"), "sourcedId"));
        } else {
            role = text(user, "role");
            user.path("orgs").values().forEach(o -> orgs.add(text(o, "sourcedId")));
            atDistrict = orgs.stream().anyMatch(districts::contains);
        }
        String primaryOrg = text(user.path("primaryOrg"), "sourcedId");
        if (primaryOrg != null && orgs.isEmpty()) {
            orgs.add(primaryOrg);
        }
        Optional<OneRosterRoles.Mapped> mapped = role == null ? Optional.empty() : OneRosterRoles.map(role.strip(), atDistrict);
        if (mapped.isEmpty()) {
            return new User.Unroled(role == null ? "" : role);
        }
        if (mapped.get().skipped()) {
            return new User.Skipped(role);
        }
        Set<String> atSchools = new LinkedHashSet<>();
        orgs.stream().filter(o -> o != null && schools.contains(o)).forEach(atSchools::add);
        Optional<Boolean> enabled = enabled(user.get("enabledUser"));
        JsonNode grades = user.get("grades");
        String grade = grades != null && grades.isArray() && !grades.isEmpty() ? Text.normalizeOptional(grades.get(0).asString()) : null;
        Role r = mapped.get().role();
        return new User.Person(new Staged.Person(sourcedId(user), r, enabled.orElse(true), text(user, "givenName"),
                text(user, "familyName"), Text.normalizeOptional(text(user, "email")), List.copyOf(atSchools), List.of(),
                r == Role.STUDENT ? grade : null, at), enabled.isEmpty());
    }


    /** {@code enabledUser}: a JSON boolean, {@code "true"}/{@code "false"} (any case) or {@code 1}/{@code 0}; empty otherwise or absent. */
    static Optional<Boolean> enabled(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.of(true);
        }
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue());
        }
        if (value.isIntegralNumber() && (value.intValue() == 0 || value.intValue() == 1)) {
            return Optional.of(value.intValue() == 1);
        }
        String s = value.isString() ? value.asString().strip().toLowerCase(Locale.ROOT) : "";
        return s.equals("true") ? Optional.of(true) : s.equals("false") ? Optional.of(false) : Optional.empty();
    }

    /**
     * A person whose email is not an address the engine would store ({@link Text#optionalEmail}): the person without it
     * and a WARNING naming the user. Empty when the email is fine.
     */
    static Optional<Unusable> unusableEmail(Staged.Person p) {
        Optional<FieldRefusal> refused = Text.optionalEmail("email", p.email());
        return refused.map(r -> new Unusable(new Staged.Person(p.sourcedId(), p.role(), p.active(), p.givenName(), p.familyName(), null,
                p.schoolSourcedIds(), p.schoolIds(), p.grade(), p.at()), Problem.warning(p.at(), "email", "email_not_kept",
                "The server gives " + p.givenName() + " " + p.familyName() + " (sourcedId " + p.sourcedId() + ") an email that is not an "
                        + "address: " + r.message() + " The person is kept without an email; correct it in the district's SIS.")));
    }

    /** A person staged without their unusable email, and the warning that says so. */
    record Unusable(Staged.Person person, Problem warning) {}

    /**
     * A class: {@code title}, {@code school}'s sourcedId, the title of its {@code course} and the titles of its
     * {@code terms} (joined with ", ", as an upload does) from the maps of those the server served (null when none).
     */
    static Staged.Class rosterClass(JsonNode c, Map<String, String> courses, Map<String, String> terms, RowAt at) {
        List<String> titles = new ArrayList<>();
        c.path("terms").values().forEach(t -> {
            String title = terms.get(text(t, "sourcedId"));
            if (title != null) {
                titles.add(title);
            }
        });
        return new Staged.Class(sourcedId(c), text(c, "title"), text(c.path("school"), "sourcedId"), null,
                courses.get(text(c.path("course"), "sourcedId")), titles.isEmpty() ? null : String.join(", ", titles), at);
    }

    /** The class and user sourcedIds of an enrollment ({@code class} and {@code user} GUIDRefs). */
    static String enrollmentClass(JsonNode e) {
        return text(e.path("class"), "sourcedId");
    }

    /** The user's sourcedId of an enrollment. */
    static String enrollmentUser(JsonNode e) {
        return text(e.path("user"), "sourcedId");
    }

    /** An enrollment as a teacher or student of its class; empty for every other {@code role} (administrator, proctor, aide). */
    static Optional<Staged.Enrollment> enrollment(JsonNode e, RowAt at) {
        String role = text(e, "role");
        Staged.EnrollmentRole as = role == null ? null : switch (role.strip()) {
            case "student" -> Staged.EnrollmentRole.STUDENT;
            case "teacher" -> Staged.EnrollmentRole.TEACHER;
            default -> null;
        };
        return as == null ? Optional.empty() : Optional.of(new Staged.Enrollment(enrollmentClass(e), enrollmentUser(e), as, at));
    }

    /** The deletion of a {@code tobedeleted} record of {@code kind}; an enrollment's key is its class and user. */
    static Staged.Deletion deletion(RosterKind kind, JsonNode record, RowAt at) {
        return kind == RosterKind.ENROLLMENTS ? new Staged.Deletion(kind, enrollmentClass(record), enrollmentUser(record), at)
                : new Staged.Deletion(kind, sourcedId(record), null, at);
    }

    /** A property as text; null when absent, JSON null or a container. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainer() ? null : v.asString();
    }
}
