package com.seatkeeper.rostersync;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.SeatkeeperApplication;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.CleverStandIn;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.MutableClock;
import com.seatkeeper.support.OneRosterData;
import com.seatkeeper.support.OneRosterStandIn;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Nightly and same-day syncs of a ClassLink (OneRoster 1.1, signed) district next to a Clever district, with two
 * application instances on one database (as {@code NightlySyncsTest} runs them): at the districts' night both instances
 * run the nightly check at the same moment and each district gets exactly one NIGHTLY run, APPLIED from its own
 * provider; then a same-day sync of the ClassLink district requested on the second instance is APPLIED too. The
 * connector signs by the wall clock while the application's clock is moved (a signature is checked in real time).
 */
@ApiTest
@Import(MutableClock.Config.class)
@TestPropertySource(properties = "seatkeeper.secrets.key=" + NightlySyncsTest.KEY)
@Tag("multi-instance")
class OneRosterNightlyTest {
    static final String SECRET = "s/cr+t=&~nightly";

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

    @Test
    void aClassLinkDistrictAndACleverDistrictEachGetOneNightlyRunWithTwoInstancesAndASameDaySync() throws Exception {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        clock.set(Instant.parse("2026-06-10T04:00:00Z")); // 00:00 EDT
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (OneRosterStandIn classLink = OneRosterStandIn.v11("nightly-" + tag, SECRET)
                .serve(OneRosterData.generate("1.1", 1, 12, 1, 1, 1));
             CleverStandIn clever = CleverStandIn.start()) {
            clever.school("sch1", "North " + tag).teacher("t1", "Tess", "Teacher", "t1-" + tag + "@example.test", "sch1")
                    .student("s1", "Sam", "Student", "s1-" + tag + "@example.test", "9", "sch1");
            clever.section("sec1", "Math 1", "sch1", null, null, List.of("t1"), List.of("s1"));
            var oneRosterDistrict = fx.aDistrict();
            var cleverDistrict = fx.aDistrict();
            var r1 = http.send("PUT", "/api/v1/districts/" + oneRosterDistrict.id() + "/rostering", Fixtures.ADMIN, map("source", "CLASSLINK",
                    "oneRoster", map("baseUrl", classLink.baseUrl().toString(), "version", "1.1", "auth", "OAUTH1", "clientId",
                            "nightly-" + tag, "clientSecret", SECRET), "nightlyAt", "02:00"));
            var r2 = http.send("PUT", "/api/v1/districts/" + cleverDistrict.id() + "/rostering", Fixtures.ADMIN, map("source", "CLEVER",
                    "clever", map("baseUrl", clever.baseUrl().toString(), "districtToken", clever.token()), "nightlyAt", "02:00"));
            assertThat(r1.status()).as("%s", r1).isEqualTo(200);
            assertThat(r2.status()).as("%s", r2).isEqualTo(200);

            String url = ((HikariDataSource) dataSource).getJdbcUrl();
            try (ConfigurableApplicationContext second = new SpringApplicationBuilder(SeatkeeperApplication.class, MutableClock.Config.class)
                    .profiles("test").run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                            "--seatkeeper.embedded-db.enabled=false", "--seatkeeper.secrets.key=" + NightlySyncsTest.KEY)) {
                MutableClock secondClock = second.getBean(MutableClock.class);
                NightlySyncs secondNightly = second.getBean(NightlySyncs.class);
                Instant night = Instant.parse("2026-06-10T06:00:00Z"); // 02:00 EDT
                secondClock.set(night);
                clock.set(night);
                CompletableFuture.allOf(CompletableFuture.runAsync(nightly::run), CompletableFuture.runAsync(secondNightly::run)).join();

                assertThat(awaitRuns(oneRosterDistrict.id(), "NIGHTLY", 1)).containsExactly("NIGHTLY APPLIED");
                assertThat(awaitRuns(cleverDistrict.id(), "NIGHTLY", 1)).containsExactly("NIGHTLY APPLIED");
                assertThat(users(oneRosterDistrict.id(), "CLASSLINK")).isEqualTo(13);
                assertThat(users(cleverDistrict.id(), "CLEVER")).isEqualTo(2);

                classLink.data().markDeleted("users", classLink.data().ids("users").get(0));
                Http onSecond = new Http(((WebServerApplicationContext) second).getWebServer().getPort());
                var accepted = onSecond.post("/api/v1/districts/" + oneRosterDistrict.id() + "/sync-requests", Fixtures.ADMIN, null);
                assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
                assertThat(awaitRuns(oneRosterDistrict.id(), "SAME_DAY", 1)).containsExactly("SAME_DAY APPLIED");
                Thread.sleep(1_000); // several ticks of both schedulers
                CompletableFuture.allOf(CompletableFuture.runAsync(nightly::run), CompletableFuture.runAsync(secondNightly::run)).join();
            }
            assertThat(runs(oneRosterDistrict.id(), "NIGHTLY")).hasSize(1);
            assertThat(runs(cleverDistrict.id(), "NIGHTLY")).hasSize(1);
            assertThat(users(oneRosterDistrict.id(), "CLASSLINK")).as("the same-day sync removed the one marked tobedeleted").isEqualTo(12);
        }
    }

    /** Active people of the district from the source. */
    long users(String district, String source) {
        return jdbc.sql("select count(*) from users where district_id = ?::uuid and source = ? and status = 'ACTIVE'").params(district, source)
                .query(Long.class).single();
    }

    List<String> runs(String district, String trigger) {
        return jdbc.sql("select trigger || ' ' || status from sync_runs where district_id = ?::uuid and trigger = ? order by started_at")
                .params(district, trigger).query(String.class).list();
    }

    List<String> awaitRuns(String district, String trigger, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        List<String> runs = runs(district, trigger);
        while ((runs.size() < n || runs.stream().anyMatch(r -> Set.of("QUEUED", "RUNNING").contains(r.substring(r.indexOf(' ') + 1))))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            runs = runs(district, trigger);
        }
        return runs;
    }
}
