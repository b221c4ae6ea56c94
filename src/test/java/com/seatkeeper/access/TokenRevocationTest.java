package com.seatkeeper.access;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API tokens can be listed (never their secrets) and revoked by the administrators of their district; none is issued for
 * a student or an inactive person.
 */
@ApiTest
class TokenRevocationTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Http http;
    Fixtures fx;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
    }

    @Test
    void aDistrictAdminRevokesATeachersTokenAndItStopsWorkingAtOnce() {
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdminTokenOf(d);
        String teacher = fx.aTeacher(d);
        var issued = http.post("/api/v1/api-tokens", admin, map("userId", teacher, "name", "reading app"));
        assertThat(issued.status()).isEqualTo(201);
        String tokenId = issued.text("id");
        String secret = issued.text("token");
        var kept = http.post("/api/v1/api-tokens", admin, map("userId", teacher, "name", "other app"));
        assertThat(http.get("/api/v1/users/" + teacher, secret).status()).isEqualTo(200);

        var listed = http.get("/api/v1/users/" + teacher + "/api-tokens", admin);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().size()).isEqualTo(2);
        assertThat(listed.raw()).contains(tokenId).contains("reading app").doesNotContain(secret).doesNotContain(kept.text("token"));

        assertThat(http.delete("/api/v1/api-tokens/" + tokenId, admin).status()).isEqualTo(204);
        var refused = http.get("/api/v1/users/" + teacher, secret);
        assertThat(refused.status()).as("the revoked token, on the very next request").isEqualTo(401);
        assertThat(refused.text("code")).isEqualTo("unauthorized");
        assertThat(http.get("/api/v1/users/" + teacher, kept.text("token")).status()).as("the other token").isEqualTo(200);

        // revoking again changes nothing; the list says which one is revoked
        assertThat(http.delete("/api/v1/api-tokens/" + tokenId, admin).status()).isEqualTo(204);
        var after = http.get("/api/v1/users/" + teacher + "/api-tokens", admin).body();
        for (var t : after) {
            assertThat(t.get("revoked").asBoolean()).as(t.toString()).isEqualTo(t.get("id").asString().equals(tokenId));
        }
    }

    @Test
    void nobodyElseMayListOrRevokeAToken() {
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        var issued = http.post("/api/v1/api-tokens", ADMIN, map("userId", teacher, "name", "app"));
        String tokenId = issued.text("id");
        String secret = issued.text("token");
        String adminOfOther = fx.aDistrictAdminTokenOf(fx.aDistrict());
        String otherTeacher = fx.tokenFor(fx.aTeacher(d));

        var foreignRevoke = http.delete("/api/v1/api-tokens/" + tokenId, adminOfOther);
        assertThat(foreignRevoke.status()).as("another district's admin").isEqualTo(404);
        assertThat(foreignRevoke.text("code")).isEqualTo("not_found");
        assertThat(http.get("/api/v1/users/" + teacher + "/api-tokens", adminOfOther).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/api-tokens/" + tokenId, otherTeacher).status()).as("a teacher").isEqualTo(403);
        assertThat(http.get("/api/v1/users/" + teacher + "/api-tokens", otherTeacher).status()).isEqualTo(403);
        assertThat(http.delete("/api/v1/api-tokens/" + UUID.randomUUID(), ADMIN).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/api-tokens/not-an-id", ADMIN).status()).isEqualTo(404);

        assertThat(http.get("/api/v1/users/" + teacher, secret).status()).as("the token still works").isEqualTo(200);
        assertThat(http.delete("/api/v1/api-tokens/" + tokenId, ADMIN).status()).as("the vendor admin may").isEqualTo(204);
        assertThat(http.get("/api/v1/users/" + teacher, secret).status()).isEqualTo(401);
    }

    @Test
    void noTokenActsAsAStudentOrAnInactivePersonAndARefusalIssuesNothing() {
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdminTokenOf(d);
        String student = fx.aStudent(d);
        String teacher = fx.aTeacher(d);
        assertThat(http.post("/api/v1/users/" + teacher + "/deactivate", admin, null).status()).isEqualTo(200);
        DbState before = DbState.of(jdbc);

        var forStudent = http.post("/api/v1/api-tokens", admin, map("userId", student, "name", "app"));
        assertThat(forStudent.status()).isEqualTo(422);
        assertThat(forStudent.text("code")).isEqualTo("student_no_token");
        assertThat(forStudent.text("detail")).contains("students do not use the API");
        var forInactive = http.post("/api/v1/api-tokens", ADMIN, map("userId", teacher, "name", "app"));
        assertThat(forInactive.status()).isEqualTo(409);
        assertThat(forInactive.text("code")).isEqualTo("person_inactive");
        assertThat(forInactive.text("detail")).contains("Reactivate them first");
        assertThat(DbState.of(jdbc)).as("nothing issued").isEqualTo(before);
        assertThat(http.get("/api/v1/users/" + teacher + "/api-tokens", admin).body().size()).isZero();

        assertThat(http.post("/api/v1/users/" + teacher + "/reactivate", admin, null).status()).isEqualTo(200);
        var issued = http.post("/api/v1/api-tokens", admin, map("userId", teacher, "name", "app"));
        assertThat(issued.status()).as("reactivated").isEqualTo(201);
        assertThat(http.get("/api/v1/users/" + teacher, issued.text("token")).status()).isEqualTo(200);
    }

    @Test
    void aTokenOfSomeoneMadeAStudentIsRefusedSayingWhy() {
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String token = fx.tokenFor(teacher);
        assertThat(http.get("/api/v1/districts/" + d.id(), token).status()).isEqualTo(200);

        assertThat(http.send("PATCH", "/api/v1/users/" + teacher, ADMIN, map("role", "STUDENT")).status()).isEqualTo(200);

        var refused = http.get("/api/v1/districts/" + d.id(), token);
        assertThat(refused.status()).as("the very next request").isEqualTo(401);
        assertThat(refused.text("code")).isEqualTo("unauthorized");
        assertThat(refused.text("detail")).contains("now a student");
        assertThat(http.get("/api/v1/products", token).status()).isEqualTo(401);
        assertThat(http.send("PATCH", "/api/v1/users/" + teacher, ADMIN, map("role", "TEACHER")).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/districts/" + d.id(), token).status()).as("made a teacher again: the same rule, so it works")
                .isEqualTo(200);
    }

    @Test
    void deactivatingSomeoneRevokesTheirTokensSoReactivatingDoesNotBringThemBack() {
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String token = fx.tokenFor(teacher);
        assertThat(http.get("/api/v1/districts/" + d.id(), token).status()).isEqualTo(200);

        assertThat(http.post("/api/v1/users/" + teacher + "/deactivate", ADMIN, null).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/districts/" + d.id(), token).status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from api_tokens t join accounts a on a.id = t.account_id where a.user_id = ?::uuid and t.revoked_at is null")
                .param(teacher).query(Long.class).single()).isZero();
        var listed = http.get("/api/v1/users/" + teacher + "/api-tokens", ADMIN);
        assertThat(listed.body().get(0).get("revokedAt").isNull()).isFalse();

        assertThat(http.post("/api/v1/users/" + teacher + "/reactivate", ADMIN, null).status()).isEqualTo(200);
        var after = http.get("/api/v1/districts/" + d.id(), token);
        assertThat(after.status()).as("reactivation brings no token back").isEqualTo(401);
        assertThat(after.text("detail")).contains("Send a valid API token");
    }

    @Test
    void aTokenRefusedOnUseSaysWhyEvenWhenItsPersonIsDeactivatedBehindTheApi() {
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String token = fx.tokenFor(teacher);
        // marked inactive in the database without the deactivation event, so the token is not revoked: refused by the rule on use
        jdbc.sql("update users set status = 'INACTIVE' where id = ?::uuid").param(teacher).update();
        var refused = http.get("/api/v1/districts/" + d.id(), token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("detail")).contains("deactivated");
    }
}
