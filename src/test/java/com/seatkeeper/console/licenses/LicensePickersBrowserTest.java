package com.seatkeeper.console.licenses;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.licensing.ManyPeople;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import com.seatkeeper.support.Fixtures;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The type-ahead pickers in headless Chromium: on a pool with more candidates and holders than a picker shows, typing
 * narrows the matches without a page load, "type more" says when there are more, the keyboard alone picks and assigns,
 * the reassign pickers find any holder (not only those on the page) and the educators page's "reassign from" finds a
 * holder among many. Screenshots in target/screenshots.
 */
@ApiTest
@Tag("browser")
class LicensePickersBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void typingNarrowsThePickersAndTheKeyboardAloneAssignsAndReassigns() {
        Scenario s = new Scenario(port, accounts);
        Fixtures.Pool pool = s.fx.aPool(s.district, "STUDENT", 300);
        List<String> students = ManyPeople.students(jdbc, s.district.id(), s.district.schoolId(), 160, "Picker");
        ManyPeople.seat(jdbc, pool.id(), students.subList(0, 120));
        String lateHolder = students.get(119); // on the holders list's third page
        String candidate = students.get(150);

        try (Browser b = new Browser(port)) {
            b.signIn(s.adminEmail, Scenario.PASSWORD);
            b.waitFor(d -> d.getCurrentUrl().endsWith("/licenses"));
            b.open("/licenses/" + pool.id() + "/holders");
            assertThat(b.driver.findElements(By.cssSelector("#assign-choices input[type=radio]"))).hasSize(LicensesController.CHOICES);
            assertThat(b.text(By.id("assign-choices"))).contains("type more");
            LicensesBrowserTest.assertEveryControlHasALabel(b);
            b.screenshot("pickers-holders-1280");

            // type the candidate's number: one match, no "type more"; space picks it, Enter assigns it
            WebElement search = b.find(By.id("assign-choices-q"));
            search.sendKeys(familyOf(candidate));
            b.waitFor(d -> d.findElements(By.cssSelector("#assign-choices input[type=radio]")).size() == 1);
            assertThat(b.text(By.id("assign-choices"))).doesNotContain("type more");
            WebElement choice = b.find(By.cssSelector("#assign-choices input[value='" + candidate + "']"));
            choice.sendKeys(Keys.SPACE);
            b.find(By.id("assign-button")).sendKeys(Keys.ENTER);
            b.waitForText(By.id("done"), "Assigned a license to");
            assertThat(holds(pool, candidate)).isTrue();
            b.screenshot("pickers-assigned-1280");

            // reassign: "from" finds a holder who is not on the first page, "to" a person without a license
            String to = students.get(155);
            b.find(By.id("reassign-from-choices-q")).sendKeys(familyOf(lateHolder));
            b.waitFor(d -> d.findElements(By.cssSelector("#reassign-from-choices input[type=radio]")).size() == 1);
            b.find(By.cssSelector("#reassign-from-choices input[value='" + lateHolder + "']")).sendKeys(Keys.SPACE);
            b.find(By.id("reassign-to-choices-q")).sendKeys(familyOf(to));
            b.waitFor(d -> d.findElements(By.cssSelector("#reassign-to-choices input[type=radio]")).size() == 1);
            b.find(By.cssSelector("#reassign-to-choices input[value='" + to + "']")).sendKeys(Keys.SPACE);
            b.screenshot("pickers-reassign-1280");
            b.find(By.id("reassign-button")).sendKeys(Keys.ENTER);
            b.waitForText(By.id("done"), "Reassigned");
            assertThat(holds(pool, lateHolder)).isFalse();
            assertThat(holds(pool, to)).isTrue();

            // a typed text that matches no one says so
            b.find(By.id("assign-choices-q")).sendKeys("no such person zz");
            b.waitForText(By.id("assign-choices"), "No one matches");
        }

        // the educators page: "reassign from" finds one holder among more than the picker shows
        Fixtures.Pool educatorPool = s.fx.aPool(s.district, "EDUCATOR", 40);
        List<String> teachers = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            teachers.add(s.fx.aTeacher(s.district));
        }
        s.fx.bulkAssign(educatorPool, "ALL_OR_NOTHING", teachers);
        String wanted = teachers.get(24);
        try (Browser b = new Browser(port)) {
            b.signIn(s.adminEmail, Scenario.PASSWORD);
            b.waitFor(d -> d.getCurrentUrl().endsWith("/licenses"));
            b.open("/educators");
            assertThat(b.text(By.id("educator-from-choices"))).contains("type more");
            b.find(By.id("educator-from-choices-q")).sendKeys(familyOf(wanted));
            b.waitFor(d -> d.findElements(By.cssSelector("#educator-from-choices input[type=radio]")).size() == 1);
            assertThat(b.find(By.cssSelector("#educator-from-choices input[value='" + wanted + "']")).isDisplayed()).isTrue();
            LicensesBrowserTest.assertEveryControlHasALabel(b);
            b.screenshot("pickers-educators-1280");
        }
    }

    private String familyOf(String userId) {
        return jdbc.sql("select family_name from users where id = ?").param(UUID.fromString(userId)).query(String.class).single();
    }

    private boolean holds(Fixtures.Pool pool, String userId) {
        return jdbc.sql("select exists (select 1 from assignments where pool_id = ? and user_id = ? and released_at is null)")
                .params(UUID.fromString(pool.id()), UUID.fromString(userId)).query(Boolean.class).single();
    }
}
