package com.seatkeeper.bulkimport;

import com.seatkeeper.roster.changes.FileMode;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.Problems;
import com.seatkeeper.roster.changes.RosterKind;
import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.RowAt;
import com.seatkeeper.roster.changes.Staged;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.Text;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the template CSV of districts without a student information system (issue 9 §2): one row per person and class
 * (a person in several classes has a row for each; their name and role must agree), with columns {@link #COLUMNS}.
 * <ul>
 *   <li>{@code school}: the name of an existing school of the district, ignoring case (blank only for a district admin);
 *   an unknown name is an error {@code unknown_school} naming the nearest school when it is near, else listing them;</li>
 *   <li>{@code role}: student, teacher, staff, school admin or district admin (case, spaces and underscores ignored);</li>
 *   <li>{@code email}: the person's key (their sourcedId is the email in lower case);</li>
 *   <li>{@code className} with {@code teacherEmail} (blank on the teacher's own row): a class, keyed by school, teacher
 *   and class name, which the teacher must have a row of their own for (error {@code unknown_teacher});</li>
 *   <li>{@code productCodes}: codes of catalog products separated by spaces, commas or semicolons, to license the person
 *   through the seat rules (an unknown code is an error {@code unknown_product}, with the nearest code or the list).</li>
 * </ul>
 * The template is the district's whole roster: people, classes and enrollments are BULK (people an earlier upload gave
 * who are not in it are set inactive), schools ABSENT (they are the district's own). Rows are gathered in memory, as the
 * template is meant for districts of up to some tens of thousands of people; larger districts export OneRoster.
 */
final class TemplateReader {
    static final List<String> COLUMNS = List.of("school", "role", "givenName", "familyName", "email", "className", "teacherEmail",
            "productCodes");
    static final Map<RosterKind, FileMode> MODES = modes();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CODE_SEPARATORS = Pattern.compile("[\\s,;]+");
    private static final Map<String, Role> ROLES = Map.of("student", Role.STUDENT, "teacher", Role.TEACHER, "staff", Role.STAFF,
            "schooladmin", Role.SCHOOL_ADMIN, "districtadmin", Role.DISTRICT_ADMIN);

    private final String file;
    private final Path path;
    private final Map<String, SchoolId> schools = new HashMap<>();
    private final List<String> schoolNames;
    private final Map<String, String> products = new HashMap<>();
    private final Problems problems;
    private final RowChecks checks;
    private final Map<String, Person> people = new LinkedHashMap<>();
    private final Map<String, ClassDraft> classes = new LinkedHashMap<>();
    private final Set<String> enrollments = new LinkedHashSet<>();
    private final List<Staged.Enrollment> studentEnrollments = new ArrayList<>();
    private final List<Staged.License> licenses = new ArrayList<>();
    private final Set<String> licensed = new HashSet<>();

    private record Person(Role role, String givenName, String familyName, String email, List<SchoolId> schools, RowAt at) {}

    private record ClassDraft(String sourcedId, String title, SchoolId school, String teacherKey, RowAt at) {}

    /**
     * @param schoolsByName the district's schools by name as written
     * @param productCodes  the catalog's product codes
     */
    TemplateReader(String file, Path path, Map<String, SchoolId> schoolsByName, Set<String> productCodes, Problems problems) {
        this.file = file;
        this.path = path;
        schoolsByName.forEach((name, id) -> schools.put(RowChecks.lower(name.strip()), id));
        this.schoolNames = List.copyOf(schoolsByName.keySet());
        productCodes.forEach(c -> products.put(RowChecks.lower(c), c));
        this.problems = problems;
        this.checks = new RowChecks(problems);
    }

    private static Map<RosterKind, FileMode> modes() {
        Map<RosterKind, FileMode> m = new EnumMap<>(RosterKind.class);
        m.put(RosterKind.SCHOOLS, FileMode.ABSENT);
        m.put(RosterKind.USERS, FileMode.BULK);
        m.put(RosterKind.CLASSES, FileMode.BULK);
        m.put(RosterKind.ENROLLMENTS, FileMode.BULK);
        return m;
    }

    /** True when a header (as read, any case) is the template's: it has school, role and email among its names. */
    static boolean isTemplateHeader(List<String> header) {
        Set<String> names = new HashSet<>();
        header.forEach(h -> names.add(RowChecks.lower(h.replace("\uFEFF", "").strip())));
        return names.contains("school") && names.contains("role") && names.contains("email");
    }

    /**
     * Reads the file and stages its people, classes, enrollments and licenses; returns the rows read. Every row is checked
     * in full (each wrong value is its own problem), and the people are staged even when some of their rows have errors
     * (with what could be read), so that the engine's checks of values and references run on them too and one report
     * lists every problem; the engine then rejects the run. A file whose header is wrong is not read, and one that stops
     * being UTF-8 or CSV is read up to there (their problems say so): then a teacher without a row of their own is not
     * reported (their row may be on a line not read) and the engine is told that people, classes and enrollments were not
     * read whole.
     */
    long read(RosterStaging staging) throws IOException {
        CsvTable table = CsvTable.open(new CsvTable.Spec(file, COLUMNS, Set.of("school", "role", "givenName", "familyName", "email")),
                path, problems);
        long rows = table.rows(this::row);
        boolean whole = table.readWhole();
        if (!whole) { // its ERROR says which rows were read: a teacher or person on a line never read is not unknown
            problems.notReadWhole(RosterKind.USERS);
            problems.notReadWhole(RosterKind.CLASSES);
            problems.notReadWhole(RosterKind.ENROLLMENTS);
        }
        if (rows == 0 && whole) {
            problems.add(Problem.warning(new RowAt(file, 1), null, "empty_bulk_file", file + " has no rows: as the template is the "
                    + "district's whole roster, everyone an earlier upload gave is removed, with their classes and enrollments. "
                    + "If that is not meant, add the people's rows."));
        }
        Set<String> teachers = new HashSet<>();
        for (ClassDraft c : classes.values()) {
            Person teacher = people.get(c.teacherKey());
            if (teacher != null && teacher.role() == null) {
                teachers.add(c.teacherKey()); // their role is reported on their own row
            } else if (teacher == null && !whole) {
                continue; // their row may be on a line that was not read
            } else if (teacher == null || teacher.role() != Role.TEACHER) {
                problems.add(Problem.error(c.at(), "teacherEmail", "unknown_teacher", "The class \"" + Text.excerpt(c.title()) + "\" names the teacher "
                        + Text.excerpt(c.teacherKey()) + (teacher == null ? ", who has no row of their own" : ", who is not a teacher") + ". Add a "
                        + "row with role teacher for them, or correct the email."));
            } else {
                teachers.add(c.teacherKey());
            }
        }
        people.forEach((key, p) -> staging.person(new Staged.Person(key, p.role(), true, p.givenName(), p.familyName(), p.email(),
                List.of(), p.schools(), p.at())));
        for (ClassDraft c : classes.values()) {
            staging.rosterClass(new Staged.Class(c.sourcedId(), c.title(), null, c.school(), null, null, c.at()));
            if (teachers.contains(c.teacherKey())) {
                staging.enrollment(new Staged.Enrollment(c.sourcedId(), c.teacherKey(), Staged.EnrollmentRole.TEACHER, c.at()));
            }
        }
        studentEnrollments.forEach(staging::enrollment);
        licenses.forEach(staging::license);
        staging.rowsRead(rows);
        return rows;
    }

    /**
     * Checks every value of one row (each wrong one is a problem of its own) and records what the row says: the person
     * (when the row has an email, their key), their class and enrollment (when role and school are known), their licenses.
     */
    private void row(CsvTable.Row row) {
        checks.required(row, "givenName");
        checks.required(row, "familyName");
        checks.required(row, "email");
        checks.required(row, "role");
        String email = row.get("email");
        if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
            problems.add(Problem.error(row.at(), "email", "invalid_email", "\"" + Text.excerpt(email) + "\" is not an email address (name@domain)."));
        }
        Role role = null;
        if (row.has("role")) {
            role = ROLES.get(row.get("role").toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", ""));
            if (role == null) {
                problems.add(Problem.error(row.at(), "role", "unknown_role", "\"" + Text.excerpt(row.get("role")) + "\" is not a role of the "
                        + "template. Use student, teacher, staff, school admin or district admin."));
            }
        }
        Optional<SchoolId> school = school(row, role);
        String key = email.toLowerCase(Locale.ROOT);
        boolean person = !key.isEmpty() && person(row, key, role, school);
        if (person && role != null) {
            klass(row, key, role, school);
        }
        for (String code : CODE_SEPARATORS.split(row.get("productCodes"))) {
            if (code.isEmpty()) {
                continue;
            }
            String known = products.get(RowChecks.lower(code));
            if (known == null) {
                String near = products.isEmpty() ? " There are no products yet." : hint(code, products.values(), "product codes");
                problems.add(Problem.error(row.at(), "productCodes", "unknown_product", "No product has the code \"" + Text.excerpt(code) + "\"."
                        + near + " Separate codes with spaces, commas or semicolons."));
            } else if (person && licensed.add(key + " " + known)) {
                licenses.add(new Staged.License(key, known, row.at()));
            }
        }
    }

    private Optional<SchoolId> school(CsvTable.Row row, Role role) {
        String name = row.get("school");
        if (name.isEmpty()) {
            if (role != Role.DISTRICT_ADMIN) {
                checks.required(row, "school");
            }
            return Optional.empty();
        }
        SchoolId id = schools.get(RowChecks.lower(name));
        if (id == null) {
            String near = schoolNames.isEmpty() ? " The district has no schools yet: add them first."
                    : hint(name, schoolNames, "district's schools");
            problems.add(Problem.error(row.at(), "school", "unknown_school", "The district has no school named \"" + Text.excerpt(name) + "\"." + near
                    + " Use a school's name as the console lists it."));
        }
        return Optional.ofNullable(id);
    }

    /** Records the person (several rows of one person must agree); false when they disagree. */
    private boolean person(CsvTable.Row row, String key, Role role, Optional<SchoolId> school) {
        Person earlier = people.get(key);
        if (earlier == null) {
            people.put(key, new Person(role, row.get("givenName"), row.get("familyName"), row.get("email"),
                    new ArrayList<>(school.stream().toList()), row.at()));
            return true;
        }
        boolean otherRole = earlier.role() != null && role != null && earlier.role() != role;
        if (otherRole || !earlier.givenName().equals(row.get("givenName")) || !earlier.familyName().equals(row.get("familyName"))) {
            problems.add(Problem.error(row.at(), "email", "conflicting_rows", Text.excerpt(row.get("email")) + " is on line " + earlier.at().line()
                    + " with another name or role. Rows of one person must agree on role, given name and family name."));
            return false;
        }
        school.filter(s -> !earlier.schools().contains(s)).ifPresent(earlier.schools()::add);
        if (earlier.role() == null && role != null) {
            people.put(key, new Person(role, earlier.givenName(), earlier.familyName(), earlier.email(), earlier.schools(), earlier.at()));
        }
        return true;
    }

    private void klass(CsvTable.Row row, String key, Role role, Optional<SchoolId> school) {
        String className = row.get("className");
        String teacherEmail = row.get("teacherEmail");
        if (className.isEmpty()) {
            if (!teacherEmail.isEmpty()) {
                problems.add(Problem.error(row.at(), "className", "missing_value", "teacherEmail is given but className is empty. "
                        + "Give the class's name, or leave both empty."));
            }
            return;
        }
        String teacherKey = teacherEmail.isEmpty() && role == Role.TEACHER ? key : RowChecks.lower(teacherEmail);
        if (teacherKey.isEmpty()) {
            problems.add(Problem.error(row.at(), "teacherEmail", "missing_value", "className is given but teacherEmail is empty. "
                    + "Give the email of the class's teacher (on a teacher's own row it may stay empty)."));
            return;
        }
        if (school.isEmpty()) {
            if (role == Role.DISTRICT_ADMIN && !row.has("school")) { // else the school's problem is reported already
                problems.add(Problem.error(row.at(), "school", "missing_value", "A class needs a school: give the school's name."));
            }
            return;
        }
        String classKey = "template:" + school.get() + "/" + teacherKey + "/" + RowChecks.lower(className);
        classes.putIfAbsent(classKey, new ClassDraft(classKey, className, school.get(), teacherKey, row.at()));
        if (role == Role.STUDENT && enrollments.add(classKey + " " + key)) {
            studentEnrollments.add(new Staged.Enrollment(classKey, key, Staged.EnrollmentRole.STUDENT, row.at()));
        }
    }

    /** The template's header and a filled example (UTF-8, CRLF line ends) for no district in particular. */
    static String example() {
        return example("Lincoln Elementary", List.of());
    }

    /**
     * The template's header and a filled example (UTF-8, CRLF line ends) that reads as it is in a district with the
     * school {@code school} and pools of {@code codes} (the first two are used; none: the example licenses nobody).
     */
    static String example(String school, List<String> codes) {
        String s = quoted(school);
        String first = codes.isEmpty() ? "" : quoted(codes.get(0));
        String second = codes.size() < 2 ? first : quoted(codes.get(1));
        String both = codes.size() < 2 ? first : quoted(codes.get(0) + " " + codes.get(1));
        List<String> lines = List.of(String.join(",", COLUMNS),
                s + ",teacher,Ada,Lovelace,ada.lovelace@example.org,Grade 3 Math,," + first,
                s + ",student,Alan,Turing,alan.turing@example.org,Grade 3 Math,ada.lovelace@example.org," + both,
                s + ",student,Grace,Hopper,grace.hopper@example.org,Grade 3 Math,ada.lovelace@example.org,",
                s + ",student,Grace,Hopper,grace.hopper@example.org,Grade 3 Reading,ada.lovelace@example.org," + second,
                s + ",staff,Mary,Jackson,mary.jackson@example.org,,,",
                s + ",school admin,Katherine,Johnson,katherine.johnson@example.org,,,",
                ",district admin,Edsger,Dijkstra,edsger.dijkstra@example.org,,,");
        return String.join("\r\n", lines) + "\r\n";
    }

    /** A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line end. */
    private static String quoted(String value) {
        return value.matches("(?s).*[,\"\r\n].*") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /**
     * The hint for a name that is not one of {@code valid}: the nearest when it is near (edit distance at most a third of
     * the name's length, at least 1, at most 3), else the valid ones listed (the first {@code 10}).
     */
    static String hint(String name, Collection<String> valid, String what) {
        int max = Math.max(1, Math.min(3, name.length() / 3));
        Optional<String> near = Names.nearest(name, valid, max);
        if (near.isPresent()) {
            return " Did you mean \"" + near.get() + "\"?";
        }
        List<String> sorted = valid.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
        return " The " + what + " are: " + String.join(", ", sorted.subList(0, Math.min(10, sorted.size())))
                + (sorted.size() > 10 ? " and " + (sorted.size() - 10) + " more." : ".");
    }
}
