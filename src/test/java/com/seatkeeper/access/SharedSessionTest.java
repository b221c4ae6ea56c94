package com.seatkeeper.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.SeatkeeperApplication;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Console sessions live in the database (Spring Session JDBC), so two instances behind a load balancer are one console:
 * signed in on instance A, a page and a CSRF-protected form work on instance B with the same cookie, and signing out on B
 * ends the session on A. The API stays stateless: its requests never look a session up, with or without a session cookie
 * (instance B logs its SQL, so a lookup would show).
 */
@ApiTest
@Tag("multi-instance")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class SharedSessionTest {
    private static final String PW = "shared session pw";
    /** The statement Spring Session's JDBC repository reads a session with. */
    private static final String SESSION_LOOKUP = "WHERE S.SESSION_ID = ?";

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    ConfigurableApplicationContext instanceB;
    int portB;

    @BeforeAll
    void startInstanceB() {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        instanceB = new SpringApplicationBuilder(SeatkeeperApplication.class).profiles("test")
                .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                        "--seatkeeper.embedded-db.enabled=false", "--logging.level.org.springframework.jdbc.core.JdbcTemplate=DEBUG");
        portB = ((WebServerApplicationContext) instanceB).getWebServer().getPort();
    }

    @AfterAll
    void stopInstanceB() {
        if (instanceB != null) {
            instanceB.close();
        }
    }

    private ConsoleClient signedInOnA(String userId) {
        accounts.ensurePersonAccount(UserId.of(userId), PW);
        String email = jdbc.sql("select email from users where id = ?").param(UUID.fromString(userId)).query(String.class).single();
        return ConsoleClient.signedIn(port, email, PW);
    }

    @Test
    void signedInOnAThePagesAndFormsWorkOnBAndSigningOutOnBEndsItOnA() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String klass = fx.aClass(d, List.of(teacher), fx.students(d, 1));
        ConsoleClient onA = signedInOnA(teacher);
        assertThat(onA.get("/classes/" + klass).status()).isEqualTo(200);

        ConsoleClient onB = onA.onPort(portB);
        var page = onB.get("/classes/" + klass);
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains(klass);
        var renamed = onB.post("/classes/" + klass + "/name", Map.of("name", "Renamed on B"));
        assertThat(renamed.status()).as("a CSRF-protected form on B with A's token: %s", renamed).isEqualTo(302);
        assertThat(renamed.location()).doesNotContain("/login");
        assertThat(jdbc.sql("select name from classes where id = ?").param(UUID.fromString(klass)).query(String.class).single())
                .isEqualTo("Renamed on B");

        var signedOut = onB.post("/logout", Map.of());
        assertThat(signedOut.status()).isEqualTo(302);
        assertThat(signedOut.location()).endsWith("/login?logout");
        assertThat(onA.get("/classes/" + klass).redirectsToLogin()).as("signed out on B is signed out on A").isTrue();
        assertThat(onB.get("/classes/" + klass).redirectsToLogin()).isTrue();
    }

    @Test
    void theSessionCookieIsSameSiteLaxHttpOnlyAndTheIdleTimeoutIsThirtyMinutes() {
        var fx = new Fixtures(new Http(port));
        String admin = fx.aDistrictAdmin(fx.aDistrict());
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        String email = jdbc.sql("select email from users where id = ?").param(UUID.fromString(admin)).query(String.class).single();
        var signIn = ConsoleClient.anonymous(port).signIn(email, PW);

        String cookie = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        String sessionId = new String(java.util.Base64.getDecoder().decode(cookie.substring("SESSION=".length(), cookie.indexOf(';'))));
        assertThat(jdbc.sql("select max_inactive_interval from spring_session where session_id = ?").param(sessionId)
                .query(Integer.class).single()).as("seconds").isEqualTo(30 * 60);
    }

    @Test
    void apiRequestsNeverLookUpASession(CapturedOutput log) {
        var fx = new Fixtures(new Http(portB));
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        ConsoleClient console = signedInOnA(fx.aDistrictAdmin(d)).onPort(portB);

        int before = log.getOut().length();
        assertThat(new Http(portB).get("/api/v1/users/" + teacher, Fixtures.ADMIN).status()).isEqualTo(200);
        var withCookie = console.get("/api/v1/users/" + teacher);
        assertThat(withCookie.status()).as("the API takes no cookies: %s", withCookie).isEqualTo(401);
        assertThat(log.getOut().substring(before)).as("no session lookup for API requests").doesNotContain(SESSION_LOOKUP);

        assertThat(console.get("/people").status()).isEqualTo(200);
        assertThat(log.getOut().substring(before)).as("a console page does look its session up").contains(SESSION_LOOKUP);
    }
}
