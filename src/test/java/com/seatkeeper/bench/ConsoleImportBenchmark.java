package com.seatkeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A 50,000-person district ({@link RosterShape}: 100 schools, 2,000 classes, 150,000 enrollments) uploaded end to end
 * through the console's Upload page in headless Chromium, as a district admin would: choose the zip, preview, wait for
 * the report, apply, wait for the report. Times are from the click to the report on the page (the page polls the run's
 * progress meanwhile). Asserts the statuses and the district's rows, never timings; prints the times and writes them
 * to {@code target/console-import-benchmark-results.md}. {@code -Dbench.consolePeople} changes the size.
 */
@ApiTest
@Tag("bench")
class ConsoleImportBenchmark {
    static final int PEOPLE = Integer.getInteger("bench.consolePeople", 50_000);
    static final Duration PATIENCE = Duration.ofMinutes(30);

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void fiftyThousandPeopleThroughTheUploadPage() throws IOException {
        RosterShape shape = new RosterShape(PEOPLE);
        Path work = Path.of(System.getProperty("bench.work", "target/import-bench")).toAbsolutePath();
        List<Path> csv = new OneRosterFiles(shape).bulk(work.resolve("data/bulk-" + PEOPLE));
        Path zip = OneRosterFiles.zip(csv, work.resolve("data/bulk-" + PEOPLE + ".zip"));

        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        Fixtures.District d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        String password = "bench-" + UUID.randomUUID();
        accounts.ensurePersonAccount(UserId.of(admin), password);

        List<String> lines = new ArrayList<>();
        try (Browser browser = new Browser(port)) {
            browser.driver.manage().timeouts().pageLoadTimeout(PATIENCE);
            browser.signIn(fx.emailOf(admin), password);
            browser.open("/console/imports");
            browser.find(By.id("files")).sendKeys(zip.toString());
            browser.find(By.id("dry-run")).click();
            long t0 = System.nanoTime();
            browser.find(By.id("upload")).click();
            awaitStatus(browser.driver, "PREVIEW");
            double preview = (System.nanoTime() - t0) / 1e9;
            browser.screenshot("bench-console-import-preview");
            lines.add(String.format("| upload and preview (click Upload → report shown) | %.1f | %s |", preview, counts(browser)));

            long t1 = System.nanoTime();
            // Apply answers only when the apply has ended (minutes): submit without waiting for the answer, then poll
            ((JavascriptExecutor) browser.driver).executeScript("setTimeout(() => document.getElementById('apply').click(), 0)");
            awaitStatus(browser.driver, "APPLIED");
            double apply = (System.nanoTime() - t1) / 1e9;
            browser.screenshot("bench-console-import-applied");
            lines.add(String.format("| apply (click Apply → report shown) | %.1f | %s |", apply, counts(browser)));
        } finally {
            report(shape, zip, lines); // also what was measured before a failure
        }
        long active = jdbc.sql("select count(*) from users where district_id = ?::uuid and status = 'ACTIVE' and source = 'UPLOAD'")
                .param(d.id()).query(Long.class).single();
        assertThat(active).as("people uploaded").isEqualTo(shape.people());
        long enrollments = jdbc.sql("select count(*) from enrollments where district_id = ?::uuid").param(d.id()).query(Long.class).single();
        assertThat(enrollments).as("enrollments uploaded").isEqualTo(shape.enrollments());
    }

    private static void awaitStatus(WebDriver driver, String status) {
        // a command sent while the page is loading waits for it and may time out on the driver's side: poll again
        new WebDriverWait(driver, PATIENCE).pollingEvery(Duration.ofMillis(250)).ignoring(TimeoutException.class).until(d -> {
            var found = d.findElements(By.cssSelector("#status[data-status]"));
            if (found.isEmpty()) {
                return false;
            }
            String shown = found.get(0).getAttribute("data-status");
            assertThat(shown).as("the run's status on the page").isIn(status, "RUNNING");
            return status.equals(shown);
        });
    }

    private static String counts(Browser browser) {
        var rows = browser.driver.findElements(By.cssSelector("#counts tr[id^=count-]"));
        return rows.stream().map(r -> r.getText().replace('\n', ' ')).reduce((a, b) -> a + "; " + b).orElse("(no counts)");
    }

    private static void report(RosterShape shape, Path zip, List<String> lines) throws IOException {
        StringBuilder md = new StringBuilder("# Console upload benchmark\n\n");
        md.append(String.format("- run: %s, %d cores, load average %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim()));
        md.append(String.format("- district: %,d people, %,d schools, %,d classes, %,d enrollments; zip %.1f MB%n%n", shape.people(),
                shape.schools(), shape.classes(), shape.enrollments(), Files.size(zip) / 1e6));
        md.append("| step | wall (s) | counts on the page |\n| --- | ---: | --- |\n");
        lines.forEach(l -> md.append(l).append('\n'));
        Path file = Path.of(System.getProperty("bench.consoleResults", "target/console-import-benchmark-results.md"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md.toString());
        System.out.println(md);
    }
}
