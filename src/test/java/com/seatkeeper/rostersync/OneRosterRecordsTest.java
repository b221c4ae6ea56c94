package com.seatkeeper.rostersync;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.RosterKind;
import com.seatkeeper.roster.changes.RowAt;
import com.seatkeeper.roster.changes.Staged;
import com.seatkeeper.shared.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OneRoster REST records as staged rows: plain functions, no Spring, no HTTP; the three REST samples read as JSON. */
class OneRosterRecordsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SAMPLES = Path.of("../shared/samples");
    private static final RowAt AT = new RowAt("users", 3);
    private static final Set<String> SCHOOLS = Set.of("s1", "s2");
    private static final Set<String> DISTRICTS = Set.of("d1");

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static JsonNode sample(String dir, String file, String envelope) throws Exception {
        return JSON.readTree(Files.readString(SAMPLES.resolve(dir).resolve(file))).get(envelope);
    }

    private static Staged.Person person(OneRosterRecords.User u) {
        assertThat(u).isInstanceOf(OneRosterRecords.User.Person.class);
        return ((OneRosterRecords.User.Person) u).person();
    }

    @Test
    void aOnePointOneStudentHasOneRoleItsSchoolOrgsAndTheFirstGrade() {
        var p = person(OneRosterRecords.user(json("""
                {'sourcedId': 'u1', 'status': 'active', 'enabledUser': 'true', 'givenName': 'Ada', 'familyName': 'Lovelace',
                 'email': ' ada@example.org ', 'role': 'student', 'grades': ['09', '10'],
                 'orgs': [{'sourcedId': 'd1', 'type': 'org'}, {'sourcedId': 's2', 'type': 'org'}]}"""), SCHOOLS, DISTRICTS, AT));

        assertThat(p).isEqualTo(new Staged.Person("u1", Role.STUDENT, true, "Ada", "Lovelace", "ada@example.org", List.of("s2"), List.of(),
                "09", AT));
    }

    @Test
    void aOnePointTwoUserTakesThePrimaryRoleAndTheSchoolsOfAllRoles() {
        var teacher = person(OneRosterRecords.user(json("""
                {'sourcedId': 'u2', 'givenName': 'T', 'familyName': 'Two', 'enabledUser': true,
                 'roles': [{'roleType': 'secondary', 'role': 'administrator', 'org': {'sourcedId': 'd1'}},
                           {'roleType': 'primary', 'role': 'teacher', 'org': {'sourcedId': 's1'}}]}"""), SCHOOLS, DISTRICTS, AT));
        var admin = person(OneRosterRecords.user(json("""
                {'sourcedId': 'u3', 'givenName': 'A', 'familyName': 'Three',
                 'roles': [{'roleType': 'primary', 'role': 'districtAdministrator', 'org': {'sourcedId': 'd1'}}]}"""), SCHOOLS, DISTRICTS,
                AT));
        var principal = person(OneRosterRecords.user(json("""
                {'sourcedId': 'u4', 'givenName': 'P', 'familyName': 'Four',
                 'roles': [{'roleType': 'primary', 'role': 'principal', 'org': {'sourcedId': 's2'}}]}"""), SCHOOLS, DISTRICTS, AT));

        assertThat(teacher.role()).isEqualTo(Role.TEACHER);
        assertThat(teacher.schoolSourcedIds()).as("the district org of the secondary role is not a school").containsExactly("s1");
        assertThat(admin.role()).isEqualTo(Role.DISTRICT_ADMIN);
        assertThat(admin.schoolSourcedIds()).isEmpty();
        assertThat(principal.role()).isEqualTo(Role.SCHOOL_ADMIN);
    }

    @Test
    void guardiansAreSkippedAidesAndProctorsAreStaffAndUnknownRolesAreReported() {
        for (String family : List.of("guardian", "parent", "relative")) {
            assertThat(OneRosterRecords.user(json("{'sourcedId': 'g', 'role': '" + family + "'}"), SCHOOLS, DISTRICTS, AT))
                    .isEqualTo(new OneRosterRecords.User.Skipped(family));
        }
        for (String staff : List.of("aide", "proctor", "counselor")) {
            assertThat(person(OneRosterRecords.user(json("{'sourcedId': 'a', 'role': '" + staff + "', 'orgs': [{'sourcedId': 's1'}]}"),
                    SCHOOLS, DISTRICTS, AT)).role()).isEqualTo(Role.STAFF);
        }
        assertThat(OneRosterRecords.user(json("{'sourcedId': 'x', 'roles': []}"), SCHOOLS, DISTRICTS, AT))
                .isEqualTo(new OneRosterRecords.User.Unroled(""));
        assertThat(OneRosterRecords.user(json("{'sourcedId': 'x', 'role': 'Teacher '}"), SCHOOLS, DISTRICTS, AT))
                .as("roles are case-sensitive tokens").isEqualTo(new OneRosterRecords.User.Unroled("Teacher "));
    }

    @Test
    void enabledUserIsReadInTheFormsRealServersSendAndNothingElseIsGuessed() {
        assertThat(OneRosterRecords.enabled(json("{'e': 0}").get("e"))).contains(false);
        assertThat(OneRosterRecords.enabled(json("{'e': 1}").get("e"))).contains(true);
        assertThat(OneRosterRecords.enabled(json("{'e': 'FALSE'}").get("e"))).contains(false);
        assertThat(OneRosterRecords.enabled(json("{'e': null}").get("e"))).contains(true);
        assertThat(OneRosterRecords.enabled(json("{'e': 'yes'}").get("e"))).isEmpty();
        assertThat(OneRosterRecords.enabled(json("{'e': 2}").get("e"))).isEmpty();
    }

    @Test
    void toBeDeletedRecordsBecomeDeletionsAnEnrollmentKeyedByClassAndUser() {
        JsonNode e = json("{'sourcedId': 'e1', 'status': 'tobedeleted', 'class': {'sourcedId': 'c1'}, 'user': {'sourcedId': 'u1'}, "
                + "'role': 'student', 'dateLastModified': '2024-03-01T10:00:00.000Z'}");

        assertThat(OneRosterRecords.toBeDeleted(e)).isTrue();
        assertThat(OneRosterRecords.deletion(RosterKind.ENROLLMENTS, e, AT)).isEqualTo(new Staged.Deletion(RosterKind.ENROLLMENTS, "c1",
                "u1", AT));
        assertThat(OneRosterRecords.deletion(RosterKind.USERS, json("{'sourcedId': 'u9'}"), AT))
                .isEqualTo(new Staged.Deletion(RosterKind.USERS, "u9", null, AT));
        assertThat(OneRosterRecords.modified(e)).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(OneRosterRecords.modified(json("{'dateLastModified': '1/05/2023'}"))).isNull();
        assertThat(OneRosterRecords.enrollment(json("{'role': 'administrator', 'class': {'sourcedId': 'c'}, 'user': {'sourcedId': 'u'}}"),
                AT)).isEmpty();
    }

    @Test
    void theFintOnePointOneSampleMapsItsSchoolClassesWithTwoTermsAndBothUsers() throws Exception {
        JsonNode orgs = sample("fint-or11-rest", "org.json", "orgs");
        var schools = new java.util.ArrayList<Staged.School>();
        orgs.values().forEach(o -> OneRosterRecords.school(o, AT).ifPresent(schools::add));
        JsonNode users = sample("fint-or11-rest", "user.json", "users");
        Map<String, String> terms = new java.util.HashMap<>();
        sample("fint-or11-rest", "academicSession.json", "academicSessions").values()
                .forEach(s -> terms.put(OneRosterRecords.sourcedId(s), OneRosterRecords.title(s)));
        JsonNode homeroom = sample("fint-or11-rest", "class.json", "classes").get(0);

        assertThat(schools).extracting(Staged.School::sourcedId, Staged.School::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple("11004", "Videregående skole"));
        assertThat(users.values()).extracting(u -> person(OneRosterRecords.user(u, Set.of("11004"), Set.of("971045600"), AT)).role())
                .containsExactly(Role.STUDENT, Role.TEACHER);
        assertThat(OneRosterRecords.rosterClass(homeroom, Map.of(), terms, AT).term()).as("both terms of the homeroom class").contains(", ");
    }

    @Test
    void theJapaneseOnePointTwoSampleHasAUserWithoutRolesAndKeepsItsUtf8Names() throws Exception {
        JsonNode user = sample("jp-da2022-or12-rest", "users.json", "users").get(0);
        JsonNode org = sample("jp-da2022-or12-rest", "orgs.json", "orgs").get(0);
        JsonNode rosterClass = sample("jp-da2022-or12-rest", "classes.json", "classes").get(0);

        assertThat(OneRosterRecords.user(user, Set.of(OneRosterRecords.sourcedId(org)), Set.of(), AT))
                .as("roles: [] (1.2 requires one): not a person").isInstanceOf(OneRosterRecords.User.Unroled.class);
        assertThat(OneRosterRecords.school(org, AT).orElseThrow().name()).isEqualTo("digital学校");
        assertThat(OneRosterRecords.rosterClass(rosterClass, Map.of(), Map.of(), AT).title()).isEqualTo("1年1組");
    }

    @Test
    void theLibreSampleHasIntegerBooleansAParentAndNoOrgOfTypeSchool() throws Exception {
        JsonNode users = sample("libre-or11-rest", "users.json", "users");
        JsonNode orgs = sample("libre-or11-rest", "orgs.json", "orgs");

        assertThat(orgs.values()).noneMatch(o -> OneRosterRecords.school(o, AT).isPresent());
        assertThat(OneRosterRecords.user(users.get(0), Set.of(), Set.of(), AT)).isInstanceOf(OneRosterRecords.User.Person.class);
        assertThat(person(OneRosterRecords.user(users.get(0), Set.of(), Set.of(), AT)).active()).isTrue();
        assertThat(OneRosterRecords.user(users.get(1), Set.of(), Set.of(), AT)).isEqualTo(new OneRosterRecords.User.Skipped("parent"));
        assertThat(OneRosterRecords.toBeDeleted(orgs.get(0))).isTrue();
    }
}
