package com.seatkeeper.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.TestMail;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Console sign-in throttling by email and client address together, with growing delays: nobody can lock a person out
 * by their email alone, the sign-in page says how long to wait and what else to do, and every instance sees the same
 * failures (they live in the database). Client addresses come from X-Forwarded-For, as behind a proxy.
 */
@ApiTest
class SignInThrottleTest {
    static final String PW = "right-password-123";
    static final AtomicInteger ADDRESSES = new AtomicInteger(10);
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    LoginThrottle throttle;

    private String aTeacherWhoCanSignIn() {
        var http = new Http(port);
        var fx = new Fixtures(http);
        String teacher = fx.aTeacher(fx.aDistrict());
        accounts.ensurePersonAccount(UserId.of(teacher), PW);
        return fx.emailOf(teacher);
    }

    private static String anAddress() {
        return "203.0.113." + ADDRESSES.incrementAndGet();
    }

    @Test
    void anAttackerFailingWithSomeonesEmailCannotLockThemOut() {
        String victim = aTeacherWhoCanSignIn();
        String attacker = anAddress();
        String victimsAddress = anAddress();
        var browser = ConsoleClient.anonymous(port);
        for (int i = 0; i < 3; i++) {
            assertThat(browser.signInFrom(attacker, victim, "guess-" + i).location()).as("failure %d", i).endsWith("/login?error");
        }
        for (int i = 0; i < 5; i++) {
            assertThat(browser.signInFrom(attacker, victim, "guess").location()).as("the attacker waits").contains("/login?wait=");
        }

        var signedIn = ConsoleClient.anonymous(port).signInFrom(victimsAddress, victim, PW);
        assertThat(signedIn.location()).as("the person, from their own address").doesNotContain("/login");
        // the attacker's pair still waits, even with the right password
        assertThat(ConsoleClient.anonymous(port).signInFrom(attacker, victim, PW).location()).contains("/login?wait=");
    }

    @Test
    void afterThreeFailuresTheDelayGrowsAndThePageSaysWhatToDo() {
        String email = aTeacherWhoCanSignIn();
        String address = anAddress();
        var browser = ConsoleClient.anonymous(port);
        for (int i = 0; i < 3; i++) {
            browser.signInFrom(address, email, "wrong");
        }
        var refused = browser.signInFrom(address, email, PW);
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.location()).matches(".*/login\\?wait=(29|30)$");
        String page = ConsoleClient.anonymous(port).get(refused.location().replaceFirst("^https?://[^/]+", "")).body();
        assertThat(page).contains("Too many attempts for this email: try again in").containsPattern("(29|30) seconds")
                .contains("reset your password").contains("href=\"/account/forgot\"").doesNotContain("from your network");
        assertThat(ConsoleClient.anonymous(port).get("/login?wait=120").body()).contains("2 minutes");
        assertThat(ConsoleClient.anonymous(port).get("/login?wait=%3Cb%3E&by=%3Cscript%3E").body()).as("parameters are the visitor's")
                .contains("Too many attempts for this email: try again in").contains("1 second").doesNotContain("<script>");

        // another instance (its own throttle, the same database), 31 s later: the attempt may go ahead; one more failure doubles the wait
        LoginThrottle later = new LoginThrottle(jdbc, Clock.fixed(clock.instant().plusSeconds(31).truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
        assertThat(later.waitFor(email, address)).isEmpty();
        later.recordFailure(email, address);
        assertThat(later.waitFor(email, address)).hasValue(new SignInDelay.Wait(SignInDelay.Limit.EMAIL, Duration.ofMinutes(1)));
        // other addresses and other emails are not affected
        assertThat(later.waitFor(email, anAddress())).isEmpty();
        assertThat(ConsoleClient.anonymous(port).signInFrom(address, aTeacherWhoCanSignIn(), PW).location()).doesNotContain("/login");
    }

    @Test
    void aSuccessfulSignInClearsItsPairsFailuresAndFailuresAreStoredByHash() {
        String email = aTeacherWhoCanSignIn();
        String address = anAddress();
        for (int i = 0; i < 2; i++) {
            ConsoleClient.anonymous(port).signInFrom(address, email, "wrong");
        }
        assertThat(ConsoleClient.anonymous(port).signInFrom(address, email, PW).location()).doesNotContain("/login");
        for (int i = 0; i < 2; i++) {
            ConsoleClient.anonymous(port).signInFrom(address, email, "wrong");
        }
        assertThat(new LoginThrottle(jdbc, clock).waitFor(email, address)).as("2 failures after the success, not 4").isEmpty();

        assertThat(jdbc.sql("select count(*) from sign_in_failures where position(convert_to(lower(?), 'UTF8') in email_hash) > 0")
                .param(email).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from sign_in_failures where address = ?").param(address).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void oneAddressTryingManyEmailsSlowsNewcomersButNotThoseWhoSignedInFromItBefore() {
        String teacher = aTeacherWhoCanSignIn();
        String newcomer = aTeacherWhoCanSignIn();
        String school = anAddress();
        assertThat(ConsoleClient.anonymous(port).signInFrom(school, teacher, PW).location()).as("an ordinary day").doesNotContain("/login");

        // a student behind the school's address tries made-up emails: a few through the page, the rest as the page records them
        var student = ConsoleClient.anonymous(port);
        for (int i = 0; i < 3; i++) {
            assertThat(student.signInFrom(school, "made-up-" + i + "@example.org", "guess").location()).endsWith("/login?error");
        }
        for (int i = 3; i < SignInDelay.FREE_ADDRESS_FAILURES; i++) {
            throttle.recordFailure("made-up-" + i + "@example.org", school);
        }
        var refused = student.signInFrom(school, "made-up-more@example.org", "guess");
        assertThat(refused.location()).matches(".*/login\\?wait=(29|30)&by=network$");
        String page = ConsoleClient.anonymous(port).get(refused.location().replaceFirst("^https?://[^/]+", "")).body();
        assertThat(page).contains("Too many failed sign-ins from your network: try again in").containsPattern("(29|30) seconds")
                .doesNotContain("Too many attempts for this email").doesNotContain("reset your password");
        assertThat(ConsoleClient.anonymous(port).signInFrom(school, newcomer, PW).location()).as("never signed in from the school")
                .contains("/login?wait=").endsWith("&by=network");

        assertThat(ConsoleClient.anonymous(port).signInFrom(school, teacher, PW).location()).as("the teacher, with the right password")
                .doesNotContain("/login");
        // the teacher's own failures from the school still count for the pair, and the page names that limit
        for (int i = 0; i < 3; i++) {
            assertThat(ConsoleClient.anonymous(port).signInFrom(school, teacher, "wrong").location()).endsWith("/login?error");
        }
        assertThat(ConsoleClient.anonymous(port).signInFrom(school, teacher, PW).location()).matches(".*/login\\?wait=(29|30)$");
        assertThat(ConsoleClient.anonymous(port).signInFrom(anAddress(), newcomer, PW).location()).as("the newcomer from elsewhere")
                .doesNotContain("/login");
    }

    @Test
    void afterSettingANewPasswordThroughALinkTheEmailIsNoLongerSlowed() {
        String email = aTeacherWhoCanSignIn();
        String address = anAddress();
        String elsewhere = anAddress();
        for (int i = 0; i < 4; i++) {
            ConsoleClient.anonymous(port).signInFrom(address, email, "wrong");
            ConsoleClient.anonymous(port).signInFrom(elsewhere, email, "wrong");
        }
        assertThat(ConsoleClient.anonymous(port).signInFrom(address, email, PW).location()).matches(".*/login\\?wait=\\d+$");

        // the advice on the page: reset the password through the mailed link
        ConsoleClient.anonymous(port).post("/account/forgot", Map.of("email", email));
        String reset = TestMail.linkPath(TestMail.await(email, 2)); // the invitation, then the reset
        String token = reset.substring(reset.indexOf('=') + 1);
        String fresh = "a-fresh-long-passphrase";
        assertThat(ConsoleClient.anonymous(port).post("/account/password", Map.of("token", token, "password", fresh, "confirmation", fresh))
                .location()).endsWith("/login?passwordSet");

        assertThat(throttle.waitFor(email, elsewhere)).as("the email's failures from every address are gone").isEmpty();
        assertThat(ConsoleClient.anonymous(port).signInFrom(address, email, fresh).location()).doesNotContain("/login");
    }
}
