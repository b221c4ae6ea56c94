package com.seatkeeper.rostersync;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.CleverStandIn;
import com.seatkeeper.support.CleverStandInSync;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The Clever connector against the Clever stand-in on loopback, applied by the real engine to the embedded PostgreSQL:
 * Clever's demo district, paging, retries and rate limits, refusals that change nothing, a student who leaves or
 * arrives, a paused district, an unchanged re-sync, and the token kept out of every message and log line.
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class CleverConnectorTest {
    static final Path DEMO = Path.of("../shared/samples/clever-go-v3.0");

    @LocalServerPort
    int port;
    @Autowired
    RosterChanges changes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CleverConnector defaultConnector;

    Fixtures fx;
    CleverStandIn clever;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(new Http(port));
        clever = CleverStandIn.start();
    }

    @AfterEach
    void tearDown() {
        clever.close();
    }

    /** The connector with small waits: 3 attempts, backoff from 20 ms, a 2 s request timeout, rate-limit waits up to 5 s. */
    static CleverConnector fast(int pageSize) {
        return fast(pageSize, Duration.ofSeconds(5));
    }

    static CleverConnector fast(int pageSize, Duration maxRateLimitWait) {
        return new CleverConnector(new CleverSettings(pageSize, Duration.ofSeconds(2), Duration.ofSeconds(2), 3, Duration.ofMillis(20),
                Duration.ofMillis(200), maxRateLimitWait, Duration.ofMinutes(1), 100_000, 64L << 20, true), Clock.systemUTC());
    }

    CleverStandInSync sync(CleverConnector connector) {
        return new CleverStandInSync(changes, connector);
    }

    /** Two schools, a term and a course, a teacher, {@code students} students (stu01..), a contact, one section with all of them. */
    static CleverStandIn smallDistrict(CleverStandIn s, String tag, int students) {
        s.school("sch1", "North " + tag).school("sch2", "South " + tag).term("term1", "2026-27").course("crs1", "Algebra I")
                .teacher("tea1", "Grace", "Hopper", "grace-" + tag + "@example.org", "sch1");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= students; i++) {
            String id = String.format("stu%02d", i);
            s.student(id, "Student" + i, "Clever", id + "-" + tag + "@example.org", Integer.toString(1 + i % 12), i % 2 == 0 ? "sch2" : "sch1");
            ids.add(id);
        }
        s.contact("con1", "Pat Parent", "pat-" + tag + "@example.org", "stu01");
        return s.section("sec1", "Algebra I - 1", "sch1", "crs1", "term1", List.of("tea1"), ids);
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void cleversDemoDistrictIsAppliedWithTheCountsItsFilesGive() throws Exception {
        clever.loadSample(DEMO);
        Expected expected = Expected.from(DEMO);
        var d = fx.aDistrict("CLEVER");

        var result = sync(fast(10_000)).run(d.id(), clever);

        ImportReport r = result.report();
        assertThat(r.status()).as("%s", r).isEqualTo(RunStatus.APPLIED);
        assertThat(r.counts().users().added()).as("students and teachers").isEqualTo(expected.people());
        assertThat(r.counts().users().skipped()).as("contacts").isEqualTo(expected.contacts());
        assertThat(r.counts().classes().added()).isEqualTo(expected.sections());
        assertThat(r.counts().enrollments().added()).isEqualTo(expected.enrollments());
        assertThat(r.counts().schools().added()).as("the schools users and sections name, served by the stand-in")
                .isEqualTo(expected.schools());
        assertThat(result.pull().records()).as("district, schools, users, sections; no terms or courses in the sample")
                .isEqualTo(1 + expected.schools() + expected.users() + expected.sections());
        assertThat(codes(r)).contains("contacts_skipped", "clever_term_not_served", "clever_course_not_served", "email_not_kept");
        assertThat(problem(r, "clever_course_not_served").message()).startsWith("378 sections name 343 courses that Clever did not serve");
        assertThat(problem(r, "clever_term_not_served").message()).startsWith("378 sections name 5 terms");
        assertThat(r.problems().stream().filter(p -> p.code().equals("email_not_kept")).map(Problem::message))
                .as("one teacher's email has no @, another's a quote").hasSize(expected.unusableEmails().size())
                .anySatisfy(m -> assertThat(m).contains("'seth_schoen.example.org'")).anySatisfy(m -> assertThat(m).contains("hauc\"k.haylie"));
        assertThat(problem(r, "contacts_skipped").message()).startsWith("1,002 contacts");
        assertThat(jdbc.sql("select count(*) from users where district_id = ? and source = 'CLEVER' and status = 'ACTIVE'")
                .param(UUID.fromString(d.id())).query(Long.class).single()).isEqualTo(expected.people());
        assertThat(jdbc.sql("select count(*) from users where district_id = ? and email is null").param(UUID.fromString(d.id()))
                .query(Long.class).single()).as("the teachers whose Clever email is not an address").isEqualTo(expected.unusableEmails().size());
        assertThat(jdbc.sql("select count(*) from user_schools where district_id = ?").param(UUID.fromString(d.id())).query(Long.class)
                .single()).as("264 students and 24 teachers in several schools").isEqualTo(expected.userSchools());
    }

    /**
     * Counted straight from Clever's files, without the connector: people are users with a student or teacher role
     * (the sample has no staff and, once its 3 district admins were removed, none of those), contacts the rest; the
     * schools are the distinct ids users and sections name; enrollments the distinct (section, student) and (section,
     * teacher) pairs; unusable emails those of people that are not a plain address (two teachers: one without an @, one
     * with a quote).
     */
    record Expected(long users, long people, long contacts, long sections, long enrollments, long schools, long userSchools,
                    List<String> unusableEmails) {
        /** A plain address: dot-separated atoms of letters, digits and RFC 5322 atext symbols, an @, a dotted domain. */
        static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile(
                "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

        static Expected from(Path dir) throws Exception {
            JsonNode users = Http.JSON.readTree(Files.readString(dir.resolve("users.json"))).get("data");
            JsonNode sections = Http.JSON.readTree(Files.readString(dir.resolve("sections.json"))).get("data");
            long people = 0;
            long userSchools = 0;
            List<String> unusable = new ArrayList<>();
            Set<String> schools = new HashSet<>();
            for (JsonNode u : users) {
                JsonNode roles = u.get("data").get("roles");
                JsonNode role = roles.has("student") ? roles.get("student") : roles.get("teacher");
                if (role != null) {
                    people++;
                    JsonNode email = u.get("data").get("email");
                    if (email != null && !ADDRESS.matcher(email.asString()).matches()) {
                        unusable.add(email.asString());
                    }
                    Set<String> own = new HashSet<>();
                    own.add(role.get("school").asString());
                    role.get("schools").forEach(s -> own.add(s.asString()));
                    userSchools += own.size();
                    schools.addAll(own);
                }
            }
            Set<String> pairs = new HashSet<>();
            for (JsonNode s : sections) {
                JsonNode data = s.get("data");
                schools.add(data.get("school").asString());
                data.get("students").forEach(p -> pairs.add(data.get("id").asString() + " " + p.asString()));
                data.get("teachers").forEach(p -> pairs.add(data.get("id").asString() + " " + p.asString()));
            }
            return new Expected(users.size(), people, users.size() - people, sections.size(), pairs.size(), schools.size(), userSchools, unusable);
        }
    }

    @Test
    void manyPagesAreFollowedToAnEmptyLastPage() {
        smallDistrict(clever, tag(), 11);
        clever.staff("sta1", "Sam", "Staff", "sam-" + tag() + "@example.org", "sch2").districtAdmin("adm1", "Dana", "Admin",
                "dana-" + tag() + "@example.org");
        assertThat(clever.size(CleverStandIn.Kind.USERS)).isEqualTo(15);
        var d = fx.aDistrict("CLEVER");

        var result = sync(fast(3)).run(d.id(), clever);

        assertThat(result.report().status()).as("%s", result.report()).isEqualTo(RunStatus.APPLIED);
        assertThat(result.report().counts().users().added()).isEqualTo(14);
        assertThat(clever.requestCount("/v3.0/users")).as("5 full pages of 3, then an empty one").isEqualTo(6);
        assertThat(clever.requests()).filteredOn(p -> p.startsWith("/v3.0/users")).last().asString()
                .endsWith("starting_after=tea1");
        assertThat(result.pull().pages()).isEqualTo(result.pull().requests()).isEqualTo(clever.requestCount()).isEqualTo(result.pages());
        assertThat(jdbc.sql("select role from users where district_id = ? and sourced_id in ('sta1', 'adm1') order by sourced_id")
                .param(UUID.fromString(d.id())).query(String.class).list()).containsExactly("DISTRICT_ADMIN", "STAFF");
    }

    @Test
    void a429IsWaitedOutUntilItsResetAndOnePastTheLimitEndsThePull() {
        smallDistrict(clever, tag(), 3);
        var d = fx.aDistrict("CLEVER");
        clever.rateLimitNext("/users", 1, Duration.ofSeconds(2));

        long started = System.nanoTime();
        var waited = sync(fast(100)).run(d.id(), clever);

        assertThat(waited.report().status()).as("%s", waited.report()).isEqualTo(RunStatus.APPLIED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited until X-RateLimit-Reset").isGreaterThan(Duration.ofMillis(1900));
        assertThat(clever.requestCount("/v3.0/users")).isEqualTo(2);

        DbState before = DbState.ofDistrict(jdbc, d.id());
        clever.removeUser("stu01").rateLimitNext("/sections", 1, Duration.ofSeconds(60));
        var tooLong = sync(fast(100, Duration.ofSeconds(5))).run(d.id(), clever);

        assertThat(tooLong.failure()).isNotNull();
        assertThat(tooLong.failure().getMessage()).startsWith("Clever's rate limit asked the sync to wait ")
                .contains("longer than the 5 seconds a sync may wait (seatkeeper.sync.max-rate-limit-wait)");
        assertThat(tooLong.report().status()).isEqualTo(RunStatus.FAILED);
        assertThat(tooLong.report().reason()).isEqualTo(tooLong.failure().getMessage());
        assertThat(DbState.ofDistrict(jdbc, d.id())).as("nothing changed").isEqualTo(before);
    }

    @Test
    void serverErrorsAndATimeoutAreRetriedThenTheSyncSucceeds() {
        smallDistrict(clever, tag(), 4);
        var d = fx.aDistrict("CLEVER");
        clever.failNext("/sections", 1, 500).failNext("/sections", 1, 503).delayNext("/schools", 1, Duration.ofMillis(2500));

        var result = sync(fast(100)).run(d.id(), clever);

        assertThat(result.report().status()).as("%s", result.report()).isEqualTo(RunStatus.APPLIED);
        assertThat(result.report().counts().users().added()).isEqualTo(5);
        assertThat(clever.requestCount("/v3.0/sections")).as("500, 503, then the page").isEqualTo(3);
        assertThat(clever.requestCount("/v3.0/schools")).as("timed out after 2 s, then the page").isEqualTo(2);
        assertThat(result.pull().requests()).isEqualTo(clever.requestCount());
    }

    @Test
    void aPageThatKeepsFailingEndsThePullAndNothingIsApplied() {
        smallDistrict(clever, tag(), 4);
        var d = fx.aDistrict("CLEVER");
        clever.failNext("/sections", 3, 502);

        var result = sync(fast(100)).run(d.id(), clever);

        assertThat(result.failure().getMessage()).isEqualTo("Clever kept failing: it answered 502 to GET /v3.0/sections (3 attempts). "
                + "Nothing was changed; the next sync will try again.");
        assertThat(result.report().status()).isEqualTo(RunStatus.FAILED);
        assertThat(jdbc.sql("select count(*) from users where district_id = ? and source = 'CLEVER'").param(UUID.fromString(d.id()))
                .query(Long.class).single()).as("the users staged before the failure were not applied").isZero();
    }

    @Test
    void a401IsNeverRetriedNamesTheTokenAndChangesNothing() {
        smallDistrict(clever, tag(), 4);
        var d = fx.aDistrict("CLEVER");
        sync(fast(100)).run(d.id(), clever);
        clever.removeUser("stu01");
        DbState before = DbState.ofDistrict(jdbc, d.id());
        clever.resetCounts();
        clever.failNext("/users", 1, 401);

        var midway = sync(fast(100)).run(d.id(), clever);

        assertThat(midway.failure().getMessage())
                .isEqualTo("Clever refused the district token (401): reconnect the district in Clever and paste the new token.");
        assertThat(clever.requestCount("/v3.0/users")).as("not retried").isEqualTo(1);
        assertThat(midway.report().status()).isEqualTo(RunStatus.FAILED);
        assertThat(midway.report().reason()).isEqualTo(midway.failure().getMessage());
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);

        String old = clever.token();
        clever.token("a-new-token-" + tag());
        var revoked = sync(fast(100)).run(d.id(), new Connection.Clever(clever.baseUrl(), "3.0", old), ZoneId.of("America/New_York"));
        assertThat(revoked.failure().getMessage()).startsWith("Clever refused the district token (401)");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void aStudentWhoLeftLosesTheirLicenseWithTheRunInTheLedgerAndANewStudentArrives() {
        String tag = tag();
        smallDistrict(clever, tag, 20);
        var d = fx.aDistrict("CLEVER");
        var pool = fx.aStudentPool(d, 10);
        sync(fast(100)).run(d.id(), clever);
        String leaver = userId(d.id(), "stu01");
        assertThat(fx.assign(pool, leaver).status()).isEqualTo(201);

        clever.removeUser("stu01").student("stu90", "Newcomer", "Clever", "stu90-" + tag + "@example.org", "3", "sch1").enroll("sec1", "stu90");
        var second = sync(fast(100)).run(d.id(), clever);

        ImportReport r = second.report();
        assertThat(r.status()).as("%s", r).isEqualTo(RunStatus.APPLIED);
        assertThat(r.counts().users().removed()).isEqualTo(1);
        assertThat(r.counts().users().added()).isEqualTo(1);
        assertThat(r.counts().enrollments().added()).isEqualTo(1);
        assertThat(r.counts().enrollments().removed()).isEqualTo(1);
        assertThat(r.licenses().released()).isEqualTo(1);
        assertThat(fx.holderIds(pool)).isEmpty();
        assertThat(fx.available(pool)).isEqualTo(10);
        var ledger = fx.http.get("/api/v1/license-pools/" + pool.id() + "/ledger?userId=" + leaver, Fixtures.ADMIN);
        List<String> reasons = new ArrayList<>();
        ledger.body().forEach(e -> reasons.add(e.get("action").asString() + " | " + e.get("reason").asString()));
        assertThat(reasons).anySatisfy(line -> assertThat(line).startsWith("RELEASED_BY_SYNC").contains(r.id().toString()));
        var leaverNow = fx.http.get("/api/v1/users/" + leaver, Fixtures.ADMIN);
        assertThat(leaverNow.text("status")).isEqualTo("INACTIVE");
        assertThat(userId(d.id(), "stu90")).isNotNull();
    }

    @Test
    void studentsASyncAddsAreAutoAssignedUntilThePoolRunsOutAndTheRestAreListedWaiting() {
        String tag = tag();
        smallDistrict(clever, tag, 4);
        var d = fx.aDistrict("CLEVER");
        sync(fast(100)).run(d.id(), clever);
        var pool = fx.aStudentPool(d, 5);
        var saved = fx.http.send("PUT", "/api/v1/license-pools/" + pool.id() + "/auto-assign", Fixtures.ADMIN,
                Map.of("rules", List.of(Map.of("kind", "ALL_STUDENTS"))));
        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
        assertThat(fx.holderIds(pool)).hasSize(4);

        for (int i = 90; i <= 92; i++) {
            clever.student("stu" + i, "Newcomer" + i, "Clever", "stu" + i + "-" + tag + "@example.org", "3", "sch1").enroll("sec1", "stu" + i);
        }
        ImportReport r = sync(fast(100)).run(d.id(), clever).report();

        assertThat(r.status()).as("%s", r).isEqualTo(RunStatus.APPLIED);
        assertThat(r.counts().users().added()).isEqualTo(3);
        assertThat(r.licenses().assigned()).as("the one seat left").isEqualTo(1);
        assertThat(r.licenses().leftWithout()).isEqualTo(2);
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo("left_without_license");
            assertThat(p.message()).contains("2 people").contains("auto-assign");
        });
        // the oldest in the roster first: stu90 (created first) holds the last seat
        assertThat(fx.holderIds(pool)).hasSize(5).contains(userId(d.id(), "stu90"));
        assertThat(fx.available(pool)).isZero();
        assertThat(fx.pool(pool).body().get("waiting").asLong()).isEqualTo(2);
        com.seatkeeper.support.SeatBooks.assertBalanced(jdbc, pool.id());
    }

    @Test
    void anUnchangedResyncWritesNoRosterRow() {
        smallDistrict(clever, tag(), 6);
        var d = fx.aDistrict("CLEVER");
        sync(fast(100)).run(d.id(), clever);
        Map<String, Object> versions = DbState.rowVersions(jdbc, d.id());

        var again = sync(fast(100)).run(d.id(), clever);

        assertThat(again.report().status()).isEqualTo(RunStatus.APPLIED);
        assertThat(again.report().counts().users()).isEqualTo(new ImportReport.UserCounts(0, 0, 0, 7, 0, 0, 1));
        assertThat(again.report().counts().classes()).isEqualTo(new ImportReport.KindCounts(0, 0, 0, 1));
        assertThat(again.report().counts().enrollments()).isEqualTo(new ImportReport.KindCounts(0, 0, 0, 7));
        assertThat(DbState.rowVersions(jdbc, d.id())).as("no roster row rewritten (same xmin everywhere)").isEqualTo(versions);
    }

    @Test
    void aPausedDistrictIsReportedPausedWithWhy() throws Exception {
        smallDistrict(clever, tag(), 3);
        var connector = fast(100);
        ZoneId newYork = ZoneId.of("America/New_York");
        var connection = new Connection.Clever(clever.baseUrl(), "3.0", clever.token());
        assertThat(connector.pull(connection, new Counting(), (p, r) -> { }, newYork).paused()).isFalse();

        clever.state("paused");
        var paused = connector.pull(connection, new Counting(), (p, r) -> { }, newYork);
        assertThat(paused.paused()).isTrue();
        assertThat(paused.pausedWhy()).startsWith("Clever says the district is paused");

        clever.state("running").pause("2020-06-01T00:00:00Z", "2099-08-15T00:00:00Z");
        var window = connector.pull(connection, new Counting(), (p, r) -> { }, newYork);
        assertThat(window.paused()).isTrue();
        assertThat(window.pausedWhy()).as("the window's end read in New York").contains("from 2020-05-31 to 2099-08-14")
                .contains("covers today");

        clever.pause("2020-06-01T00:00:00Z", "2020-08-15T00:00:00Z");
        assertThat(connector.pull(connection, new Counting(), (p, r) -> { }, newYork).paused()).as("a window that ended").isFalse();
    }

    /** A staging that only counts what it is given (for pulls whose rows this test does not apply). */
    static final class Counting implements com.seatkeeper.roster.changes.RosterStaging {
        long rows;

        @Override
        public void school(com.seatkeeper.roster.changes.Staged.School row) {
            rows++;
        }

        @Override
        public void person(com.seatkeeper.roster.changes.Staged.Person row) {
            rows++;
        }

        @Override
        public void rosterClass(com.seatkeeper.roster.changes.Staged.Class row) {
            rows++;
        }

        @Override
        public void enrollment(com.seatkeeper.roster.changes.Staged.Enrollment row) {
            rows++;
        }

        @Override
        public void deletion(com.seatkeeper.roster.changes.Staged.Deletion row) {
            rows++;
        }

        @Override
        public void license(com.seatkeeper.roster.changes.Staged.License row) {
            rows++;
        }

        @Override
        public void skippedPeople(long count) {
        }

        @Override
        public void rowsRead(long rows) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void whilePausedNobodyIsRemovedButArrivalsAreApplied() {
        String tag = tag();
        smallDistrict(clever, tag, 20);
        var d = fx.aDistrict("CLEVER");
        var pool = fx.aStudentPool(d, 5);
        sync(fast(100)).run(d.id(), clever);
        String holder = userId(d.id(), "stu01");
        fx.assign(pool, holder);

        clever.state("paused").removeUser("stu01").student("stu91", "Summer", "Arrival", "stu91-" + tag + "@example.org", "4", "sch1");
        var paused = sync(fast(100)).run(d.id(), clever);

        assertThat(paused.report().status()).as("%s", paused.report()).isEqualTo(RunStatus.APPLIED);
        assertThat(paused.report().counts().users().added()).isEqualTo(1);
        assertThat(fx.http.get("/api/v1/users/" + holder, Fixtures.ADMIN).text("status")).isEqualTo("ACTIVE");
        assertThat(fx.holderIds(pool)).containsExactly(holder);
        assertThat(codes(paused.report())).contains("removals_held");
    }

    @Test
    void anEmailChangeWithANewCleverIdKeepsTheLicense() {
        String tag = tag();
        smallDistrict(clever, tag, 20);
        var d = fx.aDistrict("CLEVER");
        var pool = fx.aStudentPool(d, 5);
        sync(fast(100)).run(d.id(), clever);
        String person = userId(d.id(), "stu02");
        fx.assign(pool, person);

        // the district's SIS rewrote the address (only its case), and Clever made a new user of it
        clever.changeUserId("stu02", "stu02b", "STU02-" + tag + "@Example.org");
        var second = sync(fast(100)).run(d.id(), clever);

        assertThat(second.report().status()).as("%s", second.report()).isEqualTo(RunStatus.APPLIED);
        assertThat(fx.holderIds(pool)).containsExactly(person);
        assertThat(userId(d.id(), "stu02b")).isEqualTo(person);
        assertThat(fx.emailOf(person)).isEqualTo("STU02-" + tag + "@Example.org");
        assertThat(second.report().licenses().released()).isZero();
        assertThat(second.report().counts().users().removed()).isZero();
        assertThat(codes(second.report())).contains("sourced_id_changed");
    }

    @Test
    void theTokenIsInNoMessageResultOrLogLine(CapturedOutput output) {
        String tag = tag();
        smallDistrict(clever, tag, 3);
        var d = fx.aDistrict("CLEVER");
        String token = clever.token();
        clever.failNext("/users", 1, 503).rateLimitNext("/sections", 1, Duration.ofSeconds(1));
        var ok = sync(fast(100)).run(d.id(), clever);
        clever.failNext("/schools", 1, 401);
        var refused = sync(fast(100)).run(d.id(), clever);
        clever.failNext("/sections", 3, 500);
        var failed = sync(fast(100)).run(d.id(), clever);
        var check = fast(100).test(new Connection.Clever(clever.baseUrl(), "3.0", "wrong-" + token));
        var connection = new Connection.Clever(clever.baseUrl(), "3.0", token);

        assertThat(ok.report().status()).isEqualTo(RunStatus.APPLIED);
        assertThat(output.getAll()).as("retries were logged").contains("Clever request retried");
        List<String> said = List.of(output.getAll(), refused.failure().getMessage(), failed.failure().getMessage(), check.toString(),
                connection.toString(), String.valueOf(refused.report()), String.valueOf(failed.report()), String.valueOf(ok.report()));
        for (String text : said) {
            assertThat(text).doesNotContain(token);
        }
        String stored = jdbc.sql("select string_agg(coalesce(reason, '') || coalesce(problems::text, '') || coalesce(counts::text, ''), ' ') from sync_runs where district_id = ?")
                .param(UUID.fromString(d.id())).query(String.class).optional().orElse("");
        assertThat(stored).isNotBlank().doesNotContain(token);
    }

    @Test
    void aConnectionTestCountsTheFirstPagesOrSaysPlainlyWhatIsWrong() throws Exception {
        smallDistrict(clever, tag(), 4);
        var connector = fast(100);

        var ok = connector.test(new Connection.Clever(clever.baseUrl(), "3.1", clever.token()));
        assertThat(ok.ok()).isTrue();
        assertThat(ok.found()).containsExactlyEntriesOf(new java.util.LinkedHashMap<>(Map.of("districts", 1L, "schools", 2L, "users", 6L,
                "sections", 1L)));
        assertThat(ok.problem()).isNull();

        var refused = connector.test(new Connection.Clever(clever.baseUrl(), "3.0", "not-the-token"));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.problem()).isEqualTo("Clever refused the district token (401): reconnect the district in Clever and paste the new token.");

        clever.delayNext("/districts", 1, Duration.ofMillis(2500));
        var slow = connector.test(new Connection.Clever(clever.baseUrl(), "3.0", clever.token()));
        assertThat(slow.problem()).isEqualTo("Could not reach a Clever Data API at " + clever.baseUrl() + ": no connection, or no whole "
                + "answer in time. Check the base URL in the district's rostering settings, then test again.");

        clever.failNext("/sections", 1, 403);
        var partly = connector.test(new Connection.Clever(clever.baseUrl(), "3.0", clever.token()));
        assertThat(partly.problem()).startsWith("Clever refused access to part of the district's data (403)");
        assertThat(partly.found()).containsKeys("districts", "schools", "users").doesNotContainKey("sections");

        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var nobody = connector.test(new Connection.Clever(java.net.URI.create("http://127.0.0.1:" + closedPort), "3.0", "token"));
        assertThat(nobody.problem()).startsWith("Could not reach a Clever Data API at http://127.0.0.1:" + closedPort + ":");

        var other = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestURI().getPath().startsWith("/html/") ? "<html>a web page</html>"
                    : "{\"hello\": \"world\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        try {
            String otherUrl = "http://127.0.0.1:" + other.getAddress().getPort();
            var json = connector.test(new Connection.Clever(java.net.URI.create(otherUrl), "3.0", "token"));
            assertThat(json.problem()).isEqualTo("The server at " + otherUrl + " answered, but not as Clever's Data API does: check the "
                    + "base URL (the API root, e.g. https://api.clever.com) and the API version in the district's rostering settings.");
            var html = connector.test(new Connection.Clever(java.net.URI.create(otherUrl + "/html"), "3.0", "token"));
            assertThat(html.problem()).startsWith("The server at " + otherUrl + "/html answered, but not as Clever's Data API does");
        } finally {
            other.stop(0);
        }

        var wrongVersion = connector.test(new Connection.Clever(clever.baseUrl(), "2.0", clever.token()));
        assertThat(wrongVersion.problem()).isEqualTo("Clever API version 2.0 is not one Seatkeeper reads: choose 3.0 or 3.1.");
    }

    @Test
    void theBeanReadsItsSettingsAndIsTheCleverSource() {
        assertThat(defaultConnector.source()).isEqualTo(com.seatkeeper.district.RosteringSource.CLEVER);
        assertThat(defaultConnector.referenceColumns().userSchools()).isEqualTo("schools");
    }

    private String userId(String district, String sourcedId) {
        var r = fx.http.get("/api/v1/districts/" + district + "/users?sourcedId=" + sourcedId, Fixtures.ADMIN);
        assertThat(r.status()).isEqualTo(200);
        return r.body().isEmpty() ? null : r.body().get(0).get("id").asString();
    }


    static Set<String> codes(ImportReport r) {
        return Set.copyOf(r.problems().stream().map(Problem::code).toList());
    }

    static Problem problem(ImportReport r, String code) {
        return r.problems().stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow(() -> new AssertionError(code + " in " + r));
    }
}
