package com.seatkeeper.console.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The upload journey in headless Chromium: a district admin uploads a small OneRoster set whose enrollments name an
 * unknown student (after the page refused files over its size limit before sending them), sees the problem with its file, line and column (and no Apply), uploads the corrected set, sees the
 * preview with its counts, applies it, sees the applied report and finds the people on the People page. Screenshots
 * of each step (target/screenshots/imports-*.png), the report also at 390 px.
 */
@ApiTest
@Tag("browser")
class ImportsJourneyBrowserTest {
    static final String PW = "imports journey pw 1";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void uploadSeeTheProblemFixPreviewApplyAndFindThePeople() throws Exception {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        Path dir = Files.createTempDirectory("imports-journey");
        var broken = new OneRosterSet().withUnknownStudentInEnrollments();
        var fixed = new OneRosterSet();
        try (Browser b = new Browser(port, 1280, 1000)) {
            b.signIn(fx.emailOf(admin), PW);
            b.find(By.linkText("Upload roster")).click();
            b.find(By.id("upload-form"));
            assertThat(b.find(By.id("dry-run")).isSelected()).as("preview first by default").isTrue();
            b.screenshot("imports-1-upload-page");

            // files larger in all than the server takes are refused in the page, before sending (limit lowered for the test)
            ((JavascriptExecutor) b.driver).executeScript("document.getElementById('upload-form').setAttribute('data-max-bytes', '100')");
            choose(b, broken.writeTo(dir.resolve("too-large")));
            b.find(By.id("upload")).click();
            b.waitForText(By.id("size-error"), "Nothing was uploaded");
            assertThat(b.text(By.id("size-error"))).contains("larger than the 100 bytes this page accepts");
            assertThat(b.find(By.id("files")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(b.driver.getCurrentUrl()).endsWith("/console/imports");
            b.screenshot("imports-1-too-large");
            b.open("/console/imports");

            choose(b, broken.writeTo(dir.resolve("broken")));
            b.find(By.id("upload")).click();
            new WebDriverWait(b.driver, Duration.ofSeconds(30)).until(driver -> driver.getCurrentUrl().matches(".*/console/imports/[0-9a-f-]{36}$"));
            if (!b.driver.findElements(By.id("progress")).isEmpty()) {
                b.screenshot("imports-2-progress"); // a small upload may be done before its page is shown
            }
            awaitReport(b);
            assertThat(b.find(By.id("status")).getAttribute("data-status")).isIn("REJECTED", "PREVIEW");
            String problems = b.text(By.id("problems"));
            assertThat(problems).contains("enrollments.csv").contains("4").contains("userSourcedId").contains("usr-s9-nowhere");
            assertThat(b.driver.findElements(By.id("apply"))).as("no Apply with errors").isEmpty();
            assertThat(b.find(By.id("problems-csv")).getAttribute("href")).endsWith("/problems.csv");
            scrollTo(b, "problems-title");
            b.screenshot("imports-2-problems");

            b.find(By.id("back")).click();
            choose(b, fixed.writeTo(dir.resolve("fixed")));
            b.find(By.id("upload")).click();
            awaitReport(b);
            assertThat(b.find(By.id("status")).getAttribute("data-status")).isEqualTo("PREVIEW");
            assertThat(b.text(By.id("count-people"))).contains("3");
            assertThat(b.text(By.id("seat-impact"))).isNotBlank();
            b.screenshot("imports-3-preview");

            var previewStatus = b.find(By.id("status"));
            b.find(By.id("apply")).click();
            new WebDriverWait(b.driver, Duration.ofSeconds(90)).until(ExpectedConditions.stalenessOf(previewStatus));
            awaitReport(b);
            assertThat(b.find(By.id("status")).getAttribute("data-status")).isEqualTo("APPLIED");
            b.screenshot("imports-4-applied");
            b.driver.manage().window().setSize(new Dimension(390, 900));
            b.screenshot("imports-4-applied-390");
            b.driver.manage().window().setSize(new Dimension(1280, 1000));

            b.find(By.id("to-people")).click();
            b.find(By.id("people"));
            String people = b.text(By.id("people"));
            assertThat(people).contains("Okafor").contains("Álvarez").contains("Begay");
            b.screenshot("imports-5-people");

            b.open("/console/imports");
            assertThat(b.text(By.id("runs"))).contains("Applied").contains("Rejected");
            b.screenshot("imports-6-history");
        }
    }

    private static void scrollTo(Browser b, String id) {
        ((JavascriptExecutor) b.driver).executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    /** Puts the files into the file input (one path per line, as chromedriver takes several). */
    private static void choose(Browser b, Map<String, Path> files) {
        b.find(By.id("files")).sendKeys(String.join("\n", files.values().stream().map(p -> p.toAbsolutePath().toString()).toList()));
    }

    /** Waits for the run's page to show its report (the progress section polls and reloads the page when the run ends). */
    private static void awaitReport(Browser b) {
        new WebDriverWait(b.driver, Duration.ofSeconds(90)).until(ExpectedConditions.presenceOfElementLocated(By.id("status")));
    }
}
