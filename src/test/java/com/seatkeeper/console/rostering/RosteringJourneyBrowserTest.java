package com.seatkeeper.console.rostering;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import com.seatkeeper.support.CleverStandIn;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The rostering journey in headless Chromium against the Clever stand-in: a district admin of a manual district opens
 * Rostering, reads the warning, connects Clever, tests the connection (the answer appears without a reload), requests a
 * same-day sync, watches it finish on its run page, and finds it in the history. Screenshots of each step
 * (target/screenshots/rostering-*.png), the page also at 390 px.
 */
@ApiTest
@Tag("browser")
class RosteringJourneyBrowserTest {
    static final String PW = "rostering journey pw 1";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void connectTestSyncWatchAndSeeTheHistory() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        try (var clever = RosteringSyncTest.smallDistrict(); Browser b = new Browser(port, 1280, 1100)) {
            b.signIn(fx.emailOf(admin), PW);
            b.find(By.linkText("Rostering")).click();
            b.find(By.id("manual-warning"));
            b.screenshot("rostering-1-manual");

            WebElement url = b.find(By.id("baseUrl"));
            url.clear();
            url.sendKeys(clever.baseUrl().toString());
            b.find(By.id("districtToken")).sendKeys(clever.token());
            b.find(By.id("save")).click();
            b.waitForText(By.id("understood-error"), "Tick the box");
            assertThat(b.find(By.id("districtToken")).getAttribute("value")).as("the token is never sent back").isEmpty();
            b.screenshot("rostering-2-not-acknowledged");
            b.find(By.id("districtToken")).sendKeys(clever.token());
            b.find(By.id("understood")).click();
            b.find(By.id("save")).click();
            b.waitForText(By.id("done"), "now connected to Clever");
            assertThat(b.text(By.id("next-nightly"))).contains("2:00 AM");
            b.screenshot("rostering-3-connected");

            String address = b.driver.getCurrentUrl();
            b.find(By.id("test")).click();
            b.waitForText(By.id("check"), "Clever answered.");
            assertThat(b.driver.getCurrentUrl()).as("no reload").isEqualTo(address);
            b.screenshot("rostering-4-tested");

            clever.delayNext("/users", 1, Duration.ofSeconds(3));
            b.find(By.id("sync")).click();
            new WebDriverWait(b.driver, Duration.ofSeconds(20)).until(dr -> dr.getCurrentUrl().matches(".*/console/imports/[0-9a-f-]{36}$"));
            if (!b.driver.findElements(By.id("progress")).isEmpty()) {
                b.screenshot("rostering-5-live");
            }
            new WebDriverWait(b.driver, Duration.ofSeconds(90)).until(dr -> !dr.findElements(By.id("status")).isEmpty());
            assertThat(b.find(By.id("status")).getAttribute("data-status")).isEqualTo("APPLIED");
            assertThat(b.text(By.id("run-kind"))).isEqualTo("Same-day sync report");
            assertThat(b.text(By.id("count-people"))).contains("4");
            b.screenshot("rostering-6-applied");

            b.find(By.id("back")).click();
            b.find(By.id("runs"));
            assertThat(b.text(By.id("runs"))).contains("Same-day sync").contains("Applied").contains("4 / 0 / 0");
            ((JavascriptExecutor) b.driver).executeScript("document.getElementById('history').scrollIntoView()");
            b.screenshot("rostering-7-history");

            b.driver.manage().window().setSize(new Dimension(390, 1400));
            b.open("/console/rostering");
            Object sideways = ((JavascriptExecutor) b.driver).executeScript(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
            assertThat(sideways).as("no sideways scrolling at 390 px").isEqualTo(false);
            b.screenshot("rostering-8-narrow");
        }
    }
}
