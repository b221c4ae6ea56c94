package com.seatkeeper.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Console sign-in throttling: five failures for one email within 15 minutes refuse further attempts for it,
 * even with the right password; the count lives in the database, so every instance sees it.
 */
@ApiTest
class SignInThrottleTest {
    static final String PW = "right-password-123";
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    private String aTeacherWhoCanSignIn() {
        var http = new Http(port);
        var fx = new Fixtures(http);
        String teacher = fx.aTeacher(fx.aDistrict());
        accounts.ensurePersonAccount(UserId.of(teacher), PW);
        return http.get("/api/v1/users/" + teacher, Fixtures.ADMIN).text("email");
    }

    @Test
    void fiveFailuresLockTheEmailEvenForTheRightPasswordAndOnlyThatEmail() {
        String locked = aTeacherWhoCanSignIn();
        String other = aTeacherWhoCanSignIn();
        var browser = ConsoleClient.anonymous(port);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(browser.signIn(locked, "wrong-" + i).location()).as("failure %d", i).endsWith("/login?error");
        }

        var refused = browser.signIn(locked.toUpperCase(), PW); // the same email, however it is typed
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.location()).endsWith("/login?locked");
        assertThat(ConsoleClient.anonymous(port).get("/login?locked").body()).containsIgnoringCase("too many");

        ConsoleClient.signedIn(port, other, PW); // another email is not affected

        // the failures are stored by hash, not as the typed email
        assertThat(jdbc.sql("select count(*) from sign_in_failures where position(convert_to(lower(?), 'UTF8') in email_hash) > 0")
                .param(locked).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select min(length(email_hash)) from sign_in_failures").query(Integer.class).single()).isEqualTo(32);
    }

    @Test
    void anotherInstanceSeesTheLockAndItEndsWhenTheWindowHasPassed() {
        String email = aTeacherWhoCanSignIn();
        var browser = ConsoleClient.anonymous(port);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            browser.signIn(email, "wrong");
        }

        // a second instance (its own throttle, the same database) refuses the email too
        LoginThrottle otherInstance = new LoginThrottle(jdbc, clock);
        assertThat(otherInstance.isLocked(email)).isTrue();
        // fifteen minutes later the failures no longer count
        LoginThrottle later = new LoginThrottle(jdbc, Clock.offset(clock, LoginThrottle.WINDOW.plus(Duration.ofSeconds(1))));
        assertThat(later.isLocked(email)).isFalse();
    }

    @Test
    void aSuccessfulSignInClearsTheEarlierFailures() {
        String email = aTeacherWhoCanSignIn();
        var browser = ConsoleClient.anonymous(port);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            browser.signIn(email, "wrong");
        }
        ConsoleClient.signedIn(port, email, PW);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            ConsoleClient.anonymous(port).signIn(email, "wrong");
        }
        assertThat(new LoginThrottle(jdbc, clock).isLocked(email)).as("4 failures after the success, not 8").isFalse();
        ConsoleClient.signedIn(port, email, PW);
    }
}
