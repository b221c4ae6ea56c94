package com.seatkeeper.access;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.TestMail;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Only district admins, school admins and teachers have a console ({@link ConsoleRoles}): students and staff are not
 * invited, get no reset mail and cannot sign in, and the sign-in page says why once their password matched.
 */
@ApiTest
class WhoHasAConsoleTest {
    static final String PW = "a-long-enough-secret-phrase";
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    private Http http() {
        return new Http(port);
    }

    private String emailOf(String userId) {
        return new Fixtures(http()).emailOf(userId);
    }

    private long outboxRowsFor(String email) {
        return jdbc.sql("select count(*) from mail_outbox where recipient = ?").param(email).query(Long.class).single();
    }

    @Test
    void staffAreNotInvitedAndCannotSignIn() {
        var fx = new Fixtures(http());
        var d = fx.aDistrict();
        String staff = fx.aPerson(d, "STAFF");
        String email = emailOf(staff);
        var refused = http().post("/api/v1/users/" + staff + "/invitations", Fixtures.ADMIN, null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("no_console");
        TestMail.await(emailOf(fx.aTeacher(d))); // created after the staff member, so delivered after any mail they got
        assertThat(outboxRowsFor(email)).as("no invitation on creation either").isZero();

        accounts.ensurePersonAccount(UserId.of(staff), PW);
        var signIn = ConsoleClient.anonymous(port).signIn(email, PW);
        assertThat(signIn.location()).endsWith("/login?noConsole");
        assertThat(ConsoleClient.anonymous(port).get("/login?noConsole").body()).contains("Students and staff do not sign in");
        assertThat(ConsoleClient.anonymous(port).signIn(email, "a-wrong-secret-phrase").location()).as("a wrong password says no more")
                .endsWith("/login?error");
    }

    @Test
    void someoneMadeAStudentCannotSignInNorGetAResetMail() {
        var fx = new Fixtures(http());
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String email = emailOf(teacher);
        TestMail.await(email);
        accounts.ensurePersonAccount(UserId.of(teacher), PW);
        ConsoleClient.signedIn(port, email, PW);

        assertThat(http().send("PATCH", "/api/v1/users/" + teacher, Fixtures.ADMIN, map("role", "STUDENT")).status()).isEqualTo(200);

        assertThat(ConsoleClient.anonymous(port).signIn(email, PW).location()).endsWith("/login?noConsole");
        var forgot = ConsoleClient.anonymous(port).post("/account/forgot", Map.of("email", email));
        assertThat(forgot.status()).isEqualTo(200);
        assertThat(forgot.body()).contains("If an account signs in with that email");
        String control = emailOf(fx.aTeacher(d));
        TestMail.await(control);
        ConsoleClient.anonymous(port).post("/account/forgot", Map.of("email", control));
        TestMail.await(control, 2); // the control's reset, asked for after theirs
        assertThat(outboxRowsFor(email)).as("only the invitation, no reset mail").isEqualTo(1);
    }
}
