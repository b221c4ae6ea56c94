package com.seatkeeper.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OneRoster stand-ins over real HTTP with the JDK's client: 1.1 requests signed with OAuth 1.0a (signed here with the
 * RFC 5849 functions {@link OneRosterSignatureCheckTest} checks against the RFC's examples) accepted and refused check by
 * check; the 1.2 token flow, expiry and scopes; paging with a capped limit and over data that changes between pages;
 * filters; faults; the three REST samples served verbatim; and 1.2 responses checked against the 1.2 OpenAPI definition.
 */
class OneRosterStandInTest {
    static final Path SAMPLES = Path.of("../shared/samples");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String SECRET = "a/b+c=d&e~f g";
    private static final Pattern LINK = Pattern.compile("<([^>]*)>; rel=\"(\\w+)\"");

    private final List<OneRosterStandIn> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(OneRosterStandIn::close);
    }

    private OneRosterStandIn v11() {
        OneRosterStandIn s = OneRosterStandIn.v11("classlink-key", SECRET);
        started.add(s);
        return s;
    }

    private OneRosterStandIn v12() {
        OneRosterStandIn s = OneRosterStandIn.v12("sis-client", SECRET);
        started.add(s);
        return s;
    }

    // ---- OAuth 1.0a (1.1) ----

    @Test
    void aRequestSignedWithATrickySecretAndAQuotedFilterIsAccepted() throws Exception {
        OneRosterStandIn s = v11();
        s.data().put("users", user("u1", "Ørjan Ås", "student")).put("users", user("u2", "Kari Nordmann", "teacher"));
        String filter = "givenName~'ørjan ås' AND status='active'";

        HttpResponse<String> spaces = get11(s, "/users?filter=" + OneRosterSignatureCheck.encode(filter) + "&limit=2&offset=0");
        HttpResponse<String> plus = get11(s, "/users?limit=2&filter=" + OneRosterSignatureCheck.encode(filter).replace("%20", "+"));

        assertThat(spaces.statusCode()).as(spaces.body()).isEqualTo(200);
        assertThat(ids(body(spaces), "users")).containsExactly("u1");
        assertThat(plus.statusCode()).as("a + in the query is a space, as RFC 5849 §3.4.1.3.1 reads it").isEqualTo(200);
        assertThat(s.requests()).extracting(OneRosterStandIn.RecordedRequest::status).containsExactly(200, 200);
        assertThat(s.requests().get(0).query()).containsEntry("filter", filter).containsEntry("limit", "2");
        assertThat(s.requests().get(0).authorization()).startsWith("OAuth ");
    }

    @Test
    void eachFailedCheckIs401WithAnEnvelopeSayingWhich() throws Exception {
        OneRosterStandIn s = v11();
        URI uri = URI.create(s.baseUrl() + "/users?limit=1");
        long now = Instant.now().getEpochSecond();

        Map<String, String> cases = new TreeMap<>();
        cases.put("signature", oauthHeader("GET", uri, "classlink-key", "wrong secret", now, nonce()));
        cases.put("consumer key", oauthHeader("GET", uri, "someone-else", SECRET, now, nonce()));
        cases.put("timestamp", oauthHeader("GET", uri, "classlink-key", SECRET, now - 600, nonce()));
        cases.put("authorization", "Bearer not-oauth");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri).header("Authorization", c.getValue()));
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(401);
            assertEnvelope(body(r), "unauthorisedrequest", "OAuth 1.0a " + c.getKey() + ":");
        }
        String once = oauthHeader("GET", uri, "classlink-key", SECRET, now, nonce());
        assertThat(send(HttpRequest.newBuilder(uri).header("Authorization", once)).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = send(HttpRequest.newBuilder(uri).header("Authorization", once));
        assertThat(replay.statusCode()).isEqualTo(401);
        assertEnvelope(body(replay), "unauthorisedrequest", "OAuth 1.0a nonce:");

        String signedForOne = oauthHeader("GET", uri, "classlink-key", SECRET, now, nonce());
        URI two = URI.create(s.baseUrl() + "/users?limit=2");
        HttpResponse<String> tampered = send(HttpRequest.newBuilder(two).header("Authorization", signedForOne));
        assertEnvelope(body(tampered), "unauthorisedrequest", "OAuth 1.0a signature:");
        assertThat(send(HttpRequest.newBuilder(uri)).statusCode()).as("no Authorization at all").isEqualTo(401);
    }

    @Test
    void aServerWhoseClockIsOffRefusesTimestampsOutsideItsWindow() throws Exception {
        OneRosterStandIn s = v11().clockSkew(Duration.ofMinutes(10));
        HttpResponse<String> r = get11(s, "/orgs");
        assertThat(r.statusCode()).isEqualTo(401);
        assertEnvelope(body(r), "unauthorisedrequest", "OAuth 1.0a timestamp:");
        assertThat(body(r).get("imsx_description").asString()).contains("behind the server's clock");

        s.clockSkew(Duration.ofMinutes(4));
        assertThat(get11(s, "/orgs").statusCode()).as("4 minutes is inside ±5").isEqualTo(200);
    }

    // ---- OAuth 2.0 (1.2) ----

    @Test
    void aClientGetsATokenByBasicOrFormAndListsWithIt() throws Exception {
        OneRosterStandIn s = v12();
        s.data().put("users", user("u1", "Ada", "student"));

        HttpResponse<String> basic = tokenByBasic(s, "sis-client", SECRET, "grant_type=client_credentials");
        String fields = "grant_type=client_credentials&client_id=sis-client&client_secret=" + OneRosterSignatureCheck.encode(SECRET)
                + "&scope=" + OneRosterSignatureCheck.encode(OneRosterStandIn.SCOPE_CORE);
        HttpResponse<String> form = send(HttpRequest.newBuilder(s.tokenUrl()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields)));

        assertThat(basic.statusCode()).as(basic.body()).isEqualTo(200);
        JsonNode token = body(basic);
        assertThat(token.get("token_type").asString()).isEqualTo("bearer");
        assertThat(token.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(token.get("scope").asString()).contains(OneRosterStandIn.SCOPE_CORE);
        assertThat(basic.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(body(form).get("scope").asString()).isEqualTo(OneRosterStandIn.SCOPE_CORE);
        assertThat(s.tokensIssued()).isEqualTo(2);

        HttpResponse<String> users = get12(s, "/users", token.get("access_token").asString());
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(ids(body(users), "users")).containsExactly("u1");
        HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/users")));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
        assertEnvelope(body(none), "unauthorisedrequest", "an Authorization: Bearer token is required");
    }

    @Test
    void wrongClientCredentialsAndGrantsAreRefusedAsRfc6749Says() throws Exception {
        OneRosterStandIn s = v12();
        HttpResponse<String> wrong = tokenByBasic(s, "sis-client", "not it", "grant_type=client_credentials");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(body(wrong).get("error").asString()).isEqualTo("invalid_client");
        assertThat(wrong.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");

        HttpResponse<String> grant = tokenByBasic(s, "sis-client", SECRET, "grant_type=password");
        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(body(grant).get("error").asString()).isEqualTo("unsupported_grant_type");

        HttpResponse<String> get = send(HttpRequest.newBuilder(s.tokenUrl()));
        assertThat(body(get).get("error").asString()).isEqualTo("invalid_request");
        assertThat(s.tokensIssued()).isZero();
    }

    @Test
    void anExpiredTokenIs401InvalidTokenAndANewOneWorks() throws Exception {
        OneRosterStandIn s = v12();
        String first = token(s);
        assertThat(get12(s, "/orgs", first).statusCode()).isEqualTo(200);

        s.expireTokensNow();
        HttpResponse<String> expired = get12(s, "/orgs", first);

        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        assertEnvelope(body(expired), "unauthorisedrequest", "the access token expired");
        assertThat(get12(s, "/orgs", token(s)).statusCode()).isEqualTo(200);

        s.tokenLifetime(Duration.ofSeconds(1));
        String shortLived = token(s);
        Thread.sleep(1100);
        assertThat(get12(s, "/orgs", shortLived).statusCode()).isEqualTo(401);
        assertThat(s.tokensIssued()).isEqualTo(3);
    }

    @Test
    void aTokenWithoutARosteringScopeIs403AndAScopeNotGrantedIsRefused() throws Exception {
        OneRosterStandIn s = v12().grantedScopes(OneRosterStandIn.SCOPE_DEMOGRAPHICS);
        HttpResponse<String> forbidden = get12(s, "/users", token(s));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertEnvelope(body(forbidden), "forbidden", "the token lacks the scope " + OneRosterStandIn.SCOPE_CORE);

        HttpResponse<String> asked = tokenByBasic(s, "sis-client", SECRET, "grant_type=client_credentials&scope="
                + OneRosterSignatureCheck.encode(OneRosterStandIn.SCOPE_CORE));
        assertThat(asked.statusCode()).isEqualTo(400);
        assertThat(body(asked).get("error").asString()).isEqualTo("invalid_scope");
    }

    // ---- paging ----

    @Test
    void pagesCarryTheTotalAndLinksAndACappedLimitIsPagedByTheLinks() throws Exception {
        OneRosterStandIn s = v12().serve(OneRosterData.generate("1.2", 2, 25, 3, 4, 2));
        String token = token(s);

        HttpResponse<String> first = get12(s, "/users?limit=10", token);
        assertThat(first.headers().firstValue("X-Total-Count")).hasValue("28");
        assertThat(ids(body(first), "users")).hasSize(10).startsWith("usr-s0000000");
        Map<String, String> links = links(first);
        assertThat(links.keySet()).containsExactlyInAnyOrder("next", "last", "first");
        assertThat(links.get("next")).isEqualTo(s.baseUrl() + "/users?limit=10&offset=10");
        assertThat(links.get("last")).isEqualTo(s.baseUrl() + "/users?limit=10&offset=20");
        HttpResponse<String> last = get12(s, "/users?limit=10&offset=20", token);
        assertThat(ids(body(last), "users")).hasSize(8).endsWith("usr-t0000002");
        assertThat(links(last)).doesNotContainKey("next").containsKey("prev");

        s.maxLimit(4);
        List<String> all = new ArrayList<>();
        String next = s.baseUrl() + "/users?limit=10";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(next)).header("Authorization", "Bearer " + token));
            all.addAll(ids(body(page), "users"));
            assertThat(page.headers().firstValue("X-Total-Count")).hasValue("28");
            next = links(page).get("next");
            pages++;
        }
        assertThat(pages).as("4 a page whatever the limit").isEqualTo(7);
        assertThat(all).hasSize(28).doesNotHaveDuplicates().isSorted().isEqualTo(s.data().ids("users"));
    }

    @Test
    void offsetPagingOverDataThatChangesBetweenPagesRepeatsOrSkipsAsASqlServerWould() throws Exception {
        OneRosterStandIn s = v12().serve(OneRosterData.generate("1.2", 1, 6, 0, 0, 0));
        String token = token(s);
        s.data().onPage((collection, offset) -> {
            if (collection.equals("users") && offset == 3 && s.data().record("users", "usr-a") == null) {
                s.data().put("users", user("usr-a", "Early", "student"));
            }
        });
        List<String> seen = new ArrayList<>(ids(body(get12(s, "/users?limit=3", token)), "users"));
        HttpResponse<String> second = get12(s, "/users?limit=3&offset=3", token);
        seen.addAll(ids(body(second), "users"));
        assertThat(seen).as("a record inserted ahead of the offset pushes the last seen one onto the next page")
                .containsExactly("usr-s0000000", "usr-s0000001", "usr-s0000002", "usr-s0000002", "usr-s0000003", "usr-s0000004");
        assertThat(second.headers().firstValue("X-Total-Count")).hasValue("7");

        s.data().onPage((collection, offset) -> {
            if (offset == 3) {
                s.data().remove("users", "usr-a");
            }
        });
        List<String> again = new ArrayList<>(ids(body(get12(s, "/users?limit=3", token)), "users"));
        again.addAll(ids(body(get12(s, "/users?limit=3&offset=3", token)), "users"));
        assertThat(again).as("a record removed ahead of the offset lets one slip by").doesNotContain("usr-s0000002").hasSize(6);
    }

    // ---- filters ----

    @Test
    void aDeltaFilterAnswersWhatChangedAfterTheInstantIncludingDeletions() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-09-01T08:00:00Z"));
        OneRosterStandIn s = v12().serve(OneRosterData.generate("1.2", 2, 10, 2, 2, 1).clock(clock::instant));
        String token = token(s);
        s.data().edit("users", "usr-s0000003", u -> u.put("givenName", "Renamed")).markDeleted("users", "usr-s0000005")
                .markDeleted("enrollments", "enr-s000000005");

        String after = "dateLastModified>'2026-08-31T00:00:00.000Z'";
        HttpResponse<String> changed = get12(s, "/users?filter=" + OneRosterSignatureCheck.encode(after), token);
        assertThat(ids(body(changed), "users")).containsExactly("usr-s0000003", "usr-s0000005");
        assertThat(changed.headers().firstValue("X-Total-Count")).hasValue("2");
        assertThat(body(changed).get("users").get(0).get("dateLastModified").asString()).isEqualTo("2026-09-01T08:00:00.000Z");
        assertThat(body(changed).get("users").get(1).get("dateLastModified").asString()).as("stamps never repeat")
                .isEqualTo("2026-09-01T08:00:00.001Z");
        String atOrAfter = "dateLastModified>='2026-09-01T08:00:00.001Z'";
        assertThat(ids(body(get12(s, "/users?filter=" + OneRosterSignatureCheck.encode(atOrAfter), token)), "users"))
                .containsExactly("usr-s0000005");
        String deleted = "/enrollments?filter=" + OneRosterSignatureCheck.encode("status='tobedeleted'");
        assertThat(ids(body(get12(s, deleted, token)), "enrollments")).containsExactly("enr-s000000005");
        assertThat(ids(body(get12(s, "/users?filter=" + OneRosterSignatureCheck.encode(
                "givenName~'renamed' OR sourcedId='usr-t0000001' AND status='active'"), token)), "users"))
                .containsExactly("usr-s0000003", "usr-t0000001");
        assertThat(ids(body(get12(s, "/users?filter=" + OneRosterSignatureCheck.encode("roles.role='teacher'"), token)), "users"))
                .containsExactly("usr-t0000000", "usr-t0000001");
    }

    @Test
    void anUnparsableFilterOrUnknownFieldIs400InvalidFilterField() throws Exception {
        OneRosterStandIn s = v12().serve(OneRosterData.generate("1.2", 1, 2, 1, 1, 1));
        String token = token(s);
        Map<String, String> cases = Map.of("dateLastModified>2026-01-01", "must be in single quotes", "givenName='x' XOR status='a'",
                "expected AND or OR", "shoeSize='9'", "users have no field shoeSize", "givenName=='x'", "must be in single quotes",
                "givenName='x", "no closing quote");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = get12(s, "/users?filter=" + OneRosterSignatureCheck.encode(c.getKey()), token);
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            assertEnvelope(body(r), "invalid_filter_field", "filter " + c.getKey() + ": ");
            assertThat(body(r).get("imsx_description").asString()).as(c.getKey()).contains(c.getValue());
        }
    }

    @Test
    void sortOrderByAndBadPagingParametersAreAnsweredAsTheSpecsSay() throws Exception {
        OneRosterStandIn s = v12().serve(OneRosterData.generate("1.2", 1, 3, 2, 1, 1));
        String token = token(s);
        assertThat(ids(body(get12(s, "/users?sort=givenName&orderBy=desc", token)), "users"))
                .containsExactly("usr-t0000001", "usr-t0000000", "usr-s0000002", "usr-s0000001", "usr-s0000000");
        assertThat(ids(body(get12(s, "/users?orderBy=desc&limit=2", token)), "users")).containsExactly("usr-t0000001", "usr-t0000000");
        JsonNode slim = body(get12(s, "/users?fields=sourcedId,givenName&limit=1", token)).get("users").get(0);
        assertThat(slim.propertyNames()).containsExactly("sourcedId", "givenName");

        HttpResponse<String> sort = get12(s, "/users?sort=shoeSize", token);
        assertThat(sort.statusCode()).isEqualTo(400);
        assertEnvelope(body(sort), "invalid_selection_field", "sort shoeSize: users have no field shoeSize");
        for (String bad : List.of("limit=0", "limit=ten", "offset=-1")) {
            HttpResponse<String> r = get12(s, "/users?" + bad, token);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertEnvelope(body(r), "invaliddata", bad.substring(0, bad.indexOf('=')) + " must be a whole number");
        }
    }

    @Test
    void aServerThatIgnoresDeltasAnswersEverythingAndOneThatRefusesFiltersAnswers400() throws Exception {
        OneRosterStandIn s = v11().serve(OneRosterData.generate("1.1", 1, 4, 1, 1, 1)).ignoreDeltaFilter(true);
        String delta = "/users?filter=" + OneRosterSignatureCheck.encode("dateLastModified>'2030-01-01T00:00:00.000Z'");
        assertThat(ids(body(get11(s, delta)), "users")).hasSize(5);
        assertThat(ids(body(get11(s, "/users?filter=" + OneRosterSignatureCheck.encode("role='teacher'"))), "users"))
                .as("other filters still apply").containsExactly("usr-t0000000");

        s.ignoreDeltaFilter(false).refuseFilter(true);
        HttpResponse<String> refused = get11(s, delta);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertEnvelope(body(refused), "invalid_filter_field", "this server does not support filter");
        s.refuseFilter(false);
        assertThat(ids(body(get11(s, delta)), "users")).isEmpty();
    }

    // ---- faults ----

    @Test
    void failuresAndRateLimitsAreServedInTurnWithEnvelopes() throws Exception {
        OneRosterStandIn s = v12();
        String token = token(s);
        s.failNext("/users", 2, 500).rateLimitNext("/orgs", 1, Duration.ofMillis(1500));

        HttpResponse<String> failed = get12(s, "/users", token);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertEnvelope(body(failed), "internal_server_error", "injected fault: 500");
        assertThat(get12(s, "/classes", token).statusCode()).as("only paths with /users").isEqualTo(200);
        assertThat(get12(s, "/users", token).statusCode()).isEqualTo(500);
        assertThat(get12(s, "/users", token).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = get12(s, "/orgs", token);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
        assertEnvelope(body(limited), "server_busy", "injected fault: 429");
        assertThat(s.requests("/users")).extracting(OneRosterStandIn.RecordedRequest::status).containsExactly(500, 500, 200);
    }

    @Test
    void aDelayedAnswerAndListsWithoutOneOfTheirPagingHeaders() throws Exception {
        OneRosterStandIn s = v12().serve(OneRosterData.generate("1.2", 1, 3, 1, 1, 1));
        String token = token(s);
        s.delayNext("/users", 1, Duration.ofMillis(400));
        long started = System.nanoTime();
        assertThat(get12(s, "/users", token).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));

        HttpResponse<String> noLink = get12(s.linkHeader(false), "/users?limit=2", token);
        assertThat(noLink.headers().firstValue("Link")).isEmpty();
        assertThat(noLink.headers().firstValue("X-Total-Count")).hasValue("4");
        HttpResponse<String> noTotal = get12(s.linkHeader(true).totalCountHeader(false), "/users?limit=2", token);
        assertThat(noTotal.headers().firstValue("X-Total-Count")).isEmpty();
        assertThat(links(noTotal)).containsKey("next");
    }

    @Test
    void afterBreakAfterTheConnectionIsClosedMidResponseUntilMended() throws Exception {
        OneRosterStandIn s = v12().serve(OneRosterData.generate("1.2", 1, 50, 1, 1, 1));
        String token = token(s);
        s.breakAfter(1);

        assertThat(get12(s, "/users", token).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> get12(s, "/users?offset=100", token)).isInstanceOf(IOException.class);
        assertThat(token(s)).as("token requests are not broken").isNotBlank();
        assertThatThrownBy(() -> get12(s, "/users", token)).isInstanceOf(IOException.class);
        s.mend();
        assertThat(get12(s, "/users", token).statusCode()).isEqualTo(200);
        assertThat(s.requests("/users")).extracting(OneRosterStandIn.RecordedRequest::status).containsExactly(200, -1, -1, 200);
    }

    // ---- samples ----

    @Test
    void theOneRosterRestSamplesAreServedVerbatim() throws Exception {
        OneRosterStandIn fint = v11().serve(OneRosterData.fromSample(SAMPLES.resolve("fint-or11-rest")));
        JsonNode users = body(get11(fint, "/users"));
        JsonNode file = JSON.readTree(Files.readString(SAMPLES.resolve("fint-or11-rest/user.json")));
        assertThat(Set.copyOf(list(users.get("users")))).isEqualTo(Set.copyOf(list(file.get("users"))));
        assertThat(ids(body(get11(fint, "/schools")), "orgs")).containsExactly("11004");
        assertThat(body(get11(fint, "/classes")).toString()).contains("hhttp://");
        assertThat(fint.data().size("academicSessions")).isEqualTo(2);

        OneRosterStandIn libre = v11().serve(OneRosterData.fromSample(SAMPLES.resolve("libre-or11-rest")));
        JsonNode libreUsers = body(get11(libre, "/users"));
        assertThat(libreUsers.get("users").get(0).get("enabledUser").isInt()).as("served as the sample has it").isTrue();
        assertThat(ids(body(get11(libre, "/orgs?filter=" + OneRosterSignatureCheck.encode("status='tobedeleted'"))), "orgs"))
                .containsExactly("015", "016");
        assertThat(libre.data().size("periods")).as("held but not a rostering path").isEqualTo(2);
        assertThat(get11(libre, "/periods").statusCode()).isEqualTo(404);

        OneRosterStandIn jp = v12().serve(OneRosterData.fromSample(SAMPLES.resolve("jp-da2022-or12-rest")));
        String token = token(jp);
        JsonNode user = body(get12(jp, "/users/fde2a968-1ac9-4c72-96bc-28bb20e3afb8", token)).get("user");
        assertThat(user.get("roles").size()).isZero();
        assertThat(user.get("metadata").get("jp").get("kanaGivenName").asString()).isEqualTo("タロウ");
        HttpResponse<String> unknown = get12(jp, "/users/nobody", token);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertEnvelope(body(unknown), "unknownobject", "user nobody is not known");
    }

    // ---- the 1.2 definition ----

    @Test
    void everyGeneratedPageAndRecordValidatesAgainstTheOneRoster12Definition() throws Exception {
        OneRosterStandIn s = v12().serve(OneRosterData.generate("1.2", 3, 30, 10, 6, 2)).validateResponses(true);
        String token = token(s);
        for (String path : List.of("/orgs", "/schools", "/academicSessions", "/terms", "/courses", "/classes", "/users", "/students",
                "/teachers", "/enrollments", "/users?limit=5&offset=5&fields=sourcedId,givenName", "/orgs/org-d0", "/schools/org-s0001",
                "/users/usr-t0000000", "/classes/cls-000001", "/enrollments/enr-t000001", "/courses/crs-00000",
                "/academicSessions/as-t1")) {
            assertThat(get12(s, path, token).statusCode()).as(path).isEqualTo(200);
        }
        JsonNode teacher = body(get12(s, "/users/usr-t0000000", token)).get("user");
        assertThat(teacher.get("roles").toString()).contains("\"roleType\":\"primary\",\"role\":\"teacher\"")
                .contains("\"roleType\":\"secondary\",\"role\":\"districtAdministrator\"");
        assertThat(s.validationProblems()).as("a page with fields=sourcedId,givenName leaves out required fields, as asked")
                .allMatch(p -> p.startsWith("/users: validation.response.body.schema.required"));
        assertThat(s.validationProblems()).hasSize(5);
    }

    /**
     * ../shared/samples/PROVENANCE.md (B1): {@code user.roles} and {@code class.terms} are empty although 1.2 requires one
     * of each, and {@code primary} is a JSON boolean; so is {@code enabledUser}, which the 1.2 definition also types as the
     * string {@code "true"}/{@code "false"}. Nothing else in the sample breaks the definition.
     */
    @Test
    void theJapaneseSampleFailsTheDefinitionOnlyWhereProvenanceSaysItBreaksTheRules() throws Exception {
        OneRosterStandIn s = v12().serve(OneRosterData.fromSample(SAMPLES.resolve("jp-da2022-or12-rest"))).validateResponses(true);
        String token = token(s);
        for (String path : List.of("/orgs", "/classes", "/users", "/enrollments")) {
            assertThat(get12(s, path, token).statusCode()).isEqualTo(200);
        }
        assertThat(s.validationProblems()).extracting(p -> p.replaceAll("\\] .*", "]")).containsExactlyInAnyOrder(
                "/classes: validation.response.body.schema.minItems [Path '/classes/0/terms']",
                "/users: validation.response.body.schema.minItems [Path '/users/0/roles']",
                "/users: validation.response.body.schema.type [Path '/users/0/enabledUser']",
                "/users: validation.response.body.schema.enum [Path '/users/0/enabledUser']",
                "/enrollments: validation.response.body.schema.type [Path '/enrollments/0/primary']",
                "/enrollments: validation.response.body.schema.enum [Path '/enrollments/0/primary']");
    }

    // ---- generated data ----

    @Test
    void aGeneratedDistrictIsDeterministicAndServesAHundredThousandUsersInPagesOfAThousand() throws Exception {
        OneRosterData a = OneRosterData.generate("1.2", 50, 96_000, 4_000, 4_000, 3);
        OneRosterData b = OneRosterData.generate("1.2", 50, 96_000, 4_000, 4_000, 3);
        assertThat(a.size("users")).isEqualTo(100_000);
        assertThat(a.size("classes")).isEqualTo(4_000);
        assertThat(a.size("enrollments")).isEqualTo(96_000 * 3 + 4_000);
        assertThat(a.record("enrollments", "enr-s000123456")).isEqualTo(b.record("enrollments", "enr-s000123456"));
        ObjectNode enrollment = a.record("enrollments", "enr-s000123456");
        ObjectNode student = a.record("users", enrollment.get("user").get("sourcedId").asString());
        ObjectNode clazz = a.record("classes", enrollment.get("class").get("sourcedId").asString());
        assertThat(clazz.get("school").get("sourcedId")).as("students are enrolled in their own school's classes")
                .isEqualTo(student.get("primaryOrg").get("sourcedId"));

        OneRosterStandIn s = v12().serve(a);
        String token = token(s);
        long started = System.nanoTime();
        HttpResponse<String> page = get12(s, "/enrollments?limit=1000&offset=290000", token);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(ids(body(page), "enrollments")).hasSize(1000);
        assertThat(page.headers().firstValue("X-Total-Count")).hasValue("292000");

        JsonNode v11 = OneRosterData.generate("1.1", 2, 2, 1, 2, 1).record("users", "usr-s0000000");
        assertThat(v11.get("role").asString()).isEqualTo("student");
        assertThat(v11.has("roles")).isFalse();
        assertThat(v11.get("orgs").get(0).get("sourcedId").asString()).isEqualTo("org-s0000");
    }

    // ---- helpers ----

    /**
     * An {@code Authorization: OAuth ...} header for a request, HMAC-SHA256, built with the RFC 5849 functions of
     * {@link OneRosterSignatureCheck} (checked against the RFC's own examples in {@link OneRosterSignatureCheckTest}).
     */
    static String oauthHeader(String method, URI uri, String key, String secret, long timestamp, String nonce) {
        Map<String, String> oauth = new TreeMap<>(Map.of("oauth_consumer_key", key, "oauth_nonce", nonce, "oauth_signature_method",
                "HMAC-SHA256", "oauth_timestamp", Long.toString(timestamp), "oauth_version", "1.0"));
        List<OneRosterSignatureCheck.Param> params = new ArrayList<>(OneRosterSignatureCheck.queryParams(uri.getRawQuery()));
        oauth.forEach((k, v) -> params.add(new OneRosterSignatureCheck.Param(k, v)));
        String base = OneRosterSignatureCheck.baseString(method, OneRosterSignatureCheck.baseStringUri(uri), params);
        oauth.put("oauth_signature", OneRosterSignatureCheck.signature("HMAC-SHA256", base, secret, ""));
        List<String> parts = new ArrayList<>();
        oauth.forEach((k, v) -> parts.add(k + "=\"" + OneRosterSignatureCheck.encode(v) + "\""));
        return "OAuth realm=\"OneRoster\", " + String.join(", ", parts);
    }

    private static String nonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static HttpResponse<String> get11(OneRosterStandIn s, String pathAndQuery) throws Exception {
        URI uri = URI.create(s.baseUrl() + pathAndQuery);
        return send(HttpRequest.newBuilder(uri).header("Authorization",
                oauthHeader("GET", uri, "classlink-key", SECRET, Instant.now().getEpochSecond(), nonce())));
    }

    private static HttpResponse<String> get12(OneRosterStandIn s, String pathAndQuery, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(s.baseUrl() + pathAndQuery)).header("Authorization", "Bearer " + token));
    }

    private static HttpResponse<String> tokenByBasic(OneRosterStandIn s, String id, String secret, String form) throws Exception {
        String credentials = OneRosterSignatureCheck.encode(id) + ":" + OneRosterSignatureCheck.encode(secret);
        return send(HttpRequest.newBuilder(s.tokenUrl()).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static String token(OneRosterStandIn s) throws Exception {
        HttpResponse<String> r = tokenByBasic(s, "sis-client", SECRET, "grant_type=client_credentials");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return body(r).get("access_token").asString();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode body(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    private static List<String> ids(JsonNode envelope, String collection) {
        List<String> ids = new ArrayList<>();
        envelope.get(collection).forEach(r -> ids.add(r.get("sourcedId").asString()));
        return ids;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static Map<String, String> links(HttpResponse<String> r) {
        Map<String, String> links = new TreeMap<>();
        Matcher m = LINK.matcher(r.headers().firstValue("Link").orElse(""));
        while (m.find()) {
            links.put(m.group(2), m.group(1));
        }
        return links;
    }

    private static void assertEnvelope(JsonNode body, String codeMinor, String descriptionStart) {
        assertThat(body.get("imsx_codeMajor").asString()).isEqualTo("failure");
        assertThat(body.get("imsx_severity").asString()).isEqualTo("error");
        assertThat(body.get("imsx_description").asString()).startsWith(descriptionStart);
        JsonNode minor = body.get("imsx_CodeMinor").get("imsx_codeMinorField").get(0);
        assertThat(minor.get("imsx_codeMinorFieldName").asString()).isEqualTo("TargetEndSystem");
        assertThat(minor.get("imsx_codeMinorFieldValue").asString()).isEqualTo(codeMinor);
    }

    private static ObjectNode user(String id, String given, String role) {
        ObjectNode u = JSON.createObjectNode();
        u.put("sourcedId", id).put("username", id).put("enabledUser", "true").put("givenName", given).put("familyName", "Test")
                .put("role", role);
        return u;
    }
}
