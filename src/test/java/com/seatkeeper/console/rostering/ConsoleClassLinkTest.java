package com.seatkeeper.console.rostering;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Connect ClassLink form of the Rostering page over real HTTP with real sign-ins: who may post it (a role table),
 * CSRF, the manual district's acknowledgement, refusals next to their field (escaped, nothing changed), the client secret
 * never sent back, and a saved connection shown without its secret. The journey against the stand-in is
 * {@code ClassLinkJourneyBrowserTest}.
 */
@ApiTest
class ConsoleClassLinkTest {
    static final String PW = "classlink-pw-123";
    static final String XSS = "<script>alert(1)</script>";
    static final String SECRET = "s/cr+t=&~" + UUID.randomUUID();

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    ConsoleClient signedIn(Fixtures fx, String userId) {
        accounts.ensurePersonAccount(UserId.of(userId), PW);
        return ConsoleClient.signedIn(port, fx.emailOf(userId), PW);
    }

    String source(String districtId) {
        return jdbc.sql("select rostering_source from districts where id = ?::uuid").param(districtId).query(String.class).single();
    }

    static Map<String, Object> classLink(String baseUrl, String auth, String secret, String tokenUrl, boolean understood) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("baseUrl", baseUrl);
        form.put("version", "OAUTH2".equals(auth) ? "1.2" : "1.1");
        form.put("auth", auth);
        form.put("clientId", "client-1");
        form.put("clientSecret", secret);
        form.put("tokenUrl", tokenUrl);
        form.put("nightlyAt", "02:00");
        if (understood) {
            form.put("understood", "true");
        }
        return form;
    }

    @Test
    void onlyDistrictAdminsAndTheVendorMayPostItAndAnotherDistrictIs404() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var other = fx.aDistrict();
        Map<String, ConsoleClient> as = new LinkedHashMap<>();
        as.put("districtAdmin", signedIn(fx, fx.aDistrictAdmin(d)));
        as.put("schoolAdmin", signedIn(fx, fx.aPerson(d, "SCHOOL_ADMIN")));
        as.put("teacher", signedIn(fx, fx.aTeacher(d)));
        as.put("otherDistrictAdmin", signedIn(fx, fx.aDistrictAdmin(other)));
        as.put("anonymous", ConsoleClient.anonymous(port));
        List<String> expected = List.of("200", "403", "403", "404", "302");
        Map<String, Object> form = classLink("https://sis.example.org/ims/oneroster/v1p1", "OAUTH1", SECRET, "", false);
        form.put("district", d.id());
        DbState before = DbState.of(jdbc);
        SoftAssertions soft = new SoftAssertions();
        int i = 0;
        for (Map.Entry<String, ConsoleClient> e : as.entrySet()) {
            var r = e.getValue().post("/console/rostering/classlink", form);
            soft.assertThat(String.valueOf(r.status())).as("%s: %s", e.getKey(), r).isEqualTo(expected.get(i++));
            soft.assertThat(r.body()).doesNotContain(SECRET).doesNotContain("Whitelabel");
        }
        soft.assertAll();
        assertThat(DbState.of(jdbc)).as("no acknowledgement: nothing changed").isEqualTo(before);
    }

    @Test
    void refusalsComeBackNextToTheirFieldAndTheSecretIsNeverSentBack() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        var page = admin.get("/console/rostering");
        assertThat(page.body()).contains("id=\"classlink-warning\"").contains("id=\"cl-baseUrl\"").contains("id=\"cl-tokenUrl\"")
                .doesNotContain("classlink-note");
        DbState before = DbState.ofDistrict(jdbc, d.id());

        var notAcknowledged = admin.post("/console/rostering/classlink", classLink("https://sis.example.org/ims/oneroster/v1p1", "OAUTH1",
                SECRET, "", false));
        var badUrl = admin.post("/console/rostering/classlink", classLink("ftp://sis.example.org/" + XSS, "OAUTH1", SECRET, "", true));
        var noTokenUrl = admin.post("/console/rostering/classlink", classLink("https://sis.example.org/ims/oneroster/rostering/v1p2",
                "OAUTH2", SECRET, "", true));
        var noSecret = admin.post("/console/rostering/classlink", classLink("https://sis.example.org/ims/oneroster/v1p1", "OAUTH1", "",
                "", true));
        var unusedTokenUrl = admin.post("/console/rostering/classlink", classLink("https://sis.example.org/ims/oneroster/v1p1", "OAUTH1",
                SECRET, "https://sis.example.org/token", true));
        var noCsrf = admin.postWithoutCsrf("/console/rostering/classlink", classLink("https://sis.example.org/ims/oneroster/v1p1",
                "OAUTH1", SECRET, "", true));

        assertThat(notAcknowledged.body()).contains("id=\"cl-understood-error\"").contains("Nothing was changed");
        assertThat(badUrl.body()).contains("id=\"cl-baseUrl-error\"").doesNotContain(XSS).contains("&lt;script&gt;");
        assertThat(noTokenUrl.body()).contains("id=\"cl-tokenUrl-error\"").contains("Token URL is required for OAuth 2.0").doesNotContain("oneRoster.");
        assertThat(noSecret.body()).contains("id=\"cl-clientSecret-error\"");
        assertThat(unusedTokenUrl.body()).contains("id=\"cl-tokenUrl-error\"", "Token URL is only for OAuth 2.0", "OAuth 1.0a signs each "
                + "request", "Leave “Token URL” empty, or set “Sign-in” to OAuth 2.0").doesNotContain("oneRoster.");
        assertThat(noCsrf.status()).isEqualTo(403);
        for (var r : List.of(notAcknowledged, badUrl, noTokenUrl, noSecret, unusedTokenUrl)) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).doesNotContain(SECRET).containsPattern("id=\"cl-clientSecret\" type=\"password\" name=\"clientSecret\" value=\"\"");
        }
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        assertThat(source(d.id())).isEqualTo("MANUAL");
    }

    @Test
    void aSavedConnectionIsShownWithoutItsSecretAndChangingTheTimeKeepsIt() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));

        var saved = admin.post("/console/rostering/classlink", classLink("https://sis.example.org/ims/oneroster/rostering/v1p2", "OAUTH2",
                SECRET, "https://sis.example.org/token", true));
        assertThat(saved.status()).as("%s", saved).isEqualTo(302);
        var after = admin.get("/console/rostering");
        var onlyTheTime = admin.post("/console/rostering/classlink", Map.of("baseUrl", "https://sis.example.org/ims/oneroster/rostering/v1p2",
                "version", "1.2", "auth", "OAUTH2", "clientId", "client-1", "clientSecret", "", "tokenUrl", "https://sis.example.org/token",
                "nightlyAt", "04:15"));

        assertThat(source(d.id())).isEqualTo("CLASSLINK");
        assertThat(after.body()).contains("now connected to ClassLink").contains("id=\"secret-state\">stored (never shown)")
                .contains("OAuth 2.0 client credentials").contains("A secret is stored; leave this empty to keep it.")
                .doesNotContain("id=\"connect-form\"").doesNotContain(SECRET);
        assertThat(onlyTheTime.status()).as("%s", onlyTheTime).isEqualTo(302);
        assertThat(admin.get("/console/rostering").body()).contains("value=\"04:15\"").contains("stored (never shown)");
    }

    /**
     * The console form keeps a stored secret only while nothing of where or how it is sent changes: a new token URL or
     * server with the secret left empty is refused next to the secret, in the form's words (its labels, never API field
     * names), with nothing changed; a URL with a space is refused next to its field, not "Something went wrong".
     */
    @Test
    void aStoredSecretIsNotKeptForANewTokenUrlAndRefusalsUseTheFormsLabels() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        String base = "https://sis.example.org/ims/oneroster/rostering/v1p2";
        assertThat(admin.post("/console/rostering/classlink", classLink(base, "OAUTH2", SECRET, "https://sso.example.org/token", true))
                .status()).isEqualTo(302);
        DbState before = DbState.ofDistrict(jdbc, d.id());
        String row = jdbc.sql("select r::text from rostering_connections r where district_id = ?::uuid").param(d.id()).query(String.class)
                .single();

        var newTokenUrl = admin.post("/console/rostering/classlink", classLink(base, "OAUTH2", "", "https://attacker.example/steal", false));
        var newServer = admin.post("/console/rostering/classlink", classLink("https://attacker.example/ims/oneroster/rostering/v1p2",
                "OAUTH2", "", "https://sso.example.org/token", false));
        var space = admin.post("/console/rostering/classlink", classLink("https://exa mple.com/x", "OAUTH2", "",
                "https://sso.example.org/token", false));

        for (var r : List.of(newTokenUrl, newServer, space)) {
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            assertThat(r.body()).contains("Nothing was changed").doesNotContain("oneRoster.").doesNotContain("Something went wrong")
                    .doesNotContain(SECRET);
        }
        assertThat(newTokenUrl.body()).contains("id=\"cl-clientSecret-error\"").contains("Client secret is required: “Token URL” changed")
                .contains("(Client secret)");
        assertThat(newServer.body()).contains("id=\"cl-clientSecret-error\"").contains("“OneRoster service address” changed");
        assertThat(space.body()).contains("id=\"cl-baseUrl-error\"").contains("OneRoster service address &#39;https://exa mple.com/x&#39; is not a URL");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        assertThat(jdbc.sql("select r::text from rostering_connections r where district_id = ?::uuid").param(d.id()).query(String.class)
                .single()).isEqualTo(row);
    }
}
