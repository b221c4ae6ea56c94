package com.seatkeeper.console.rostering;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.OneRosterData;
import com.seatkeeper.support.OneRosterStandIn;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ClassLink journey in headless Chromium against the OneRoster 1.2 stand-in: a district admin of a manual district
 * opens Rostering, fills the Connect ClassLink form (a wrong token URL refused next to its field, the secret never sent
 * back), connects, tests the connection (the answer appears without a reload), requests a same-day sync, watches it finish
 * on its run page and finds it in the history. Screenshots of each step (target/screenshots/classlink-*.png).
 */
@ApiTest
@Tag("browser")
class ClassLinkJourneyBrowserTest {
    static final String PW = "classlink journey pw 1";
    static final String SECRET = "s/cr+t=&~browser";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void connectTestSyncWatchAndSeeTheRun() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        try (var server = OneRosterStandIn.v12("browser-client", SECRET).serve(OneRosterData.generate("1.2", 1, 6, 1, 1, 1));
             Browser b = new Browser(port, 1280, 1400)) {
            b.signIn(fx.emailOf(admin), PW);
            b.find(By.linkText("Rostering")).click();
            b.find(By.id("classlink-warning"));
            b.screenshot("classlink-1-manual");

            b.find(By.id("cl-baseUrl")).sendKeys(server.baseUrl().toString());
            new Select(b.find(By.id("cl-version"))).selectByValue("1.2");
            new Select(b.find(By.id("cl-auth"))).selectByValue("OAUTH2");
            b.find(By.id("cl-clientId")).sendKeys("browser-client");
            b.find(By.id("cl-clientSecret")).sendKeys(SECRET);
            b.find(By.id("cl-tokenUrl")).sendKeys("ftp://tokens.example.org/token");
            b.find(By.id("cl-understood")).click();
            b.find(By.id("cl-save")).click();
            b.waitForText(By.id("cl-tokenUrl-error"), "Token URL 'ftp://tokens.example.org/token' is not an http(s) address");
            assertThat(b.find(By.id("cl-tokenUrl-error")).getText()).as("in the form's words").doesNotContain("oneRoster.");
            assertThat(b.find(By.id("cl-clientSecret")).getAttribute("value")).as("the secret is never sent back").isEmpty();
            assertThat(b.driver.getPageSource()).doesNotContain(SECRET);
            b.screenshot("classlink-2-refused");

            WebElement tokenUrl = b.find(By.id("cl-tokenUrl"));
            tokenUrl.clear();
            tokenUrl.sendKeys(server.tokenUrl().toString());
            b.find(By.id("cl-clientSecret")).sendKeys(SECRET);
            if (!b.find(By.id("cl-understood")).isSelected()) {
                b.find(By.id("cl-understood")).click();
            }
            b.find(By.id("cl-save")).click();
            b.waitForText(By.id("done"), "now connected to ClassLink");
            assertThat(b.text(By.id("shown-auth"))).contains("OAuth 2.0");
            assertThat(b.text(By.id("secret-state"))).isEqualTo("stored (never shown)");
            b.screenshot("classlink-3-connected");

            String address = b.driver.getCurrentUrl();
            b.find(By.id("test")).click();
            b.waitForText(By.id("check"), "ClassLink answered.");
            assertThat(b.text(By.id("check"))).contains("client id and secret work").contains("7 users");
            assertThat(b.driver.getCurrentUrl()).as("no reload").isEqualTo(address);
            b.screenshot("classlink-4-tested");

            b.find(By.id("sync")).click();
            new WebDriverWait(b.driver, Duration.ofSeconds(20)).until(dr -> dr.getCurrentUrl().matches(".*/console/imports/[0-9a-f-]{36}$"));
            new WebDriverWait(b.driver, Duration.ofSeconds(90)).until(dr -> !dr.findElements(By.id("status")).isEmpty());
            assertThat(b.find(By.id("status")).getAttribute("data-status")).isEqualTo("APPLIED");
            assertThat(b.text(By.id("count-people"))).contains("7");
            b.screenshot("classlink-5-applied");

            b.find(By.id("back")).click();
            assertThat(b.text(By.id("runs"))).contains("Same-day sync").contains("Applied").contains("7 / 0 / 0");
            b.screenshot("classlink-6-history");
        }
    }
}
