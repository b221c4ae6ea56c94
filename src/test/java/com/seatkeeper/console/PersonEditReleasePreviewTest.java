package com.seatkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's person edit form: a change that would release licenses is shown first ("This change
 * releases 2 licenses: …") with Confirm and Cancel, changes nothing until confirmed, and confirming
 * releases exactly what was shown.
 */
@ApiTest
class PersonEditReleasePreviewTest {
    static final String PW = "person-edit-pw-123";
    private static final Pattern RELEASE_FIELD = Pattern.compile("name=\"releasePoolIds\"\\s+value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aRoleChangeThatReleasesLicensesIsShownFirstAndSavedOnlyWhenConfirmed() {
        var http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        var first = fx.anEducatorPool(d, 2);
        var second = fx.anEducatorPool(d, 2);
        String teacher = fx.aTeacher(d);
        assertThat(fx.assign(first, teacher).status()).isEqualTo(201);
        assertThat(fx.assign(second, teacher).status()).isEqualTo(201);
        var admin = ConsoleClient.signedIn(port, signInEmailOf(http, fx.aDistrictAdmin(d)), PW);
        var person = http.get("/api/v1/users/" + teacher, Fixtures.ADMIN);
        Map<String, Object> asStudent = new LinkedHashMap<>(Map.of("givenName", person.text("givenName"), "familyName",
                person.text("familyName"), "email", person.text("email"), "role", "STUDENT", "schoolIds", List.of(d.schoolId())));
        DbState before = DbState.ofDistrict(jdbc, d.id());

        var preview = admin.post("/people/" + teacher, asStudent);

        assertThat(preview.status()).as("the form again, with the confirmation").isEqualTo(200);
        String firstName = fx.pool(first).text("productName");
        assertThat(preview.body()).contains("This change releases 2 licenses:")
                .contains(firstName + " (educator) — role changed from TEACHER to STUDENT")
                .contains("id=\"confirm-release\"").contains("id=\"cancel-release\"");
        assertThat(DbState.ofDistrict(jdbc, d.id())).as("nothing saved or released before confirming").isEqualTo(before);
        List<String> shown = releaseFields(preview.body());
        assertThat(shown).containsExactlyInAnyOrder(first.id(), second.id());

        // a confirmation of fewer licenses than the change releases saves nothing and asks again
        Map<String, Object> partial = new LinkedHashMap<>(asStudent);
        partial.put("releasePoolIds", List.of(first.id()));
        var stale = admin.post("/people/" + teacher, partial);
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.body()).contains("This change releases 2 licenses:");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);

        Map<String, Object> confirmed = new LinkedHashMap<>(asStudent);
        confirmed.put("releasePoolIds", shown);
        var saved = admin.post("/people/" + teacher, confirmed);

        assertThat(saved.status()).isEqualTo(302);
        assertThat(admin.get("/people/" + teacher + "/edit").body()).contains("2 licenses were released")
                .contains(firstName + " (educator) — role changed from TEACHER to STUDENT");
        assertThat(http.get("/api/v1/users/" + teacher, Fixtures.ADMIN).text("role")).isEqualTo("STUDENT");
        assertThat(http.get("/api/v1/users/" + teacher + "/licenses", Fixtures.ADMIN).body().size()).isZero();
        assertThat(fx.available(first)).isEqualTo(2);
        assertThat(fx.available(second)).isEqualTo(2);
    }

    @Test
    void aChangeThatReleasesNothingIsSavedAtOnce() {
        var http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        var educators = fx.anEducatorPool(d, 2);
        String teacher = fx.aTeacher(d);
        assertThat(fx.assign(educators, teacher).status()).isEqualTo(201);
        var admin = ConsoleClient.signedIn(port, signInEmailOf(http, fx.aDistrictAdmin(d)), PW);
        var person = http.get("/api/v1/users/" + teacher, Fixtures.ADMIN);

        var saved = admin.post("/people/" + teacher, Map.of("givenName", "Renamed", "familyName", person.text("familyName"),
                "email", person.text("email"), "role", "STAFF", "schoolIds", List.of(d.schoolId())));

        assertThat(saved.status()).isEqualTo(302);
        assertThat(admin.get("/people/" + teacher + "/edit").body()).contains("Saved.").doesNotContain("released");
        assertThat(http.get("/api/v1/users/" + teacher, Fixtures.ADMIN).text("role")).isEqualTo("STAFF");
        assertThat(fx.holderIds(educators)).containsExactly(teacher);
    }

    private String signInEmailOf(Http http, String userId) {
        accounts.ensurePersonAccount(UserId.of(userId), PW);
        return http.get("/api/v1/users/" + userId, Fixtures.ADMIN).text("email");
    }

    private static List<String> releaseFields(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = RELEASE_FIELD.matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
