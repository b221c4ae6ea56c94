package com.seatkeeper.bulkimport;

import com.seatkeeper.support.CapturedStaging;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.FileMode;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.Problems;
import com.seatkeeper.roster.changes.RosterKind;
import com.seatkeeper.roster.changes.Severity;
import com.seatkeeper.roster.changes.Staged;
import com.seatkeeper.shared.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OneRoster reader without Spring or a database: a set of files in, the rows it stages and the problems it finds
 * out. A small valid 1.1 set ({@link #VALID}) is broken one way at a time; each break gives its own code with file,
 * line and column, and an upload with an error is never worth applying (the engine rejects it).
 */
class OneRosterReaderTest {
    @TempDir
    Path dir;

    static final Map<String, String> VALID = valid();

    private static Map<String, String> valid() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("manifest.csv", """
                propertyName,value
                manifest.version,1.0
                oneroster.version,1.1
                file.academicSessions,bulk
                file.orgs,bulk
                file.courses,bulk
                file.classes,bulk
                file.users,bulk
                file.enrollments,bulk
                file.demographics,absent
                """);
        m.put("orgs.csv", """
                sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId
                d1,active,2024-01-01T00:00:00Z,Springfield District,district,,
                s1,active,2024-01-01T00:00:00Z,Springfield Elementary,school,,d1
                s2,active,2024-01-01T00:00:00Z,Shelbyville High,school,,d1
                """);
        m.put("academicSessions.csv", """
                sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear
                t1,active,2024-01-01,Fall 2024,term,2024-08-15,2024-12-20,,2025
                """);
        m.put("courses.csv", """
                sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes
                c1,active,2024-01-01,,Math 3,M3,03,s1,,
                """);
        m.put("classes.csv", """
                sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods
                k1,active,2024-01-01,Math 3A,03,c1,,scheduled,,s1,t1,,,
                """);
        m.put("users.csv", """
                sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password
                u1,active,2024-01-01,true,s1,teacher,ada,,Ada,Lovelace,,,ada@example.org,,,,,
                u2,active,2024-01-01,true,s1,student,alan,,Alan,Turing,,,alan@example.org,,,,03,
                u3,active,2024-01-01,false,"s1,s2",student,grace,,Grace,Hopper,,,,,,,03,
                u4,active,2024-01-01,true,d1,administrator,ed,,Edsger,Dijkstra,,,ed@example.org,,,,,
                u5,active,2024-01-01,true,s2,administrator,kath,,Katherine,Johnson,,,kj@example.org,,,,,
                u6,active,2024-01-01,true,s1,aide,mary,,Mary,Jackson,,,mj@example.org,,,,,
                u7,active,2024-01-01,true,s1,guardian,pat,,Pat,Parent,,,pat@example.org,,,,,
                """);
        m.put("enrollments.csv", """
                sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate
                e1,active,2024-01-01,k1,s1,u1,teacher,true,,
                e2,active,2024-01-01,k1,s1,u2,student,,2024-08-15,
                e3,active,2024-01-01,k1,s1,u3,student,,,
                """);
        return Map.copyOf(m);
    }

    record Read(Optional<Map<RosterKind, FileMode>> modes, CapturedStaging staged, Problems problems) {
        List<Problem> errors() {
            return problems.listed().stream().filter(p -> p.severity() == Severity.ERROR).toList();
        }

        List<String> warningCodes() {
            return problems.listed().stream().filter(p -> p.severity() == Severity.WARNING).map(Problem::code).toList();
        }
    }

    Read read(Map<String, ?> files) throws IOException {
        Path set = Files.createTempDirectory(dir, "set");
        Map<String, Path> paths = new LinkedHashMap<>();
        for (var f : files.entrySet()) {
            Path p = set.resolve(f.getKey());
            Files.write(p, f.getValue() instanceof byte[] b ? b : ((String) f.getValue()).getBytes(StandardCharsets.UTF_8));
            paths.put(f.getKey(), p);
        }
        return readPaths(paths);
    }

    static Read readPaths(Map<String, Path> paths) throws IOException {
        Problems problems = new Problems();
        OneRosterReader reader = new OneRosterReader(paths, problems);
        CapturedStaging staged = new CapturedStaging();
        Optional<Map<RosterKind, FileMode>> modes = reader.manifest();
        if (modes.isPresent()) {
            reader.read(staged);
        }
        return new Read(modes, staged, problems);
    }

    static Map<String, Object> with(String file, String content) {
        Map<String, Object> m = new LinkedHashMap<>(VALID);
        if (content == null) {
            m.remove(file);
        } else {
            m.put(file, content);
        }
        return m;
    }

    /** The valid set with one line of a file replaced (1-based, the header being line 1). */
    static Map<String, Object> line(String file, int line, String content) {
        List<String> lines = new java.util.ArrayList<>(VALID.get(file).lines().toList());
        lines.set(line - 1, content);
        return with(file, String.join("\n", lines) + "\n");
    }

    @Test
    void aValidSetIsStagedWithTheRolesMappedAndGuardiansSkipped() throws IOException {
        Read r = read(VALID);

        assertThat(r.errors()).isEmpty();
        assertThat(r.modes().orElseThrow()).containsEntry(RosterKind.USERS, FileMode.BULK).containsEntry(RosterKind.SCHOOLS, FileMode.BULK);
        assertThat(r.staged().schools).extracting(Staged.School::sourcedId).containsExactly("s1", "s2");
        assertThat(r.staged().people).extracting(Staged.Person::sourcedId).containsExactly("u1", "u2", "u3", "u4", "u5", "u6");
        assertThat(r.staged().person("u1").role()).isEqualTo(Role.TEACHER);
        assertThat(r.staged().person("u3").active()).isFalse();
        assertThat(r.staged().person("u3").schoolSourcedIds()).containsExactly("s1", "s2");
        assertThat(r.staged().person("u3").email()).isNull();
        assertThat(r.staged().person("u4").role()).isEqualTo(Role.DISTRICT_ADMIN);
        assertThat(r.staged().person("u4").schoolSourcedIds()).isEmpty();
        assertThat(r.staged().person("u5").role()).isEqualTo(Role.SCHOOL_ADMIN);
        assertThat(r.staged().person("u6").role()).isEqualTo(Role.STAFF);
        assertThat(r.staged().skipped).isEqualTo(1);
        Staged.Class k1 = r.staged().classes.get(0);
        assertThat(k1.course()).isEqualTo("Math 3");
        assertThat(k1.term()).isEqualTo("Fall 2024");
        assertThat(k1.schoolSourcedId()).isEqualTo("s1");
        assertThat(k1.at().file()).isEqualTo("classes.csv");
        assertThat(k1.at().line()).isEqualTo(2);
        assertThat(r.staged().enrollments).extracting(Staged.Enrollment::role)
                .containsExactly(Staged.EnrollmentRole.TEACHER, Staged.EnrollmentRole.STUDENT, Staged.EnrollmentRole.STUDENT);
        assertThat(r.staged().rowsRead).isEqualTo(3 + 1 + 1 + 1 + 7 + 3);
    }

    static Stream<Arguments> brokenInputs() {
        return Stream.of(
                Arguments.of("a file named in the manifest is missing", with("users.csv", null), "missing_file", "manifest.csv", 8L, "value"),
                Arguments.of("a version that is not 1.1 or 1.2", line("manifest.csv", 3, "oneroster.version,1.0"), "unsupported_version",
                        "manifest.csv", 3L, "value"),
                Arguments.of("a manifest mode left blank", line("manifest.csv", 8, "file.users,"), "invalid_manifest_value", "manifest.csv",
                        8L, "value"),
                Arguments.of("a manifest mode that is no mode", line("manifest.csv", 8, "file.users,full"), "invalid_value",
                        "manifest.csv", 8L, "value"),
                Arguments.of("a required column missing", line("users.csv", 1, VALID.get("users.csv").lines().findFirst().orElseThrow()
                        .replace(",givenName", "")), "missing_column", "users.csv", 1L, "givenName"),
                Arguments.of("a misspelt header", line("users.csv", 1, VALID.get("users.csv").lines().findFirst().orElseThrow()
                        .replace("givenName", "givenNmae")), "misspelt_header", "users.csv", 1L, "givenNmae"),
                Arguments.of("a column named twice", line("orgs.csv", 1, "sourcedId,status,dateLastModified,name,type,identifier,name"),
                        "duplicate_column", "orgs.csv", 1L, "name"),
                Arguments.of("a row with a field too many", line("users.csv", 3,
                        "u2,active,2024-01-01,true,s1,student,alan,,Alan,Turing,,,alan@example.org,,,,03,,oops"), "wrong_column_count",
                        "users.csv", 3L, null),
                Arguments.of("a row with a field too few", line("orgs.csv", 3, "s1,active,2024-01-01,Springfield Elementary,school"),
                        "wrong_column_count", "orgs.csv", 3L, null),
                Arguments.of("a date in D/MM/YYYY", line("users.csv", 3, "u2,active,1/05/2023,true,s1,student,alan,,Alan,Turing,,,,,,,03,"),
                        "invalid_date", "users.csv", 3L, "dateLastModified"),
                Arguments.of("a date that does not exist", line("academicSessions.csv", 2,
                        "t1,active,2024-01-01,Fall 2024,term,2023-02-30,2024-12-20,,2025"), "invalid_date", "academicSessions.csv", 2L,
                        "startDate"),
                Arguments.of("a date-time without a zone", line("enrollments.csv", 3,
                        "e2,active,2024-01-01T08:00:00,k1,s1,u2,student,,,"), "invalid_date", "enrollments.csv", 3L, "dateLastModified"),
                Arguments.of("an unknown role", line("users.csv", 3, "u2,active,,true,s1,wizard,alan,,Alan,Turing,,,,,,,03,"),
                        "unknown_role", "users.csv", 3L, "role"),
                Arguments.of("an empty required value", line("users.csv", 3, "u2,active,,true,s1,student,alan,,,Turing,,,,,,,03,"),
                        "missing_value", "users.csv", 3L, "givenName"),
                Arguments.of("enabledUser neither true nor false", line("users.csv", 3,
                        "u2,active,,yes,s1,student,alan,,Alan,Turing,,,,,,,03,"), "invalid_value", "users.csv", 3L, "enabledUser"),
                Arguments.of("a status that is not a OneRoster status", line("orgs.csv", 3,
                        "s1,inactive,,Springfield Elementary,school,,d1"), "invalid_value", "orgs.csv", 3L, "status"),
                Arguments.of("a class of a course courses.csv does not have", line("classes.csv", 2,
                        "k1,active,2024-01-01,Math 3A,03,c9,,scheduled,,s1,t1,,,"), "unknown_reference", "classes.csv", 2L, "courseSourcedId"),
                Arguments.of("a class in a term academicSessions.csv does not have", line("classes.csv", 2,
                        "k1,active,2024-01-01,Math 3A,03,c1,,scheduled,,s1,\"t1, t9\",,,"), "unknown_reference", "classes.csv", 2L,
                        "termSourcedIds"),
                Arguments.of("a course sourcedId given twice", with("courses.csv", VALID.get("courses.csv") + "c1,active,,,Math 4,,,s1,,\n"),
                        "duplicate_sourced_id", "courses.csv", 3L, "sourcedId"),
                Arguments.of("an org type that does not exist", line("orgs.csv", 3, "s1,active,,Springfield Elementary,campus,,d1"),
                        "invalid_value", "orgs.csv", 3L, "type"),
                Arguments.of("a class type that does not exist", line("classes.csv", 2,
                        "k1,active,2024-01-01,Math 3A,03,c1,,lecture,,s1,t1,,,"), "invalid_value", "classes.csv", 2L, "classType"),
                Arguments.of("an enrollment role that does not exist", line("enrollments.csv", 3, "e2,active,,k1,s1,u2,pupil,,,"),
                        "invalid_value", "enrollments.csv", 3L, "role"),
                Arguments.of("an empty file", with("courses.csv", ""), "empty_file", "courses.csv", 1L, null),
                Arguments.of("a required class column empty", line("classes.csv", 2, "k1,active,,Math 3A,03,c1,,scheduled,,,t1,,,"),
                        "missing_value", "classes.csv", 2L, "schoolSourcedId"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("brokenInputs")
    void aBrokenInputGivesItsProblemWithFileLineAndColumn(String what, Map<String, ?> files, String code, String file, Long line,
                                                          String column) throws IOException {
        Read r = read(files);

        assertThat(r.errors()).as(what).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo(code);
            assertThat(p.file()).isEqualTo(file);
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.column()).isEqualTo(column);
            assertThat(p.message()).isNotBlank();
        });
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheirLine() throws IOException {
        byte[] latin1 = (VALID.get("users.csv").replace("Turing", "Tur\u00efng")).getBytes(StandardCharsets.ISO_8859_1);

        Read r = read(with2("users.csv", latin1));

        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("invalid_utf8");
            assertThat(p.file()).isEqualTo("users.csv");
            assertThat(p.line()).isEqualTo(3L);
        });
    }

    @Test
    void aMisspeltHeaderNamesTheNearestColumn() throws IOException {
        Read r = read(line("users.csv", 1, VALID.get("users.csv").lines().findFirst().orElseThrow().replace("familyName", "famliyName")));

        assertThat(r.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("\"familyName\""));
    }

    @Test
    void withoutAManifestTheUploadIsRefusedSayingOneIsRequired() throws IOException {
        Read r = read(with("manifest.csv", null));

        assertThat(r.modes()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("missing_manifest");
            assertThat(p.message()).contains("OneRoster 1.1 or 1.2");
        });
    }

    @Test
    void theToleratedQuirksPassWithWarnings() throws IOException {
        Map<String, Object> files = new LinkedHashMap<>(VALID);
        // BOM, fully quoted manifest with CRLF and no final newline
        files.put("manifest.csv", "\uFEFF" + VALID.get("manifest.csv").lines().map(l -> "\"" + l.replace(",", "\",\"") + "\"")
                .reduce((a, b) -> a + "\r\n" + b).orElseThrow());
        // quoted header fields, metadata.* and ext_* columns, mixed line ends, enum values in another case, blank status
        files.put("orgs.csv", "\"sourcedId\",\"status\",\"dateLastModified\",\"name\",\"type\",\"identifier\",\"parentSourcedId\",metadata.city\r\n"
                + "d1,,,Springfield District,District,,,Springfield\n"
                + "s1,Active,,Springfield Elementary,SCHOOL,,d1,Springfield\r\n"
                + "s2,,,Shelbyville High,school,,d1,");
        files.put("users.csv", VALID.get("users.csv").lines().map(l -> l.startsWith("sourcedId") ? l + ",ext_vendor_id" : l + ",x")
                .collect(java.util.stream.Collectors.joining("\r\n")).replace("u1,active,2024-01-01,true", "u1,,,TRUE")
                .replace("s1,student,alan", "s1,Student,alan").replace("\"s1,s2\"", "\"s1, s2\""));
        // trailing empty columns in the header and rows, multi-value with a space, capitalised class type
        files.put("classes.csv", "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
                + "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods,,\n"
                + "k1,,,Math 3A,\"03,04\",c1,,Scheduled,,s1,t1,\"Math, Algebra\",,,,\n");

        Read r = read(files);

        assertThat(r.errors()).isEmpty();
        assertThat(r.warningCodes()).contains("utf8_bom", "enum_case", "trailing_empty_columns");
        assertThat(r.staged().schools).hasSize(2);
        assertThat(r.staged().person("u1").active()).isTrue();
        assertThat(r.staged().person("u3").schoolSourcedIds()).containsExactly("s1", "s2");
        assertThat(r.staged().person("u2").role()).isEqualTo(Role.STUDENT);
        assertThat(r.staged().classes).singleElement().satisfies(c -> assertThat(c.title()).isEqualTo("Math 3A"));
    }

    @Test
    void aDeltaStagesDeletionsForTobedeletedRowsAndNeedsAStatus() throws IOException {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("manifest.csv", "propertyName,value\noneroster.version,1.1\nfile.users,delta\nfile.enrollments,delta\n");
        files.put("users.csv", VALID.get("users.csv").lines().findFirst().orElseThrow() + "\n"
                + "u2,tobedeleted,2024-02-01T10:00:00Z,true,s1,student,alan,,Alan,Turing,,,,,,,03,\n"
                + "u8,active,2024-02-01,true,s1,student,new,,New,Kid,,,,,,,03,\n"
                + "u9,,,true,s1,student,new,,Blank,Status,,,,,,,03,\n");
        files.put("enrollments.csv", VALID.get("enrollments.csv").lines().findFirst().orElseThrow() + "\n"
                + "e2,tobedeleted,2024-02-01,k1,s1,u2,student,,,\n");

        Read r = read(files);

        assertThat(r.modes().orElseThrow()).containsEntry(RosterKind.USERS, FileMode.DELTA).containsEntry(RosterKind.SCHOOLS, FileMode.ABSENT);
        assertThat(r.staged().deletions).containsExactly(
                new Staged.Deletion(RosterKind.USERS, "u2", null, new com.seatkeeper.roster.changes.RowAt("users.csv", 2)),
                new Staged.Deletion(RosterKind.ENROLLMENTS, "k1", "u2", new com.seatkeeper.roster.changes.RowAt("enrollments.csv", 2)));
        // u9 is refused (no status in a delta) but staged all the same, so that rows naming it are not reported again
        assertThat(r.staged().people).extracting(Staged.Person::sourcedId).containsExactly("u8", "u9");
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("missing_value");
            assertThat(p.line()).isEqualTo(4L);
            assertThat(p.column()).isEqualTo("status");
        });
    }

    /**
     * Every kind of byte sequence that is not UTF-8 (a lone continuation byte, C0 overlong, E0 overlong, a surrogate,
     * above U+10FFFF, F5, a sequence cut short) is reported at its own line 3, not where the decoder happened to be.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"c0af", "e080af", "edbfbf", "eda080", "f4908080", "f08f8080", "f5808080", "80", "e282", "ff"})
    void everyKindOfBadUtf8IsReportedAtItsLine(String hex) throws IOException {
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        String users = VALID.get("users.csv");
        int at = users.indexOf("Turing");
        byte[] before = users.substring(0, at + 3).getBytes(StandardCharsets.UTF_8);
        byte[] after = users.substring(at + 3).getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[before.length + bad.length + after.length];
        System.arraycopy(before, 0, file, 0, before.length);
        System.arraycopy(bad, 0, file, before.length, bad.length);
        System.arraycopy(after, 0, file, before.length + bad.length, after.length);

        Read r = read(with2("users.csv", file));

        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("invalid_utf8");
            assertThat(p.file()).isEqualTo("users.csv");
            assertThat(p.line()).isEqualTo(3L);
        });
    }

    @Test
    void aFieldTooLongIsReportedAtItsFileLineAndColumn() throws IOException {
        String longName = "A".repeat(CsvTable.MAX_FIELD_CHARS + 1);

        Read r = read(line("users.csv", 3, "u2,active,2024-01-01,true,s1,student,alan,," + longName + ",Turing,,,alan@example.org,,,,03,"));

        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("field_too_long");
            assertThat(p.file()).isEqualTo("users.csv");
            assertThat(p.line()).isEqualTo(3L);
            assertThat(p.column()).isEqualTo("givenName");
            assertThat(p.message()).contains("1048576").doesNotContain("upload again");
        });
    }

    @Test
    void aQuoteNeverClosedIsReportedAtTheLineItOpens() throws IOException {
        String users = VALID.get("users.csv").strip() + "\nu9,active,2024-01-01,true,s1,student,\"zed,,Zed,Zee,,,z@example.org,,,,03,\n";

        Read r = read(with("users.csv", users));

        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("unterminated_quote");
            assertThat(p.file()).isEqualTo("users.csv");
            assertThat(p.line()).isEqualTo(users.lines().count());
        });
    }

    @Test
    void textAfterAClosingQuoteIsReportedAtItsLine() throws IOException {
        Read r = read(line("users.csv", 4, "u3,active,2024-01-01,false,\"s1\"x,student,grace,,Grace,Hopper,,,,,,,03,"));

        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("text_after_quote");
            assertThat(p.file()).isEqualTo("users.csv");
            assertThat(p.line()).isEqualTo(4L);
        });
    }

    @Test
    void aHeaderOnlyBulkFileIsZeroRowsWithAWarning() throws IOException {
        Read r = read(with("enrollments.csv", VALID.get("enrollments.csv").lines().findFirst().orElseThrow()));

        assertThat(r.errors()).isEmpty();
        assertThat(r.staged().enrollments).isEmpty();
        assertThat(r.warningCodes()).contains("empty_bulk_file");
    }

    @Test
    void oneRoster12TakesRolesFromRolesCsvWhereThePrimaryRoleDecides() throws IOException {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("manifest.csv", "propertyName,value\noneroster.version,1.2\nfile.orgs,bulk\nfile.users,bulk\nfile.roles,bulk\n"
                + "file.userProfiles,absent\n");
        files.put("orgs.csv", VALID.get("orgs.csv"));
        files.put("roles.csv", """
                sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId
                r1,active,2024-01-01,u1,primary,teacher,,,s1,
                r2,active,2024-01-01,u1,secondary,siteAdministrator,,,s2,
                r3,active,2024-01-01,u2,primary,districtAdministrator,,,d1,
                r4,active,2024-01-01,u3,primary,guardian,,,s1,
                r5,active,2024-01-01,u4,primary,student,,,s1,
                r6,active,2024-01-01,u4,primary,teacher,,,s1,
                """);
        files.put("users.csv", """
                sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns
                u1,active,2024-01-01,true,ada,,Ada,Lovelace,,,ada@example.org,,,,,,,,,,,,
                u2,active,2024-01-01,true,ed,,Edsger,Dijkstra,,,,,,,,,,,,,,,
                u3,active,2024-01-01,true,pat,,Pat,Parent,,,,,,,,,,,,,,,
                u4,active,2024-01-01,true,two,,Two,Primaries,,,,,,,,,,,,,,,
                u5,active,2024-01-01,true,none,,No,Role,,,,,,,,,,,,,,,
                """);

        Read r = read(files);

        assertThat(r.staged().person("u1").role()).isEqualTo(Role.TEACHER);
        assertThat(r.staged().person("u1").schoolSourcedIds()).containsExactly("s1", "s2");
        assertThat(r.staged().person("u2").role()).isEqualTo(Role.DISTRICT_ADMIN);
        assertThat(r.staged().skipped).isEqualTo(1);
        assertThat(r.errors()).extracting(Problem::code, Problem::file, Problem::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("conflicting_primary_role", "roles.csv", 7L),
                        org.assertj.core.groups.Tuple.tuple("missing_role", "users.csv", 6L));
    }

    static Map<String, Object> with2(String file, byte[] content) {
        Map<String, Object> m = new LinkedHashMap<>(VALID);
        m.put(file, content);
        return m;
    }
}
