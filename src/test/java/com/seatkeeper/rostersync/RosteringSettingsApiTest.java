package com.seatkeeper.rostersync;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PUT/GET /api/v1/districts/{id}/rostering over real HTTP against the embedded PostgreSQL: connecting makes the district a
 * Clever district, the token is stored encrypted and never returned, changing only the nightly time keeps it, every wrong
 * field is refused naming it with nothing changed, and only district admins of the district and the vendor admin may.
 */
@ApiTest
class RosteringSettingsApiTest {
    static final String TOKEN = "DEMO-district-token-" + UUID.randomUUID().toString().replace("-", "");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Http http;
    Fixtures fx;
    Fixtures.District district;
    String districtAdmin;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        district = fx.aDistrict();
        districtAdmin = fx.tokenFor(fx.aDistrictAdmin(district));
    }

    String path() {
        return "/api/v1/districts/" + district.id() + "/rostering";
    }

    static Map<String, Object> clever(String baseUrl, String token, String nightlyAt) {
        Map<String, Object> block = new HashMap<>();
        block.put("baseUrl", baseUrl);
        block.put("districtToken", token);
        Map<String, Object> body = new HashMap<>();
        body.put("source", "CLEVER");
        body.put("clever", block);
        body.put("nightlyAt", nightlyAt);
        return body;
    }

    @Test
    void aDistrictAdminConnectsCleverAndTheDistrictsRosterComesFromClever() {
        var before = http.get(path(), districtAdmin);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.text("source")).isEqualTo("MANUAL");
        assertThat(before.body().get("clever").isNull()).isTrue();

        var r = http.send("PUT", path(), districtAdmin, clever(null, TOKEN, "01:30"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.text("source")).isEqualTo("CLEVER");
        assertThat(r.body().get("clever").get("baseUrl").asString()).isEqualTo("https://api.clever.com");
        assertThat(r.body().get("clever").get("apiVersion").asString()).isEqualTo("3.0");
        assertThat(r.body().get("clever").get("tokenStored").asBoolean()).isTrue();
        assertThat(r.text("nightlyAt")).isEqualTo("01:30");
        assertThat(r.text("timezone")).isEqualTo("America/New_York");
        assertThat(r.text("nextNightlyAt")).isNotBlank();
        assertThat(r.raw()).doesNotContain(TOKEN);

        assertThat(http.get("/api/v1/districts/" + district.id(), ADMIN).text("rosteringSource")).isEqualTo("CLEVER");
        var read = http.get(path(), districtAdmin);
        assertThat(read.raw()).doesNotContain(TOKEN).contains("\"tokenStored\":true");
        // the roster is read-only now
        assertThat(http.post("/api/v1/districts/" + district.id() + "/users", ADMIN, map("givenName", "A", "familyName", "B",
                "role", "STUDENT", "schoolIds", List.of(district.schoolId()))).text("code")).isEqualTo("roster_read_only");
    }

    @Test
    void theTokenIsStoredEncryptedAndChangingOnlyTheNightlyTimeKeepsIt() {
        assertThat(http.send("PUT", path(), districtAdmin, clever(null, TOKEN, null)).status()).isEqualTo(200);
        byte[] stored = storedToken();
        assertThat(stored).isNotNull();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
        assertThat(jdbc.sql("select position(convert_to(?, 'UTF8') in clever_token) from rostering_connections where district_id = ?")
                .params(TOKEN, UUID.fromString(district.id())).query(Integer.class).single()).isZero();

        var r = http.send("PUT", path(), districtAdmin, clever(null, null, "04:05"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.text("nightlyAt")).isEqualTo("04:05");
        assertThat(storedToken()).isEqualTo(stored);

        var again = http.send("PUT", path(), districtAdmin, clever(null, TOKEN + "x", null));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("nightlyAt")).as("nightlyAt left out keeps the stored one").isEqualTo("04:05");
        assertThat(storedToken()).isNotEqualTo(stored);
    }

    @Test
    void severalWrongFieldsAreRefusedTogetherInErrors() {
        Map<String, Object> db = state();
        var r = http.send("PUT", path(), districtAdmin, clever("ftp://clever.example", "bad " + TOKEN, "25:00"));
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("code")).isEqualTo("invalid_request");
        assertThat(r.body().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactly("clever.baseUrl", "clever.districtToken", "nightlyAt");
        assertThat(r.body().get("errors").valueStream().map(e -> e.get("message").asString()).toList()).allSatisfy(m -> assertThat(m).isNotBlank());
        assertThat(r.body().has("field")).as("no single field when there are several").isFalse();
        assertThat(r.text("detail")).contains("25:00").contains("ftp://clever.example");
        assertThat(r.raw()).doesNotContain(TOKEN);
        assertThat(state()).isEqualTo(db);

        var oneRoster = http.send("PUT", path(), districtAdmin, map("source", "CLASSLINK", "oneRoster", map("baseUrl", "not a url",
                "version", "3", "auth", "OAUTH2", "clientId", "id", "clientSecret", TOKEN), "nightlyAt", "7pm"));
        assertThat(oneRoster.status()).isEqualTo(400);
        assertThat(oneRoster.body().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactly("oneRoster.baseUrl", "oneRoster.version", "oneRoster.tokenUrl", "nightlyAt");
        assertThat(state()).isEqualTo(db);
    }

    /** The fields of a refusal's errors[], in order. */
    private static List<String> errorFields(Http.Response r) {
        return r.body().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    private Http.Response putRaw(String json) {
        return http.sendRaw("PUT", path(), districtAdmin, "application/json", json);
    }

    @Test
    void everyMemberOfTheWrongJsonTypeIsRefusedAtOnceWithNothingCoerced() {
        Map<String, Object> db = state();

        var r = putRaw("""
                {"source":"CLASSLINK","oneRoster":{"baseUrl":5,"version":1.1,"auth":"OAUTH1","clientId":7,"clientSecret":"s"},"nightlyAt":200}""");

        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("code")).isEqualTo("invalid_request");
        assertThat(errorFields(r)).containsExactly("oneRoster.baseUrl", "oneRoster.version", "oneRoster.clientId", "nightlyAt");
        assertThat(r.body().get("errors").valueStream().map(e -> e.get("message").asString()).toList()).containsExactly(
                "oneRoster.baseUrl must be a JSON string (in quotes), not a JSON number.",
                "oneRoster.version must be a JSON string (in quotes), not a JSON number.",
                "oneRoster.clientId must be a JSON string (in quotes), not a JSON number.",
                "nightlyAt must be a JSON string (in quotes), not a JSON number.");
        assertThat(state()).isEqualTo(db);

        var blocks = putRaw("""
                {"source":["CLEVER"],"clever":"x","nightlyAt":true}""");
        assertThat(blocks.status()).as("%s", blocks).isEqualTo(400);
        assertThat(errorFields(blocks)).containsExactly("source", "clever", "nightlyAt");
        assertThat(blocks.text("detail")).contains("source must be a JSON string (in quotes), not a JSON array.",
                "clever must be a JSON object (as described in /v3/api-docs), not a JSON string.", "not true or false");
        var secret = putRaw("""
                {"source":"CLEVER","clever":{"districtToken":12345678901234}}""");
        assertThat(secret.status()).isEqualTo(400);
        assertThat(secret.text("field")).isEqualTo("clever.districtToken");
        assertThat(secret.raw()).as("a secret is never echoed").doesNotContain("12345678901234");
        var docs = http.get("/v3/api-docs", null).body();
        assertThat(docs.at("/paths/~1api~1v1~1districts~1{districtId}~1rostering/put/requestBody/content/application~1json/schema/$ref")
                .asString()).as("the body read as a tree is still documented as RosteringChange").endsWith("/RosteringChange");
        var notAnObject = putRaw("[]");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.text("field")).isEqualTo("body");
        assertThat(notAnObject.text("detail")).contains("must be a JSON object", "not a JSON array");
        assertThat(state()).isEqualTo(db);
    }

    @Test
    void membersThatAreNoFieldAreRefusedTogetherWithTheWrongValues() {
        Map<String, Object> db = state();

        var r = putRaw("""
                {"source":"BOGUS","nightlyAt":"x","extra":1}""");

        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(errorFields(r)).containsExactly("source", "nightlyAt", "extra");
        assertThat(r.text("detail")).contains("source 'BOGUS' is not a rostering source", "nightlyAt 'x' is not a local time",
                "extra is not a field of this request");
        var nested = putRaw("""
                {"source":"CLASSLINK","oneRoster":{"baseUrl":"not a url","colour":"red","version":"1.1","auth":"OAUTH1","clientId":"k",
                "clientSecret":"s"}}""");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(errorFields(nested)).containsExactly("oneRoster.baseUrl", "oneRoster.colour");
        assertThat(state()).isEqualTo(db);
    }

    @Test
    void aValueTheChosenSourceOrAuthDoesNotUseIsRefusedNeverDropped() {
        Map<String, Object> db = state();
        Map<String, Object> oauth1 = map("baseUrl", "https://sis.example.org/ims/oneroster/v1p1", "version", "1.1", "auth", "OAUTH1",
                "clientId", "key", "clientSecret", "secret-1", "tokenUrl", "http://evil.example/t");

        var r = http.send("PUT", path(), districtAdmin, map("source", "CLASSLINK", "oneRoster", oauth1));

        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.text("field")).isEqualTo("oneRoster.tokenUrl");
        assertThat(r.text("detail")).contains("oneRoster.tokenUrl is only for OAUTH2", "Leave oneRoster.tokenUrl empty, or set oneRoster.auth to OAUTH2");
        assertThat(state()).isEqualTo(db);

        var cleverWithOneRoster = http.send("PUT", path(), districtAdmin, map("source", "CLEVER", "clever", map("districtToken", TOKEN),
                "oneRoster", map("baseUrl", "https://sis.example.org/ims/oneroster/v1p1")));
        assertThat(cleverWithOneRoster.status()).as("%s", cleverWithOneRoster).isEqualTo(400);
        assertThat(cleverWithOneRoster.text("field")).isEqualTo("oneRoster");
        assertThat(cleverWithOneRoster.text("detail")).contains("oneRoster is only for source CLASSLINK");
        var classLinkWithClever = http.send("PUT", path(), districtAdmin, map("source", "CLASSLINK", "clever", map("baseUrl",
                "https://api.clever.com"), "oneRoster", map("auth", "OAUTH1", "tokenUrl", "https://sis.example.org/t")));
        assertThat(classLinkWithClever.status()).isEqualTo(400);
        assertThat(errorFields(classLinkWithClever)).containsExactly("clever", "oneRoster.baseUrl", "oneRoster.version",
                "oneRoster.clientId", "oneRoster.tokenUrl", "oneRoster.clientSecret");
        assertThat(state()).isEqualTo(db);

        oauth1.remove("tokenUrl");
        var connected = http.send("PUT", path(), districtAdmin, map("source", "CLASSLINK", "oneRoster", oauth1));
        assertThat(connected.status()).as("%s", connected).isEqualTo(200);
        assertThat(http.get(path(), districtAdmin).body().get("oneRoster").get("tokenUrl").isNull()).isTrue();
        // with OAUTH1 kept from the stored connection, a token URL given alone is refused too
        String row = connectionRow();
        var later = http.send("PUT", path(), districtAdmin, map("source", "CLASSLINK", "oneRoster", map("tokenUrl", "https://sis.example.org/t")));
        assertThat(later.status()).as("%s", later).isEqualTo(400);
        assertThat(later.text("field")).isEqualTo("oneRoster.tokenUrl");
        assertThat(connectionRow()).isEqualTo(row);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyWrongFieldIsRefusedNamingItAndNothingChanges() {
        assertThat(http.send("PUT", path(), districtAdmin, clever(null, TOKEN, "02:00")).status()).isEqualTo(200);
        Map<String, Map<String, Object>> wrong = new LinkedHashMap<>();
        wrong.put("nightlyAt", clever(null, TOKEN, "25:00"));
        // http is accepted in the test profile (allow-local-providers); ConnectionRulesTest refuses it without
        wrong.put("clever.baseUrl", clever("ftp://clever.example", TOKEN, null));
        wrong.put("clever.districtToken", clever("https://other.example", null, null));
        Map<String, Object> version = clever(null, TOKEN, null);
        ((Map<String, Object>) version.get("clever")).put("apiVersion", "4.0");
        wrong.put("clever.apiVersion", version);
        wrong.put("source", map("source", "MANUAL"));
        wrong.put("clever", map("source", "CLEVER", "nightlyAt", "03:00"));
        for (var e : wrong.entrySet()) {
            Map<String, Object> db = state();
            var r = http.send("PUT", path(), districtAdmin, e.getValue());
            assertThat(r.status()).as("%s: %s", e.getKey(), r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.text("code")).isEqualTo("invalid_request");
            assertThat(r.text("field")).isEqualTo(e.getKey());
            assertThat(r.text("detail")).isNotBlank();
            assertThat(r.raw()).doesNotContain(TOKEN);
            assertThat(state()).as(e.getKey()).isEqualTo(db);
        }
        // an unknown member is refused, not ignored
        var unknown = http.send("PUT", path(), districtAdmin, map("source", "CLEVER", "clever", map("districtToken", TOKEN), "colour", "red"));
        assertThat(unknown.status()).isEqualTo(400);
    }

    @Test
    void onlyDistrictAdminsOfTheDistrictAndTheVendorAdminMaySeeOrChangeTheConnection() {
        String teacher = fx.tokenFor(fx.aTeacher(district));
        String schoolAdmin = fx.tokenFor(fx.aPerson(district, "SCHOOL_ADMIN"));
        Fixtures.District other = fx.aDistrict();
        String otherAdmin = fx.tokenFor(fx.aDistrictAdmin(other));
        Map<String, Object> db = state();
        for (String token : List.of(teacher, schoolAdmin)) {
            var put = http.send("PUT", path(), token, clever(null, TOKEN, null));
            assertThat(put.status()).isEqualTo(403);
            assertThat(put.text("code")).isEqualTo("role_not_allowed");
            assertThat(http.get(path(), token).status()).isEqualTo(403);
            assertThat(http.post(path() + ":test", token, null).status()).isEqualTo(403);
        }
        var foreign = http.send("PUT", path(), otherAdmin, clever(null, TOKEN, null));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(http.get(path(), otherAdmin).status()).isEqualTo(404);
        assertThat(http.post(path() + ":test", otherAdmin, null).status()).isEqualTo(404);
        assertThat(state()).isEqualTo(db);
        assertThat(http.send("PUT", path(), ADMIN, clever(null, TOKEN, null)).status()).isEqualTo(200);
    }

    @Test
    void testingTheConnectionOfAManualDistrictSaysItIsNotConnected() {
        var r = http.post(path() + ":test", districtAdmin, null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text("code")).isEqualTo("rostering_not_connected");
    }

    /**
     * The tester's attack: a stored OAuth 2.0 client secret kept while the token URL moves to another server. Every change
     * of where or how the secret is sent needs it again (400 on the secret's field, saying what changed), nothing changes,
     * and the next connection test sends the secret only to the token URL it was given with, never to the new one.
     */
    @Test
    void aKeptClientSecretIsNeverSentToANewTokenUrlOrServer() throws Exception {
        try (Recorder legit = new Recorder(); Recorder attacker = new Recorder()) {
            String secret = "SUPERSECRET" + UUID.randomUUID().toString().replace("-", "");
            var connected = http.send("PUT", path(), districtAdmin, map("source", "CLASSLINK", "oneRoster", map("baseUrl",
                    legit.url("/ims/oneroster/rostering/v1p2"), "version", "1.2", "auth", "OAUTH2", "clientId", "key", "clientSecret", secret,
                    "tokenUrl", legit.url("/token"))));
            assertThat(connected.status()).as("%s", connected).isEqualTo(200);
            String row = connectionRow();
            Map<String, Map<String, Object>> moves = new LinkedHashMap<>();
            moves.put("oneRoster.tokenUrl", map("tokenUrl", attacker.url("/steal")));
            moves.put("oneRoster.baseUrl", map("baseUrl", attacker.url("/ims/oneroster/rostering/v1p2")));
            moves.put("oneRoster.auth", map("auth", "OAUTH1"));
            moves.put("oneRoster.version", map("version", "1.1"));
            moves.put("oneRoster.clientId", map("clientId", "other-key"));
            for (var move : moves.entrySet()) {
                var r = http.send("PUT", path(), districtAdmin, map("source", "CLASSLINK", "oneRoster", move.getValue()));
                assertThat(r.status()).as("%s: %s", move.getKey(), r).isEqualTo(400);
                assertThat(r.text("code")).isEqualTo("invalid_request");
                assertThat(r.text("field")).isEqualTo("oneRoster.clientSecret");
                assertThat(r.text("detail")).contains(move.getKey() + " changed").contains("paste the client secret the server gave again");
                assertThat(r.raw()).doesNotContain(secret);
                assertThat(connectionRow()).as(move.getKey()).isEqualTo(row);
            }
            // a URL that is no URL is refused on its own field, not a 500, now that a connection is stored
            var space = http.send("PUT", path(), districtAdmin, map("source", "CLASSLINK", "oneRoster", map("baseUrl", "https://exa mple.com/x")));
            assertThat(space.status()).as("%s", space).isEqualTo(400);
            assertThat(space.text("field")).isEqualTo("oneRoster.baseUrl");
            assertThat(connectionRow()).isEqualTo(row);

            http.post(path() + ":test", districtAdmin, null);
            assertThat(attacker.requests()).isEmpty();
            assertThat(legit.requests()).anyMatch(req -> req.startsWith("POST /token"));

            // only the nightly time: the secret is kept; with the secret given again, the token URL may change
            assertThat(http.send("PUT", path(), districtAdmin, map("source", "CLASSLINK", "oneRoster", map(), "nightlyAt", "05:00"))
                    .status()).isEqualTo(200);
            var moved = http.send("PUT", path(), districtAdmin, map("source", "CLASSLINK", "oneRoster", map("tokenUrl", attacker.url("/token"),
                    "clientSecret", "another-secret")));
            assertThat(moved.status()).as("%s", moved).isEqualTo(200);
            assertThat(moved.body().get("oneRoster").get("tokenUrl").asText()).isEqualTo(attacker.url("/token"));
        }
    }

    /** A server on this machine that answers 401 to everything and records each request's method, path and headers. */
    static final class Recorder implements AutoCloseable {
        private final HttpServer server;
        private final List<String> requests = new CopyOnWriteArrayList<>();

        Recorder() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders());
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        List<String> requests() {
            return List.copyOf(requests);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private String connectionRow() {
        return jdbc.sql("select r::text from rostering_connections r where district_id = ?").param(UUID.fromString(district.id()))
                .query(String.class).single();
    }

    private byte[] storedToken() {
        return jdbc.sql("select clever_token from rostering_connections where district_id = ?").param(UUID.fromString(district.id()))
                .query(byte[].class).single();
    }

    /** The database as a refusal must leave it: DbState plus the connection row. */
    private Map<String, Object> state() {
        Map<String, Object> s = new TreeMap<>(DbState.of(jdbc).values());
        s.putAll(jdbc.sql("""
                select (select md5(coalesce(string_agg(district_id || ':' || source || ':' || coalesce(clever_base_url, '') || ':'
                        || coalesce(encode(clever_token, 'hex'), '') || ':' || nightly_at, ',' order by district_id), ''))
                        from rostering_connections) as connections,
                       (select md5(string_agg(id || ':' || rostering_source, ',' order by id)) from districts) as sources""")
                .query().singleRow());
        return s;
    }
}
