package com.seatkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Sessions that end and errors, in headless Chromium against the real server: an htmx action after the session ended leads
 * to "Your session has ended — sign in again" and, after signing in, back to the same page (nothing changed); a plain
 * form does the same through the designed page; a deep link survives sign-in; the error pages (not found, not allowed,
 * something went wrong with its correlation id) are in the console's layout with a way back; a failed htmx request shows
 * the banner. The session is ended by deleting its row, as the idle-timeout sweep does.
 */
@ApiTest
@Tag("browser")
@Import(ExpiredSessionBrowserTest.FailingPage.class)
class ExpiredSessionBrowserTest {
    private static final String PW = "expired session pw";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    /** A page and an htmx action that fail, to see the console's answer to a bug (exists only in this test's context). */
    @Controller
    static class FailingPage {
        @GetMapping("/test-only/page-bug")
        String page() {
            throw new IllegalStateException("a bug in a page");
        }

        @PostMapping("/test-only/htmx-bug")
        String action() {
            throw new IllegalStateException("a bug in an htmx action");
        }
    }

    record Setup(String email, String poolId, String candidate, Fixtures fx) {}

    private Setup anAdminWithAPool() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        String candidate = fx.aTeacher(d);
        String pool = fx.anEducatorPool(d, 5).id();
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        String email = jdbc.sql("select email from users where id = ?").param(UUID.fromString(admin)).query(String.class).single();
        return new Setup(email, pool, candidate, fx);
    }

    /** Ends the browser's session as the idle-timeout sweep would: its row is deleted on every instance at once. */
    private void endSessionOf(Browser b) {
        String cookie = b.driver.manage().getCookieNamed("SESSION").getValue();
        String id = new String(Base64.getDecoder().decode(cookie), StandardCharsets.US_ASCII);
        assertThat(jdbc.sql("delete from spring_session where session_id = ?").param(id).update()).isEqualTo(1);
    }

    private static String path(Browser b) {
        return java.net.URI.create(b.driver.getCurrentUrl()).getPath();
    }

    @Test
    void anHtmxActionAfterTheSessionEndedAsksToSignInAgainAndReturnsToThePage() {
        Setup s = anAdminWithAPool();
        String holders = "/licenses/" + s.poolId() + "/holders";
        try (Browser b = new Browser(port)) {
            b.signIn(s.email(), PW);
            b.open(holders);
            b.find(By.id("assign-form"));
            b.find(By.cssSelector("#assign-choices input[value='" + s.candidate() + "']")).click();
            endSessionOf(b);

            b.find(By.id("assign-button")).click();

            b.waitFor(d -> d.getCurrentUrl().contains("/login"));
            b.waitForText(By.id("session-ended"), "Your session has ended — sign in again");
            b.screenshot("session-ended-htmx-sign-in");
            assertThat(s.fx().holderIds(new Fixtures.Pool(s.poolId(), null))).as("nothing was assigned").isEmpty();

            b.signIn(s.email(), PW);
            b.waitFor(d -> path(b).equals(holders));
            assertThat(b.text(By.id("holders"))).contains("Who holds");
        }
    }

    @Test
    void aPlainFormAfterTheSessionEndedShowsTheDesignedPageWithAWayBack() {
        Setup s = anAdminWithAPool();
        String holders = "/licenses/" + s.poolId() + "/holders";
        try (Browser b = new Browser(port)) {
            b.signIn(s.email(), PW);
            b.open(holders);
            b.find(By.cssSelector("#assign-choices input[value='" + s.candidate() + "']")).click();
            endSessionOf(b);

            // a plain form post, as without JavaScript: the browser's own submit, which htmx does not see
            ((JavascriptExecutor) b.driver).executeScript("HTMLFormElement.prototype.submit.call(document.getElementById('assign-form'))");

            b.waitForText(By.tagName("h1"), "Your session has ended — sign in again");
            assertThat(b.driver.getPageSource()).doesNotContain("Whitelabel").doesNotContain("HTTP Status");
            assertThat(b.find(By.cssSelector("header.top a.brand")).getText()).isEqualTo("Seatkeeper");
            b.screenshot("session-ended-form");
            assertThat(s.fx().holderIds(new Fixtures.Pool(s.poolId(), null))).as("nothing was assigned").isEmpty();

            b.find(By.id("back-to-page")).click();
            b.waitFor(d -> d.getCurrentUrl().contains("/login"));
            b.signIn(s.email(), PW);
            b.waitFor(d -> path(b).equals(holders));
        }
    }

    @Test
    void aDeepLinkSurvivesSignIn() {
        Setup s = anAdminWithAPool();
        String holders = "/licenses/" + s.poolId() + "/holders";
        try (Browser b = new Browser(port)) {
            b.open(holders);
            b.waitFor(d -> d.getCurrentUrl().contains("/login"));
            assertThat(b.driver.findElements(By.id("session-ended"))).as("never signed in: nothing ended").isEmpty();
            b.signIn(s.email(), PW);
            b.waitFor(d -> path(b).equals(holders));
            assertThat(b.text(By.id("holders"))).contains("Who holds");
        }
    }

    @Test
    void theErrorPagesAreInTheLayoutWithAWayBackAndAFailedHtmxActionShowsTheBanner() {
        Setup s = anAdminWithAPool();
        try (Browser b = new Browser(port)) {
            b.signIn(s.email(), PW);

            b.open("/no-such-page");
            assertThat(b.text(By.tagName("h1"))).isEqualTo("Not found");
            assertThat(b.find(By.linkText("Back to the start page")).getAttribute("href")).endsWith("/");
            assertThat(b.text(By.cssSelector("nav[aria-label=Main]"))).as("the navigation of whoever is signed in").contains("Licenses");
            b.screenshot("error-not-found");

            b.open("/vendor");
            assertThat(b.text(By.tagName("h1"))).isEqualTo("Not allowed");
            assertThat(b.driver.findElements(By.cssSelector("header.top a.brand"))).hasSize(1);
            b.screenshot("error-not-allowed");

            b.open("/test-only/page-bug");
            assertThat(b.text(By.tagName("h1"))).isEqualTo("Something went wrong");
            assertThat(b.text(By.id("correlation"))).matches("(?s).*[0-9a-f]{12}.*");
            b.screenshot("error-internal");

            // an htmx action that fails on the server: the banner says so instead of nothing happening
            b.open("/licenses/" + s.poolId() + "/holders");
            ((JavascriptExecutor) b.driver).executeScript("""
                    var button = document.createElement('button');
                    button.id = 'failing'; button.textContent = 'Fail';
                    button.setAttribute('hx-post', '/test-only/htmx-bug');
                    document.getElementById('main').prepend(button);
                    htmx.process(button);""");
            b.find(By.id("failing")).click();
            b.waitForText(By.id("banner"), "Something went wrong — your change may not have been saved.");
            assertThat(b.find(By.id("banner")).isDisplayed()).isTrue();
            assertThat(b.text(By.id("banner"))).contains("Reload the page");
            b.screenshot("htmx-failure-banner");
        }
    }
}
