package com.seatkeeper.console.rostering;

import static com.seatkeeper.support.Http.map;
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
 * The Rostering page over real HTTP with real sign-ins: who may see and use it (a role × action table; teachers and
 * school admins get no link and the 403 page), CSRF, escaped output, the warning a manual district must acknowledge
 * before it is connected, refusals next to their field with nothing changed, and a token never sent back to the browser.
 * The journey against the Clever stand-in is {@code RosteringSyncTest} and {@code RosteringJourneyBrowserTest}.
 */
@ApiTest
class ConsoleRosteringTest {
    static final String PW = "rostering-pw-123";
    static final String XSS = "<script>alert(1)</script>";
    /** A token that must never come back in any page. */
    static final String TOKEN = "sk-console-test-token-" + UUID.randomUUID();

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

    ConsoleClient vendor() {
        String email = "vendor-" + UUID.randomUUID() + "@example.test";
        accounts.ensureVendorAccount(email, PW);
        return ConsoleClient.signedIn(port, email, PW);
    }

    String source(String districtId) {
        return jdbc.sql("select rostering_source from districts where id = ?::uuid").param(districtId).query(String.class).single();
    }

    /** The fields of a Clever connection as the form posts them. */
    static Map<String, Object> clever(String baseUrl, String token, String nightlyAt, boolean understood) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("baseUrl", baseUrl);
        form.put("districtToken", token);
        form.put("apiVersion", "3.0");
        form.put("nightlyAt", nightlyAt);
        if (understood) {
            form.put("understood", "true");
        }
        return form;
    }

    @Test
    void everyRoleAgainstThePageAndItsActions() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var other = fx.aDistrict();
        Map<String, ConsoleClient> as = new LinkedHashMap<>();
        as.put("vendor", vendor());
        as.put("districtAdmin", signedIn(fx, fx.aDistrictAdmin(d)));
        as.put("schoolAdmin", signedIn(fx, fx.aPerson(d, "SCHOOL_ADMIN")));
        as.put("teacher", signedIn(fx, fx.aTeacher(d)));
        as.put("otherDistrictAdmin", signedIn(fx, fx.aDistrictAdmin(other)));
        as.put("anonymous", ConsoleClient.anonymous(port));
        String q = "?district=" + d.id(); // another district's admin: 404, never their own district in its place
        record Call(String method, String path, String expected) {}
        List<Call> table = List.of(
                //                                                             vendor DA  SA  T   OD  anon
                new Call("GET", "/console/rostering", "                        200 200 403 403 200 302"),
                new Call("GET", "/console/rostering" + q, "                    200 200 403 403 404 302"),
                new Call("POST", "/console/rostering" + q, "                   200 200 403 403 404 302"),
                new Call("POST", "/console/rostering/test" + q, "              200 200 403 403 404 302"),
                new Call("POST", "/console/rostering/sync" + q, "              200 200 403 403 404 302"),
                new Call("GET", "/console/rostering?district=not-an-id", "     404 404 404 404 404 302"),
                new Call("GET", "/console/rostering?district=" + UUID.randomUUID(), "404 404 404 404 404 302"));
        DbState before = DbState.of(jdbc);
        SoftAssertions soft = new SoftAssertions();
        List<String> roles = List.copyOf(as.keySet());
        for (Call call : table) {
            String[] expected = call.expected().trim().split("\\s+");
            for (int i = 0; i < roles.size(); i++) {
                ConsoleClient c = as.get(roles.get(i));
                var r = call.method().equals("GET") ? c.get(call.path())
                        : c.post(call.path(), clever("https://api.clever.com", "", "02:00", false));
                soft.assertThat(String.valueOf(r.status())).as("%s %s as %s: %s", call.method(), call.path(), roles.get(i), r)
                        .isEqualTo(expected[i]);
                if (r.status() == 403 || r.status() == 404) {
                    soft.assertThat(r.body()).as("the designed page, %s %s as %s", call.method(), call.path(), roles.get(i))
                            .contains("<main").doesNotContain("Whitelabel").doesNotContain("Exception");
                }
            }
        }
        soft.assertAll();
        assertThat(DbState.of(jdbc)).as("no call changed anything (no acknowledgement, no token)").isEqualTo(before);
        assertThat(source(d.id())).isEqualTo("MANUAL");

        assertThat(as.get("districtAdmin").get("/licenses").body()).as("district admins find the page in the navigation")
                .contains("href=\"/console/rostering\"");
        assertThat(as.get("teacher").get("/classes").body()).as("a teacher gets no Rostering link").doesNotContain("/console/rostering");
        assertThat(as.get("schoolAdmin").get("/licenses").body()).as("nor a school admin").doesNotContain("/console/rostering");
        assertThat(as.get("vendor").get("/vendor/districts/" + d.id()).body()).as("the vendor's district page links it")
                .contains("/console/rostering?district=" + d.id());
        assertThat(as.get("vendor").get("/console/rostering").body()).as("the vendor admin chooses a district first")
                .contains("id=\"choose-district\"");
    }

    @Test
    void aManualDistrictIsWarnedFirstAndNothingChangesUntilTheWarningIsAcknowledged() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        var page = admin.get("/console/rostering");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"source-manual\"").contains("id=\"manual-warning\"").contains("read-only here")
                .contains("with the same email are adopted").contains("value=\"https://api.clever.com\"").contains("id=\"understood\"")
                .contains("America/New_York (Eastern Time)").doesNotContain("id=\"sync\"").doesNotContain("id=\"test\"");
        DbState before = DbState.ofDistrict(jdbc, d.id());

        var refused = admin.post("/console/rostering", clever("https://api.clever.com", TOKEN, "02:00", false));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"understood-error\"").contains("Nothing was changed").doesNotContain(TOKEN);
        assertThat(source(d.id())).isEqualTo("MANUAL");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);

        var saved = admin.post("/console/rostering", clever("https://api.clever.com", TOKEN, "03:30", true));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(302);
        assertThat(saved.location()).endsWith("/console/rostering");
        assertThat(source(d.id())).isEqualTo("CLEVER");
        var after = admin.get("/console/rostering");
        assertThat(after.body()).contains("id=\"done\"").contains("now connected to Clever").contains("id=\"source-connected\"")
                .contains("A token is stored; leave this empty to keep it.").contains("value=\"03:30\"").contains("id=\"next-nightly\"")
                .contains("3:30 AM E").contains("id=\"sync\"").contains("id=\"test\"").doesNotContain("id=\"manual-warning\"")
                .doesNotContain(TOKEN);
        assertThat(after.body()).as("the token field is never filled").containsPattern("id=\"districtToken\" type=\"password\" name=\"districtToken\" value=\"\"");

        var onlyTheTime = admin.post("/console/rostering", clever("https://api.clever.com", "", "04:15", false));
        assertThat(onlyTheTime.status()).as("changing only the time keeps the token: %s", onlyTheTime).isEqualTo(302);
        assertThat(admin.get("/console/rostering").body()).contains("value=\"04:15\"").contains("stored (never shown)");
    }

    @Test
    void refusalsComeBackNextToTheirFieldEscapedWithNothingChangedAndNoToken() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        DbState before = DbState.ofDistrict(jdbc, d.id());

        var badUrl = admin.post("/console/rostering", clever("ftp://api.clever.com", TOKEN, "02:00", true));
        assertThat(badUrl.status()).isEqualTo(200);
        assertThat(badUrl.body()).contains("id=\"baseUrl-error\"").contains("Nothing was changed").contains("value=\"ftp://api.clever.com\"")
                .doesNotContain(TOKEN);

        var badTime = admin.post("/console/rostering", clever("https://api.clever.com", TOKEN, XSS, true));
        assertThat(badTime.body()).contains("id=\"nightlyAt-error\"").doesNotContain(XSS).doesNotContain(TOKEN).contains("&lt;script&gt;");

        var noToken = admin.post("/console/rostering", clever("https://api.clever.com", "", "02:00", true));
        assertThat(noToken.body()).as("the first connection needs a token").contains("id=\"districtToken-error\"");

        var badVersion = admin.post("/console/rostering", Map.of("baseUrl", "https://api.clever.com", "districtToken", TOKEN,
                "apiVersion", "9.9", "nightlyAt", "02:00", "understood", "true"));
        assertThat(badVersion.body()).contains("id=\"apiVersion-error\"").doesNotContain(TOKEN);

        var notConnected = admin.post("/console/rostering/sync", Map.of());
        assertThat(notConnected.status()).isEqualTo(200);
        assertThat(notConnected.body()).as("a manual district has nothing to sync").contains("id=\"refusal\"").contains("Connect Clever or ClassLink first");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        assertThat(source(d.id())).isEqualTo("MANUAL");
    }

    @Test
    void everyWrongFieldOfBothFormsIsMarkedAtOnceWithNothingChanged() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        DbState before = DbState.ofDistrict(jdbc, d.id());

        // a token that is not one, a time that is not one and the box not ticked: all three next to their fields
        var clever = admin.post("/console/rostering", clever("https://api.clever.com", "bad token", "25:00", false));
        assertThat(clever.status()).isEqualTo(200);
        assertThat(clever.body()).contains("id=\"districtToken-error\"").contains("id=\"nightlyAt-error\"")
                .contains("id=\"understood-error\"").contains("District token, Nightly sync at").doesNotContain("bad token");
        var ticked = admin.post("/console/rostering", clever("ftp://api.clever.com", "bad token", "25:00", true));
        assertThat(ticked.body()).contains("id=\"baseUrl-error\"").contains("id=\"districtToken-error\"")
                .contains("id=\"nightlyAt-error\"").doesNotContain("id=\"understood-error\"");

        Map<String, Object> classLink = new LinkedHashMap<>();
        classLink.put("baseUrl", "ftp://sis.example.org/ims/oneroster/v1p2");
        classLink.put("version", "2.0");
        classLink.put("auth", "OAUTH2");
        classLink.put("clientId", "");
        classLink.put("clientSecret", "bad secret");
        classLink.put("tokenUrl", "");
        classLink.put("nightlyAt", "7pm");
        classLink.put("understood", "true");
        var oneRoster = admin.post("/console/rostering/classlink", classLink);
        assertThat(oneRoster.status()).isEqualTo(200);
        for (String field : List.of("baseUrl", "version", "clientId", "tokenUrl", "clientSecret", "nightlyAt")) {
            assertThat(oneRoster.body()).as(field).contains("id=\"cl-" + field + "-error\"");
        }
        assertThat(oneRoster.body()).doesNotContain("bad secret");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        assertThat(source(d.id())).isEqualTo("MANUAL");
    }

    @Test
    void formsWithoutCsrfAreRefusedAndNamesAreEscaped() {
        var fx = new Fixtures(new Http(port));
        var created = fx.http.post("/api/v1/districts", Fixtures.ADMIN, map("name", "Rostering " + XSS, "rosteringSource", "MANUAL",
                "timezone", "America/Chicago"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String districtId = created.text("id");
        String school = fx.http.post("/api/v1/districts/" + districtId + "/schools", Fixtures.ADMIN, map("name", "School " + XSS)).text("id");
        var d = new Fixtures.District(districtId, school);
        var admin = signedIn(fx, fx.aDistrictAdmin(d));

        var page = admin.get("/console/rostering");
        assertThat(page.body()).doesNotContain(XSS).contains("Rostering &lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("America/Chicago (Central Time)");
        for (String path : List.of("/console/rostering", "/console/rostering/test", "/console/rostering/sync")) {
            var r = admin.postWithoutCsrf(path, clever("https://api.clever.com", TOKEN, "02:00", true));
            assertThat(r.status()).as("%s without CSRF: %s", path, r).isEqualTo(403);
            assertThat(r.body()).doesNotContain(TOKEN);
        }
        assertThat(source(districtId)).isEqualTo("MANUAL");
    }
}
