package com.seatkeeper.console.licenses;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pictures and labels of issue 8 §3 in headless Chromium, over a pool whose history spans weeks (the application's
 * clock moved between steps): the Licenses page's usage bar, the holders page's chart of seats and assignments over
 * time with its table, times in the district's zone with the zone's abbreviation, and pools of one product told apart.
 */
@ApiTest
@Tag("browser")
@Import(MutableClock.Config.class)
class PoolPicturesBrowserTest {
    static final String PASSWORD = "pw-" + UUID.randomUUID();

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theUsageBarTheChartAndTheLabelledTimesShowTheLedgersNumbers() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        clock.set(Instant.parse("2026-03-02T15:00:00Z")); // 10:00 AM EST
        var d = fx.aDistrict(); // America/New_York
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PASSWORD);
        String adminEmail = http.get("/api/v1/users/" + admin, Fixtures.ADMIN).text("email");
        String code = fx.aProduct();
        var pool = fx.aPool(d, code, "EDUCATOR", 4, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        String schoolName = "Lincoln Elementary " + UUID.randomUUID().toString().substring(0, 4);
        String otherSchool = http.post("/api/v1/districts/" + d.id() + "/schools", Fixtures.ADMIN, map("name", schoolName)).text("id");
        var schoolPool = http.post("/api/v1/districts/" + d.id() + "/license-pools", Fixtures.ADMIN, map("productCode", code, "seatType",
                "EDUCATOR", "seats", 2, "startsOn", "2026-01-01", "endsOn", "2026-12-31", "schoolId", otherSchool)).text("id");
        var nextYear = fx.aPool(d, code, "EDUCATOR", 4, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31));
        List<String> teachers = List.of(fx.aTeacher(d), fx.aTeacher(d), fx.aTeacher(d), fx.aTeacher(d), fx.aTeacher(d));

        clock.set(Instant.parse("2026-03-05T15:00:00Z"));
        teachers.subList(0, 3).forEach(t -> assertThat(fx.assign(pool, t).status()).isEqualTo(201));
        clock.set(Instant.parse("2026-03-20T15:00:00Z")); // 11:00 AM EDT: daylight saving time began on Mar 8
        assertThat(fx.purchase(pool, 6).status()).isEqualTo(201);
        clock.set(Instant.parse("2026-04-01T03:30:00Z")); // still Mar 31 in New York
        teachers.subList(3, 5).forEach(t -> assertThat(fx.assign(pool, t).status()).isEqualTo(201));
        assertThat(fx.unassign(pool, teachers.get(0)).status()).isBetween(200, 299);
        clock.set(Instant.parse("2026-04-10T14:00:00Z"));

        try (Browser b = new Browser(port)) {
            b.signIn(adminEmail, PASSWORD);
            b.waitFor(x -> x.getCurrentUrl().endsWith("/licenses"));
            WebElement bar = b.find(By.cssSelector("#pool-" + pool.id() + " .usage-bar"));
            assertThat(bar.getAttribute("role")).isEqualTo("img");
            assertThat(bar.getAttribute("aria-label")).isEqualTo("4 of 10 licenses assigned (40%)");
            assertThat(b.text(By.cssSelector("#pool-" + pool.id() + " .usage-text"))).isEqualTo("4 of 10 assigned");
            WebElement fill = bar.findElement(By.cssSelector(".usage-fill"));
            assertThat((double) fill.getSize().getWidth() / bar.getSize().getWidth()).isCloseTo(0.4, offset(0.03));
            // several pools of one product told apart: where and when, and a badge on the one not started yet
            assertThat(b.text(By.cssSelector("#pool-" + pool.id() + " .pool-where"))).isEqualTo("Whole district · Jan–Dec 2026");
            assertThat(b.text(By.cssSelector("#pool-" + schoolPool + " .pool-where"))).isEqualTo(schoolName + " · Jan–Dec 2026");
            assertThat(b.text(By.id("pool-" + nextYear.id()))).contains("Whole district · Jan–Dec 2027").contains("Starts on Jan 1, 2027");
            assertThat(b.text(By.id("pool-" + pool.id()))).doesNotContain("Starts on").doesNotContain("Ended on");
            b.screenshot("pictures-licenses-1280");

            b.open("/educators");
            List<String> options = new Select(b.find(By.id("a-pool"))).getOptions().stream().map(WebElement::getText).toList();
            assertThat(options).contains("Product " + code + " · whole district · Jan–Dec 2026 — 6 of 10 available",
                    "Product " + code + " · whole district · Jan–Dec 2027 (starts on Jan 1, 2027) — 4 of 4 available");

            b.open("/licenses/" + pool.id() + "/holders");
            WebElement chart = b.find(By.id("usage-chart"));
            assertThat(chart.getSize().getWidth()).isGreaterThan(500);
            assertThat(chart.getAttribute("role")).isEqualTo("img");
            assertThat(chart.findElements(By.cssSelector("path.line"))).hasSize(2)
                    .allSatisfy(p -> assertThat(p.getAttribute("d")).startsWith("M48.0 "));
            assertThat(b.text(By.id("usage-summary"))).isEqualTo(
                    "From Mar 2, 2026 to Apr 10, 2026: seats bought went from 4 to 10; licenses assigned from 0 to 4.");
            assertThat(chart.findElements(By.cssSelector("text.x-label"))).extracting(WebElement::getText)
                    .containsExactly("Mar 2, 2026", "Mar 15, 2026", "Mar 28, 2026", "Apr 10, 2026");
            assertThat(b.text(By.cssSelector("#usage-history figcaption"))).contains("Days in America/New_York (Eastern Time)");
            b.find(By.cssSelector("details.chart-data summary")).click();
            List<String> rows = b.driver.findElements(By.cssSelector("#usage-table tbody tr")).stream().map(WebElement::getText).toList();
            assertThat(rows).containsExactly("Mar 2, 2026 4 0", "Mar 5, 2026 4 3", "Mar 20, 2026 10 3", "Mar 31, 2026 10 4");
            assertThat(b.text(By.cssSelector("tr[data-user-id='" + teachers.get(1) + "'] td[data-label=Since]")))
                    .isEqualTo("Mar 5, 2026, 10:00 AM EST");
            assertThat(b.text(By.cssSelector("tr[data-user-id='" + teachers.get(3) + "'] td[data-label=Since]")))
                    .isEqualTo("Mar 31, 2026, 11:30 PM EDT");
            b.screenshot("pictures-holders-1280");
            b.open("/licenses/" + pool.id() + "/ledger");
            assertThat(b.text(By.id("ledger-table"))).contains("Mar 20, 2026, 11:00 AM EDT");
        }
        try (Browser narrow = new Browser(port, 390, 844)) {
            narrow.signIn(adminEmail, PASSWORD);
            narrow.open("/licenses/" + pool.id() + "/holders");
            WebElement chart = narrow.find(By.id("usage-chart"));
            assertThat(chart.getSize().getWidth()).isBetween(300, 380);
            ((JavascriptExecutor) narrow.driver).executeScript("arguments[0].scrollIntoView()", chart);
            narrow.screenshot("pictures-holders-390");
            narrow.open("/licenses");
            narrow.find(By.cssSelector("#pool-" + pool.id() + " .usage-bar"));
            narrow.screenshot("pictures-licenses-390");
        }
    }
}
