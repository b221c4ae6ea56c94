package com.seatkeeper.console.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's API tokens page over real HTTP: a district admin creates a token (shown once, stored hashed), it works on
 * the API, is listed with who created it, and stops working once revoked after confirmation. Other roles, other districts'
 * tokens and forms without a CSRF token are refused with nothing changed.
 */
@ApiTest
class ConsoleTokensTest {
    static final String PW = "tokens-pw-123";
    private static final Pattern SECRET = Pattern.compile("id=\"secret\"[^>]*value=\"(sk_[A-Za-z0-9_-]+)\"|value=\"(sk_[A-Za-z0-9_-]+)\"[^>]*id=\"secret\"");
    private static final Pattern TOKEN_ROW = Pattern.compile("id=\"token-([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    private ConsoleClient signedIn(Http http, String userId) {
        accounts.ensurePersonAccount(UserId.of(userId), PW);
        return ConsoleClient.signedIn(port, http.get("/api/v1/users/" + userId, Fixtures.ADMIN).text("email"), PW);
    }

    private long tokens() {
        return jdbc.sql("select count(*) from api_tokens").query(Long.class).single();
    }

    @Test
    void aDistrictAdminCreatesATokenShownOnceThatWorksOnTheApiUntilRevoked() {
        var http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        var admin = signedIn(http, fx.aDistrictAdmin(d));

        var page = admin.get("/tokens");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.body()).contains("no API tokens yet").contains("href=\"/tokens\"");

        var created = admin.post("/tokens", Map.of("name", "  SIS nightly export "));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        String secret = secretIn(created.body());
        assertThat(created.body()).contains("shown only this once").contains("Bearer " + secret);
        byte[] stored = jdbc.sql("select token_hash from api_tokens where name = 'SIS nightly export'").query(byte[].class).single();
        assertThat(stored).as("stored as its SHA-256 hash, not the secret").hasSize(32);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);

        // it acts as the district admin on the API
        assertThat(http.get("/api/v1/districts/" + d.id() + "/license-pools", secret).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/districts", secret).body().size()).isEqualTo(1);

        // listed with its creator, without its secret, on a later visit
        var list = admin.get("/tokens").body();
        assertThat(list).contains("SIS nightly export").contains("Active").doesNotContain(secret);
        String tokenId = firstTokenId(list);
        String adminEmail = jdbc.sql("select created_by from api_tokens where id = ?::uuid").param(tokenId).query(String.class).single();
        assertThat(list).contains(adminEmail);

        var confirm = admin.get("/tokens/" + tokenId + "/revoke");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("Revoke “SIS nightly export”?").contains("stop working at once");
        assertThat(http.get("/api/v1/districts", secret).status()).as("asking for confirmation revokes nothing").isEqualTo(200);

        var revoked = admin.post("/tokens/" + tokenId + "/revoke", Map.of());
        assertThat(revoked.status()).isEqualTo(302);
        assertThat(revoked.location()).endsWith("/tokens");
        assertThat(admin.get("/tokens").body()).contains("Revoked “SIS nightly export”").containsPattern("Revoked [A-Z][a-z]{2} [0-9]{1,2}, 20[0-9]{2}");
        assertThat(http.get("/api/v1/districts", secret).status()).as("a revoked token stops working").isEqualTo(401);
    }

    @Test
    void aTokenNeedsANameAndAnInvalidNameCreatesNothing() {
        var http = new Http(port);
        var fx = new Fixtures(http);
        var admin = signedIn(http, fx.aDistrictAdmin(fx.aDistrict()));
        long before = tokens();

        var blank = admin.post("/tokens", Map.of("name", "   "));
        assertThat(blank.status()).as("the page again, with the message next to the field").isEqualTo(200);
        assertThat(blank.body()).contains("id=\"name-error\"").contains("Nothing was changed").doesNotContain("id=\"secret\"");
        var control = admin.post("/tokens", Map.of("name", "bad\u0000name"));
        assertThat(control.status()).isEqualTo(200);
        assertThat(control.body()).contains("id=\"name-error\"").doesNotContain("id=\"secret\"");
        assertThat(tokens()).isEqualTo(before);
    }

    @Test
    void anotherDistrictsTokenIsNotFoundAndOtherRolesAreNotAllowed() {
        var http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        var admin = signedIn(http, fx.aDistrictAdmin(d));
        String secret = secretIn(admin.post("/tokens", Map.of("name", "Integration")).body());
        String tokenId = firstTokenId(admin.get("/tokens").body());

        var outsider = signedIn(http, fx.aDistrictAdmin(fx.aDistrict()));
        assertThat(outsider.get("/tokens").body()).doesNotContain("Integration");
        assertThat(outsider.get("/tokens/" + tokenId + "/revoke").status()).isEqualTo(404);
        var probe = outsider.post("/tokens/" + tokenId + "/revoke", Map.of());
        assertThat(probe.status()).isEqualTo(404);
        assertThat(probe.body()).contains("does not exist or is not visible to you");

        for (String role : new String[] {"TEACHER", "SCHOOL_ADMIN"}) {
            var someone = signedIn(http, fx.aPerson(d, role));
            var refused = someone.get("/tokens");
            assertThat(refused.status()).as(role).isEqualTo(403);
            assertThat(refused.body()).contains("Not allowed").doesNotContain("Integration");
            assertThat(someone.post("/tokens/" + tokenId + "/revoke", Map.of()).status()).as(role).isEqualTo(403);
            assertThat(someone.post("/tokens", Map.of("name", "mine")).status()).as(role).isEqualTo(403);
            assertThat(someone.get("/classes").body()).as(role + ": no nav link").doesNotContain("href=\"/tokens\"");
        }
        assertThat(ConsoleClient.anonymous(port).get("/tokens").redirectsToLogin()).isTrue();

        // without the CSRF token nothing is created or revoked
        long before = tokens();
        assertThat(admin.postWithoutCsrf("/tokens", Map.of("name", "forged")).status()).isEqualTo(403);
        assertThat(admin.postWithoutCsrf("/tokens/" + tokenId + "/revoke", Map.of()).status()).isEqualTo(403);
        assertThat(tokens()).isEqualTo(before);
        assertThat(http.get("/api/v1/districts", secret).status()).as("still valid after the refusals").isEqualTo(200);
    }

    private static String secretIn(String html) {
        Matcher m = SECRET.matcher(html);
        assertThat(m.find()).as("the new token's secret on the page: " + html).isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static String firstTokenId(String html) {
        Matcher m = TOKEN_ROW.matcher(html);
        assertThat(m.find()).as("a token row").isTrue();
        return m.group(1);
    }
}
