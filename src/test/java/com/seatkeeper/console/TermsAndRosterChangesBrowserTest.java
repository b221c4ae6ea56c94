package com.seatkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 7's two new console journeys in headless Chromium, with screenshots (target/screenshots): the vendor renews a
 * pool with carry-over (preview first, then the next term opens with the holder carried over), and a district admin
 * changes a teacher into a student (the licenses the change releases are shown first; confirming releases them).
 */
@ApiTest
@Tag("browser")
class TermsAndRosterChangesBrowserTest {
    static final String PASSWORD = "pw-" + UUID.randomUUID();

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void theVendorPreviewsThenOpensTheNextTermWithTheHolderCarriedOver() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        var d = fx.aDistrict();
        var pool = fx.aPool(d, fx.aProduct(), "EDUCATOR", 3, LocalDate.now().minusDays(30), LocalDate.now().plusDays(60));
        String teacher = fx.aTeacher(d);
        assertThat(fx.assign(pool, teacher).status()).isEqualTo(201);
        String familyName = http.get("/api/v1/users/" + teacher, Fixtures.ADMIN).text("familyName");
        String vendor = "vendor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        accounts.ensureVendorAccount(vendor, PASSWORD);

        try (Browser b = new Browser(port)) {
            b.signIn(vendor, PASSWORD);
            b.open("/vendor/pools/" + pool.id() + "/renewal");
            assertThat(b.find(By.id("renew-button")).isEnabled()).as("preview first").isFalse();
            setDate(b, "r-start", LocalDate.now().plusDays(61));
            setDate(b, "r-end", LocalDate.now().plusDays(425));
            b.find(By.id("r-seats")).clear();
            b.find(By.id("r-seats")).sendKeys("3");
            if (!b.find(By.id("r-carry")).isSelected()) {
                b.find(By.id("r-carry")).click();
            }
            b.find(By.id("preview-button")).click();
            b.waitForText(By.id("renewal-result"), "Would be carried over");
            assertThat(b.text(By.id("carried"))).contains(familyName);
            b.screenshot("vendor-renewal-preview-1280");

            b.find(By.id("renew-button")).click();
            b.waitForText(By.id("renewal-result"), "Carried over");
            assertThat(b.find(By.id("new-pool")).isDisplayed()).isTrue();
            b.screenshot("vendor-renewal-done-1280");
        }
        var licenses = http.get("/api/v1/users/" + teacher + "/licenses", Fixtures.ADMIN);
        assertThat(licenses.body()).hasSize(2);
        assertThat(licenses.raw()).contains("\"ACTIVE\"").contains("\"NOT_STARTED\"");
    }

    @Test
    void changingATeacherIntoAStudentShowsTheLicenseItReleasesAndReleasesItOnConfirm() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        var d = fx.aDistrict();
        var pool = fx.anEducatorPool(d, 2);
        String teacher = fx.aTeacher(d);
        assertThat(fx.assign(pool, teacher).status()).isEqualTo(201);
        String admin = fx.aDistrictAdmin(d);
        String adminEmail = http.get("/api/v1/users/" + admin, Fixtures.ADMIN).text("email");
        accounts.ensurePersonAccount(UserId.of(admin), PASSWORD);

        try (Browser b = new Browser(port)) {
            b.signIn(adminEmail, PASSWORD);
            b.open("/people/" + teacher + "/edit");
            new Select(b.find(By.id("role"))).selectByValue("STUDENT");
            b.find(By.cssSelector("form.stack button[type=submit]")).click();
            b.waitForText(By.id("release-confirm"), "This change releases 1 license");
            assertThat(b.text(By.id("release-confirm"))).contains("role changed from TEACHER to STUDENT");
            assertThat(http.get("/api/v1/users/" + teacher + "/licenses", Fixtures.ADMIN).body()).as("nothing saved yet").hasSize(1);
            b.screenshot("person-release-preview-1280");

            b.find(By.id("confirm-release")).click();
            b.waitFor(drv -> drv.findElements(By.id("release-confirm")).isEmpty());
            b.screenshot("person-release-done-1280");
        }
        assertThat(http.get("/api/v1/users/" + teacher, Fixtures.ADMIN).text("role")).isEqualTo("STUDENT");
        assertThat(http.get("/api/v1/users/" + teacher + "/licenses", Fixtures.ADMIN).body()).isEmpty();
        assertThat(fx.available(pool)).isEqualTo(2);
    }

    /** Date inputs take keyboard entry in the browser's locale; setting the value keeps the test independent of it. */
    private static void setDate(Browser b, String id, LocalDate date) {
        ((JavascriptExecutor) b.driver).executeScript("document.getElementById(arguments[0]).value = arguments[1];",
                id, date.toString());
    }
}
