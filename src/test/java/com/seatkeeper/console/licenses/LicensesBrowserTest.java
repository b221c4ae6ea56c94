package com.seatkeeper.console.licenses;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import com.seatkeeper.support.DbState;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Admin Console's license journeys in headless Chromium against the real server and
 * database, with screenshots of every page at 1280 px and 390 px (target/screenshots).
 */
@ApiTest
class LicensesBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    /** (a) 0 available → refusal with next steps → unassign on the holders page → assign the newcomer, without a page reload. */
    @Test
    void aFullPoolIsRefusedWithNextStepsThenFreedAndReusedWithoutAPageReload() {
        Scenario s = new Scenario(port, accounts);
        String newcomerName = s.nameOf(s.newcomer);
        String holder1Name = s.nameOf(s.holder1);

        try (Browser b = new Browser(port)) {
            b.signIn(s.adminEmail, Scenario.PASSWORD);
            b.waitFor(d -> d.getCurrentUrl().endsWith("/licenses"));
            WebElement row = b.find(By.id("pool-" + s.educatorPool.id()));
            assertThat(row.getText()).contains(s.productName).contains("0 licenses available")
                    .contains("Review holders").contains("Unassign a license").contains("Reassign a license").contains("Purchase more licenses");
            assertEveryControlHasALabel(b);
            b.screenshot("licenses-overview-1280");

            // the newcomer lacks the product: the educators page, filtered, shows them; assign → refused inline
            b.open("/educators?product=" + s.productCode + "&has=lacks");
            WebElement box = b.find(By.id("sel-" + s.newcomer));
            assertThat(b.text(By.id("educators-table"))).contains(s.nameOf(s.newcomer).split(" ")[1]).doesNotContain(holder1Name.split(" ")[1]);
            assertEveryControlHasALabel(b);
            DbState before = DbState.ofDistrict(jdbc, s.district.id());
            box.sendKeys(Keys.SPACE); // keyboard: space ticks the checkbox
            assertThat(box.isSelected()).isTrue();
            new Select(b.find(By.id("a-action"))).selectByValue("assign");
            new Select(b.find(By.id("a-pool"))).selectByValue(s.educatorPool.id());
            markPage(b);
            b.find(By.id("apply")).sendKeys(Keys.ENTER); // keyboard: Enter on the real button
            b.waitForText(By.id("refusal"), "No licenses available");
            String refusal = b.text(By.id("refusal"));
            assertThat(refusal).contains("All 2").contains("unassign").contains("purchase more")
                    .contains("Review holders").contains("Reassign a license").contains("Purchase more licenses");
            assertThat(pageWasNotReloaded(b)).as("the refusal came by htmx, no page load").isTrue();
            assertThat(b.driver.getCurrentUrl()).contains("/educators");
            assertThat(DbState.ofDistrict(jdbc, s.district.id())).as("a refusal changes nothing").isEqualTo(before);
            b.screenshot("educators-refused-1280");

            // next step: review holders → the holders page of that pool
            b.find(By.linkText("Review holders")).click();
            b.waitFor(d -> d.getCurrentUrl().contains("/licenses/" + s.educatorPool.id() + "/holders"));
            assertThat(b.text(By.id("available"))).isEqualTo("0");
            assertThat(b.text(By.id("holders-table"))).contains(holder1Name);
            assertEveryControlHasALabel(b);
            b.screenshot("holders-full-1280");

            markPage(b);
            b.find(By.cssSelector("tr[data-user-id='" + s.holder1 + "'] button.unassign")).click();
            b.waitForText(By.id("available"), "1");
            assertThat(b.text(By.id("done"))).contains("Unassigned").contains(holder1Name);
            assertThat(b.text(By.id("holders-table"))).doesNotContain(holder1Name);
            assertThat(pageWasNotReloaded(b)).as("unassign swapped the panel, no page load").isTrue();

            // assign the newcomer with the keyboard only: type part of the name, pick the match, Enter on the button
            b.find(By.id("assign-choices-q")).sendKeys(newcomerName.split(" ")[1]);
            b.waitFor(d -> d.findElements(By.cssSelector("#assign-choices input[type=radio]")).size() == 1);
            WebElement choice = b.find(By.cssSelector("#assign-choices input[value='" + s.newcomer + "']"));
            choice.sendKeys(Keys.SPACE);
            assertThat(choice.isSelected()).isTrue();
            b.find(By.id("assign-button")).sendKeys(Keys.ENTER);
            b.waitForText(By.id("available"), "0");
            assertThat(b.text(By.id("done"))).contains("Assigned a license to " + newcomerName);
            assertThat(b.text(By.id("holders-table"))).contains(newcomerName);
            assertThat(pageWasNotReloaded(b)).as("assign swapped the panel, no page load").isTrue();
            assertThat(b.text(By.id("pool-counts"))).contains("0 licenses available");
            b.screenshot("holders-after-1280");
            assertThat(s.holders()).containsExactlyInAnyOrder(s.holder2, s.newcomer);

            b.open("/licenses/" + s.educatorPool.id() + "/ledger");
            assertThat(b.text(By.id("ledger-table"))).contains("Assigned").contains("Unassigned").contains("Refused: no license available");
            assertEveryControlHasALabel(b);
            b.screenshot("ledger-1280");
            new Select(b.find(By.id("action"))).selectByValue("UNASSIGNED");
            b.find(By.cssSelector("#ledger-filter button[type=submit]")).click();
            b.waitFor(d -> d.getCurrentUrl().contains("action=UNASSIGNED"));
            List<WebElement> rows = b.driver.findElements(By.cssSelector("#ledger-table .ledger-row"));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).getText()).contains(holder1Name);

            b.open("/educators");
            b.screenshot("educators-1280");
        }

        try (Browser narrow = new Browser(port, 390, 844)) {
            narrow.signIn(s.adminEmail, Scenario.PASSWORD);
            narrow.waitFor(d -> d.getCurrentUrl().endsWith("/licenses"));
            assertNoHorizontalScroll(narrow);
            narrow.screenshot("licenses-overview-390");
            narrow.open("/educators");
            narrow.find(By.id("educators-table"));
            narrow.screenshot("educators-390");
            narrow.open("/licenses/" + s.educatorPool.id() + "/holders");
            narrow.find(By.id("holders-table"));
            assertNoHorizontalScroll(narrow);
            narrow.screenshot("holders-390");
            narrow.open("/licenses/" + s.educatorPool.id() + "/ledger");
            narrow.find(By.id("ledger-table"));
            narrow.screenshot("ledger-390");
            narrow.open("/licenses/" + s.educatorPool.id() + "/purchase");
            narrow.find(By.id("purchase-form"));
            narrow.screenshot("purchase-390");
        }
    }

    /** (b) the district admin asks for more seats; the vendor admin fulfils; the district admin sees them available. */
    @Test
    void aPurchaseRequestFulfilledByTheVendorMakesTheSeatsAvailableAtOnce() {
        Scenario s = new Scenario(port, accounts);
        String vendor = "vendor-" + UUID.randomUUID() + "@example.test";
        accounts.ensureVendorAccount(vendor, Scenario.PASSWORD);

        try (Browser admin = new Browser(port)) {
            admin.signIn(s.adminEmail, Scenario.PASSWORD);
            admin.waitFor(d -> d.getCurrentUrl().endsWith("/licenses"));
            admin.find(By.cssSelector("#pool-" + s.educatorPool.id() + " a[href$='/purchase']")).click();
            admin.waitFor(d -> d.getCurrentUrl().endsWith("/purchase"));
            assertEveryControlHasALabel(admin);
            admin.find(By.id("more-seats")).sendKeys("5");
            admin.find(By.id("note")).sendKeys("PO 4711 for the new science teachers");
            admin.screenshot("purchase-request-1280");
            admin.find(By.cssSelector("#purchase-form button[type=submit]")).click();
            admin.waitForText(By.id("done"), "request for 5 more");
            assertThat(admin.text(By.id("requests-table"))).contains("PO 4711").contains("waiting for the vendor");
            assertThat(admin.text(By.id("available"))).isEqualTo("0");
            admin.screenshot("purchase-requested-1280");

            try (Browser v = new Browser(port)) {
                v.signIn(vendor, Scenario.PASSWORD);
                v.waitFor(d -> d.getCurrentUrl().endsWith("/vendor"));
                assertEveryControlHasALabel(v);
                v.screenshot("vendor-home-1280");
                v.find(By.id("requests-link")).click();
                v.waitFor(d -> d.getCurrentUrl().endsWith("/vendor/purchase-requests"));
                WebElement request = v.find(By.xpath("//table[@id='open-requests']//tr[contains(., 'PO 4711')]"));
                assertThat(request.getText()).contains(s.productName).contains("5").contains(s.adminEmail).contains("0 of 2");
                assertEveryControlHasALabel(v);
                v.screenshot("vendor-purchase-requests-1280");
                request.findElement(By.cssSelector("input[name=reference]")).sendKeys("INV-2026-17");
                request.findElement(By.cssSelector("button.fulfil")).click();
                v.waitForText(By.id("done"), "Fulfilled: 5");
                assertThat(v.text(By.id("done"))).contains("5 available now");
                assertThat(v.text(By.id("fulfilled-requests"))).contains("INV-2026-17").contains(vendor);
                v.screenshot("vendor-fulfilled-1280");

                v.open("/vendor/districts/" + s.district.id());
                assertThat(v.text(By.id("pool-" + s.educatorPool.id()))).contains("7");
                assertThat(v.text(By.id("purchases-table"))).contains("INV-2026-17");
                assertEveryControlHasALabel(v);
                v.screenshot("vendor-district-1280");
            }

            admin.open("/licenses");
            WebElement row = admin.find(By.id("pool-" + s.educatorPool.id()));
            assertThat(row.findElement(By.cssSelector(".seats")).getText()).isEqualTo("7");
            assertThat(row.findElement(By.cssSelector(".available")).getText()).isEqualTo("5");
            assertThat(row.getText()).doesNotContain("0 licenses available");
            admin.screenshot("licenses-after-purchase-1280");
        }
        // both steps recorded: the request row and the ledger's PURCHASED row
        var req = jdbc.sql("select * from purchase_requests where pool_id = ?").param(UUID.fromString(s.educatorPool.id())).query().singleRow();
        assertThat(req.get("status")).isEqualTo("FULFILLED");
        assertThat(req.get("requested_by")).isEqualTo(s.adminEmail);
        assertThat(req.get("fulfilled_by")).isEqualTo(vendor);
        assertThat(req.get("requested_at")).isNotNull();
        assertThat(req.get("fulfilled_at")).isNotNull();
        assertThat(jdbc.sql("select count(*) from seat_ledger where pool_id = ? and action = 'PURCHASED' and seats_delta = 5 and actor = ?")
                .params(UUID.fromString(s.educatorPool.id()), vendor).query(Long.class).single()).isEqualTo(1);
        assertThat(s.fx.available(s.educatorPool)).isEqualTo(5);

        try (Browser narrow = new Browser(port, 390, 844)) {
            narrow.signIn(vendor, Scenario.PASSWORD);
            narrow.waitFor(d -> d.getCurrentUrl().endsWith("/vendor"));
            narrow.screenshot("vendor-home-390");
            narrow.open("/vendor/purchase-requests");
            narrow.screenshot("vendor-purchase-requests-390");
            narrow.open("/vendor/districts/" + s.district.id());
            narrow.find(By.id("pools-table"));
            narrow.screenshot("vendor-district-390");
        }
    }

    /** Sets a marker on window and document that a full page load would wipe out. */
    private static void markPage(Browser b) {
        ((JavascriptExecutor) b.driver).executeScript("window.__skMarker = 'still here'; document.body.dataset.skMarker = 'yes';");
    }

    private static boolean pageWasNotReloaded(Browser b) {
        Object marker = ((JavascriptExecutor) b.driver).executeScript(
                "return window.__skMarker === 'still here' && document.body.dataset.skMarker === 'yes';");
        return Boolean.TRUE.equals(marker);
    }

    /** Every visible form control has a <label> (wrapping it or pointing at it with for=). */
    @SuppressWarnings("unchecked")
    static void assertEveryControlHasALabel(Browser b) {
        List<String> unlabeled = (List<String>) ((JavascriptExecutor) b.driver).executeScript("""
                return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                  .filter(el => !el.labels || el.labels.length === 0)
                  .map(el => el.outerHTML.substring(0, 120));""");
        assertThat(unlabeled).as("controls without a label on " + b.driver.getCurrentUrl()).isEmpty();
    }

    private static void assertNoHorizontalScroll(Browser b) {
        Object wide = ((JavascriptExecutor) b.driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) wide).intValue()).as("page wider than the screen at 390 px: " + b.driver.getCurrentUrl()).isLessThanOrEqualTo(1);
    }
}
