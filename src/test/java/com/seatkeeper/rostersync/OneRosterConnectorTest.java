package com.seatkeeper.rostersync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RosterKind;
import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.Staged;
import com.seatkeeper.shared.Role;
import com.seatkeeper.support.OneRosterData;
import com.seatkeeper.support.OneRosterStandIn;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OneRoster connector against the OneRoster stand-ins on loopback (a 1.1 server that verifies every OAuth 1.0a
 * signature on its own, a 1.2 server that issues and checks OAuth 2.0 tokens), staged into a recording staging: paging
 * with a capped {@code limit}, a filter with quotes and spaces signed with an awkward secret, refusals explained in plain
 * words, retries, a token refreshed once, the same record served twice, and the delta check. The whole path through the
 * engine and the sync runner is {@link OneRosterSyncTest}.
 */
class OneRosterConnectorTest {
    static final String SECRET = "s/cr+t=&~key";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final List<OneRosterStandIn> standIns = new ArrayList<>();

    @AfterEach
    void tearDown() {
        standIns.forEach(OneRosterStandIn::close);
    }

    OneRosterStandIn v11(OneRosterData data) {
        OneRosterStandIn s = OneRosterStandIn.v11("client-11", SECRET).serve(data);
        standIns.add(s);
        return s;
    }

    OneRosterStandIn v12(OneRosterData data) {
        OneRosterStandIn s = OneRosterStandIn.v12("client-12", SECRET).serve(data);
        standIns.add(s);
        return s;
    }

    static OneRosterConnector fast(int pageSize, Clock clock) {
        return new OneRosterConnector(new OneRosterSettings(pageSize, Duration.ofSeconds(2), Duration.ofSeconds(2), 3, Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(2), 100_000, 64L << 20, Duration.ofSeconds(60),
                Duration.ofMinutes(5), true), clock);
    }

    static Connection.OneRoster connection(OneRosterStandIn s, String version, String secret) {
        return "1.2".equals(version)
                ? new Connection.OneRoster(s.baseUrl(), "1.2", "OAUTH2", "client-12", secret, s.tokenUrl())
                : new Connection.OneRoster(s.baseUrl(), "1.1", "OAUTH1", "client-11", secret, null);
    }

    /** What a pull staged, in order; a sync stages no licenses. */
    static final class Recorded extends com.seatkeeper.support.CapturedStaging {
        @Override
        public void license(Staged.License row) {
            throw new AssertionError("a sync stages no licenses");
        }
    }

    PullResult full(OneRosterConnector connector, Connection c, Recorded staged) throws PullFailure {
        return connector.pull(c, staged, (p, r) -> { }, ZoneOffset.UTC, new PullPlan.Full("test"));
    }

    @Test
    void aOnePointOneServerThatCapsLimitIsPagedByWhatItSentWithEveryRequestSignedWithAnAwkwardSecret() throws Exception {
        OneRosterStandIn s = v11(OneRosterData.generate("1.1", 2, 40, 3, 4, 2)).maxLimit(7);
        Recorded staged = new Recorded();

        PullResult r = full(fast(100, Clock.systemUTC()), connection(s, "1.1", SECRET), staged);

        assertThat(staged.people).hasSize(43);
        assertThat(staged.people).extracting(Staged.Person::sourcedId).doesNotHaveDuplicates();
        assertThat(staged.schools).hasSize(2);
        assertThat(staged.classes).hasSize(4);
        assertThat(staged.enrollments).hasSize(40 * 2 + 4);
        assertThat(settled(s, "/")).allSatisfy(q -> assertThat(q.status()).as("%s", q).isEqualTo(200));
        assertThat(settled(s, "/users")).hasSize((43 + 6) / 7);
        assertThat(settled(s, "/users")).extracting(q -> q.query().get("offset")).startsWith("0", "7", "14");
        assertThat(r.warnings()).isEmpty();
        assertThat(r.requests()).isEqualTo(settled(s, "/").size());
    }

    @Test
    void aFilterWithQuotesGreaterThanAndSpacesIsSignedAsTheServerVerifiesIt() throws Exception {
        OneRosterStandIn s = v11(OneRosterData.generate("1.1", 1, 5, 2, 1, 1));
        OneRosterClient client = new OneRosterClient(java.net.http.HttpClient.newHttpClient(), settings(), connection(s, "1.1", SECRET), 1,
                Clock.systemUTC());
        List<String> roles = new ArrayList<>();

        var page = client.page("users", 100, 0, "role='teacher' AND dateLastModified>'2020-01-01T00:00:00.000Z'",
                (u, n) -> roles.add(u.get("role").asString()), 0);

        assertThat(settled(s, "/users").get(0).status()).isEqualTo(200);
        assertThat(settled(s, "/users").get(0).query().get("filter")).isEqualTo("role='teacher' AND dateLastModified>'2020-01-01T00:00:00.000Z'");
        assertThat(settled(s, "/users").get(0).rawQuery()).contains("%20AND%20").contains("%27").contains("%3E");
        assertThat(roles).hasSize(2).containsOnly("teacher");
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void aWrongSecretIsABadSignatureAndAWrongClockIsExplainedByTheServersDate() {
        OneRosterStandIn s = v11(OneRosterData.generate("1.1", 1, 3, 1, 1, 1));
        Clock late = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20));

        ConnectionCheck wrongSecret = fast(100, Clock.systemUTC()).test(connection(s, "1.1", "not-the-secret"));
        ConnectionCheck wrongClock = fast(100, late).test(connection(s, "1.1", SECRET));
        ConnectionCheck ok = fast(100, Clock.systemUTC()).test(connection(s, "1.1", SECRET));

        assertThat(wrongSecret.ok()).isFalse();
        assertThat(wrongSecret.problem()).contains("signature (401)").contains("client id (key) or secret is wrong");
        assertThat(wrongClock.problem()).contains("clock is 20 minutes away");
        assertThat(ok.ok()).as("%s", ok).isTrue();
        assertThat(ok.found()).containsEntry("schools", 1L).containsEntry("users", 4L);
        assertThat(wrongSecret.problem() + wrongClock.problem()).doesNotContain(SECRET);
    }

    @Test
    void aWrongPathAndAMissingScopeAreExplainedAndARunsProblemCarriesTheImsxEnvelope() {
        OneRosterStandIn s = v12(OneRosterData.generate("1.2", 1, 3, 1, 1, 1));
        URI wrongPath = URI.create(s.baseUrl().toString().replace("/rostering/v1p2", "/v1p2"));
        var connector = fast(100, Clock.systemUTC());

        ConnectionCheck notFound = connector.test(new Connection.OneRoster(wrongPath, "1.2", "OAUTH2", "client-12", SECRET, s.tokenUrl()));
        s.grantedScopes(OneRosterStandIn.SCOPE_DEMOGRAPHICS);
        ConnectionCheck noScope = connector.test(connection(s, "1.2", SECRET));
        s.grantedScopes(OneRosterStandIn.SCOPE_CORE);
        s.failNext("/users", 1, 403);

        assertThat(notFound.problem()).contains("404 Not Found").contains("…/ims/oneroster/rostering/v1p2");
        assertThat(noScope.problem()).as("the token request asks for the core scope the client was not granted").contains("scope");
        assertThatThrownBy(() -> full(connector, connection(s, "1.2", SECRET), new Recorded()))
                .isInstanceOf(PullFailure.class).hasMessageContaining("(403)").hasMessageContaining("The server said: failure/error/forbidden");
    }

    @Test
    void aWrongClientSecretForTokensIsExplainedAndNothingIsStaged() {
        OneRosterStandIn s = v12(OneRosterData.generate("1.2", 1, 3, 1, 1, 1));
        Recorded staged = new Recorded();

        assertThatThrownBy(() -> full(fast(100, Clock.systemUTC()), connection(s, "1.2", "wrong"), staged))
                .isInstanceOf(PullFailure.class).hasMessageContaining("refused the client id and secret (invalid_client)");
        assertThat(staged.people).isEmpty();
    }

    @Test
    void anExpiredTokenMidRunIsRenewedOnceAnd500sAnd429sAreRetried() throws Exception {
        OneRosterData data = OneRosterData.generate("1.2", 1, 30, 2, 2, 1);
        OneRosterStandIn s = v12(data);
        boolean[] expired = {false};
        data.onPage((collection, offset) -> {
            if (collection.equals("users") && offset >= 10 && !expired[0]) {
                expired[0] = true;
                s.expireTokensNow();
            }
        });
        s.failNext("/classes", 2, 500).rateLimitNext("/enrollments", 1, Duration.ofSeconds(1));
        Recorded staged = new Recorded();

        PullResult r = full(fast(10, Clock.systemUTC()), connection(s, "1.2", SECRET), staged);

        assertThat(s.tokensIssued()).isEqualTo(2);
        assertThat(staged.people).hasSize(32);
        assertThat(staged.classes).hasSize(2);
        assertThat(settled(s, "/classes")).extracting(OneRosterStandIn.RecordedRequest::status).startsWith(500, 500, 200);
        assertThat(r.requests()).isEqualTo(settled(s, "/").stream().filter(q -> !q.path().equals("/token")).count());
    }

    @Test
    void theSameRecordServedTwiceIsStagedOnceTheNewest() throws Exception {
        OneRosterData data = OneRosterData.generate("1.1", 1, 20, 1, 1, 1);
        OneRosterStandIn s = v11(data);
        String first = data.ids("users").get(0);
        boolean[] done = {false};
        data.onPage((collection, offset) -> {
            if (collection.equals("users") && offset == 10 && !done[0]) {
                done[0] = true;
                // a record ahead of the offset appears: the last of the first page is served again, edited meanwhile
                ObjectNode early = data.record("users", first).deepCopy();
                early.put("sourcedId", "usr-0-new").put("givenName", "Early");
                data.put("users", early);
                data.edit("users", data.ids("users").get(10), u -> u.put("givenName", "Edited"));
            }
        });
        Recorded staged = new Recorded();

        PullResult r = full(fast(10, Clock.systemUTC()), connection(s, "1.1", SECRET), staged);

        assertThat(staged.people).extracting(Staged.Person::sourcedId).doesNotHaveDuplicates();
        assertThat(r.warnings()).extracting(Problem::code).contains("served_twice");
        assertThat(staged.people).filteredOn(p -> p.sourcedId().equals(data.ids("users").get(10))).extracting(Staged.Person::givenName)
                .containsExactly("Edited");
    }

    @Test
    void aDeltaAsksOnlyForChangesAndStagesTobedeletedAsDeletionsAndTheCheckDetectsAServerThatIgnoresIt() throws Exception {
        OneRosterData data = OneRosterData.generate("1.2", 1, 10, 1, 1, 1);
        OneRosterStandIn s = v12(data);
        var connector = fast(100, Clock.systemUTC());
        Instant since = Instant.now();
        Thread.sleep(5);
        String leaver = data.ids("users").stream().filter(id -> id.startsWith("usr-s")).findFirst().orElseThrow();
        data.markDeleted("users", leaver);
        String enrollment = data.ids("enrollments").get(0);
        data.markDeleted("enrollments", enrollment);
        PullState state = new PullState(since, since, null, PullState.DeltaSupport.UNKNOWN);

        PullPlan plan = connector.plan(connection(s, "1.2", SECRET), state, Instant.now(), Duration.ofDays(7));
        Recorded staged = new Recorded();
        PullResult r = connector.pull(connection(s, "1.2", SECRET), staged, (p, n) -> { }, ZoneOffset.UTC, plan);
        s.ignoreDeltaFilter(true);
        PullPlan ignored = connector.plan(connection(s, "1.2", SECRET), state, Instant.now(), Duration.ofDays(7));
        PullResult full = connector.pull(connection(s, "1.2", SECRET), new Recorded(), (p, n) -> { }, ZoneOffset.UTC, ignored);

        assertThat(plan).isInstanceOf(PullPlan.Delta.class);
        assertThat(r.deltaSupport()).isEqualTo(PullState.DeltaSupport.HONOURED);
        assertThat(staged.people).isEmpty();
        assertThat(staged.deletions).extracting(Staged.Deletion::kind, Staged.Deletion::sourcedId).contains(
                org.assertj.core.groups.Tuple.tuple(RosterKind.USERS, leaver));
        assertThat(staged.deletions).filteredOn(d -> d.kind() == RosterKind.ENROLLMENTS).hasSize(1);
        assertThat(settled(s, "/users")).anySatisfy(q -> assertThat(q.query().get("filter")).startsWith("dateLastModified>'"));
        assertThat(ignored).isEqualTo(new PullPlan.Full(OneRosterConnector.FILTER_IGNORED));
        assertThat(full.deltaSupport()).isEqualTo(PullState.DeltaSupport.IGNORED);
        s.ignoreDeltaFilter(false).refuseFilter(true);
        assertThat(connector.plan(connection(s, "1.2", SECRET), state, Instant.now(), Duration.ofDays(7)))
                .as("a 400 to the filter").isEqualTo(new PullPlan.Full(OneRosterConnector.FILTER_IGNORED));
        assertThat(connector.plan(connection(s, "1.2", SECRET), new PullState(since, since, null, PullState.DeltaSupport.HONOURED),
                Instant.now(), Duration.ofDays(7))).as("detected once: a server known to honour it is not asked again")
                .isInstanceOf(PullPlan.Delta.class);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");

        assertThat(OneRosterClient.retryAfterMillis("2", now)).isEqualTo(2_000);
        assertThat(OneRosterClient.retryAfterMillis("Sun, 29 Nov 2026 12:00:30 GMT", now)).isEqualTo(30_000);
        assertThat(OneRosterClient.retryAfterMillis("soon", now)).isEqualTo(-1);
    }

    @Test
    void oneTwoRolesGiveThePrimarySchoolRoleAndResponsesValidateAgainstTheOneTwoDefinition() throws Exception {
        OneRosterStandIn s = v12(OneRosterData.generate("1.2", 2, 5, 10, 2, 1)).validateResponses(true);
        Recorded staged = new Recorded();

        full(fast(100, Clock.systemUTC()), connection(s, "1.2", SECRET), staged);

        // every tenth teacher also has a secondary districtAdministrator role at the district
        Staged.Person withDistrictRole = staged.people.stream().filter(p -> p.sourcedId().startsWith("usr-t")).findFirst().orElseThrow();
        assertThat(JSON.valueToTree(s.data().record("users", withDistrictRole.sourcedId())).toString()).contains("secondary");
        assertThat(withDistrictRole.role()).isEqualTo(Role.TEACHER);
        assertThat(withDistrictRole.schoolSourcedIds()).hasSize(1).allMatch(id -> id.startsWith("org-s"));
        assertThat(s.validationProblems()).isEmpty();
    }

    /**
     * The stand-in's recorded requests once its handlers are done (it records a request after answering it): the list
     * no longer grows for 100 ms.
     */
    static List<OneRosterStandIn.RecordedRequest> settled(OneRosterStandIn s, String pathPart) throws InterruptedException {
        List<OneRosterStandIn.RecordedRequest> seen = s.requests(pathPart);
        long deadline = System.currentTimeMillis() + 3_000;
        do {
            Thread.sleep(100);
            List<OneRosterStandIn.RecordedRequest> now = s.requests(pathPart);
            if (now.size() == seen.size() && !now.isEmpty()) {
                return now;
            }
            seen = now;
        } while (System.currentTimeMillis() < deadline);
        return seen;
    }

    static OneRosterSettings settings() {
        return new OneRosterSettings(100, Duration.ofSeconds(2), Duration.ofSeconds(2), 1, Duration.ofMillis(20), Duration.ofMillis(200),
                Duration.ofSeconds(5), Duration.ofMinutes(2), 100_000, 64L << 20, Duration.ofSeconds(60), Duration.ofMinutes(5), true);
    }
}
