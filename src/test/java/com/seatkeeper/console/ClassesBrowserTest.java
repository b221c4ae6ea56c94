package com.seatkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The teacher's journey in My Classes &amp; Students, in headless Chromium against the real server:
 * only their own classes, editing a class and adding a new student, then assigning a product to
 * the whole class with a seat-impact preview: all or nothing is refused when short (with next
 * steps), as many as possible assigns exactly the available number and lists who is left without.
 * The preview and confirm steps are done with the keyboard only. Screenshots at 1280 and 390 px.
 */
@ApiTest
class ClassesBrowserTest {
    private static final String PW = "teacher pw 1";
    private static final String LABELS = """
            return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
              .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
              .map(e => e.outerHTML);""";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void theTeacherEditsAClassAddsAStudentAndAssignsAProductToTheWholeClass() {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String otherTeacher = fx.aTeacher(d);
        accounts.ensurePersonAccount(UserId.of(teacher), PW);
        String email = http.get("/api/v1/users/" + teacher, Fixtures.ADMIN).text("email");
        String mine = fx.aClass(d, List.of(teacher), fx.students(d, 6));
        String theirs = fx.aClass(d, List.of(otherTeacher), fx.students(d, 2));
        String theirName = http.get("/api/v1/districts/" + d.id() + "/classes?teacherId=" + otherTeacher, Fixtures.ADMIN).body().get(0)
                .get("name").asString();
        String product = fx.aProduct();
        var pool = fx.aPool(d, product, "STUDENT", 5, LocalDate.now().minusDays(5), LocalDate.now().plusDays(200));

        try (Browser b = new Browser(port)) {
            b.signIn(email, PW);
            b.waitFor(driver -> driver.getCurrentUrl().endsWith("/classes"));
            String list = b.text(By.id("classes"));
            assertThat(list).contains("6");
            assertThat(list).doesNotContain(theirName);
            assertLabelled(b);
            b.screenshot("classes-list-1280");

            // another teacher's class is not found, not merely hidden from the list
            b.open("/classes/" + theirs);
            assertThat(b.text(By.tagName("h1"))).isEqualTo("Not found");

            b.open("/classes");
            b.find(By.cssSelector("#classes a")).click();
            b.waitFor(driver -> driver.getCurrentUrl().endsWith("/classes/" + mine));
            assertThat(b.driver.findElements(By.cssSelector("#students tbody tr"))).hasSize(6);
            assertLabelled(b);
            b.screenshot("class-page-1280");

            // edit the class: rename it and add a new student typed in
            b.find(By.id("edit-class")).click();
            WebElement name = b.find(By.id("class-name"));
            name.clear();
            name.sendKeys("Science 7A", Keys.ENTER);
            b.waitForText(By.id("flash"), "Saved the name");
            b.find(By.id("given-name")).sendKeys("Zoe");
            b.find(By.id("family-name")).sendKeys("Newcomer", Keys.ENTER);
            b.waitForText(By.id("flash"), "Added Zoe Newcomer to the class.");
            assertThat(b.text(By.id("class-students"))).contains("Zoe Newcomer");
            assertLabelled(b);
            b.screenshot("class-edit-1280");

            // whole class: 7 students, 5 licenses. All or nothing, with the keyboard only.
            b.open("/classes/" + mine);
            assertThat(b.text(By.id("class-name"))).isEqualTo("Science 7A");
            b.find(By.id("who-class")).sendKeys(Keys.SPACE);
            b.find(By.id("preview-assign")).sendKeys(Keys.ENTER);
            b.waitForText(By.id("seat-impact"), "Needs 7, 5 available.");
            assertThat(b.text(By.id("license-preview"))).contains("All or nothing will be refused: 2 more licenses are needed");
            assertLabelled(b);
            b.screenshot("class-preview-1280");
            b.find(By.id("confirm-assign")).sendKeys(Keys.ENTER);
            b.waitForText(By.id("license-result"), "Nothing was assigned.");
            String refused = b.text(By.id("license-result"));
            assertThat(refused).contains("(7 needed, 5 available)").contains("Next steps")
                    .contains("unassign a license from someone who no longer needs it").contains("Ask your district administrator");
            assertThat(fx.available(pool)).isEqualTo(5);
            b.screenshot("class-all-or-nothing-refused-1280");

            // as many as possible: exactly 5 assigned, 2 listed as left without
            b.find(By.id("who-class")).sendKeys(Keys.SPACE);
            b.find(By.id("preview-assign")).sendKeys(Keys.ENTER);
            b.waitForText(By.id("seat-impact"), "Needs 7, 5 available.");
            b.find(By.id("mode-available")).sendKeys(Keys.SPACE);
            b.find(By.id("confirm-assign")).sendKeys(Keys.ENTER);
            b.waitForText(By.id("license-result"), "Assigned");
            assertThat(b.text(By.id("license-result"))).contains("to 5 students").contains("0 of 5 licenses are available now");
            assertThat(b.driver.findElements(By.cssSelector("#left-without li"))).hasSize(2);
            assertThat(b.driver.findElements(By.cssSelector("#students .badge.held"))).hasSize(5);
            assertThat(fx.available(pool)).isZero();
            assertThat(fx.holderIds(pool)).hasSize(5);
            b.screenshot("class-as-many-as-possible-1280");

            // one student: unassign frees the seat at once
            b.find(By.cssSelector("#students button[aria-label^='Unassign']")).sendKeys(Keys.ENTER);
            b.waitForText(By.id("license-result"), "the license is available again");
            assertThat(fx.available(pool)).isEqualTo(1);
        }

        try (Browser b = new Browser(port, 390, 844)) {
            b.signIn(email, PW);
            b.waitFor(driver -> driver.getCurrentUrl().endsWith("/classes"));
            b.screenshot("classes-list-390");
            b.open("/classes/" + mine);
            b.find(By.id("students"));
            assertNoHorizontalScroll(b);
            b.screenshot("class-page-390");
            b.find(By.id("who-class")).sendKeys(Keys.SPACE);
            b.find(By.id("preview-assign")).sendKeys(Keys.ENTER);
            b.waitForText(By.id("seat-impact"), "Needs 3, 1 available.");
            b.screenshot("class-preview-390");
            b.open("/classes/" + mine + "/edit");
            b.find(By.id("class-students"));
            assertNoHorizontalScroll(b);
            b.screenshot("class-edit-390");
        }
    }

    @Test
    void adminPagesForPeopleAndSchoolsAtBothWidthsAndACleverClassIsReadOnlyButLicensable() {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        String email = http.get("/api/v1/users/" + admin, Fixtures.ADMIN).text("email");
        List<String> kids = fx.students(d, 3);
        fx.aClass(d, List.of(fx.aTeacher(d)), kids);
        var pool = fx.aStudentPool(d, 3);
        assertThat(fx.assign(pool, kids.get(0)).status()).isEqualTo(201);

        for (int width : new int[] {1280, 390}) {
            try (Browser b = new Browser(port, width, 900)) {
                b.signIn(email, PW);
                b.open("/people");
                b.find(By.id("people"));
                assertLabelled(b);
                b.screenshot("people-list-" + width);
                b.open("/people/" + kids.get(0) + "/edit");
                b.find(By.id("given"));
                assertLabelled(b);
                b.screenshot("person-edit-" + width);
                b.open("/schools");
                b.find(By.id("schools"));
                assertLabelled(b);
                b.screenshot("schools-" + width);
                b.open("/classes");
                b.find(By.id("classes"));
                b.screenshot("classes-admin-" + width);
            }
        }

        // deactivate from the console: the confirmation names the license that will be freed
        try (Browser b = new Browser(port)) {
            b.signIn(email, PW);
            b.open("/people/" + kids.get(0) + "/edit");
            b.find(By.id("deactivate")).sendKeys(Keys.ENTER);
            assertThat(b.text(By.id("freed"))).contains("(student)");
            b.screenshot("person-deactivate-1280");
            b.find(By.id("confirm-deactivate")).sendKeys(Keys.ENTER);
            b.waitForText(By.id("flash"), "is deactivated. 1 license was freed");
            assertThat(fx.available(pool)).isEqualTo(3);
        }

        // a Clever district: roster read-only and labelled with its source, licenses still assignable
        var clever = fx.aDistrict("CLEVER");
        String cleverAdmin = ConsoleAccessTest.insertPerson(jdbc(), clever.id(), clever.schoolId(), "Cleo", "Admin", "DISTRICT_ADMIN", "CLEVER");
        accounts.ensurePersonAccount(UserId.of(cleverAdmin), PW);
        String cleverStudent = ConsoleAccessTest.insertPerson(jdbc(), clever.id(), clever.schoolId(), "Sync", "Kid", "STUDENT", "CLEVER");
        String cleverClass = ConsoleAccessTest.insertClass(jdbc(), clever.id(), clever.schoolId(), "Clever Class", List.of(cleverAdmin),
                List.of(cleverStudent));
        var cleverPool = fx.aStudentPool(clever, 1);
        try (Browser b = new Browser(port)) {
            b.signIn(ConsoleAccessTest.emailOf(jdbc(), cleverAdmin), PW);
            b.open("/classes/" + cleverClass);
            assertThat(b.text(By.cssSelector(".badge.source"))).isEqualTo("Roster from Clever — read-only");
            b.find(By.cssSelector("#students button[aria-label^='Assign']")).sendKeys(Keys.ENTER);
            b.waitForText(By.id("license-result"), "Assigned");
            assertThat(fx.available(cleverPool)).isZero();
            b.screenshot("class-clever-read-only-1280");
            b.open("/classes/" + cleverClass + "/edit");
            assertThat(b.text(By.id("read-only"))).contains("Roster from Clever — read-only");
            assertThat(b.driver.findElements(By.id("add-new-student"))).isEmpty();
        }
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbcClient;

    private org.springframework.jdbc.core.simple.JdbcClient jdbc() {
        return jdbcClient;
    }

    @SuppressWarnings("unchecked")
    private static void assertLabelled(Browser b) {
        List<String> unlabelled = (List<String>) ((JavascriptExecutor) b.driver).executeScript(LABELS);
        assertThat(unlabelled).as("form controls without a label on %s", b.driver.getCurrentUrl()).isEmpty();
    }

    private static void assertNoHorizontalScroll(Browser b) {
        Object wide = ((JavascriptExecutor) b.driver).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
        assertThat(wide).as("page wider than the window at %s", b.driver.getCurrentUrl()).isEqualTo(false);
    }
}
