package com.seatkeeper.console.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A district admin's journey on the API tokens page in Chromium, on a wide and a phone-sized screen. */
@ApiTest
@Tag("browser")
class ConsoleTokensBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void aDistrictAdminCreatesCopiesAndRevokesATokenFromTheNavigation() {
        var http = new Http(port);
        var fx = new Fixtures(http);
        String admin = fx.aDistrictAdmin(fx.aDistrict());
        accounts.ensurePersonAccount(UserId.of(admin), "tokens browser pw");
        String email = http.get("/api/v1/users/" + admin, Fixtures.ADMIN).text("email");

        for (int width : new int[] {1280, 390}) {
            try (Browser b = new Browser(port, width, 900)) {
                b.signIn(email, "tokens browser pw");
                b.waitFor(d -> !d.getCurrentUrl().contains("/login"));
                b.open("/licenses");
                b.find(By.linkText("API tokens")).click();
                b.waitForText(By.tagName("h1"), "API tokens");
                b.find(By.id("token-name")).sendKeys("Gradebook sync " + width);
                b.find(By.cssSelector("#create-token button")).click();
                b.waitFor(d -> !d.findElements(By.id("secret")).isEmpty());
                String secret = b.find(By.id("secret")).getAttribute("value");
                assertThat(secret).startsWith("sk_");
                assertThat(b.text(By.id("new-token"))).contains("shown only this once");
                assertThat(http.get("/api/v1/districts", secret).status()).isEqualTo(200);
                b.screenshot("tokens-created-" + width);
                assertThat(noSidewaysScroll(b)).as("no sideways scrolling at " + width).isTrue();

                b.find(By.cssSelector("a.button.danger")).click();
                b.waitForText(By.tagName("h1"), "Revoke");
                b.screenshot("tokens-revoke-confirm-" + width);
                b.find(By.id("confirm-revoke")).click();
                b.waitForText(By.id("flash"), "no longer works");
                assertThat(http.get("/api/v1/districts", secret).status()).isEqualTo(401);
                b.screenshot("tokens-revoked-" + width);
                assertThat(noSidewaysScroll(b)).as("no sideways scrolling at " + width).isTrue();
            }
        }
    }

    private static boolean noSidewaysScroll(Browser b) {
        Object fits = ((org.openqa.selenium.JavascriptExecutor) b.driver)
                .executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
        return Boolean.TRUE.equals(fits);
    }
}
