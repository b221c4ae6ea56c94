package com.seatkeeper.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console test client itself: sign-in, session cookie, CSRF on and off. */
@ApiTest
class ConsoleClientTest {
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void signsInKeepsTheSessionAndSendsCsrf() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        accounts.ensurePersonAccount(UserId.of(teacher), "pw-123");
        String email = new Http(port).get("/api/v1/users/" + teacher, Fixtures.ADMIN).text("email");

        assertThat(ConsoleClient.anonymous(port).get("/").redirectsToLogin()).isTrue();
        assertThat(ConsoleClient.anonymous(port).signIn(email, "wrong").location()).contains("/login?error");

        ConsoleClient c = ConsoleClient.signedIn(port, email, "pw-123");
        assertThat(c.get("/").location()).endsWith("/classes");
        assertThat(c.postWithoutCsrf("/logout", Map.of()).status()).isEqualTo(403);
        assertThat(c.post("/logout", Map.of()).location()).contains("/login?logout");
        assertThat(c.get("/").redirectsToLogin()).isTrue();
    }
}
