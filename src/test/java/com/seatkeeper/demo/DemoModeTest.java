package com.seatkeeper.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.SeatkeeperApplication;
import com.seatkeeper.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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
@ExtendWith(OutputCaptureExtension.class)
class DemoModeTest {
    private static final Pattern DEMO_TOKEN = Pattern.compile("Demo API token[^\\n]*\\n\\s*(sk_[A-Za-z0-9_-]+)");
    private static final String TOKEN = "demo-mode-test-admin-token-0123456789";

    @TempDir
    Path dataDir;

    @Test
    void theDemoStartsWithItsOwnDatabaseAndSeedsTheDemoDistrictOnTheFirstStartOnly(CapturedOutput output) {
        String districtId;
        String firstToken;
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

            assertThat(productNames(http)).as("made-up product names").containsExactlyInAnyOrder("Numberworks Math", "Storylane Reading");
            everyTeacherTeachesAClassAtTheirOwnSchool(http, d);

            String demoToken = lastDemoToken(output);
            assertThat(http.get(d + "/license-pools", demoToken).status()).as("the printed demo token works on the API").isEqualTo(200);
            var seen = http.get("/api/v1/districts", demoToken);
            assertThat(seen.status()).isEqualTo(200);
            assertThat(seen.body().size()).as("the demo token is a district admin of the demo district").isEqualTo(1);
            assertThat(http.post("/api/v1/products", demoToken, java.util.Map.of("code", "X1", "name", "X", "seatTypes", List.of("STUDENT")))
                    .status()).as("not a vendor admin").isEqualTo(403);
            firstToken = demoToken;

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

            String newToken = lastDemoToken(output);
            assertThat(newToken).as("a new demo token at every start").isNotEqualTo(firstToken);
            assertThat(http.get(d + "/license-pools", newToken).status()).isEqualTo(200);
            assertThat(http.get(d + "/license-pools", firstToken).status()).as("the earlier start's token is revoked").isEqualTo(401);
            assertThat(jdbc.sql("select count(*) from api_tokens where name = ? and revoked_at is null").param(DemoData.TOKEN_NAME)
                    .query(Long.class).single()).isEqualTo(1);
        }
    }

    /** The demo token printed by the latest start (the log line after "Demo API token"). */
    private static String lastDemoToken(CapturedOutput output) {
        Matcher m = DEMO_TOKEN.matcher(output.getOut());
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        assertThat(last).as("a demo API token printed at start-up").isNotNull();
        return last;
    }

    private static List<String> productNames(Http http) {
        List<String> names = new ArrayList<>();
        http.get("/api/v1/products", TOKEN).body().forEach(p -> names.add(p.get("name").asString()));
        return names;
    }

    /** Every teacher teaches at least one class, and every class is at a school of each of its teachers. */
    private static void everyTeacherTeachesAClassAtTheirOwnSchool(Http http, String district) {
        var teachers = http.get(district + "/users?role=TEACHER&limit=100", TOKEN).body();
        var classes = http.get(district + "/classes?limit=100", TOKEN).body();
        assertThat(teachers.size()).isEqualTo(6);
        teachers.forEach(t -> {
            List<String> schools = new ArrayList<>();
            t.get("schoolIds").forEach(s -> schools.add(s.asString()));
            List<String> theirClasses = new ArrayList<>();
            classes.forEach(c -> c.get("teacherIds").forEach(id -> {
                if (id.asString().equals(t.get("id").asString())) {
                    theirClasses.add(c.get("name").asString());
                    assertThat(schools).as(c.get("name").asString() + " is at a school of its teacher").contains(c.get("schoolId").asString());
                }
            }));
            assertThat(theirClasses).as(t.get("givenName").asString() + " teaches a class").isNotEmpty();
        });
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
