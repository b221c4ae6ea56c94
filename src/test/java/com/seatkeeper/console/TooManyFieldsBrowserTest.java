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
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An htmx form the server cannot read (more than 1,000 fields) is not "something went wrong" in headless Chromium: the
 * banner says what the error page says (console.js), and the holder keeps their license.
 */
@ApiTest
@Tag("browser")
class TooManyFieldsBrowserTest {
    static final String PW = "too many fields pw 1";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void theBannerNamesTheLimitWhenAnHtmxFormHasTooManyFields() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 3);
        String holder = fx.students(d, 1).get(0);
        fx.assign(pool, holder);
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        try (Browser b = new Browser(port)) {
            b.signIn(fx.emailOf(admin), PW);
            b.open("/licenses/" + pool.id() + "/holders");
            // the row's unassign form, as a hand-edited page or a script could make it: 1,000 more people
            ((JavascriptExecutor) b.driver).executeScript("""
                    var form = document.querySelector('form.unassign-form');
                    for (var i = 0; i < 1000; i++) {
                      var input = document.createElement('input');
                      input.type = 'hidden'; input.name = 'userId'; input.value = crypto.randomUUID();
                      form.appendChild(input);
                    }""");
            b.find(By.cssSelector("form.unassign-form button")).click();
            b.waitForText(By.id("banner"), "more than 1,000 query parameters and form fields");
            assertThat(b.text(By.id("banner"))).startsWith("Check the input:").contains("choose fewer people at a time")
                    .doesNotContain("Something went wrong");
            b.screenshot("too-many-fields-banner");
        }
        assertThat(fx.holderIds(pool)).containsExactly(holder);
    }
}
