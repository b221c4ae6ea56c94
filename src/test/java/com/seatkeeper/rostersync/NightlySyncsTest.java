package com.seatkeeper.rostersync;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.SeatkeeperApplication;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.MutableClock;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The nightly sync on the real scheduler with the application's clock moved by the test: on the spring-forward and
 * fall-back nights of 2026 in America/New_York each district's night runs once, at the instant the DST rule gives
 * ({@link NightlySchedule}), labelled "nightly sync"; with two application instances on one database (same secrets
 * key), both ticking and both running the job by hand at the same moment, each district gets exactly one NIGHTLY run.
 */
@ApiTest
@Import({MutableClock.Config.class, ScriptedConnector.Config.class})
@TestPropertySource(properties = "seatkeeper.secrets.key=" + NightlySyncsTest.KEY)
@Tag("multi-instance")
class NightlySyncsTest {
    /** base64 of 32 bytes, the same for both instances. */
    static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    MutableClock clock;
    @Autowired
    NightlySyncs nightly;
    @Autowired
    ScriptedConnector provider;

    /** A New York district connected to the scripted provider with the nightly time (connected while the clock is at {@code at}). */
    String connectedDistrict(Fixtures fx, Http http, String nightlyAt) {
        var d = fx.aDistrict();
        String token = "tok-" + UUID.randomUUID().toString().replace("-", "");
        provider.script(token).students(ScriptedConnector.students(1, 2));
        var r = http.send("PUT", "/api/v1/districts/" + d.id() + "/rostering", Fixtures.ADMIN,
                map("source", "CLEVER", "clever", map("districtToken", token), "nightlyAt", nightlyAt));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return d.id();
    }

    @Test
    void onTheSpringForwardNightA0230SyncRunsOnceAt0300Edt() throws Exception {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        clock.set(Instant.parse("2026-03-07T12:00:00Z"));
        String district = connectedDistrict(fx, http, "02:30");
        var view = http.get("/api/v1/districts/" + district + "/rostering", Fixtures.ADMIN);
        assertThat(view.text("nextNightlyAt")).isEqualTo("2026-03-08T07:00:00Z");

        clock.set(Instant.parse("2026-03-08T06:59:00Z")); // 01:59 EST
        Thread.sleep(1_000);
        assertThat(nightlies(district)).isEmpty();

        clock.set(Instant.parse("2026-03-08T07:00:00Z")); // 03:00 EDT: the first instant after the gap
        List<String> runs = awaitNightlies(district, 1);
        assertThat(runs).containsExactly("2026-03-08 APPLIED by nightly sync at 2026-03-08T07:00:00Z");
        clock.set(Instant.parse("2026-03-08T07:30:00Z"));
        Thread.sleep(1_000);
        assertThat(nightlies(district)).hasSize(1);
    }

    @Test
    void onTheFallBackNightA0130SyncRunsOnceAtItsFirstOccurrence() throws Exception {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        clock.set(Instant.parse("2026-10-31T12:00:00Z"));
        String district = connectedDistrict(fx, http, "01:30");

        clock.set(Instant.parse("2026-11-01T05:29:00Z")); // 01:29 EDT
        Thread.sleep(1_000);
        assertThat(nightlies(district)).isEmpty();

        clock.set(Instant.parse("2026-11-01T05:30:00Z")); // 01:30 EDT
        assertThat(awaitNightlies(district, 1)).containsExactly("2026-11-01 APPLIED by nightly sync at 2026-11-01T05:30:00Z");
        clock.set(Instant.parse("2026-11-01T06:30:00Z")); // 01:30 EST, the second 01:30
        Thread.sleep(1_000);
        nightly.run();
        assertThat(nightlies(district)).hasSize(1);
    }

    @Test
    void twoInstancesQueueExactlyOneNightlyRunPerDistrictAndNight() throws Exception {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        clock.set(Instant.parse("2026-06-10T04:00:00Z")); // 00:00 EDT
        List<String> districts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            districts.add(connectedDistrict(fx, http, "02:00"));
        }
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(SeatkeeperApplication.class, MutableClock.Config.class,
                ScriptedConnector.Config.class).profiles("test")
                .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                        "--seatkeeper.embedded-db.enabled=false", "--seatkeeper.secrets.key=" + KEY)) {
            MutableClock secondClock = second.getBean(MutableClock.class);
            NightlySyncs secondNightly = second.getBean(NightlySyncs.class);
            Instant night = Instant.parse("2026-06-10T06:00:00Z"); // 02:00 EDT
            secondClock.set(night);
            clock.set(night);
            CompletableFuture.allOf(CompletableFuture.runAsync(nightly::run), CompletableFuture.runAsync(secondNightly::run)).join();
            for (String d : districts) {
                assertThat(awaitNightlies(d, 1)).containsExactly("2026-06-10 APPLIED by nightly sync at 2026-06-10T06:00:00Z");
            }
            Thread.sleep(1_000); // several ticks of both schedulers
            CompletableFuture.allOf(CompletableFuture.runAsync(nightly::run), CompletableFuture.runAsync(secondNightly::run)).join();
        }
        for (String d : districts) {
            assertThat(nightlies(d)).hasSize(1);
        }
    }

    /** The district's NIGHTLY runs: "night STATUS by requester at queued-at". */
    List<String> nightlies(String district) {
        return jdbc.sql("""
                        select night || ' ' || status || ' by ' || requested_by || ' at ' || to_char(started_at at time zone 'UTC',
                               'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                        from sync_runs where district_id = ? and trigger = 'NIGHTLY' order by night""")
                .param(UUID.fromString(district)).query(String.class).list();
    }

    List<String> awaitNightlies(String district, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        List<String> runs = nightlies(district);
        while ((runs.size() < n || runs.stream().anyMatch(r -> r.contains(" QUEUED ") || r.contains(" RUNNING ")))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            runs = nightlies(district);
        }
        return runs;
    }
}
