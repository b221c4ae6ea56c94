package com.seatkeeper.roster.changes;

import static com.seatkeeper.roster.changes.Staged.EnrollmentRole.STUDENT;
import static com.seatkeeper.roster.changes.Staged.EnrollmentRole.TEACHER;
import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.Role;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A preview computes its report mostly by reading (it writes only what the seat effects must see, and rolls that back):
 * for each scenario, the preview's report (counts, seat impact, problems) equals the report of applying that same
 * preview, and the preview changed nothing. Every scenario starts from the same district: three schools (sch-3 with
 * only class c3), a teacher, 20 students and an inactive one, classes c1..c3, seats of a district-wide student pool, a
 * school pool at sch-2 and an educator pool (also held by a teacher created by hand), and a one-seat pool of a product
 * nobody holds yet.
 */
@ApiTest
class RosterPreviewTest {
    @LocalServerPort
    int port;
    @Autowired
    RosterChanges changes;
    @Autowired
    JdbcClient jdbc;

    Http http;
    Fixtures fx;
    Runs runs;
    Fixtures.District d;
    String tag;
    String manualEmail;
    /** A product whose only pool (students, district-wide) has one seat, for the template's licenses. */
    String template;

    /** A change to preview and apply; {@code released} and {@code schoolsRemoved}: what its apply must report. */
    record Scenario(String name, Map<RosterKind, FileMode> modes, long released, long schoolsRemoved, Change change) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The rows of a change, given the test (for the district's tag and the manual teacher's email). */
    interface Change {
        void rows(RosterPreviewTest t, Runs.Rows r);
    }

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        runs = new Runs(changes);
        d = fx.aDistrict();
        tag = RosterChangesTest.tag();
        var base = runs.bulk(d.id(), false, r -> {
            schools(r, "sch-1", "sch-2", "sch-3");
            r.person("t1", Role.TEACHER, "Tess", "Teacher", "t1-" + tag + "@example.test", "sch-1");
            for (int i = 1; i <= 20; i++) {
                r.person("s" + i, Role.STUDENT, "Sam" + i, "Student", null, i % 2 == 0 ? "sch-2" : "sch-1");
            }
            r.person("s21", Role.STUDENT, false, "Sam21", "Student", null, "sch-1");
            r.klass("c1", "Math 1", "sch-1").klass("c2", "Art", "sch-2").klass("c3", "Music", "sch-3");
            r.enroll("c1", "t1", TEACHER).enroll("c2", "t1", TEACHER).enroll("c3", "t1", TEACHER);
            for (int i = 1; i <= 20; i++) {
                r.enroll("c1", "s" + i, STUDENT);
                if (i % 2 == 0) {
                    r.enroll("c2", "s" + i, STUDENT);
                }
            }
        });
        assertThat(base.status()).as("%s", base).isEqualTo(RunStatus.APPLIED);
        var students = fx.aStudentPool(d, 30);
        for (String s : List.of("s2", "s5", "s6", "s12")) {
            assertThat(fx.assign(students, id(s)).status()).isEqualTo(201);
        }
        var atSouth = http.post("/api/v1/districts/" + d.id() + "/license-pools", ADMIN, map("productCode", fx.aProduct(), "seatType",
                "STUDENT", "seats", 10, "startsOn", LocalDate.now().minusDays(5).toString(), "endsOn",
                LocalDate.now().plusDays(100).toString(), "schoolId", schoolId("sch-2")));
        assertThat(atSouth.status()).as("%s", atSouth).isEqualTo(201);
        assertThat(fx.assign(new Fixtures.Pool(atSouth.text("id"), d.id()), id("s4")).status()).isEqualTo(201);
        var educators = fx.anEducatorPool(d, 10);
        String manual = fx.aTeacher(d);
        manualEmail = fx.emailOf(manual);
        assertThat(fx.assign(educators, id("t1")).status()).isEqualTo(201);
        assertThat(fx.assign(educators, manual).status()).isEqualTo(201);
        template = fx.aProduct();
        fx.aPool(d, template, "STUDENT", 1, LocalDate.now().minusDays(5), LocalDate.now().plusDays(100));
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                // adds (people, a school, a class), a rename, a removal, a role change and a school change releasing seats,
                // a move to a new school, an adoption, a reactivation, absent enrollments and a retired school (sch-3, its class gone)
                new Scenario("bulk", Runs.all(FileMode.BULK), 3, 1, (t, r) -> {
                    t.schools(r, "sch-1", "sch-2", "sch-4");
                    r.person("t1", Role.TEACHER, "Tess", "Teacher", "t1-" + t.tag + "@example.test", "sch-1");
                    r.person("t9", Role.TEACHER, "Ann", "Adopted", t.manualEmail, "sch-1");
                    r.person("s1", Role.STUDENT, "Samantha", "Student", null, "sch-1");
                    for (int i = 3; i <= 21; i++) {
                        String school = i == 4 ? "sch-1" : i == 10 ? "sch-4" : i % 2 == 0 ? "sch-2" : "sch-1";
                        r.person("s" + i, i == 5 ? Role.TEACHER : Role.STUDENT, "Sam" + i, "Student",
                                i == 5 ? "s5-" + t.tag + "@example.test" : null, school);
                    }
                    r.person("s30", Role.STUDENT, "New", "One", null, "sch-4").person("s31", Role.STUDENT, "New", "Two", null, "sch-4");
                    r.klass("c1", "Math 1", "sch-1").klass("c2", "Art", "sch-2").klass("c4", "Drama", "sch-4");
                    r.enroll("c1", "t1", TEACHER).enroll("c2", "t1", TEACHER).enroll("c4", "t1", TEACHER);
                    for (int i = 1; i <= 21; i++) {
                        if (i != 2 && i != 7) {
                            r.enroll("c1", "s" + i, i == 5 ? TEACHER : STUDENT);
                        }
                        if (i % 2 == 0 && i != 2 && i != 4 && i != 10) {
                            r.enroll("c2", "s" + i, STUDENT);
                        }
                    }
                    r.enroll("c4", "s30", STUDENT).enroll("c4", "s31", STUDENT);
                }),
                // a delta: a seat holder deleted, a rename, a new person, an enrollment deleted, a role change whose
                // enrollments no longer fit, and a school deleted that keeps its class (so it is not retired)
                new Scenario("delta", modes(FileMode.DELTA, RosterKind.USERS, RosterKind.ENROLLMENTS, RosterKind.SCHOOLS), 2, 0, (t, r) -> {
                    r.delete(RosterKind.USERS, "s6", null);
                    r.person("s8", Role.STUDENT, "Samuel", "Student", null, "sch-2");
                    r.person("s12", Role.TEACHER, "Sam12", "Student", "s12-" + t.tag + "@example.test", "sch-2");
                    r.person("s40", Role.STUDENT, "New", "Forty", null, "sch-1");
                    r.enroll("c1", "s40", STUDENT);
                    r.delete(RosterKind.ENROLLMENTS, "c1", "s7");
                    r.delete(RosterKind.SCHOOLS, "sch-3", null);
                }),
                // the template's licenses: a new person and two existing ones ask for a product whose only pool has one seat;
                // a role change releasing a seat; a class and its school deleted in a delta (the school is retired)
                new Scenario("licenses", modes(FileMode.DELTA, RosterKind.USERS, RosterKind.CLASSES, RosterKind.SCHOOLS), 1, 1, (t, r) -> {
                    String product = t.template;
                    r.person("s40", Role.STUDENT, "New", "Forty", null, "sch-1");
                    r.person("s5", Role.TEACHER, "Sam5", "Student", "s5-" + t.tag + "@example.test", "sch-1");
                    r.license("s40", product).license("s1", product).license("s3", product);
                    r.delete(RosterKind.CLASSES, "c3", null);
                    r.delete(RosterKind.SCHOOLS, "sch-3", null);
                }),
                // most people gone: the apply is HELD and confirmed (the preview says it would be held)
                new Scenario("held", Runs.all(FileMode.BULK), 2, 0, (t, r) -> {
                    t.schools(r, "sch-1", "sch-2", "sch-3");
                    r.person("t1", Role.TEACHER, "Tess", "Teacher", "t1-" + t.tag + "@example.test", "sch-1");
                    for (int i = 3; i <= 10; i++) {
                        r.person("s" + i, Role.STUDENT, "Sam" + i, "Student", null, i % 2 == 0 ? "sch-2" : "sch-1");
                    }
                    r.klass("c1", "Math 1", "sch-1").klass("c3", "Music", "sch-3").enroll("c1", "t1", TEACHER).enroll("c3", "t1", TEACHER);
                    for (int i = 3; i <= 10; i++) {
                        r.enroll("c1", "s" + i, STUDENT);
                    }
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aPreviewReportsWhatApplyingItDoesAndChangesNothing(Scenario s) {
        var before = DbState.ofDistrict(jdbc, d.id());

        var preview = runs.run(d.id(), true, s.modes(), r -> s.change().rows(this, r));

        assertThat(preview.status()).as("%s", preview).isEqualTo(RunStatus.PREVIEW);
        assertThat(DbState.ofDistrict(jdbc, d.id())).as("a preview changes nothing").isEqualTo(before);

        var applied = changes.applyPreview(Runs.VENDOR, preview.id()).value();
        if (applied.status() == RunStatus.HELD) {
            applied = changes.confirm(Runs.VENDOR, preview.id()).value();
        }

        assertThat(applied.status()).as("%s", applied).isEqualTo(RunStatus.APPLIED);
        var stored = changes.run(Runs.VENDOR, preview.id());
        assertThat(stored.counts()).isEqualTo(preview.counts());
        assertThat(stored.licenses()).isEqualTo(preview.licenses());
        assertThat(stored.licenses().released()).isEqualTo(s.released());
        assertThat(stored.counts().schools().removed()).isEqualTo(s.schoolsRemoved());
        assertThat(problems(stored.problems())).isEqualTo(problems(preview.problems()));
        assertThat(jdbc.sql("select count(*) from schools where district_id = ? and status = 'INACTIVE'").param(UUID.fromString(d.id()))
                .query(Long.class).single()).as("schools retired").isEqualTo(s.schoolsRemoved());
    }

    @Test
    void withAutoAssignRulesThePreviewShowsTheSeatsApplyingItGives() {
        var pool = fx.aStudentPool(d, 40);
        var saved = http.send("PUT", "/api/v1/license-pools/" + pool.id() + "/auto-assign", ADMIN,
                map("rules", List.of(map("kind", "ALL_STUDENTS"))));
        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
        var before = DbState.ofDistrict(jdbc, d.id());

        var preview = runs.run(d.id(), true, modes(FileMode.DELTA, RosterKind.USERS),
                r -> r.person("s30", Role.STUDENT, "New", "One", null, "sch-1").person("s31", Role.STUDENT, "New", "Two", null, "sch-2"));

        assertThat(preview.status()).as("%s", preview).isEqualTo(RunStatus.PREVIEW);
        assertThat(preview.licenses().assigned()).as("the two new students, by the rule").isEqualTo(2);
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        var applied = changes.applyPreview(Runs.VENDOR, preview.id()).value();
        assertThat(applied.status()).as("%s", applied).isEqualTo(RunStatus.APPLIED);
        assertThat(applied.licenses()).isEqualTo(preview.licenses());
        assertThat(applied.counts()).isEqualTo(preview.counts());
        assertThat(fx.holderIds(pool)).contains(id("s30"), id("s31"));
    }

    /** The problems as the report lists them, without the preview's own warning and the tense of removed_by_upload's words. */
    private static List<String> problems(List<Problem> problems) {
        return problems.stream().filter(p -> !p.code().equals("would_be_held"))
                .map(p -> String.join("|", p.file(), String.valueOf(p.line()), p.column(), p.severity().name(), p.code(),
                        p.code().equals("removed_by_upload") ? "" : p.message()))
                .toList();
    }

    private static Map<RosterKind, FileMode> modes(FileMode mode, RosterKind... kinds) {
        Map<RosterKind, FileMode> modes = Runs.all(FileMode.ABSENT);
        for (RosterKind k : kinds) {
            modes.put(k, mode);
        }
        return modes;
    }

    private void schools(Runs.Rows r, String... ids) {
        for (String id : ids) {
            r.school(id, id + " " + tag);
        }
    }

    private String id(String sourcedId) {
        return jdbc.sql("select id from users where district_id = ? and sourced_id = ?").params(UUID.fromString(d.id()), sourcedId)
                .query(UUID.class).single().toString();
    }

    private String schoolId(String sourcedId) {
        return jdbc.sql("select id from schools where district_id = ? and sourced_id = ?").params(UUID.fromString(d.id()), sourcedId)
                .query(UUID.class).single().toString();
    }
}
