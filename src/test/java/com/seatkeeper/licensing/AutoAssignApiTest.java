package com.seatkeeper.licensing;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.SeatBooks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET/PUT /api/v1/license-pools/{poolId}/auto-assign} over real HTTP on the embedded PostgreSQL: refusals name the
 * rule's field and change nothing; who may keep rules; a save assigns at once in the stable order and never past the
 * seats, the rest waiting (on the rules and on the pool's JSON); what each kind of rule names.
 */
@ApiTest
class AutoAssignApiTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Http http;
    Fixtures fx;
    Fixtures.District d;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        d = fx.aDistrict();
    }

    static Map<String, Object> rule(String kind, Object... more) {
        Map<String, Object> r = map(more);
        r.put("kind", kind);
        return r;
    }

    Http.Response put(Fixtures.Pool pool, String token, List<?> rules) {
        return http.send("PUT", "/api/v1/license-pools/" + pool.id() + "/auto-assign", token, map("rules", rules));
    }

    Http.Response get(Fixtures.Pool pool, String token) {
        return http.get("/api/v1/license-pools/" + pool.id() + "/auto-assign", token);
    }

    @Test
    void rulesThatDoNotFitThePoolAreRefusedNamingTheFieldAndNothingChanges() {
        Fixtures.District other = fx.aDistrict();
        String school2 = fx.aSchool(d);
        Fixtures.Pool students = fx.aStudentPool(d, 10);
        Fixtures.Pool teachers = fx.anEducatorPool(d, 10);
        var schoolPool = http.post("/api/v1/districts/" + d.id() + "/license-pools", Fixtures.ADMIN, map("productCode", fx.aProduct(),
                "seatType", "STUDENT", "seats", 5, "startsOn", LocalDate.now().minusDays(1).toString(),
                "endsOn", LocalDate.now().plusDays(100).toString(), "schoolId", d.schoolId()));
        Fixtures.Pool lincoln = new Fixtures.Pool(schoolPool.text("id"), d.id());
        fx.students(d, 2);
        fx.aTeacher(d);
        String aClass = fx.aClass(d, List.of(), List.of());
        jdbc.sql("update classes set course = 'Algebra I' where id = ?").param(UUID.fromString(aClass)).update();
        assertThat(put(students, Fixtures.ADMIN, List.of(rule("GRADE_STUDENTS", "grade", "03"))).status()).isEqualTo(200);

        record Bad(Fixtures.Pool pool, List<?> rules, int status, String code, String field) {}
        List<Bad> bad = List.of(
                new Bad(students, List.of(rule("ALL_TEACHERS")), 422, "rule_does_not_fit_pool", "rules[0].kind"),
                new Bad(teachers, List.of(rule("ALL_TEACHERS"), rule("GRADE_STUDENTS", "grade", "09")), 422, "rule_does_not_fit_pool",
                        "rules[1].kind"),
                new Bad(students, List.of(rule("SCHOOL_STUDENTS")), 400, "invalid_request", "rules[0].schoolId"),
                new Bad(students, List.of(rule("ALL_STUDENTS", "schoolId", d.schoolId())), 400, "invalid_request", "rules[0].schoolId"),
                new Bad(students, List.of(rule("SCHOOL_STUDENTS", "schoolId", other.schoolId())), 422, "unknown_school",
                        "rules[0].schoolId"),
                new Bad(students, List.of(rule("SCHOOL_STUDENTS", "schoolId", UUID.randomUUID().toString())), 422, "unknown_school",
                        "rules[0].schoolId"),
                new Bad(lincoln, List.of(rule("SCHOOL_STUDENTS", "schoolId", school2)), 422, "rule_outside_pool_school",
                        "rules[0].schoolId"),
                new Bad(students, List.of(rule("COURSE_STUDENTS", "course", "Algebar I")), 422, "unknown_course", "rules[0].course"),
                new Bad(students, List.of(rule("COURSE_STUDENTS")), 400, "invalid_request", "rules[0].course"),
                new Bad(students, List.of(rule("COURSE_STUDENTS", "course", "Algebra I\u0000")), 400, "invalid_request", "rules[0].course"),
                new Bad(students, List.of(rule("ALL_STUDENTS", "course", "Algebra I")), 400, "invalid_request", "rules[0].course"),
                new Bad(students, List.of(rule("GRADE_STUDENTS", "grade", "9")), 400, "invalid_request", "rules[0].grade"),
                new Bad(students, List.of(rule("GRADE_STUDENTS")), 400, "invalid_request", "rules[0].grade"),
                new Bad(students, List.of(rule("ALL_STUDENTS", "grade", "09")), 400, "invalid_request", "rules[0].grade"),
                new Bad(students, List.of(rule("ALL_STUDENTS"), rule("ALL_STUDENTS")), 400, "invalid_request", "rules[1]"),
                new Bad(students, List.of(rule("COURSE_STUDENTS", "course", "algebra i"), rule("COURSE_STUDENTS", "course", "ALGEBRA I")),
                        400, "invalid_request", "rules[1]"),
                new Bad(students, List.of(map("schoolId", d.schoolId())), 400, "invalid_request", "rules[0].kind"),
                new Bad(students, Collections.nCopies(21, rule("ALL_STUDENTS")), 400, "invalid_request", "rules"));
        List<String> mismatches = new ArrayList<>();
        for (Bad b : bad) {
            var before = DbState.ofDistrict(jdbc, d.id());
            String rulesBefore = rulesRows();
            var r = put(b.pool(), Fixtures.ADMIN, b.rules());
            if (r.status() != b.status() || !b.code().equals(r.text("code")) || !b.field().equals(r.text("field"))
                    || !r.contentType().startsWith("application/problem+json")) {
                mismatches.add(b.rules() + ": expected " + b.status() + " " + b.code() + " naming " + b.field() + ", got " + r);
            } else if (!before.equals(DbState.ofDistrict(jdbc, d.id())) || !rulesBefore.equals(rulesRows())) {
                mismatches.add(b.rules() + ": refused but changed the database");
            }
        }
        assertThat(mismatches).isEmpty();
        var unknownKind = put(students, Fixtures.ADMIN, List.of(rule("EVERYONE")));
        assertThat(unknownKind.status()).as("%s", unknownKind).isEqualTo(400);
        assertThat(get(students, Fixtures.ADMIN).body().get("rules").get(0).get("grade").asString()).isEqualTo("03");
        var course = put(students, Fixtures.ADMIN, List.of(rule("COURSE_STUDENTS", "course", "  algebra   i ")));
        assertThat(course.status()).as("%s", course).isEqualTo(200);
        assertThat(course.body().get("rules").get(0).get("course").asString()).as("stored as the classes spell it").isEqualTo("Algebra I");
        assertThat(course.body().get("rules").get(0).get("description").asString()).isEqualTo("Students in classes of Algebra I");
    }

    @Test
    void aBodyOfTheWrongShapeIsNamedPreciselyWithItsFieldAndNothingChanges() {
        Fixtures.Pool students = fx.aStudentPool(d, 10);
        record Bad(String body, String field, String says) {}
        List<Bad> bad = List.of(
                new Bad("[]", "body", "The request body must be a JSON object (as described in /v3/api-docs), not a JSON array."),
                new Bad("{\"rules\":[null]}", "rules[0]", "rules[0] may not be null: give a value, or leave the element out of the list."),
                new Bad("{\"rules\":[{\"kind\":\"ALL_STUDENTS\"},null]}", "rules[1]", "rules[1] may not be null"),
                new Bad("{\"rules\":[[]]}", "rules[0]", "rules[0] must be a JSON object (as described in /v3/api-docs), not a JSON array."),
                new Bad("{\"rules\":{}}", "rules", "rules must be a JSON array."),
                new Bad("{\"rules\":null}", "rules", "rules must not be null."));
        String rulesBefore = rulesRows();
        List<String> mismatches = new ArrayList<>();
        for (Bad b : bad) {
            var r = http.sendRaw("PUT", "/api/v1/license-pools/" + students.id() + "/auto-assign", Fixtures.ADMIN, "application/json", b.body());
            if (r.status() != 400 || !"invalid_request".equals(r.text("code")) || !b.field().equals(r.text("field"))
                    || !r.text("detail").contains(b.says()) || r.text("detail").contains("not valid JSON")
                    || r.text("detail").contains("keep its value")) {
                mismatches.add(b.body() + ": expected 400 naming " + b.field() + " saying '" + b.says() + "', got " + r);
            }
        }
        assertThat(mismatches).isEmpty();
        var broken = http.sendRaw("PUT", "/api/v1/license-pools/" + students.id() + "/auto-assign", Fixtures.ADMIN, "application/json",
                "{rules: []}");
        assertThat(broken.text("detail")).as("JSON that is not JSON is still called so").contains("not valid JSON");
        assertThat(rulesRows()).isEqualTo(rulesBefore);
    }

    @Test
    void districtAdminsOfThePoolsDistrictAndTheVendorKeepTheRulesOthersAre403AnotherDistrictIs404() {
        Fixtures.Pool pool = fx.aStudentPool(d, 10);
        Fixtures.District other = fx.aDistrict();
        String admin = fx.aDistrictAdminTokenOf(d);
        String schoolAdmin = fx.tokenFor(fx.aPerson(d, "SCHOOL_ADMIN"));
        String teacher = fx.tokenFor(fx.aTeacher(d));
        String staff = fx.tokenFor(fx.aPerson(d, "STAFF"));
        String otherAdmin = fx.aDistrictAdminTokenOf(other);
        List<?> rules = List.of(rule("ALL_STUDENTS"));

        assertThat(put(pool, admin, rules).status()).isEqualTo(200);
        assertThat(put(pool, Fixtures.ADMIN, List.of()).status()).isEqualTo(200);
        assertThat(get(pool, admin).status()).isEqualTo(200);
        assertThat(get(pool, Fixtures.ADMIN).status()).isEqualTo(200);
        for (String token : List.of(schoolAdmin, teacher, staff)) {
            String before = rulesRows();
            var r = put(pool, token, rules);
            assertThat(r.status()).as("%s", r).isEqualTo(403);
            assertThat(r.text("code")).isEqualTo("forbidden");
            assertThat(rulesRows()).isEqualTo(before);
            assertThat(get(pool, token).status()).isEqualTo(403);
        }
        var foreign = put(pool, otherAdmin, rules);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.text("code")).isEqualTo("not_found");
        assertThat(get(pool, otherAdmin).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/license-pools/" + UUID.randomUUID() + "/auto-assign", admin).status()).isEqualTo(404);
        assertThat(http.send("PUT", "/api/v1/license-pools/" + pool.id() + "/auto-assign", admin, "{}").status()).isEqualTo(400);
        assertThat(http.send("PUT", "/api/v1/license-pools/" + pool.id() + "/auto-assign", null, map("rules", rules)).status())
                .isEqualTo(401);
    }

    @Test
    void aSaveAssignsAtOnceInTheStableOrderNeverPastTheSeatsAndTheRestWait() {
        Fixtures.Pool pool = fx.aStudentPool(d, 3);
        List<String> byAge = fx.students(d, 3);
        List<String> sameMoment = new ArrayList<>();
        for (String family : List.of("Zimmer", "Abbott", "Abbott")) {
            String given = sameMoment.size() == 2 ? "Aaron" : "Zoe";
            sameMoment.add(created(http.post("/api/v1/districts/" + d.id() + "/users", Fixtures.ADMIN, map("givenName", given,
                    "familyName", family, "role", "STUDENT", "schoolIds", List.of(d.schoolId())))));
        }
        // the oldest three were created in this order; the next three at one instant, so their names decide
        for (int i = 0; i < byAge.size(); i++) {
            jdbc.sql("update users set created_at = now() - interval '1 day' + make_interval(secs => ?) where id = ?").param(i)
                    .param(UUID.fromString(byAge.get(i))).update();
        }
        jdbc.sql("update users set created_at = now() where id = any(?)")
                .param(sameMoment.stream().map(UUID::fromString).toArray(UUID[]::new)).update();
        String holder = fx.aStudent(d);
        assertThat(fx.assign(pool, holder).status()).isEqualTo(201);
        jdbc.sql("update users set created_at = now() - interval '2 days' where id = ?").param(UUID.fromString(holder)).update();

        var saved = put(pool, fx.aDistrictAdminTokenOf(d), List.of(rule("ALL_STUDENTS")));

        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
        assertThat(saved.number("assigned")).as("3 seats, one held already").isEqualTo(2);
        assertThat(saved.number("waiting")).isEqualTo(4);
        assertThat(saved.body().get("rules").get(0).get("description").asString()).isEqualTo("All students");
        assertThat(fx.holderIds(pool)).containsExactlyInAnyOrder(holder, byAge.get(0), byAge.get(1));
        assertThat(get(pool, Fixtures.ADMIN).number("waiting")).isEqualTo(4);
        assertThat(fx.pool(pool).number("waiting")).isEqualTo(4);
        assertThat(fx.pool(pool).number("available")).isZero();
        JsonNode listed = null;
        for (JsonNode p : http.get("/api/v1/districts/" + d.id() + "/license-pools", Fixtures.ADMIN).body()) {
            if (p.get("id").asString().equals(pool.id())) {
                listed = p;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("waiting").asInt()).isEqualTo(4);
        assertThat(jdbc.sql("""
                        select action || ' ' || source || ' ' || reason from seat_ledger
                        where pool_id = ? and user_id = ? and action = 'ASSIGNED'""").param(UUID.fromString(pool.id()))
                .param(UUID.fromString(byAge.get(0))).query(String.class).list())
                .containsExactly("ASSIGNED MANUAL " + AutoAssignSeats.REASON);
        SeatBooks.assertBalanced(jdbc, pool.id());

        fx.purchase(pool, 3);
        var again = put(pool, Fixtures.ADMIN, List.of(rule("ALL_STUDENTS")));

        assertThat(again.number("assigned")).isEqualTo(3);
        assertThat(again.number("waiting")).isEqualTo(1);
        assertThat(fx.holderIds(pool)).as("Abbott, Aaron before Abbott, Zoe before Zimmer, Zoe")
                .contains(byAge.get(2), sameMoment.get(2), sameMoment.get(1)).doesNotContain(sameMoment.get(0));
        SeatBooks.assertBalanced(jdbc, pool.id());
    }

    @Test
    void eachKindOfRuleNamesItsPeopleAndOnlyThoseTheSeatsFit() {
        String school2 = fx.aSchool(d);
        String here = fx.aStudent(d);
        String there = student(school2, null);
        String ninth = student(school2, "9");
        String ninthToo = student(d.schoolId(), "09");
        String kinder = student(school2, "Kindergarten");
        String inAlgebra = fx.aStudent(d);
        String teacher = fx.aTeacher(d);
        String algebraTeacher = fx.aTeacher(d);
        String schoolAdmin = fx.aPerson(d, "SCHOOL_ADMIN");
        String staff = fx.aPerson(d, "STAFF");
        String inactive = fx.aStudent(d);
        http.post("/api/v1/users/" + inactive + "/deactivate", Fixtures.ADMIN, null);
        String algebra = fx.aClass(d, List.of(algebraTeacher), List.of(inAlgebra));
        jdbc.sql("update classes set course = 'Algebra I' where id = ?").param(UUID.fromString(algebra)).update();

        assertThat(namedBy(fx.aStudentPool(d, 50), rule("ALL_STUDENTS")))
                .containsExactlyInAnyOrder(here, there, ninth, ninthToo, kinder, inAlgebra);
        assertThat(namedBy(fx.aStudentPool(d, 50), rule("SCHOOL_STUDENTS", "schoolId", school2)))
                .containsExactlyInAnyOrder(there, ninth, kinder);
        assertThat(namedBy(fx.aStudentPool(d, 50), rule("GRADE_STUDENTS", "grade", "09"))).as("Clever's 9 is CEDS 09")
                .containsExactlyInAnyOrder(ninth, ninthToo);
        assertThat(namedBy(fx.aStudentPool(d, 50), rule("GRADE_STUDENTS", "grade", "09", "schoolId", school2))).containsExactly(ninth);
        assertThat(namedBy(fx.aStudentPool(d, 50), rule("GRADE_STUDENTS", "grade", "KG"))).containsExactly(kinder);
        assertThat(namedBy(fx.aStudentPool(d, 50), rule("COURSE_STUDENTS", "course", "ALGEBRA I"))).containsExactly(inAlgebra);
        assertThat(namedBy(fx.anEducatorPool(d, 50), rule("COURSE_TEACHERS", "course", "Algebra I"))).containsExactly(algebraTeacher);
        assertThat(namedBy(fx.anEducatorPool(d, 50), rule("ALL_TEACHERS"))).as("teachers, not admins or staff")
                .containsExactlyInAnyOrder(teacher, algebraTeacher).doesNotContain(schoolAdmin, staff);
        assertThat(namedBy(fx.aStudentPool(d, 50), rule("GRADE_STUDENTS", "grade", "09"),
                rule("SCHOOL_STUDENTS", "schoolId", d.schoolId())))
                .containsExactlyInAnyOrder(ninth, ninthToo, here, inAlgebra);
        var lincolnOnly = http.post("/api/v1/districts/" + d.id() + "/license-pools", Fixtures.ADMIN, map("productCode", fx.aProduct(),
                "seatType", "STUDENT", "seats", 50, "startsOn", LocalDate.now().minusDays(1).toString(),
                "endsOn", LocalDate.now().plusDays(100).toString(), "schoolId", school2));
        assertThat(namedBy(new Fixtures.Pool(lincolnOnly.text("id"), d.id()), rule("ALL_STUDENTS"))).as("a school pool: its school only")
                .containsExactlyInAnyOrder(there, ninth, kinder);
    }

    @Test
    void aPersonWithALicenseOfTheProductElsewhereIsNotGivenASecondOne() {
        String product = fx.aProduct();
        String school2 = fx.aSchool(d);
        var schoolPool = http.post("/api/v1/districts/" + d.id() + "/license-pools", Fixtures.ADMIN, map("productCode", product,
                "seatType", "STUDENT", "seats", 5, "startsOn", LocalDate.now().minusDays(1).toString(),
                "endsOn", LocalDate.now().plusDays(100).toString(), "schoolId", school2));
        Fixtures.Pool lincoln = new Fixtures.Pool(schoolPool.text("id"), d.id());
        Fixtures.Pool wide = fx.aPool(d, product, "STUDENT", 5, LocalDate.now().minusDays(1), LocalDate.now().plusDays(100));
        String there = student(school2, null);
        String here = fx.aStudent(d);
        assertThat(fx.assign(lincoln, there).status()).isEqualTo(201);

        var r = put(wide, Fixtures.ADMIN, List.of(rule("ALL_STUDENTS")));

        assertThat(r.number("assigned")).isEqualTo(1);
        assertThat(fx.holderIds(wide)).containsExactly(here);
        assertThat(fx.holderIds(lincoln)).containsExactly(there);
    }

    @Test
    void anEmptyListRemovesTheRulesAndKeepsTheSeatsGivenAndAPoolNotStartedGivesNothingYet() {
        Fixtures.Pool pool = fx.aStudentPool(d, 1);
        List<String> students = fx.students(d, 2);
        assertThat(put(pool, Fixtures.ADMIN, List.of(rule("ALL_STUDENTS"))).number("waiting")).isEqualTo(1);

        var removed = put(pool, Fixtures.ADMIN, List.of());

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().get("rules")).isEmpty();
        assertThat(removed.number("waiting")).isZero();
        assertThat(removed.number("assigned")).isZero();
        assertThat(fx.holderIds(pool)).containsExactly(students.get(0));

        Fixtures.Pool later = fx.aPoolNotYetStarted(d, "STUDENT", 5);
        var notYet = put(later, Fixtures.ADMIN, List.of(rule("ALL_STUDENTS")));
        assertThat(notYet.status()).isEqualTo(200);
        assertThat(notYet.number("assigned")).isZero();
        assertThat(notYet.number("waiting")).isZero();
        assertThat(notYet.body().get("rules")).hasSize(1);
        assertThat(fx.holderIds(later)).isEmpty();
    }

    @Test
    void aRenewalKeepsTheRulesAndNobodyGetsASecondSeatOfThePoolTheyWereCarriedInto() {
        Fixtures.Pool pool = fx.aStudentPool(d, 5);
        List<String> students = fx.students(d, 2);
        assertThat(put(pool, Fixtures.ADMIN, List.of(rule("SCHOOL_STUDENTS", "schoolId", d.schoolId()))).number("assigned")).isEqualTo(2);
        LocalDate ends = LocalDate.parse(fx.pool(pool).text("endsOn"));
        var renewal = http.post("/api/v1/license-pools/" + pool.id() + "/renewals", Fixtures.ADMIN, map("seats", 5,
                "startsOn", ends.plusDays(1).toString(), "endsOn", ends.plusDays(300).toString(), "carryOverHolders", true));
        assertThat(renewal.status()).as("%s", renewal).isEqualTo(201);
        Fixtures.Pool next = new Fixtures.Pool(renewal.body().get("pool").get("id").asString(), d.id());

        var rules = get(next, Fixtures.ADMIN);
        assertThat(rules.body().get("rules")).hasSize(1);
        assertThat(rules.body().get("rules").get(0).get("kind").asString()).isEqualTo("SCHOOL_STUDENTS");
        assertThat(rules.number("waiting")).as("not started").isZero();

        // the new term's first day: one carried-over student lost the old seat meanwhile but keeps the pending one
        assertThat(fx.unassign(pool, students.get(0)).status()).isEqualTo(204);
        jdbc.sql("update license_pools set starts_on = current_date - 500, ends_on = current_date - 400 where id = ?")
                .param(UUID.fromString(pool.id())).update();
        jdbc.sql("update license_pools set starts_on = current_date - 2 where id = ?").param(UUID.fromString(next.id())).update();

        var again = put(next, Fixtures.ADMIN, List.of(rule("SCHOOL_STUDENTS", "schoolId", d.schoolId())));

        assertThat(again.number("assigned")).isZero();
        assertThat(again.number("waiting")).isZero();
        assertThat(jdbc.sql("select count(*) from assignments where pool_id = ? and released_at is null")
                .param(UUID.fromString(next.id())).query(Long.class).single()).isEqualTo(2);
        SeatBooks.assertBalanced(jdbc, next.id());
    }

    @Test
    void everyCleverGradeIsReadAsTheCedsCodeARuleNames() {
        Map<String, String> clever = new LinkedHashMap<>();
        clever.put("InfantToddler", "IT");
        clever.put("Preschool", "PR");
        clever.put("PreKindergarten", "PK");
        clever.put("TransitionalKindergarten", "TK");
        clever.put("Kindergarten", "KG");
        for (int g = 1; g <= 13; g++) {
            clever.put(Integer.toString(g), String.format("%02d", g));
        }
        clever.put("PostGraduate", "PS");
        clever.put("Ungraded", "UG");
        clever.put("Other", "Other");
        clever.forEach((given, code) -> {
            assertThat(jdbc.sql("select ceds_grade(?)").param(given).query(String.class).single()).as(given).isEqualTo(code);
            assertThat(jdbc.sql("select ceds_grade(?)").param(code).query(String.class).single()).as(code).isEqualTo(code);
        });
        assertThat(clever.values()).containsExactlyInAnyOrderElementsOf(AutoAssignRules.GRADES);
        assertThat(jdbc.sql("select ceds_grade('')").query(String.class).optional()).isEmpty();
        assertThat(jdbc.sql("select ceds_grade('14')").query(String.class).single()).isEqualTo("14");
    }

    /** Saves the rules on the pool (vendor admin) and answers who got a seat. */
    private List<String> namedBy(Fixtures.Pool pool, Object... rules) {
        var r = put(pool, Fixtures.ADMIN, List.of(rules));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.number("waiting")).isZero();
        return fx.holderIds(pool);
    }

    private String student(String school, String grade) {
        String id = created(http.post("/api/v1/districts/" + d.id() + "/users", Fixtures.ADMIN, map("givenName", "Stu",
                "familyName", "Dent" + UUID.randomUUID().toString().substring(0, 6), "role", "STUDENT", "schoolIds", List.of(school))));
        jdbc.sql("update users set grade = ? where id = ?").param(grade).param(UUID.fromString(id)).update();
        return id;
    }

    private static String created(Http.Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.text("id");
    }

    private String rulesRows() {
        return jdbc.sql("""
                        select count(*) || ':' || coalesce(md5(string_agg(pool_id || kind || coalesce(course, '') || coalesce(grade, ''),
                                                                          ',' order by pool_id, position)), '')
                        from auto_assign_rules where district_id = ?""").param(UUID.fromString(d.id()))
                .query(String.class).single();
    }
}
