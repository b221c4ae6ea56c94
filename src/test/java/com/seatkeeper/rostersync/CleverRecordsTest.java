package com.seatkeeper.rostersync;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.RowAt;
import com.seatkeeper.roster.changes.Staged;
import com.seatkeeper.shared.Role;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Clever records as staged rows, and the pause rule: plain functions, no Spring, no HTTP. */
class CleverRecordsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RowAt AT = new RowAt("users", 7);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void aStudentIsAPersonWithGradeAndEverySchoolOnce() {
        var p = CleverRecords.person(json("""
                {'id': 'u1', 'email': ' ada@example.org ', 'name': {'first': 'Ada', 'last': 'Lovelace'},
                 'roles': {'student': {'grade': 'Kindergarten', 'school': 's1', 'schools': ['s1', 's2']}}}"""), AT).orElseThrow();

        assertThat(p).isEqualTo(new Staged.Person("u1", Role.STUDENT, true, "Ada", "Lovelace", "ada@example.org", List.of("s1", "s2"),
                List.of(), "Kindergarten", AT));
    }

    @Test
    void theStrongestRoleWinsAndContactsAreNotPeople() {
        var both = CleverRecords.person(json("""
                {'id': 'u2', 'name': {'first': 'Dana', 'last': 'Admin'},
                 'roles': {'teacher': {'school': 's1', 'schools': ['s1']}, 'district_admin': {'title': 'CIO'}}}"""), AT).orElseThrow();
        var staff = CleverRecords.person(json("{'id': 'u3', 'name': {'first': 'S', 'last': 'T'}, 'roles': {'staff': {'schools': ['s9']}}}"),
                AT).orElseThrow();
        var contact = CleverRecords.person(json("{'id': 'u4', 'name': {'last': 'Pat Parent'}, 'roles': {'contact': {'phone': ''}}}"), AT);

        assertThat(both.role()).isEqualTo(Role.DISTRICT_ADMIN);
        assertThat(both.schoolSourcedIds()).as("the schools of the role that won: a district admin has none").isEmpty();
        assertThat(both.grade()).isNull();
        assertThat(staff.role()).isEqualTo(Role.STAFF);
        assertThat(staff.schoolSourcedIds()).containsExactly("s9");
        assertThat(contact).isEmpty();
    }

    @Test
    void anEmailThatIsNotAnAddressIsDroppedWithAWarningNamingThePerson() {
        var p = CleverRecords.person(json("""
                {'id': 'u5', 'email': 'seth_schoen.example.org', 'name': {'first': 'Seth', 'last': 'Schoen'},
                 'roles': {'teacher': {'school': 's1'}}}"""), AT).orElseThrow();

        var unusable = CleverRecords.unusableEmail(p).orElseThrow();

        assertThat(unusable.person().email()).isNull();
        assertThat(unusable.person().sourcedId()).isEqualTo("u5");
        assertThat(unusable.warning().code()).isEqualTo("email_not_kept");
        assertThat(unusable.warning().line()).isEqualTo(7);
        assertThat(unusable.warning().message()).contains("Seth Schoen", "u5", "the '@' is missing");
        assertThat(CleverRecords.unusableEmail(new Staged.Person("u6", Role.TEACHER, true, "A", "B", "a@b.org", List.of(), List.of(),
                AT))).isEmpty();
    }

    @Test
    void aSectionIsAClassWithItsNamesAndItsTeachersAndStudentsEnrolledOnce() {
        JsonNode section = json("""
                {'id': 'c1', 'name': 'Algebra I', 'school': 's1', 'course': 'k1', 'term_id': 't9',
                 'teacher': 'tA', 'teachers': ['tB', 'tA'], 'students': ['p1', 'p2', 'p1']}""");
        RowAt at = new RowAt("sections", 3);

        var c = CleverRecords.section(section, Map.of("k1", "Algebra"), Map.of("t1", "Fall"), at);
        var e = CleverRecords.enrollments(section, at);

        assertThat(c).isEqualTo(new Staged.Class("c1", "Algebra I", "s1", null, "Algebra", null, at));
        assertThat(e).extracting(Staged.Enrollment::userSourcedId, Staged.Enrollment::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("tA", Staged.EnrollmentRole.TEACHER), org.assertj.core.groups.Tuple.tuple("tB",
                        Staged.EnrollmentRole.TEACHER), org.assertj.core.groups.Tuple.tuple("p1", Staged.EnrollmentRole.STUDENT),
                org.assertj.core.groups.Tuple.tuple("p2", Staged.EnrollmentRole.STUDENT));
    }

    @Test
    void pausedByStateOrByAWindowCoveringTheDistrictsToday() {
        LocalDate today = LocalDate.of(2026, 7, 1);
        assertThat(CleverRecords.paused(json("{'state': 'running'}"), today, NEW_YORK)).isEmpty();
        assertThat(CleverRecords.paused(json("{'state': 'paused'}"), today, NEW_YORK)).hasValueSatisfying(
                why -> assertThat(why).startsWith("Clever says the district is paused"));
        assertThat(CleverRecords.paused(json("{'state': 'success', 'pause_start': '2026-06-15T00:00:00Z', 'pause_end': '2026-08-20T00:00:00Z'}"),
                today, NEW_YORK)).hasValueSatisfying(why -> assertThat(why).contains("from 2026-06-14 to 2026-08-19").contains("covers today"));
        assertThat(CleverRecords.paused(json("{'pause_start': '2026-07-02T03:00:00Z', 'pause_end': null}"), today, NEW_YORK))
                .as("starts at 23:00 on July 1 in New York").isPresent();
        assertThat(CleverRecords.paused(json("{'pause_start': '2026-07-02T05:00:00Z'}"), today, NEW_YORK)).as("July 2 in New York")
                .isEmpty();
        assertThat(CleverRecords.paused(json("{'pause_start': '2026-05-01', 'pause_end': '2026-06-30'}"), today, NEW_YORK)).as("ended")
                .isEmpty();
        assertThat(CleverRecords.paused(json("{'pause_start': 'soon', 'pause_end': ''}"), today, NEW_YORK)).as("not dates: ignored").isEmpty();
    }

    @Test
    void courseAndTermNamesFallBackToNumberAndId() {
        assertThat(CleverRecords.courseName(json("{'id': 'k1', 'name': ' ', 'number': 'MATH-1'}"))).isEqualTo("MATH-1");
        assertThat(CleverRecords.courseName(json("{'id': 'k1'}"))).isEqualTo("k1");
        assertThat(CleverRecords.termName(json("{'id': 't1', 'name': 'Fall 2026'}"))).isEqualTo("Fall 2026");
        assertThat(CleverRecords.termName(json("{'id': 't1', 'name': null}"))).isEqualTo("t1");
    }
}
