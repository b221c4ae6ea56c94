package com.seatkeeper.bulkimport;

import com.seatkeeper.support.CapturedStaging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.Problems;
import com.seatkeeper.roster.changes.Severity;
import com.seatkeeper.roster.changes.Staged;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template reader without Spring: schools by name, people by email, classes by school, teacher and name, product codes. */
class TemplateReaderTest {
    static final SchoolId LINCOLN = new SchoolId(UUID.randomUUID());
    static final SchoolId WASHINGTON = new SchoolId(UUID.randomUUID());
    static final Map<String, SchoolId> SCHOOLS = Map.of("Lincoln Elementary", LINCOLN, "Washington Middle", WASHINGTON);
    static final Set<String> CODES = Set.of("MATH-PLUS", "READING");

    @TempDir
    Path dir;

    record Read(CapturedStaging staged, Problems problems) {
        List<Problem> errors() {
            return problems.listed().stream().filter(p -> p.severity() == Severity.ERROR).toList();
        }
    }

    Read read(String csv) throws IOException {
        Path file = dir.resolve("roster.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        Problems problems = new Problems();
        CapturedStaging staged = new CapturedStaging();
        new TemplateReader("roster.csv", file, SCHOOLS, CODES, problems).read(staged);
        return new Read(staged, problems);
    }

    @Test
    void theFilledExampleReadsAsPeopleClassesEnrollmentsAndLicenses() throws IOException {
        Read r = read(TemplateReader.example("Lincoln Elementary", List.of("MATH-PLUS", "READING")));

        assertThat(r.errors()).isEmpty();
        assertThat(r.staged().people).extracting(Staged.Person::sourcedId, Staged.Person::role).containsExactly(
                tuple("ada.lovelace@example.org", Role.TEACHER), tuple("alan.turing@example.org", Role.STUDENT),
                tuple("grace.hopper@example.org", Role.STUDENT), tuple("mary.jackson@example.org", Role.STAFF),
                tuple("katherine.johnson@example.org", Role.SCHOOL_ADMIN), tuple("edsger.dijkstra@example.org", Role.DISTRICT_ADMIN));
        assertThat(r.staged().person("ada.lovelace@example.org").schoolIds()).containsExactly(LINCOLN);
        assertThat(r.staged().person("edsger.dijkstra@example.org").schoolIds()).isEmpty();
        assertThat(r.staged().classes).extracting(Staged.Class::title, Staged.Class::schoolId)
                .containsExactly(tuple("Grade 3 Math", LINCOLN), tuple("Grade 3 Reading", LINCOLN));
        assertThat(r.staged().enrollments).extracting(Staged.Enrollment::userSourcedId, Staged.Enrollment::role).containsExactlyInAnyOrder(
                tuple("ada.lovelace@example.org", Staged.EnrollmentRole.TEACHER), tuple("ada.lovelace@example.org", Staged.EnrollmentRole.TEACHER),
                tuple("alan.turing@example.org", Staged.EnrollmentRole.STUDENT), tuple("grace.hopper@example.org", Staged.EnrollmentRole.STUDENT),
                tuple("grace.hopper@example.org", Staged.EnrollmentRole.STUDENT));
        assertThat(r.staged().licenses).extracting(Staged.License::userSourcedId, Staged.License::productCode).containsExactly(
                tuple("ada.lovelace@example.org", "MATH-PLUS"), tuple("alan.turing@example.org", "MATH-PLUS"),
                tuple("alan.turing@example.org", "READING"), tuple("grace.hopper@example.org", "READING"));
        assertThat(TemplateReader.isTemplateHeader(List.of("School", "Role", "givenName", "familyName", "Email"))).isTrue();
    }

    @Test
    void quirksAreTolerated() throws IOException {
        Read r = read("\uFEFF\"School\",\"Role\",givenName,familyName,email,className,teacherEmail,productCodes\r\n"
                + "lincoln elementary,Teacher,Ada,Lovelace,Ada.Lovelace@example.org,Math,,math-plus;reading\r\n"
                + "Lincoln Elementary,STUDENT,Alan,Turing,alan.turing@example.org,Math,ADA.LOVELACE@example.org,\"MATH-PLUS, READING\"");

        assertThat(r.errors()).isEmpty();
        assertThat(r.staged().classes).hasSize(1);
        assertThat(r.staged().licenses).hasSize(4);
    }

    static final String HEADER = "school,role,givenName,familyName,email,className,teacherEmail,productCodes\n";

    @Test
    void brokenRowsGiveTheirProblemsWithLineAndColumn() throws IOException {
        Read r = read(HEADER
                + "Lincon Elementary,student,Al,Bee,al@example.org,,,\n"
                + "Lincoln Elementary,wizard,Cy,Dee,cy@example.org,,,\n"
                + "Lincoln Elementary,student,Ed,Eff,not-an-email,,,\n"
                + "Lincoln Elementary,student,Gi,Hay,gi@example.org,,,MATH-PLUSS\n"
                + "Lincoln Elementary,student,Al,Other,al@example.org,,,\n"
                + "Lincoln Elementary,student,Ivy,Jay,ivy@example.org,Art,nobody@example.org,\n"
                + "Lincoln Elementary,student,Kay,,kay@example.org,,,\n"
                + "Lincoln Elementary,student,Lu,Em,lu@example.org,Art,,\n");

        assertThat(r.errors()).extracting(Problem::code, Problem::line, Problem::column).containsExactly(
                tuple("unknown_school", 2L, "school"), tuple("unknown_role", 3L, "role"), tuple("invalid_email", 4L, "email"),
                tuple("unknown_product", 5L, "productCodes"), tuple("conflicting_rows", 6L, "email"),
                tuple("missing_value", 8L, "familyName"), tuple("missing_value", 9L, "teacherEmail"),
                tuple("unknown_teacher", 7L, "teacherEmail"));
        assertThat(r.errors().get(0).message()).contains("\"Lincoln Elementary\"");
        assertThat(r.errors().get(3).message()).contains("Did you mean \"MATH-PLUS\"?");
        // every person with an email is staged, refused rows too, for the engine's checks (it rejects the run)
        assertThat(r.staged().people).extracting(Staged.Person::sourcedId).containsExactly("al@example.org", "cy@example.org",
                "not-an-email", "gi@example.org", "ivy@example.org", "kay@example.org", "lu@example.org");
    }

    @Test
    void rowsOfOnePersonMustAgree() throws IOException {
        Read r = read(HEADER
                + "Lincoln Elementary,teacher,Ada,Lovelace,ada@example.org,,,\n"
                + "Lincoln Elementary,student,Ada,Lovelace,ADA@example.org,,,\n");

        assertThat(r.errors()).extracting(Problem::code, Problem::line, Problem::column).containsExactly(tuple("conflicting_rows", 3L, "email"));
    }

    @Test
    void aNameFarFromEveryValidOneListsTheValidOnesInsteadOfANearestGuess() throws IOException {
        Read r = read(HEADER
                + "Springfield High,student,Al,Bee,al@example.org,,,\n"
                + "Lincoln Elementary,student,Cy,Dee,cy@example.org,,,SCIENCE-LAB\n"
                + "Washingtn Middle,student,Ed,Eff,ed@example.org,,,\n");

        assertThat(r.errors()).extracting(Problem::code).containsExactly("unknown_school", "unknown_product", "unknown_school");
        assertThat(r.errors().get(0).message()).doesNotContain("Did you mean")
                .contains("The district's schools are: Lincoln Elementary, Washington Middle.");
        assertThat(r.errors().get(1).message()).doesNotContain("Did you mean").contains("The product codes are: MATH-PLUS, READING.");
        assertThat(r.errors().get(2).message()).contains("Did you mean \"Washington Middle\"?");
    }

    @Test
    void aHeaderOnlyTemplateIsWarnedThatItRemovesEveryone() throws IOException {
        Read r = read(HEADER);

        assertThat(r.errors()).isEmpty();
        assertThat(r.problems().listed()).extracting(Problem::code, Problem::severity)
                .containsExactly(tuple("empty_bulk_file", Severity.WARNING));
        assertThat(r.problems().listed().get(0).message()).contains("everyone an earlier upload gave is removed");
    }

    @Test
    void theExampleQuotesASchoolNameWithAComma() throws IOException {
        String csv = TemplateReader.example("Lincoln, Elementary", List.of("MATH-PLUS"));

        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("\"Lincoln, Elementary\",teacher,");
    }
}
