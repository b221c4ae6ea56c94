package com.seatkeeper.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.SeatkeeperApplication;
import com.seatkeeper.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code mvn spring-boot:run} (profile "demo"): an embedded PostgreSQL with a persistent data
 * directory and demo data seeded on the first start only. Here the data directory is a fresh
 * temporary one and the ports are free ones, so the test runs beside a running demo.
 */
class DemoModeTest {
    private static final String TOKEN = "demo-mode-test-admin-token-0123456789";

    @TempDir
    Path dataDir;

    @Test
    void theDemoStartsWithItsOwnDatabaseAndSeedsTheDemoDistrictOnTheFirstStartOnly() {
        String districtId;
        try (ConfigurableApplicationContext app = startDemo()) {
            Http http = new Http(portOf(app));

            var health = http.get("/actuator/health", null);
            assertThat(health.status()).as(health.toString()).isEqualTo(200);
            assertThat(health.text("status")).isEqualTo("UP");
            assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).as("PostgreSQL keeps its data in the given directory").isTrue();

            JsonNode demo = theDemoDistrict(http);
            districtId = demo.get("id").asString();
            String d = "/api/v1/districts/" + districtId;
            assertThat(http.get(d + "/schools", TOKEN).body().size()).isEqualTo(2);
            assertThat(peopleWithRole(http, d, "DISTRICT_ADMIN")).isEqualTo(1);
            assertThat(peopleWithRole(http, d, "SCHOOL_ADMIN")).isEqualTo(1);
            assertThat(peopleWithRole(http, d, "TEACHER")).isEqualTo(6);
            assertThat(peopleWithRole(http, d, "STUDENT")).isBetween(50L, 70L);
            assertThat(http.get("/api/v1/products", TOKEN).body().size()).isEqualTo(2);
            assertThat(http.get(d + "/classes", TOKEN).body().size()).isPositive();

            var pools = http.get(d + "/license-pools", TOKEN);
            assertThat(pools.status()).isEqualTo(200);
            List<JsonNode> full = new ArrayList<>();
            pools.body().forEach(p -> {
                assertThat(p.get("assigned").asInt()).isLessThanOrEqualTo(p.get("seats").asInt());
                if (p.get("available").asInt() == 0) {
                    full.add(p);
                }
            });
            assertThat(full).as("the demo shows the '0 licenses available' state").hasSize(1);
            assertThat(full.get(0).get("assigned").asInt()).isPositive();

            // the demo people can sign in to the console
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from accounts where lower(email) in ('district.admin@demo.test', 'school.admin@demo.test', "
                    + "'teacher@demo.test', 'vendor@demo.test') and password_hash is not null").query(Long.class).single()).isEqualTo(4);
        }

        try (ConfigurableApplicationContext again = startDemo()) {
            Http http = new Http(portOf(again));
            assertThat(http.get("/actuator/health", null).text("status")).isEqualTo("UP");
            // the data survived the restart and was not seeded a second time
            assertThat(theDemoDistrict(http).get("id").asString()).isEqualTo(districtId);
            String d = "/api/v1/districts/" + districtId;
            assertThat(peopleWithRole(http, d, "TEACHER")).isEqualTo(6);
            assertThat(http.get("/api/v1/products", TOKEN).body().size()).isEqualTo(2);
            JdbcClient jdbc = again.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from districts").query(Long.class).single()).isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext startDemo() {
        // command-line arguments, as after `mvn spring-boot:run -Dspring-boot.run.arguments=...`: they win over
        // application-demo.properties (SpringApplicationBuilder#properties would only set defaults, which lose)
        return new SpringApplicationBuilder(SeatkeeperApplication.class).profiles("demo")
                .run("--seatkeeper.embedded-db.data-dir=" + dataDir.toAbsolutePath(), "--seatkeeper.embedded-db.port=0", "--server.port=0",
                        // as SEATKEEPER_BOOTSTRAP_ADMIN_TOKEN would, to read the demo data through the API
                        "--seatkeeper.bootstrap.admin-token=" + TOKEN);
    }

    private static int portOf(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** The one demo district among all districts. */
    private static JsonNode theDemoDistrict(Http http) {
        var districts = http.get("/api/v1/districts", TOKEN);
        assertThat(districts.status()).as(districts.toString()).isEqualTo(200);
        List<JsonNode> demo = new ArrayList<>();
        districts.body().forEach(d -> {
            if (d.get("name").asString().equals(DemoData.DISTRICT)) {
                demo.add(d);
            }
        });
        assertThat(demo).as("demo districts").hasSize(1);
        return demo.get(0);
    }

    private static long peopleWithRole(Http http, String district, String role) {
        var r = http.get(district + "/users?role=" + role + "&limit=1", TOKEN);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return Long.parseLong(r.headers().firstValue("X-Total-Count").orElseThrow());
    }
}
