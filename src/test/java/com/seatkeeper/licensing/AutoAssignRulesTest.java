package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.licensing.AutoAssignRule.Kind;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rule of which auto-assign rules a pool takes ({@link AutoAssignRules#check}) and their words, without Spring. */
class AutoAssignRulesTest {
    static final SchoolId LINCOLN = new SchoolId(UUID.randomUUID());
    static final SchoolId WASHINGTON = new SchoolId(UUID.randomUUID());
    static final Map<SchoolId, String> SCHOOLS = Map.of(LINCOLN, "Lincoln Elementary", WASHINGTON, "Washington Middle");
    static final Map<String, String> COURSES = Map.of("algebra i", "Algebra I", "biology", "Biology");

    static LicensePool pool(SeatType type, SchoolId school) {
        return new LicensePool(PoolId.random(), new DistrictId(UUID.randomUUID()), UUID.randomUUID(), "MATH", "Math", type, school, 10, 0,
                LocalDate.of(2026, 8, 1), LocalDate.of(2027, 7, 31));
    }

    static Outcome<List<AutoAssignRule>> check(LicensePool pool, AutoAssignRule... rules) {
        return AutoAssignRules.check(pool, List.of(rules), SCHOOLS, COURSES);
    }

    static String refusedField(Outcome<?> o) {
        assertThat(o).isInstanceOf(Outcome.Refused.class);
        var r = ((Outcome.Refused<?>) o).refusal();
        return r.code() + " " + (r instanceof FieldRefusal f ? f.field() : r.properties().get("field"));
    }

    @Test
    void aRuleMustFitThePoolsSeatType() {
        LicensePool students = pool(SeatType.STUDENT, null);
        LicensePool educators = pool(SeatType.EDUCATOR, null);
        for (Kind k : Kind.values()) {
            AutoAssignRule rule = new AutoAssignRule(k, k.school() == Kind.Takes.REQUIRED ? LINCOLN : null,
                    k.takesCourse() ? "Biology" : null, k.takesGrade() ? "KG" : null);
            LicensePool fits = k.role() == Role.STUDENT ? students : educators;
            LicensePool misfits = fits == students ? educators : students;
            assertThat(check(fits, rule).isDone()).as("%s on a %s pool", k, fits.seatType()).isTrue();
            assertThat(refusedField(check(misfits, rule))).isEqualTo("rule_does_not_fit_pool rules[0].kind");
        }
    }

    @Test
    void schoolsAreGivenWhereTheKindNeedsOneAndMustBeOfTheDistrictAndOfASchoolPoolsSchool() {
        LicensePool district = pool(SeatType.STUDENT, null);
        LicensePool lincoln = pool(SeatType.STUDENT, LINCOLN);
        assertThat(refusedField(check(district, new AutoAssignRule(Kind.SCHOOL_STUDENTS, null, null, null))))
                .isEqualTo("invalid_request rules[0].schoolId");
        assertThat(refusedField(check(district, new AutoAssignRule(Kind.ALL_STUDENTS, LINCOLN, null, null))))
                .isEqualTo("invalid_request rules[0].schoolId");
        assertThat(refusedField(check(district, new AutoAssignRule(Kind.SCHOOL_STUDENTS, new SchoolId(UUID.randomUUID()), null, null))))
                .isEqualTo("unknown_school rules[0].schoolId");
        assertThat(refusedField(check(lincoln, new AutoAssignRule(Kind.SCHOOL_STUDENTS, WASHINGTON, null, null))))
                .isEqualTo("rule_outside_pool_school rules[0].schoolId");
        assertThat(check(lincoln, new AutoAssignRule(Kind.SCHOOL_STUDENTS, LINCOLN, null, null)).isDone()).isTrue();
        assertThat(check(lincoln, new AutoAssignRule(Kind.GRADE_STUDENTS, LINCOLN, null, "09")).isDone()).isTrue();
        assertThat(check(district, new AutoAssignRule(Kind.COURSE_STUDENTS, WASHINGTON, "biology", null)).isDone()).isTrue();
    }

    @Test
    void coursesAreTitlesTheClassesCarryStoredAsTheySpellThemAndGradesAreCedsCodes() {
        LicensePool students = pool(SeatType.STUDENT, null);
        assertThat(check(students, new AutoAssignRule(Kind.COURSE_STUDENTS, null, "  ALGEBRA   i ", null)).value().get(0).course())
                .isEqualTo("Algebra I");
        var unknown = check(students, new AutoAssignRule(Kind.COURSE_STUDENTS, null, "Algebra II", null));
        assertThat(refusedField(unknown)).isEqualTo("unknown_course rules[0].course");
        assertThat(((Outcome.Refused<?>) unknown).refusal().properties().get("courses")).isEqualTo(List.of("Algebra I", "Biology"));
        assertThat(refusedField(check(students, new AutoAssignRule(Kind.COURSE_STUDENTS, null, " ", null))))
                .isEqualTo("invalid_request rules[0].course");
        assertThat(refusedField(check(students, new AutoAssignRule(Kind.ALL_STUDENTS, null, "Biology", null))))
                .isEqualTo("invalid_request rules[0].course");
        for (String g : AutoAssignRules.GRADES) {
            assertThat(check(students, new AutoAssignRule(Kind.GRADE_STUDENTS, null, null, g)).isDone()).as(g).isTrue();
        }
        for (String g : List.of("9", "Kindergarten", "kg", "14", "")) {
            assertThat(refusedField(check(students, new AutoAssignRule(Kind.GRADE_STUDENTS, null, null, g))))
                    .as(g).isEqualTo("invalid_request rules[0].grade");
        }
        assertThat(refusedField(check(students, new AutoAssignRule(Kind.SCHOOL_STUDENTS, LINCOLN, null, "09"))))
                .isEqualTo("invalid_request rules[0].grade");
    }

    @Test
    void noRuleTwiceNoMissingKindAndAtMostTwenty() {
        LicensePool students = pool(SeatType.STUDENT, null);
        assertThat(refusedField(check(students, new AutoAssignRule(Kind.ALL_STUDENTS, null, null, null),
                new AutoAssignRule(Kind.COURSE_STUDENTS, null, "Biology", null),
                new AutoAssignRule(Kind.COURSE_STUDENTS, null, "BIOLOGY", null))))
                .isEqualTo("invalid_request rules[2]");
        assertThat(refusedField(check(students, new AutoAssignRule(null, null, null, null)))).isEqualTo("invalid_request rules[0].kind");
        var nullRule = AutoAssignRules.check(students, java.util.Arrays.asList(new AutoAssignRule(Kind.ALL_STUDENTS, null, null, null), null),
                SCHOOLS, COURSES);
        assertThat(refusedField(nullRule)).as("a null rule is named as the element, not its kind").isEqualTo("invalid_request rules[1]");
        assertThat(((Outcome.Refused<?>) nullRule).refusal().detail()).isEqualTo("rules[1] may not be null: give a rule (an object "
                + "with its kind), or leave it out of the list.");
        List<AutoAssignRule> tooMany = Collections.nCopies(21, new AutoAssignRule(Kind.ALL_STUDENTS, null, null, null));
        assertThat(refusedField(AutoAssignRules.check(students, tooMany, SCHOOLS, COURSES))).isEqualTo("invalid_request rules");
        assertThat(check(students).value()).isEmpty();
    }

    @Test
    void rulesInWords() {
        assertThat(new AutoAssignRule(Kind.ALL_STUDENTS, null, null, null).words(null)).isEqualTo("All students");
        assertThat(new AutoAssignRule(Kind.SCHOOL_STUDENTS, LINCOLN, null, null).words("Lincoln Elementary"))
                .isEqualTo("All students of Lincoln Elementary");
        assertThat(new AutoAssignRule(Kind.SCHOOL_TEACHERS, LINCOLN, null, null).words("Lincoln Elementary"))
                .isEqualTo("All teachers of Lincoln Elementary");
        assertThat(new AutoAssignRule(Kind.COURSE_TEACHERS, LINCOLN, "Algebra I", null).words("Lincoln Elementary"))
                .isEqualTo("Teachers of classes of Algebra I at Lincoln Elementary");
        assertThat(new AutoAssignRule(Kind.GRADE_STUDENTS, null, null, "09").words(null)).isEqualTo("Students in grade 9");
        assertThat(new AutoAssignRule(Kind.GRADE_STUDENTS, WASHINGTON, null, "KG").words("Washington Middle"))
                .isEqualTo("Students in kindergarten at Washington Middle");
    }
}
