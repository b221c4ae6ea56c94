package com.seatkeeper.console.licenses;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.DbState;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pool page's "Auto-assign" section through the console over real HTTP: a district admin adds rules (shown in words,
 * assigned at once, "N waiting" beside the pool's numbers) and removes one; refusals come back at the field with nothing
 * changed; CSRF is required; a teacher sees no section and is refused its forms.
 */
@ApiTest
class AutoAssignConsoleTest {
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aDistrictAdminAddsAndRemovesRulesAndSeesWhoWaits() {
        Scenario s = new Scenario(port, accounts);
        ConsoleClient admin = ConsoleClient.signedIn(port, s.adminEmail, Scenario.PASSWORD);
        String holders = "/licenses/" + s.educatorPool.id() + "/holders";
        String add = "/licenses/" + s.educatorPool.id() + "/auto-assign/add";

        var page = admin.get(holders);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"auto-assign\"").contains("No rules").doesNotContain("id=\"pool-waiting\"")
                .contains("value=\"ALL_TEACHERS\"").doesNotContain("value=\"ALL_STUDENTS\"");

        var added = admin.post(add, Map.of("kind", "ALL_TEACHERS", "schoolId", "", "course", "", "grade", ""));

        assertThat(added.status()).as("%s", added).isEqualTo(302);
        assertThat(added.location()).endsWith(holders + "#auto-assign");
        var after = admin.get(holders);
        assertThat(after.body()).contains("Rule added.").contains("No one got a license now; 1 waiting for one")
                .contains("id=\"auto-assign-rules\"").contains("All teachers");
        assertThat(after.body()).containsPattern("id=\"pool-waiting\">\\s*<strong>1</strong> waiting");

        assertThat(after.body()).doesNotContain("id=\"auto-assign-run\"");
        s.fx.purchase(s.educatorPool, 1);
        assertThat(admin.get(holders).body()).as("a seat bought: offered at once").contains("id=\"auto-assign-run\"");
        var run = admin.post("/licenses/" + s.educatorPool.id() + "/auto-assign/run", Map.of());
        assertThat(run.status()).as("%s", run).isEqualTo(302);
        assertThat(admin.get(holders).body()).contains("Assigned by the rules.").contains("1 person got a license now.");
        assertThat(s.holders()).contains(s.newcomer);

        var school = admin.post(add, Map.of("kind", "SCHOOL_TEACHERS", "schoolId", s.district.schoolId()));
        assertThat(school.status()).as("%s", school).isEqualTo(302);
        var saved = admin.get(holders).body();
        assertThat(saved).contains("No one got a license now.").containsPattern("All teachers of School \\d+");

        var removed = admin.post("/licenses/" + s.educatorPool.id() + "/auto-assign/remove", Map.of("position", "0"));
        assertThat(removed.status()).isEqualTo(302);
        var left = admin.get(holders).body();
        assertThat(left).contains("Rule removed.").doesNotContain("<span>All teachers</span>")
                .containsPattern("All teachers of School \\d+");
        assertThat(s.holders()).as("removing a rule keeps the licenses it gave").contains(s.newcomer);
    }

    @Test
    void refusalsComeBackAtTheFieldWithNothingChangedAndFormsNeedTheirCsrfToken() {
        Scenario s = new Scenario(port, accounts);
        ConsoleClient admin = ConsoleClient.signedIn(port, s.adminEmail, Scenario.PASSWORD);
        String add = "/licenses/" + s.educatorPool.id() + "/auto-assign/add";
        var before = DbState.ofDistrict(jdbc, s.district.id());

        var course = admin.post(add, Map.of("kind", "COURSE_TEACHERS", "course", "Algebar"));
        assertThat(course.status()).isEqualTo(200);
        assertThat(course.body()).contains("Nothing was changed.").contains("id=\"course-error\"")
                .contains("No class of this district carries the course &#39;Algebar&#39;").contains("value=\"Algebar\"");

        var misfit = admin.post(add, Map.of("kind", "ALL_STUDENTS"));
        assertThat(misfit.body()).contains("id=\"kind-error\"").contains("This pool holds educator licenses");

        var noSchool = admin.post(add, Map.of("kind", "SCHOOL_TEACHERS", "schoolId", ""));
        assertThat(noSchool.body()).contains("id=\"schoolId-error\"").contains("schoolId is required for SCHOOL_TEACHERS");

        var badKind = admin.post(add, Map.of("kind", "EVERYONE"));
        assertThat(badKind.status()).isEqualTo(200);
        assertThat(badKind.body()).contains("Nothing was changed.");

        var stale = admin.post("/licenses/" + s.educatorPool.id() + "/auto-assign/remove", Map.of("position", "3"));
        assertThat(stale.body()).contains("That rule is no longer there");

        assertThat(admin.postWithoutCsrf(add, Map.of("kind", "ALL_TEACHERS")).status()).isEqualTo(403);
        assertThat(DbState.ofDistrict(jdbc, s.district.id())).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from auto_assign_rules where district_id = ?").param(UUID.fromString(s.district.id()))
                .query(Long.class).single()).isZero();
    }

    @Test
    void aTeacherSeesNoSectionAndIsRefusedItsForms() {
        Scenario s = new Scenario(port, accounts);
        ConsoleClient teacher = ConsoleClient.signedIn(port, s.personWithPassword("TEACHER", accounts), Scenario.PASSWORD);
        ConsoleClient schoolAdmin = ConsoleClient.signedIn(port, s.personWithPassword("SCHOOL_ADMIN", accounts), Scenario.PASSWORD);

        for (ConsoleClient c : List.of(teacher, schoolAdmin)) {
            var holders = c.get("/licenses/" + s.educatorPool.id() + "/holders");
            assertThat(holders.body() == null ? "" : holders.body()).doesNotContain("id=\"auto-assign\"");
            assertThat(c.get("/licenses/" + s.educatorPool.id() + "/auto-assign").status()).isEqualTo(403);
            assertThat(c.post("/licenses/" + s.educatorPool.id() + "/auto-assign/add", Map.of("kind", "ALL_TEACHERS")).status())
                    .isEqualTo(403);
        }
        assertThat(jdbc.sql("select count(*) from auto_assign_rules where district_id = ?").param(UUID.fromString(s.district.id()))
                .query(Long.class).single()).isZero();
    }
}
