package com.seatkeeper.licensing;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.bulkimport.Uploads;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.SeatBooks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Auto-assignment at every roster apply: a bulk upload through the API into a manual district (the engine calls
 * {@code RosterSeatEffects.autoAssign} after every apply) gives the new students seats by the pools' rules, with the
 * run's source; a pool that runs out lists the rest in the run (its preview says the same and changes nothing) and never
 * oversubscribes; an apply racing 32 seat changes of the same pools over HTTP neither deadlocks nor oversubscribes.
 */
@ApiTest
class AutoAssignApplyTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Http http;
    Fixtures fx;
    Fixtures.District d;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        d = fx.aDistrict();
    }

    @Test
    void anUploadThatAddsStudentsGivesThemSeatsByTheRulesWithTheUploadAsSource() {
        Fixtures.Pool pool = fx.aStudentPool(d, 10);
        Fixtures.Pool teachers = fx.anEducatorPool(d, 10);
        saveRules(pool, map("kind", "ALL_STUDENTS"));
        saveRules(teachers, map("kind", "ALL_TEACHERS"));

        var applied = upload(students(3, 1));

        assertThat(applied.text("status")).as("%s", applied).isEqualTo("APPLIED");
        assertThat(applied.body().get("licenses").get("assigned").asInt()).isEqualTo(4);
        assertThat(applied.body().get("licenses").get("leftWithout").asInt()).isZero();
        assertThat(fx.holderIds(pool)).containsExactlyInAnyOrderElementsOf(idsOf("st1", "st2", "st3"));
        assertThat(fx.holderIds(teachers)).containsExactlyInAnyOrderElementsOf(idsOf("te1"));
        assertThat(jdbc.sql("select distinct source || ' ' || reason from seat_ledger where pool_id = ? and action = 'ASSIGNED'")
                .param(UUID.fromString(pool.id())).query(String.class).list()).containsExactly("UPLOAD " + AutoAssignSeats.REASON);

        var again = upload(students(4, 1));

        assertThat(again.text("status")).isEqualTo("APPLIED");
        assertThat(again.body().get("licenses").get("assigned").asInt()).as("only the new student").isEqualTo(1);
        assertThat(fx.holderIds(pool)).hasSize(4);
        SeatBooks.assertBalanced(jdbc, pool.id());
    }

    @Test
    void aPoolThatRunsOutDuringAnUploadListsTheRestAsLeftWithoutAndWaitingAndIsNeverOversubscribed() {
        Fixtures.Pool pool = fx.aStudentPool(d, 2);
        saveRules(pool, map("kind", "ALL_STUDENTS"));
        var before = DbState.ofDistrict(jdbc, d.id());

        var preview = Uploads.multipart(port, "/api/v1/districts/" + d.id() + "/imports?dryRun=true", Fixtures.ADMIN, students(5, 0));

        assertThat(preview.text("status")).as("%s", preview).isEqualTo("PREVIEW");
        assertThat(preview.body().get("licenses").get("assigned").asInt()).as("the preview gives what the apply gives").isEqualTo(2);
        assertThat(preview.body().get("licenses").get("leftWithout").asInt()).isEqualTo(3);
        assertThat(DbState.ofDistrict(jdbc, d.id())).as("and changes nothing").isEqualTo(before);

        var applied = upload(students(5, 0));

        assertThat(applied.text("status")).as("%s", applied).isEqualTo("APPLIED");
        JsonNode licenses = applied.body().get("licenses");
        assertThat(licenses.get("assigned").asInt()).isEqualTo(2);
        assertThat(licenses.get("leftWithout").asInt()).isEqualTo(3);
        JsonNode shortPool = licenses.get("shortPools").get(0);
        assertThat(shortPool.get("poolId").asString()).isEqualTo(pool.id());
        assertThat(shortPool.get("needed").asInt()).isEqualTo(5);
        assertThat(shortPool.get("available").asInt()).isEqualTo(2);
        List<String> warnings = new ArrayList<>();
        applied.body().get("problems").forEach(p -> {
            if (p.get("code").asString().equals("left_without_license")) {
                warnings.add(p.get("message").asString());
            }
        });
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("3 people");
        // one insert, one created_at: the family names decide (Student1 .. Student5)
        assertThat(fx.holderIds(pool)).containsExactlyInAnyOrderElementsOf(idsOf("st1", "st2"));
        assertThat(fx.pool(pool).number("waiting")).isEqualTo(3);
        assertThat(fx.pool(pool).number("assigned")).isEqualTo(2);
        SeatBooks.assertBalanced(jdbc, pool.id());
        var run = http.get("/api/v1/sync-runs/" + applied.text("id"), Fixtures.ADMIN);
        assertThat(run.body().get("licenses").get("leftWithout").asInt()).as("the run's record").isEqualTo(3);
    }

    @Test
    void anApplysAutoAssignRacingThirtyTwoSeatChangesNeitherDeadlocksNorOversubscribes() throws Exception {
        int clients = 32;
        Fixtures.Pool pool = fx.aStudentPool(d, 40);
        Fixtures.Pool other = fx.aStudentPool(d, 40);
        saveRules(pool, map("kind", "ALL_STUDENTS"));
        saveRules(other, map("kind", "ALL_STUDENTS"));
        // created after the rules were saved: they match, hold nothing, and wait for the next apply
        List<String> waiting = fx.students(d, clients);
        List<String> holders = fx.students(d, 8);
        for (String h : holders) {
            assertThat(fx.assign(pool, h).status()).isEqualTo(201);
        }
        ExecutorService threads = Executors.newFixedThreadPool(clients + 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            Future<Http.Response> applied = threads.submit(() -> {
                start.await();
                return upload(students(30, 0));
            });
            for (int i = 0; i < clients; i++) {
                int n = i;
                answers.add(threads.submit(() -> {
                    start.await();
                    String person = waiting.get(n);
                    String holder = holders.get(n % holders.size());
                    return switch (n % 4) {
                        case 0 -> fx.assign(pool, person).status();
                        case 1 -> fx.assign(other, person).status();
                        case 2 -> fx.unassign(pool, holder).status();
                        default -> fx.reassign(pool, holder, person).status();
                    };
                }));
            }
            start.countDown();
            Http.Response report = applied.get(180, TimeUnit.SECONDS);
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> a : answers) {
                statuses.add(a.get(180, TimeUnit.SECONDS));
            }

            assertThat(report.text("status")).as("%s", report).isEqualTo("APPLIED");
            assertThat(statuses).as("answers").allMatch(s -> s == 200 || s == 201 || s == 204 || s == 404 || s == 409 || s == 422);
            for (Fixtures.Pool p : List.of(pool, other)) {
                SeatBooks.assertBalanced(jdbc, p.id());
            }
            assertThat(report.body().get("licenses").get("assigned").asInt()).as("the apply gave seats by the rules").isPositive();
        } finally {
            threads.shutdownNow();
        }
    }

    private void saveRules(Fixtures.Pool pool, Object... rules) {
        var r = http.send("PUT", "/api/v1/license-pools/" + pool.id() + "/auto-assign", Fixtures.ADMIN, map("rules", List.of(rules)));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    private Http.Response upload(Map<String, byte[]> files) {
        var r = Uploads.multipart(port, "/api/v1/districts/" + d.id() + "/imports?dryRun=false", Fixtures.ADMIN, files);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r;
    }

    private List<String> idsOf(String... sourcedIds) {
        return jdbc.sql("select id::text from users where district_id = ? and sourced_id = any(?)").param(UUID.fromString(d.id()))
                .param(sourcedIds).query(String.class).list();
    }

    /** A OneRoster 1.1 bulk set of one school with students st1..stN and teachers te1..teM. */
    private static Map<String, byte[]> students(int students, int teachers) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("manifest.csv", """
                propertyName,value
                manifest.version,1.0
                oneroster.version,1.1
                file.academicSessions,absent
                file.orgs,bulk
                file.courses,absent
                file.classes,absent
                file.users,bulk
                file.enrollments,absent
                file.demographics,absent
                """);
        files.put("orgs.csv", """
                sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId
                d1,active,2024-01-01T00:00:00Z,Uploaded District,district,,
                s1,active,2024-01-01T00:00:00Z,Uploaded Elementary,school,,d1
                """);
        StringBuilder users = new StringBuilder("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
                + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n");
        for (int i = 1; i <= students; i++) {
            users.append("st").append(i).append(",active,2024-01-01,true,s1,student,st").append(i).append(",,Sam,Student").append(i)
                    .append(",,,,,,,03,\n");
        }
        for (int i = 1; i <= teachers; i++) {
            users.append("te").append(i).append(",active,2024-01-01,true,s1,teacher,te").append(i).append(",,Tess,Teacher").append(i)
                    .append(",,,te").append(i).append("@example.org,,,,,\n");
        }
        files.put("users.csv", users.toString());
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return bytes;
    }
}
