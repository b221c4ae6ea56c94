package com.seatkeeper.bulkimport;

import com.seatkeeper.bulkimport.RowChecks.Status;
import com.seatkeeper.roster.changes.OneRosterRoles;
import com.seatkeeper.roster.changes.FileMode;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.Problems;
import com.seatkeeper.roster.changes.RosterKind;
import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.RowAt;
import com.seatkeeper.roster.changes.Severity;
import com.seatkeeper.roster.changes.Staged;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.Text;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a OneRoster 1.1 or 1.2 CSV set (OneRoster 1.1 CSV tables; the 1.2 CSV binding) into a run's staging: the
 * manifest first ({@link #manifest()}: version and each file's mode), then orgs, academicSessions, courses, 1.2 roles,
 * users, classes and enrollments ({@link #read}). academicSessions and courses are kept in memory (id to title: they are
 * small) for the classes' term and course titles, as are the org types and, in 1.2, each user's roles; every other row
 * is streamed to the staging as it is read. Files the roster does not use (demographics, userProfiles, gradebook files)
 * are ignored with a warning {@code file_ignored}.
 *
 * <p>Duplicate sourcedIds and references between staged rows are the engine's to check (in SQL); this reader checks
 * what only it sees: duplicates among courses and academicSessions, and a class's course and terms when those files are
 * given in bulk.
 *
 * <p>Every value of a row is checked (each wrong one is its own problem), and a row refused for a value is staged all the
 * same with what could be read (a user without their unknown role, a class without its missing school; of a row refused
 * for its shape, only its sourcedId): the engine then checks its values and references too, and the rows naming it are
 * not reported again as unknown references. The engine rejects the run, so nothing refused is ever applied.
 */
final class OneRosterReader {
    static final String MANIFEST = "manifest.csv";

    static final CsvTable.Spec MANIFEST_SPEC = CsvTable.Spec.of(MANIFEST, "propertyName,value", "propertyName,value");
    static final CsvTable.Spec ORGS = CsvTable.Spec.of("orgs.csv", "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
            "sourcedId,name,type");
    static final CsvTable.Spec SESSIONS = CsvTable.Spec.of("academicSessions.csv",
            "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
            "sourcedId,title,type,startDate,endDate,schoolYear");
    static final CsvTable.Spec COURSES = CsvTable.Spec.of("courses.csv",
            "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes",
            "sourcedId,title,orgSourcedId");
    static final CsvTable.Spec CLASSES = CsvTable.Spec.of("classes.csv",
            "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods",
            "sourcedId,title,courseSourcedId,classType,schoolSourcedId,termSourcedIds");
    static final CsvTable.Spec USERS_11 = CsvTable.Spec.of("users.csv",
            "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password",
            "sourcedId,enabledUser,orgSourcedIds,role,username,givenName,familyName");
    static final CsvTable.Spec USERS_12 = CsvTable.Spec.of("users.csv",
            "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns",
            "sourcedId,enabledUser,username,givenName,familyName");
    static final CsvTable.Spec ROLES = CsvTable.Spec.of("roles.csv",
            "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId",
            "sourcedId,userSourcedId,roleType,role,orgSourcedId");
    static final CsvTable.Spec ENROLLMENTS = CsvTable.Spec.of("enrollments.csv",
            "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate",
            "sourcedId,classSourcedId,schoolSourcedId,userSourcedId,role");

    /** The files this reader uses, by manifest name ({@code file.<name>}). */
    private static final List<String> USED = List.of("orgs", "academicSessions", "courses", "roles", "users", "classes", "enrollments");
    private static final List<String> ORG_TYPES = List.of("department", "district", "local", "national", "school", "state");
    private static final List<String> USER_ROLES = List.of("administrator", "aide", "counselor", "districtAdministrator", "guardian",
            "parent", "principal", "proctor", "relative", "siteAdministrator", "student", "systemAdministrator", "teacher");
    private static final int PROGRESS_EVERY = 10_000;
    /** What a header-only bulk file removes (it is read as zero rows of its kind, as the standard says). */
    private static final Map<String, String> REMOVES = Map.of("orgs", "all schools", "users", "all people (set inactive)",
            "classes", "all classes", "enrollments", "all enrollments");

    private final Map<String, Path> files;
    private final Problems problems;
    private final RowChecks checks;
    private final Map<String, FileMode> modes = new HashMap<>();
    private final Map<String, String> uploadedName = new HashMap<>();
    private String version;
    private final Map<String, String> orgTypes = new HashMap<>();
    private final Map<String, String> sessionTitles = new HashMap<>();
    private final Map<String, String> courseTitles = new HashMap<>();
    private final Map<String, UserRoles> roles = new HashMap<>();
    private final Set<String> skipped = new HashSet<>();
    /** The files (by manifest name) that were not read whole. */
    private final Set<String> unread = new HashSet<>();
    /** 1.2 users with a roles.csv row refused for its role, type or status (not reported again as without a role). */
    private final Set<String> refusedRoles = new HashSet<>();
    private long rowsRead;
    private Runnable progress = () -> {};
    private RosterStaging staging;

    /**
     * @param files    the upload's files by the name they were uploaded with (e.g. {@code users.csv})
     * @param problems where problems go
     */
    OneRosterReader(Map<String, Path> files, Problems problems) {
        this.files = files;
        this.problems = problems;
        this.checks = new RowChecks(problems);
    }

    /** The OneRoster version the manifest declared ({@code 1.1} or {@code 1.2}); null before {@link #manifest()}. */
    String version() {
        return version;
    }

    /**
     * Reads manifest.csv: {@code oneroster.version} (1.1 or 1.2) and {@code file.<name>} (bulk, delta or absent) for each
     * file. Problems: {@code missing_manifest} (none uploaded), {@code unsupported_version}, {@code invalid_manifest_value}
     * (a mode that is not bulk, delta or absent, e.g. blank), {@code missing_file} (named bulk or delta, not uploaded);
     * warnings for a file uploaded but declared absent or not named. Returns the modes of the roster's kinds (kinds not
     * given are ABSENT), or empty when the set cannot be read.
     */
    Optional<Map<RosterKind, FileMode>> manifest() throws IOException {
        Map<String, String> byLowerName = new HashMap<>();
        files.keySet().forEach(n -> byLowerName.put(RowChecks.lower(n), n));
        String manifestName = byLowerName.get(MANIFEST);
        if (manifestName == null) {
            problems.add(new Problem(null, null, null, Severity.ERROR, "missing_manifest", "The upload has no manifest.csv. A OneRoster "
                    + "1.1 or 1.2 CSV set needs one (it gives the version and whether each file is bulk or delta); for a district "
                    + "without a student information system, use the template CSV instead (GET /api/v1/imports/template.csv)."));
            return Optional.empty();
        }
        CsvTable manifest = CsvTable.open(MANIFEST_SPEC, files.get(manifestName), problems);
        Map<String, CsvTable.Row> properties = new LinkedHashMap<>();
        manifest.rows(row -> properties.put(row.get("propertyName"), row));
        if (!manifest.readWhole()) {
            return Optional.empty(); // a property on a line never read would be reported missing: its problem says why
        }
        CsvTable.Row versionRow = properties.get("oneroster.version");
        version = versionRow == null ? "" : versionRow.get("value");
        if (!version.equals("1.1") && !version.equals("1.2")) {
            RowAt at = versionRow == null ? new RowAt(MANIFEST, 1) : versionRow.at();
            problems.add(Problem.error(at, "value", "unsupported_version", (versionRow == null ? "The manifest has no oneroster.version"
                    : "oneroster.version is \"" + Text.excerpt(version) + "\"") + ": only OneRoster 1.1 and 1.2 CSV are read. Export the roster as "
                    + "OneRoster 1.1 or 1.2 and give oneroster.version,1.1 (or 1.2) in manifest.csv."));
            return Optional.empty();
        }
        Set<String> named = new HashSet<>(Set.of(RowChecks.lower(MANIFEST)));
        boolean ok = true;
        for (var property : properties.entrySet()) {
            if (!property.getKey().startsWith("file.")) {
                continue;
            }
            String name = property.getKey().substring("file.".length());
            CsvTable.Row row = property.getValue();
            Optional<String> mode = checks.oneOf(row, "value", List.of("bulk", "delta", "absent"), false);
            if (mode.isEmpty()) {
                if (!row.has("value")) {
                    problems.add(Problem.error(row.at(), "value", "invalid_manifest_value", property.getKey()
                            + " has no value. Give bulk, delta or absent."));
                }
                ok = false;
                continue;
            }
            String fileName = name + ".csv";
            named.add(RowChecks.lower(fileName));
            String uploaded = byLowerName.get(RowChecks.lower(fileName));
            FileMode fileMode = FileMode.valueOf(mode.get().toUpperCase(Locale.ROOT));
            if (fileMode == FileMode.ABSENT) {
                if (uploaded != null) {
                    problems.add(Problem.warning(row.at(), "value", "file_declared_absent", uploaded
                            + " was uploaded but the manifest says " + property.getKey() + ",absent: it was ignored."));
                }
                continue;
            }
            if (uploaded == null) {
                problems.add(Problem.error(row.at(), "value", "missing_file", "The manifest says " + property.getKey() + ","
                        + mode.get() + " but the upload has no " + fileName + ". Add the file, or write absent in the manifest."));
                ok = false;
                continue;
            }
            if (!uploaded.equals(fileName)) {
                problems.add(Problem.warning(new RowAt(uploaded, 1), null, "file_name_case", uploaded + " was read as " + fileName
                        + " (the standard's spelling)."));
            }
            if (USED.contains(name)) {
                modes.put(name, fileMode);
                uploadedName.put(name, uploaded);
            } else {
                problems.add(Problem.warning(new RowAt(uploaded, 1), null, "file_ignored", uploaded
                        + " is not used for rosters and was ignored."));
            }
        }
        for (String file : files.keySet()) {
            if (!named.contains(RowChecks.lower(file))) {
                problems.add(Problem.warning(new RowAt(file, 1), null, "file_not_in_manifest", file
                        + " is not named in manifest.csv and was ignored. Name it there (file." + file.replaceFirst("(?i)\\.csv$", "")
                        + ",bulk) to have it read."));
            }
        }
        if (version.equals("1.2") && modes.containsKey("users") && !modes.containsKey("roles")) {
            problems.add(Problem.error(properties.containsKey("file.roles") ? properties.get("file.roles").at() : new RowAt(MANIFEST, 1),
                    "value", "missing_file", "OneRoster 1.2 gives users' roles and schools in roles.csv: upload it with users.csv "
                            + "and name it in the manifest (file.roles,bulk or delta)."));
            ok = false;
        }
        if (!ok) {
            return Optional.empty();
        }
        Map<RosterKind, FileMode> kinds = new EnumMap<>(RosterKind.class);
        kinds.put(RosterKind.SCHOOLS, modes.getOrDefault("orgs", FileMode.ABSENT));
        kinds.put(RosterKind.USERS, modes.getOrDefault("users", FileMode.ABSENT));
        kinds.put(RosterKind.CLASSES, modes.getOrDefault("classes", FileMode.ABSENT));
        kinds.put(RosterKind.ENROLLMENTS, modes.getOrDefault("enrollments", FileMode.ABSENT));
        return Optional.of(kinds);
    }

    /** Reads the files the manifest gives into the staging (after {@link #manifest()} gave modes). */
    void read(RosterStaging staging) throws IOException {
        this.staging = staging;
        progress = () -> staging.rowsRead(rowsRead);
        read("orgs", ORGS, row -> org(row, staging));
        read("academicSessions", SESSIONS, this::session);
        read("courses", COURSES, this::course);
        if (version.equals("1.2")) {
            read("roles", ROLES, this::role);
        }
        read("users", version.equals("1.2") ? USERS_12 : USERS_11, row -> user(row, staging));
        read("classes", CLASSES, row -> rosterClass(row, staging));
        read("enrollments", ENROLLMENTS, row -> enrollment(row, staging));
        if (!skipped.isEmpty()) {
            staging.skippedPeople(skipped.size());
        }
        staging.rowsRead(rowsRead);
    }

    private interface RowReader {
        void read(CsvTable.Row row);
    }

    private void read(String name, CsvTable.Spec spec, RowReader reader) throws IOException {
        FileMode mode = modes.get(name);
        if (mode == null) {
            return;
        }
        String uploaded = uploadedName.get(name);
        CsvTable.Spec named = new CsvTable.Spec(uploaded, spec.columns(), spec.required());
        CsvTable table = CsvTable.open(named, files.get(uploaded), problems);
        long rows = table.rows(row -> {
            reader.read(row);
            if (++rowsRead % PROGRESS_EVERY == 0) {
                progress.run();
            }
        }, row -> refusedRow(name, row));
        if (!table.readWhole()) {
            notReadWhole(name);
            return;
        }
        if (rows == 0 && mode == FileMode.BULK && REMOVES.containsKey(name)) {
            problems.add(Problem.warning(new RowAt(uploaded, 1), null, "empty_bulk_file", uploaded + " is bulk but has no rows: "
                    + REMOVES.get(name) + " an earlier upload gave are removed. If that is not meant, write file." + name
                    + ",absent in the manifest."));
        }
    }

    /**
     * Records a file that was not read whole (its ERROR says which rows were read): checks against it would report what
     * is on its unread lines as missing. The engine skips references to its kind; this reader skips its own checks
     * against it (a class's course or terms, a 1.2 user's primary role).
     */
    private void notReadWhole(String name) {
        unread.add(name);
        switch (name) {
            case "orgs" -> problems.notReadWhole(RosterKind.SCHOOLS);
            case "users" -> problems.notReadWhole(RosterKind.USERS);
            case "classes" -> problems.notReadWhole(RosterKind.CLASSES);
            case "enrollments" -> problems.notReadWhole(RosterKind.ENROLLMENTS);
            default -> { }
        }
    }

    /** Whether the file was given in bulk and read whole: only then is a record missing from it unknown. */
    private boolean bulkAndWhole(String name) {
        return mode(name) == FileMode.BULK && !unread.contains(name);
    }

    /**
     * A row refused for its shape (its fields cannot be trusted, only the first, its sourcedId, usually can): its id is kept
     * so that the rows naming it are not reported again as unknown references (the run is refused anyway; the engine lists
     * nothing more at a line refused as a whole).
     */
    private void refusedRow(String name, CsvTable.Row row) {
        String id = row.raw("sourcedId").strip();
        if (id.isEmpty() || staging == null) {
            return;
        }
        switch (name) {
            case "orgs" -> staging.school(new Staged.School(id, "", row.at()));
            case "users" -> staging.person(new Staged.Person(id, null, true, "", "", null, List.of(), List.of(), null, row.at()));
            case "classes" -> staging.rosterClass(new Staged.Class(id, "", null, null, null, null, row.at()));
            case "academicSessions" -> sessionTitles.putIfAbsent(id, "");
            case "courses" -> courseTitles.putIfAbsent(id, "");
            default -> { }
        }
    }

    private FileMode mode(String name) {
        return modes.getOrDefault(name, FileMode.ABSENT);
    }

    private void org(CsvTable.Row row, RosterStaging staging) {
        Optional<Status> status = checks.status(row, mode("orgs"));
        String id = row.raw("sourcedId");
        boolean ok = checks.required(row, "sourcedId") & checks.required(row, "name");
        Optional<String> type = checks.oneOf(row, "type", ORG_TYPES, true);
        if (!ok || type.isEmpty() || status.isEmpty()) {
            if (!id.isEmpty() && type.orElse("school").equals("school")) {
                // refused (the run will be): staged as what it may be, so that rows naming it are not reported again
                staging.school(new Staged.School(id, row.get("name"), row.at()));
            }
            return;
        }
        orgTypes.put(id, type.get());
        if (status.get() == Status.TO_BE_DELETED) {
            if (mode("orgs") == FileMode.DELTA && type.get().equals("school")) {
                staging.deletion(new Staged.Deletion(RosterKind.SCHOOLS, id, null, row.at()));
            }
            return;
        }
        if (type.get().equals("school")) {
            staging.school(new Staged.School(id, row.get("name"), row.at()));
        } else if (!type.get().equals("district")) {
            problems.add(Problem.warning(row.at(), "type", "org_type_ignored", "The org " + Text.excerpt(id) + " is of type " + type.get()
                    + ": only schools (and the district itself) are used; its people and classes need a school."));
        }
    }

    private void session(CsvTable.Row row) {
        checks.status(row, mode("academicSessions"));
        checks.oneOf(row, "type", List.of("gradingPeriod", "semester", "schoolYear", "term"), true);
        checks.date(row, "startDate");
        checks.date(row, "endDate");
        boolean id = checks.required(row, "sourcedId");
        checks.required(row, "title");
        checks.required(row, "startDate");
        checks.required(row, "endDate");
        if (id) {
            remember(sessionTitles, row, row.get("title")); // refused or not: classes naming it are not reported again
        }
    }

    private void course(CsvTable.Row row) {
        checks.status(row, mode("courses"));
        boolean id = checks.required(row, "sourcedId");
        checks.required(row, "title");
        if (id) {
            remember(courseTitles, row, row.get("title")); // refused or not: classes naming it are not reported again
        }
    }

    /** Keeps a small file's row by sourcedId; a second row with the same sourcedId is an error {@code duplicate_sourced_id}. */
    private void remember(Map<String, String> titles, CsvTable.Row row, String title) {
        String id = row.raw("sourcedId");
        if (titles.putIfAbsent(id, title) != null) {
            problems.add(Problem.error(row.at(), "sourcedId", "duplicate_sourced_id", "The sourcedId " + Text.excerpt(id) + " is given twice in "
                    + row.at().file() + ". Give each row its own sourcedId."));
        }
    }

    /** A 1.2 user's roles: the primary one decides the role, every org counts for the schools. */
    private static final class UserRoles {
        String primaryRole;
        String primaryOrg;
        RowAt primaryAt;
        final List<String> orgs = new ArrayList<>();
    }

    private void role(CsvTable.Row row) {
        Optional<Status> status = checks.status(row, mode("roles"));
        checks.date(row, "beginDate");
        checks.date(row, "endDate");
        boolean ok = checks.required(row, "userSourcedId") & checks.required(row, "orgSourcedId");
        Optional<String> roleType = checks.oneOf(row, "roleType", List.of("primary", "secondary"), true);
        Optional<String> role = checks.oneOf(row, "role", USER_ROLES, true, "unknown_role");
        if (!ok || roleType.isEmpty() || role.isEmpty() || status.isEmpty() || status.get() == Status.TO_BE_DELETED) {
            if (!row.raw("userSourcedId").isEmpty() && (roleType.isEmpty() || role.isEmpty() || status.isEmpty())) {
                refusedRoles.add(row.raw("userSourcedId")); // their user's missing role would only repeat this row's problem
            }
            return;
        }
        UserRoles r = roles.computeIfAbsent(row.raw("userSourcedId"), k -> new UserRoles());
        String org = row.raw("orgSourcedId");
        if (!r.orgs.contains(org)) {
            r.orgs.add(org);
        }
        if (roleType.get().equals("primary")) {
            if (r.primaryRole != null && !r.primaryRole.equals(role.get())) {
                problems.add(Problem.error(row.at(), "roleType", "conflicting_primary_role", "User " + Text.excerpt(row.raw("userSourcedId"))
                        + " has a second primary role (" + role.get() + "; line " + r.primaryAt.line() + " gave " + r.primaryRole
                        + "). Give each user one primary role; mark the others secondary."));
                return;
            }
            r.primaryRole = role.get();
            r.primaryOrg = org;
            r.primaryAt = row.at();
        }
    }

    private void user(CsvTable.Row row, RosterStaging staging) {
        Optional<Status> status = checks.status(row, mode("users"));
        String id = row.raw("sourcedId");
        if (!checks.required(row, "sourcedId")) {
            return;
        }
        if (status.orElse(Status.ACTIVE) == Status.TO_BE_DELETED) {
            if (mode("users") == FileMode.DELTA) {
                staging.deletion(new Staged.Deletion(RosterKind.USERS, id, null, row.at()));
            }
            return;
        }
        checks.required(row, "givenName");
        checks.required(row, "familyName");
        Optional<String> enabled = checks.oneOf(row, "enabledUser", List.of("true", "false"), true);
        String role;
        String roleColumn;
        List<String> orgs;
        if (version.equals("1.2")) {
            UserRoles r = roles.get(id);
            if ((r == null || r.primaryRole == null) && !refusedRoles.contains(id) && !unread.contains("roles")) {
                problems.add(Problem.error(row.at(), "sourcedId", "missing_role", "User " + Text.excerpt(id) + " has no primary role in roles.csv. "
                        + "Add a row with roleType primary for them."));
                role = null;
            } else {
                role = r == null ? null : r.primaryRole;
            }
            roleColumn = "role";
            orgs = r == null ? List.of() : r.orgs;
        } else {
            role = checks.oneOf(row, "role", USER_ROLES, true, "unknown_role").orElse(null);
            roleColumn = "role";
            orgs = RowChecks.list(row.raw("orgSourcedIds"));
        }
        Optional<OneRosterRoles.Mapped> mapped = role == null ? Optional.empty()
                : OneRosterRoles.map(role, orgs.stream().anyMatch(o -> "district".equals(orgTypes.get(o))));
        if (role != null && mapped.isEmpty()) {
            problems.add(Problem.error(row.at(), roleColumn, "unknown_role", "\"" + Text.excerpt(role) + "\" is not a role Seatkeeper knows."));
        }
        if (mapped.isPresent() && mapped.get().skipped()) {
            skipped.add(id);
            return;
        }
        List<String> schools = orgs.stream().filter(o -> !"district".equals(orgTypes.get(o))).toList();
        String email = row.get("email");
        // grades: comma-separated CEDS codes (e.g. "09" or "09,10"); a student's first is their grade (auto-assign rules)
        String grades = row.get("grades");
        String grade = grades.isEmpty() || mapped.map(OneRosterRoles.Mapped::role).orElse(null) != Role.STUDENT ? null : grades.split(",", -1)[0].strip();
        // a row with errors (the run will be refused) is staged with what could be read, so that the engine checks its values
        // and references too and rows naming it are not reported again
        staging.person(new Staged.Person(id, mapped.map(OneRosterRoles.Mapped::role).orElse(null), !enabled.orElse("true").equals("false"), row.get("givenName"),
                row.get("familyName"), email.isEmpty() ? null : email, schools, List.of(), grade == null || grade.isEmpty() ? null : grade,
                row.at()));
    }


    private void rosterClass(CsvTable.Row row, RosterStaging staging) {
        Optional<Status> status = checks.status(row, mode("classes"));
        String id = row.raw("sourcedId");
        if (!checks.required(row, "sourcedId")) {
            return;
        }
        if (status.orElse(Status.ACTIVE) == Status.TO_BE_DELETED) {
            if (mode("classes") == FileMode.DELTA) {
                staging.deletion(new Staged.Deletion(RosterKind.CLASSES, id, null, row.at()));
            }
            return;
        }
        checks.required(row, "title");
        checks.required(row, "schoolSourcedId");
        checks.required(row, "courseSourcedId");
        checks.required(row, "termSourcedIds");
        checks.oneOf(row, "classType", List.of("homeroom", "scheduled"), true);
        String course = row.raw("courseSourcedId");
        if (!course.isEmpty() && bulkAndWhole("courses") && !courseTitles.containsKey(course)) {
            problems.add(Problem.error(row.at(), "courseSourcedId", "unknown_reference", "The class " + Text.excerpt(id) + " names the course "
                    + Text.excerpt(course) + ", which courses.csv does not have. Add the course or correct the id."));
        }
        List<String> terms = RowChecks.list(row.raw("termSourcedIds"));
        if (bulkAndWhole("academicSessions")) {
            for (String term : terms) {
                if (!sessionTitles.containsKey(term)) {
                    problems.add(Problem.error(row.at(), "termSourcedIds", "unknown_reference", "The class " + Text.excerpt(id) + " names the term "
                            + Text.excerpt(term) + ", which academicSessions.csv does not have. Add the session or correct the id."));
                }
            }
        }
        // a class with errors (the run will be refused) is staged all the same, so that rows naming it are not reported again
        String termTitles = terms.stream().map(sessionTitles::get).filter(t -> t != null && !t.isEmpty()).collect(Collectors.joining(", "));
        String school = row.raw("schoolSourcedId");
        staging.rosterClass(new Staged.Class(id, row.get("title"), school.isEmpty() ? null : school, null, courseTitles.get(course),
                termTitles.isEmpty() ? null : termTitles, row.at()));
    }

    private void enrollment(CsvTable.Row row, RosterStaging staging) {
        Optional<Status> status = checks.status(row, mode("enrollments"));
        checks.date(row, "beginDate");
        checks.date(row, "endDate");
        boolean ok = checks.required(row, "classSourcedId") & checks.required(row, "userSourcedId");
        checks.required(row, "sourcedId");
        Optional<String> role = checks.oneOf(row, "role", List.of("administrator", "aide", "guardian", "parent", "proctor",
                "relative", "student", "teacher"), true);
        if (!ok) {
            return;
        }
        String classId = row.raw("classSourcedId");
        String userId = row.raw("userSourcedId");
        if (status.orElse(Status.ACTIVE) == Status.TO_BE_DELETED) {
            if (mode("enrollments") == FileMode.DELTA) {
                staging.deletion(new Staged.Deletion(RosterKind.ENROLLMENTS, classId, userId, row.at()));
            }
            return;
        }
        if (skipped.contains(userId)) {
            return; // a guardian's enrollment: they are not rostered
        }
        if (role.isEmpty()) {
            // refused for its role (the run will be): staged without one, so that its class and person are still checked
            staging.enrollment(new Staged.Enrollment(classId, userId, null, row.at()));
            return;
        }
        Staged.EnrollmentRole as = switch (role.get()) {
            case "student" -> Staged.EnrollmentRole.STUDENT;
            case "teacher" -> Staged.EnrollmentRole.TEACHER;
            default -> null;
        };
        if (as == null) {
            problems.add(Problem.warning(row.at(), "role", "enrollment_role_ignored", "Enrollments as " + role.get()
                    + " are not kept (only teachers and students of a class are); line " + row.at().line() + " was ignored."));
            return;
        }
        staging.enrollment(new Staged.Enrollment(classId, userId, as, row.at()));
    }

    long rowsRead() {
        return rowsRead;
    }
}
