package com.seatkeeper.console;

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
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a person sees when a form is refused, in headless Chromium: the same page with the values kept, the
 * message next to the field (the field marked {@code aria-invalid} and described by the message) and the refusal
 * above the form. Screenshots at 1280 and 390 px.
 */
@ApiTest
@Tag("browser")
class FormMessagesBrowserTest {
    static final String PW = "form messages pw 1";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void aRefusedPersonFormKeepsTheValuesAndShowsTheMessageAtTheField() {
        Http http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        String email = http.get("/api/v1/users/" + admin, Fixtures.ADMIN).text("email");
        for (int width : new int[] {1280, 390}) {
            try (Browser b = new Browser(port, width, 900)) {
                b.signIn(email, PW);
                b.open("/people/new");
                b.find(By.id("given")).sendKeys("María-Guadalupe");
                b.find(By.id("family")).sendKeys("de la Concepción");
                b.find(By.id("email")).sendKeys("not-an-email");
                b.find(By.cssSelector("#person-form button[type=submit]")).click();

                b.waitForText(By.id("email-error"), "is not an email address");
                WebElement field = b.find(By.id("email"));
                assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
                assertThat(field.getAttribute("aria-describedby")).isEqualTo("email-error");
                assertThat(field.getAttribute("value")).isEqualTo("not-an-email");
                assertThat(b.find(By.id("given")).getAttribute("value")).isEqualTo("María-Guadalupe");
                assertThat(b.find(By.id("given")).getAttribute("aria-invalid")).isEqualTo("false");
                assertThat(b.text(By.id("refusal"))).contains("Nothing was changed.").contains("email");
                b.screenshot("person-refused-" + width);
            }
        }
    }
}
