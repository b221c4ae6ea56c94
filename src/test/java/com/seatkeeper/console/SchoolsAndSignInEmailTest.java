package com.seatkeeper.console;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.TestMail;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ApiTest
class SchoolsAndSignInEmailTest {
    static final String PW = "school-pw-123";
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    private String signInEmailOf(Http http, String userId) {
        accounts.ensurePersonAccount(UserId.of(userId), PW);
        return new Fixtures(http).emailOf(userId);
    }

    private String status(String schoolId) {
        return jdbc.sql("select status from schools where id = ?::uuid").param(schoolId).query(String.class).single();
    }

    @Test
    void aSchoolWithActivePeopleIsNotDeactivatedAndAnEmptyOneTakesNoNewPeopleUntilReactivated() {
        var http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d); // an active person at d's first school
        String empty = fx.aSchool(d);
        var admin = ConsoleClient.signedIn(port, signInEmailOf(http, fx.aDistrictAdmin(d)), PW);

        var refused = admin.post("/schools/" + d.schoolId() + "/deactivate", Map.of());
        assertThat(refused.status()).isEqualTo(302);
        assertThat(admin.get("/schools").body()).contains("Nothing was changed").contains("still has 2 active people"); // the teacher and the admin
        assertThat(status(d.schoolId())).isEqualTo("ACTIVE");

        admin.post("/schools/" + empty + "/deactivate", Map.of());
        assertThat(status(empty)).isEqualTo("INACTIVE");
        assertThat(admin.get("/schools").body()).contains("is deactivated").contains("Inactive");
        var intoClosed = http.post("/api/v1/districts/" + d.id() + "/users", Fixtures.ADMIN,
                map("givenName", "New", "familyName", "Kid", "role", "STUDENT", "schoolIds", List.of(empty)));
        assertThat(intoClosed.status()).isEqualTo(422);
        assertThat(intoClosed.text("code")).isEqualTo("unknown_school");

        // a teacher may not; another district's admin does not even see the school
        var teacherClient = ConsoleClient.signedIn(port, signInEmailOf(http, teacher), PW);
        assertThat(teacherClient.post("/schools/" + empty + "/reactivate", Map.of()).status()).isEqualTo(403);
        var other = fx.aDistrict();
        var outsider = ConsoleClient.signedIn(port, signInEmailOf(http, fx.aDistrictAdmin(other)), PW);
        assertThat(outsider.post("/schools/" + empty + "/reactivate", Map.of()).status()).isEqualTo(404);
        assertThat(status(empty)).isEqualTo("INACTIVE");

        admin.post("/schools/" + empty + "/reactivate", Map.of());
        assertThat(status(empty)).isEqualTo("ACTIVE");
        assertThat(http.post("/api/v1/districts/" + d.id() + "/users", Fixtures.ADMIN,
                map("givenName", "New", "familyName", "Kid", "role", "STUDENT", "schoolIds", List.of(empty))).status()).isEqualTo(201);
    }

    @Test
    void changingAPersonsEmailHandsTheirSignInToTheNewEmail() {
        var http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String oldEmail = signInEmailOf(http, teacher);
        var admin = ConsoleClient.signedIn(port, signInEmailOf(http, fx.aDistrictAdmin(d)), PW);

        String newEmail = "renamed." + oldEmail;
        var saved = admin.post("/people/" + teacher, Map.of("givenName", "Terry", "familyName", "Moved", "email", newEmail,
                "role", "TEACHER", "schoolIds", d.schoolId()));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(http.get("/api/v1/users/" + teacher, Fixtures.ADMIN).text("email")).isEqualTo(newEmail);

        // the account now belongs to whoever reads the new address: the old password no longer signs in with either email
        assertThat(ConsoleClient.anonymous(port).signIn(oldEmail, PW).location()).contains("/login?error");
        assertThat(ConsoleClient.anonymous(port).signIn(newEmail, PW).location()).contains("/login?error");
        String link = TestMail.linkPath(TestMail.await(newEmail));
        String secret = link.substring(link.indexOf('=') + 1);
        String fresh = "a-new-school-phrase-2026";
        assertThat(ConsoleClient.anonymous(port).post("/account/password", Map.of("token", secret, "password", fresh,
                "confirmation", fresh)).location()).contains("/login?passwordSet");
        assertThat(ConsoleClient.anonymous(port).signIn(newEmail, fresh).location()).doesNotContain("/login");

        // a deactivated person cannot sign in any more
        assertThat(http.post("/api/v1/users/" + teacher + "/deactivate", Fixtures.ADMIN, null).status()).isEqualTo(200);
        assertThat(ConsoleClient.anonymous(port).signIn(newEmail, fresh).location()).contains("/login?error");
    }
}
