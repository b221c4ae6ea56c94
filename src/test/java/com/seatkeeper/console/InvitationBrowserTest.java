package com.seatkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Browser;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.TestMail;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 8's sign-in journeys in headless Chromium, with screenshots (target/screenshots): a district admin creates a
 * teacher in the console, the teacher follows the invitation mail (received by GreenMail), sets a password, signs in
 * and lands on My Classes &amp; Students; and a forgotten password is reset from the sign-in page.
 */
@ApiTest
@Tag("browser")
class InvitationBrowserTest {
    static final String PASSWORD = "pw-" + UUID.randomUUID();
    static final String NEW_PASSWORD = "paper lantern under the bridge";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void anInvitedTeacherSetsAPasswordAndLandsOnMyClasses() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PASSWORD);
        String adminEmail = http.get("/api/v1/users/" + admin, Fixtures.ADMIN).text("email");
        String teacherEmail = "maria-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";

        try (Browser b = new Browser(port)) {
            b.signIn(adminEmail, PASSWORD);
            b.open("/people/new?role=TEACHER");
            b.find(By.id("given")).sendKeys("María");
            b.find(By.id("family")).sendKeys("Guadalupe");
            b.find(By.id("email")).sendKeys(teacherEmail);
            new Select(b.find(By.id("role"))).selectByValue("TEACHER");
            b.find(By.cssSelector("input[name=schoolIds][value='" + d.schoolId() + "']")).click();
            b.find(By.cssSelector("main form.stack button[type=submit]")).click();
            b.waitForText(By.id("sign-in-status"), "Invited");
            assertThat(b.text(By.id("send-invitation"))).isEqualTo("Resend invitation");
            b.screenshot("signin-invited-teacher");
        }

        var mail = TestMail.await(teacherEmail);
        assertThat(TestMail.subject(mail)).isEqualTo("You are invited to Seatkeeper");
        assertThat(TestMail.body(mail)).startsWith("Hello María,");

        try (Browser b = new Browser(port)) {
            b.open(TestMail.linkPath(mail));
            assertThat(b.text(By.id("title"))).isEqualTo("Welcome to Seatkeeper");
            b.find(By.id("password")).sendKeys("password1234");
            b.find(By.id("confirmation")).sendKeys("password1234");
            b.find(By.id("set-password")).click();
            b.waitForText(By.id("password-error"), "too common");
            b.screenshot("signin-common-password-refused");
            b.find(By.id("password")).sendKeys(NEW_PASSWORD);
            b.find(By.id("confirmation")).sendKeys(NEW_PASSWORD);
            b.find(By.id("set-password")).click();
            b.waitForText(By.id("password-set"), "Your password is set");
            b.signIn(teacherEmail, NEW_PASSWORD);
            b.waitFor(dr -> dr.getCurrentUrl().endsWith("/classes"));
            assertThat(b.driver.getPageSource()).contains("My Classes");
            b.screenshot("signin-teacher-lands-on-classes");
        }
    }

    @Test
    void aForgottenPasswordIsResetFromTheSignInPage() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        String teacher = fx.aTeacher(fx.aDistrict());
        accounts.ensurePersonAccount(UserId.of(teacher), PASSWORD);
        String email = http.get("/api/v1/users/" + teacher, Fixtures.ADMIN).text("email");
        TestMail.await(email, 1); // the invitation

        try (Browser b = new Browser(port)) {
            b.open("/login");
            b.find(By.id("forgot-password")).click();
            b.find(By.id("email")).sendKeys(email);
            b.find(By.id("send-reset")).click();
            b.waitForText(By.id("reset-sent"), "Check your mail");
            b.screenshot("signin-reset-requested");

            var mail = TestMail.await(email, 2);
            assertThat(TestMail.subject(mail)).isEqualTo("Reset your Seatkeeper password");
            b.open(TestMail.linkPath(mail));
            assertThat(b.text(By.id("title"))).isEqualTo("Choose a new password");
            b.find(By.id("password")).sendKeys(NEW_PASSWORD);
            b.find(By.id("confirmation")).sendKeys(NEW_PASSWORD);
            b.find(By.id("set-password")).click();
            b.waitForText(By.id("password-set"), "Your password is set");
            b.signIn(email, NEW_PASSWORD);
            b.waitFor(dr -> dr.getCurrentUrl().endsWith("/classes"));
        }
    }
}
