package com.seatkeeper.access;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.SeatkeeperApplication;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.zaxxer.hikari.HikariDataSource;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two application instances on one database. Instance B keeps resolved tokens for an hour, so only the NOTIFY of a change
 * can make it see one: a token used on B stops working (or acts with the new role) on B as soon as the change made on
 * instance A commits — at most a moment later, never after the cache time.
 */
@ApiTest
@Tag("multi-instance")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenChangesAcrossInstancesTest {
    /** How long B may take to hear a committed change (PostgreSQL delivers NOTIFY at commit; B waits in getNotifications). */
    static final long HEARD_WITHIN_MILLIS = 2_000;

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    TokenCache cacheOfA;

    ConfigurableApplicationContext instanceB;
    Http a;
    Http b;
    Fixtures fx;

    @BeforeEach
    void startInstanceB() throws InterruptedException {
        a = new Http(port);
        fx = new Fixtures(a);
        if (instanceB == null) {
            String url = ((HikariDataSource) dataSource).getJdbcUrl();
            instanceB = new SpringApplicationBuilder(SeatkeeperApplication.class).profiles("test")
                    .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                            "--seatkeeper.embedded-db.enabled=false", "--seatkeeper.access.token-cache-seconds=3600");
        }
        b = new Http(((WebServerApplicationContext) instanceB).getWebServer().getPort());
        TokenCache cacheOfB = instanceB.getBean(TokenCache.class);
        for (int i = 0; i < 200 && !(cacheOfB.isEnabled() && cacheOfA.isEnabled()); i++) {
            Thread.sleep(25);
        }
        assertThat(cacheOfB.isEnabled()).as("B listens for token changes, so it caches").isTrue();
        assertThat(cacheOfA.isEnabled()).isTrue();
    }

    @AfterAll
    void stopInstanceB() {
        if (instanceB != null) {
            instanceB.close();
        }
    }

    /** Asks until the answer is {@code expected}; returns how long that took (bounded far below any cache time). */
    private static long millisUntil(int expected, IntSupplier status) throws InterruptedException {
        long t0 = System.nanoTime();
        while (status.getAsInt() != expected) {
            assertThat((System.nanoTime() - t0) / 1_000_000).as("B still answers from its cache").isLessThan(HEARD_WITHIN_MILLIS);
            Thread.sleep(10);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void aPersonDeactivatedOnAIsRefusedOnBAtOnce() throws InterruptedException {
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String token = fx.tokenFor(teacher);
        assertThat(b.get("/api/v1/users/" + teacher, token).status()).isEqualTo(200);
        assertThat(a.get("/api/v1/users/" + teacher, token).status()).isEqualTo(200);

        assertThat(a.post("/api/v1/users/" + teacher + "/deactivate", ADMIN, null).status()).isEqualTo(200);

        assertThat(a.get("/api/v1/users/" + teacher, token).status()).as("on A: the very next request").isEqualTo(401);
        millisUntil(401, () -> b.get("/api/v1/users/" + teacher, token).status());
        // and it stays refused on both (nothing re-caches the old state)
        assertThat(b.get("/api/v1/users/" + teacher, token).status()).isEqualTo(401);

        assertThat(a.post("/api/v1/users/" + teacher + "/reactivate", ADMIN, null).status()).isEqualTo(200);
    }

    @Test
    void aTokenRevokedOnAIsRefusedOnBAtOnce() throws InterruptedException {
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        var issued = a.post("/api/v1/api-tokens", ADMIN, map("userId", teacher, "name", "app"));
        String token = issued.text("token");
        assertThat(b.get("/api/v1/users/" + teacher, token).status()).isEqualTo(200);

        assertThat(a.delete("/api/v1/api-tokens/" + issued.text("id"), ADMIN).status()).isEqualTo(204);

        assertThat(a.get("/api/v1/users/" + teacher, token).status()).isEqualTo(401);
        millisUntil(401, () -> b.get("/api/v1/users/" + teacher, token).status());
    }

    @Test
    void aRoleChangedOnAActsWithTheNewRoleOnBAtOnce() throws InterruptedException {
        var d = fx.aDistrict();
        String person = fx.aTeacher(d);
        String token = fx.tokenFor(person);
        String someone = fx.aStudent(d);
        String tokensOfSomeone = "/api/v1/users/" + someone + "/api-tokens";
        assertThat(b.get(tokensOfSomeone, token).status()).as("a teacher may not list tokens").isEqualTo(403);
        assertThat(a.get(tokensOfSomeone, token).status()).isEqualTo(403);

        // the role change on instance A (PATCH goes through PeopleAdmin, which publishes PersonRosterChanged in its transaction)
        var changed = a.send("PATCH", "/api/v1/users/" + person, ADMIN, map("role", "DISTRICT_ADMIN"));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);

        assertThat(a.get(tokensOfSomeone, token).status()).as("on A: the very next request").isEqualTo(200);
        millisUntil(200, () -> b.get(tokensOfSomeone, token).status());
    }
}
