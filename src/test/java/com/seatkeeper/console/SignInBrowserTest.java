package com.seatkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.shared.UserId;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class SignInBrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void aTeacherSignsInLandsOnTheirClassesAndAWrongPasswordIsRefusedPlainly() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        accounts.ensurePersonAccount(UserId.of(teacher), "correct horse");
        String email = new Http(port).get("/api/v1/users/" + teacher, Fixtures.ADMIN).text("email");

        try (Browser b = new Browser(port)) {
            b.signIn(email, "wrong");
            assertThat(b.text(By.cssSelector(".alert.error"))).contains("do not match");
            b.screenshot("sign-in-refused");
            b.signIn(email, "correct horse");
            b.waitFor(driver -> driver.getCurrentUrl().contains("/classes"));
            assertThat(b.driver.getCurrentUrl()).endsWith("/classes");
        }
    }
}
