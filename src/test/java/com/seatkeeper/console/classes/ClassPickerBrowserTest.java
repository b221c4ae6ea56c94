package com.seatkeeper.console.classes;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 12: the class page's "add existing students" picker in headless Chromium. Typing narrows the students not yet in
 * the class as one types (htmx), a long result says to type more and pages with "Next students", and the ones ticked are
 * added. Screenshots in target/screenshots.
 */
@ApiTest
@Tag("browser")
class ClassPickerBrowserTest {
    private static final String PW = "picker-browser-pw-1";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void typing_narrows_the_students_not_in_the_class_a_long_list_pages_and_the_ticked_ones_are_added() {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        List<String> students = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            students.add(http.post("/api/v1/districts/" + d.id() + "/users", Fixtures.ADMIN, map("givenName", i == 7 ? "Søren" : "Kid",
                    "familyName", i == 7 ? "Ibáñez" : "Typeahead" + (100 + i), "role", "STUDENT", "schoolIds", List.of(d.schoolId()))).text("id"));
        }
        String klass = fx.aClass(d, List.of(), List.of(students.get(0)));
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        String email = jdbc.sql("select email from users where id = ?").param(UUID.fromString(admin)).query(String.class).single();

        try (Browser b = new Browser(port)) {
            b.signIn(email, PW);
            b.open("/classes/" + klass + "/edit");
            assertThat(b.driver.findElements(By.cssSelector("#candidates input[name=studentId]"))).hasSize(25);
            assertThat(b.text(By.id("candidates-more"))).contains("29 students match; 25 are shown. Type more");

            // type-ahead: no button pressed, the list follows the typing
            b.find(By.id("candidate-q")).sendKeys("ibáñ");
            b.waitFor(driver -> driver.findElements(By.cssSelector("#candidates input[name=studentId]")).size() == 1);
            assertThat(b.text(By.id("candidates"))).contains("Søren Ibáñez");
            assertThat(b.driver.findElements(By.id("candidates-more"))).isEmpty();
            b.screenshot("class-picker-narrowed-1280");

            WebElement q = b.find(By.id("candidate-q"));
            q.clear();
            q.sendKeys("typeahead");
            b.waitForText(By.id("candidates-more"), "28 students match; 25 are shown.");
            b.find(By.id("candidates-next")).click();
            b.waitFor(driver -> driver.findElements(By.cssSelector("#candidates input[name=studentId]")).size() == 3);
            assertThat(b.driver.getCurrentUrl()).as("htmx swapped the list in place").endsWith("/classes/" + klass + "/edit");
            b.screenshot("class-picker-next-page-1280");
            List<WebElement> boxes = b.driver.findElements(By.cssSelector("#candidates input[name=studentId]"));
            List<String> ticked = List.of(boxes.get(0).getAttribute("value"), boxes.get(2).getAttribute("value"));
            boxes.get(0).click();
            boxes.get(2).click();
            b.find(By.cssSelector("#candidates button[type=submit]")).click();
            b.waitForText(By.id("flash"), "Added 2 students to the class.");
            List<String> enrolled = jdbc.sql("select user_id::text from enrollments where class_id = ? and role = 'STUDENT'")
                    .param(UUID.fromString(klass)).query(String.class).list();
            assertThat(enrolled).containsExactlyInAnyOrder(students.get(0), ticked.get(0), ticked.get(1));
        }
    }
}
