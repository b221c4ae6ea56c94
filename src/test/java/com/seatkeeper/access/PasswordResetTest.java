package com.seatkeeper.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.MutableClock;
import com.seatkeeper.support.TestMail;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "Forgot password?" over real HTTP with GreenMail: the page answers the same for known and unknown emails, the link
 * works once within its hour, asking for one voids no other link, setting a password ends the account's sessions, and
 * links expire (reset: 1 hour, invitation: 7 days) on the application's clock.
 */
@ApiTest
@Import(MutableClock.Config.class)
class PasswordResetTest {
    static final String OLD = "the-old-long-password";
    static final String NEW = "a-brand-new-long-phrase";
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    private String aTeacherWhoCanSignIn() {
        var http = new Http(port);
        var fx = new Fixtures(http);
        String teacher = fx.aTeacher(fx.aDistrict());
        accounts.ensurePersonAccount(UserId.of(teacher), OLD);
        return fx.emailOf(teacher);
    }

    private static String withoutCsrf(String html) {
        return html.replaceAll("name=\"_csrf\"\\s+value=\"[^\"]+\"|value=\"[^\"]+\"\\s+name=\"_csrf\"", "")
                .replaceAll("<meta name=\"csrf-token\" content=\"[^\"]+\"", "");
    }

    @Test
    void thePageAnswersTheSameForUnknownEmailsAndOnlyAKnownOneGetsAMail() {
        String email = aTeacherWhoCanSignIn();
        String unknown = "nobody-" + email;
        var known = ConsoleClient.anonymous(port).post("/account/forgot", Map.of("email", email));
        var none = ConsoleClient.anonymous(port).post("/account/forgot", Map.of("email", unknown));
        assertThat(known.status()).isEqualTo(none.status()).isEqualTo(200);
        assertThat(withoutCsrf(known.body())).isEqualTo(withoutCsrf(none.body())).contains("If an account signs in with that email");

        var mail = TestMail.await(email, 2); // the invitation, then the reset
        assertThat(TestMail.subject(mail)).isEqualTo("Reset your Seatkeeper password");
        assertThat(TestMail.body(mail)).contains("for one hour");
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = ?").param(unknown).query(Long.class).single()).isZero();
    }

    @Test
    void aResetLinkSetsANewPasswordOnceAndRevokesTheOtherLinks() {
        Instant start = clock.instant();
        try {
            String email = aTeacherWhoCanSignIn();
            String invitation = TestMail.linkPath(TestMail.await(email, 1));
            ConsoleClient.anonymous(port).post("/account/forgot", Map.of("email", email));
            String first = TestMail.linkPath(TestMail.await(email, 2));
            assertThat(ConsoleClient.anonymous(port).get(invitation).body()).as("asking for a reset voids no invitation")
                    .contains("Welcome to Seatkeeper");
            clock.set(start.plusSeconds(61)); // one reset mail per minute
            ConsoleClient.anonymous(port).post("/account/forgot", Map.of("email", email));
            String reset = TestMail.linkPath(TestMail.await(email, 3));
            assertThat(ConsoleClient.anonymous(port).get(first).body()).as("nor an earlier reset link").contains("Choose a new password");
            assertThat(ConsoleClient.anonymous(port).get(invitation).body()).contains("Welcome to Seatkeeper");

            var person = ConsoleClient.anonymous(port);
            assertThat(person.get(reset).body()).contains("Choose a new password");
            String token = reset.substring(reset.indexOf('=') + 1);
            var differ = person.post("/account/password", Map.of("token", token, "password", NEW, "confirmation", NEW + "x"));
            assertThat(differ.body()).contains("The two passwords differ");
            assertThat(person.post("/account/password", Map.of("token", token, "password", NEW, "confirmation", NEW)).location())
                    .endsWith("/login?passwordSet");

            assertThat(ConsoleClient.anonymous(port).signIn(email, OLD).location()).endsWith("/login?error");
            ConsoleClient.signedIn(port, email, NEW);
            assertThat(ConsoleClient.anonymous(port).get(reset).body()).contains("already used").contains("Request a new reset link");
            for (String other : List.of(first, invitation)) {
                var later = ConsoleClient.anonymous(port);
                assertThat(later.get(other).body()).as("setting a password revokes the other links").contains("already used");
                String secret = other.substring(other.indexOf('=') + 1);
                assertThat(later.post("/account/password", Map.of("token", secret, "password", OLD, "confirmation", OLD)).body())
                        .contains("already used");
            }
            ConsoleClient.signedIn(port, email, NEW);
        } finally {
            clock.set(start);
        }
    }

    @Test
    void settingAPasswordThroughALinkEndsTheAccountsSessions() {
        String email = aTeacherWhoCanSignIn();
        var attacker = ConsoleClient.signedIn(port, email, OLD);
        var elsewhere = ConsoleClient.signedIn(port, email, OLD);
        assertThat(attacker.get("/").location()).endsWith("/classes");
        String other = aTeacherWhoCanSignIn();
        var bystander = ConsoleClient.signedIn(port, other, OLD);

        ConsoleClient.anonymous(port).post("/account/forgot", Map.of("email", email));
        String reset = TestMail.linkPath(TestMail.await(email, 2));
        String token = reset.substring(reset.indexOf('=') + 1);
        assertThat(ConsoleClient.anonymous(port).post("/account/password", Map.of("token", token, "password", NEW, "confirmation", NEW))
                .location()).endsWith("/login?passwordSet");

        assertThat(attacker.get("/classes").location()).as("the session from before the reset").contains("/login");
        assertThat(elsewhere.get("/classes").location()).contains("/login");
        assertThat(bystander.get("/").location()).as("another account's session").endsWith("/classes");
        assertThat(ConsoleClient.signedIn(port, email, NEW).get("/").location()).endsWith("/classes");
    }

    @Test
    void aResetLinkExpiresAfterAnHourAndAnInvitationAfterSevenDays() {
        Instant start = clock.instant();
        try {
            String email = aTeacherWhoCanSignIn();
            String invitation = TestMail.linkPath(TestMail.await(email, 1));
            clock.set(start.plus(Duration.ofDays(7)).plusSeconds(1));
            String body = ConsoleClient.anonymous(port).get(invitation).body();
            assertThat(body).contains("This link has expired").contains("Ask your administrator to resend the invitation");

            ConsoleClient.anonymous(port).post("/account/forgot", Map.of("email", email));
            String reset = TestMail.linkPath(TestMail.await(email, 2));
            clock.set(clock.instant().plus(Duration.ofMinutes(59)));
            assertThat(ConsoleClient.anonymous(port).get(reset).body()).contains("Choose a new password");
            clock.set(clock.instant().plus(Duration.ofMinutes(2)));
            String token = reset.substring(reset.indexOf('=') + 1);
            var late = ConsoleClient.anonymous(port).post("/account/password", Map.of("token", token, "password", NEW, "confirmation", NEW));
            assertThat(late.body()).contains("This link has expired").contains("Request a new reset link");
            ConsoleClient.signedIn(port, email, OLD); // nothing changed
        } finally {
            clock.set(start);
        }
    }

    @Test
    void anSmtpOutageLosesNothingTheMailIsDeliveredOnALaterAttempt() {
        Instant start = clock.instant();
        String email;
        TestMail.stop();
        try {
            email = aTeacherWhoCanSignIn();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                    "select attempts > 0 and status = 'PENDING' and last_error is not null from mail_outbox where recipient = ?")
                    .param(email).query(Boolean.class).optional().orElse(false));
        } finally {
            TestMail.restart();
        }
        try {
            clock.set(start.plus(Duration.ofMinutes(2))); // the retry is due one minute after the failed attempt
            var mail = TestMail.await(email);
            assertThat(TestMail.subject(mail)).isEqualTo("You are invited to Seatkeeper");
            // the row is marked SENT in the delivering transaction, which commits just after the hand-over to SMTP
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(
                    jdbc.sql("select status from mail_outbox where recipient = ?").param(email).query(String.class).single()));
        } finally {
            clock.set(start);
        }
    }
}
