package com.seatkeeper.rostersync;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.roster.changes.SyncTrigger;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.CleverStandIn;
import com.seatkeeper.support.CleverStandInSync;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ArrayNode;

/**
 * Clever incremental syncs (issue 10 "Scale"; docs/design.md "Clever incremental syncs") through the real sync runner
 * ({@link SyncRunner}: plan, staging BULK or DELTA, pull, complete, pull state recorded when APPLIED) against the Clever
 * stand-in and its event log: the first sync is full and takes Clever's newest event before reading anything; later
 * syncs read only {@code /events} (plus the term and course lists when sections changed) and reach the same roster a
 * full pull reaches; an unchanged re-sync writes no roster row; expired events, a week's age and a paused district
 * lead to full pulls or held removals as a full pull would; HELD and FAILED runs leave the pull state, and replacing
 * the connection's token or address resets it.
 */
@ApiTest
@Import(MutableClock.Config.class)
class CleverIncrementalSyncTest {
    static final int STUDENTS = 12;
    /**
     * Late enough that the nightly job (which reads the moved clock) never queues a run of its own while the clock moves
     * in whole days from noon in New York.
     */
    static final String NIGHTLY = "23:59";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SyncRunner runner;
    @Autowired
    RosterChanges changes;
    @Autowired
    ConnectionStore store;
    @Autowired
    MutableClock clock;

    Http http;
    Fixtures fx;
    Fixtures.District district;
    String admin;
    String tag;
    CleverStandIn clever;
    Instant start;

    @BeforeEach
    void setUp() {
        start = clock.instant();
        http = new Http(port);
        fx = new Fixtures(http);
        district = fx.aDistrict();
        admin = fx.tokenFor(fx.aDistrictAdmin(district));
        tag = UUID.randomUUID().toString().substring(0, 8);
        clever = CleverStandIn.start();
        clever.school("sch1", "North " + tag).school("sch2", "South " + tag).term("term1", "2026-27").course("crs1", "Algebra I")
                .teacher("t1", "Tess", "Teacher", "t1-" + tag + "@example.test", "sch1");
        List<String> students = new ArrayList<>();
        for (int i = 1; i <= STUDENTS; i++) {
            clever.student("s" + i, "Sam", "Student" + i, email("s" + i), "9", "sch1");
            students.add("s" + i);
            // one small section per student, so that removing a section is a small share of the district's classes
            clever.section("solo" + i, "Tutoring " + i, "sch1", "crs1", "term1", List.of("t1"), List.of("s" + i));
        }
        clever.section("sec1", "Algebra I - 1", "sch1", "crs1", "term1", List.of("t1"), students);
    }

    @AfterEach
    void tearDown() {
        clever.close();
        clock.set(start);
    }

    String email(String id) {
        return id + "-" + tag + "@example.test";
    }

    void connect(String baseUrl, String token) {
        var r = http.send("PUT", "/api/v1/districts/" + district.id() + "/rostering", admin, map("source", "CLEVER",
                "clever", token == null ? map("baseUrl", baseUrl) : map("baseUrl", baseUrl, "districtToken", token), "nightlyAt", NIGHTLY));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    void connect() {
        connect(clever.baseUrl().toString(), clever.token());
    }

    /** One sync through the real runner (queued, then run at once on this thread as the scheduler's job would). */
    ImportReport sync() {
        clever.resetCounts();
        SyncRunId run = changes.queue(CleverStandInSync.JOB, DistrictId.of(district.id()), SyncTrigger.SAME_DAY, null).value();
        runner.run(run.toString(), district.id());
        return changes.run(CleverStandInSync.JOB, run);
    }

    /** A student pool current at the test clock's date (the application's "today"). */
    Fixtures.Pool pool() {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        return fx.aPool(district, fx.aProduct(), "STUDENT", 5, today.minusDays(30), today.plusDays(300));
    }

    PullState state() {
        return store.pullState(DistrictId.of(district.id()));
    }

    Map<String, Object> person(String sourcedId) {
        return jdbc.sql("select id, given_name, family_name, grade, status from users where district_id = ? and sourced_id = ?")
                .params(UUID.fromString(district.id()), sourcedId).query().singleRow();
    }

    List<String> schoolsOf(String sourcedId) {
        return jdbc.sql("""
                        select s.sourced_id from user_schools us join users u on u.id = us.user_id join schools s on s.id = us.school_id
                        where u.district_id = ? and u.sourced_id = ? order by 1""")
                .params(UUID.fromString(district.id()), sourcedId).query(String.class).list();
    }

    boolean enrolled(String section, String user) {
        return jdbc.sql("""
                        select count(*) from enrollments e join classes c on c.id = e.class_id join users u on u.id = e.user_id
                        where c.district_id = ? and c.sourced_id = ? and u.sourced_id = ?""")
                .params(UUID.fromString(district.id()), section, user).query(Long.class).single() > 0;
    }

    boolean classExists(String section) {
        return jdbc.sql("select count(*) from classes where district_id = ? and sourced_id = ?")
                .params(UUID.fromString(district.id()), section).query(Long.class).single() > 0;
    }

    /** Requests other than the Events API's ({@code /v3.0/events...}). */
    List<String> notEvents() {
        return clever.requests().stream().filter(r -> !r.startsWith("/v3.0/events")).toList();
    }

    static boolean warned(ImportReport r, String code, String text) {
        return r.problems().stream().anyMatch(p -> p.code().equals(code) && p.message().contains(text));
    }

    @Test
    void afterAFullSyncOnlyEventsAreReadAndTheRosterEndsAsAFullPullWouldLeaveIt() {
        connect();
        var first = sync();
        assertThat(first.status()).as("%s", first).isEqualTo(RunStatus.APPLIED);
        assertThat(first.counts().users().added()).isEqualTo(STUDENTS + 1);
        assertThat(clever.requests().get(0)).as("the newest event is asked before anything is read")
                .isEqualTo("/v3.0/events?ending_before=last&limit=1");
        assertThat(clever.requestCount("/v3.0/users")).isPositive();
        PullState afterFirst = state();
        assertThat(afterFirst.lastFullPullStartedAt()).isEqualTo(clock.instant());
        assertThat(CleverEvents.Cursor.decode(afterFirst.cursor()).orElseThrow().after()).isEqualTo(clever.newestEventId());

        String s2 = person("s2").get("id").toString();
        var pool = pool();
        var assigned = fx.assign(pool, s2);
        assertThat(assigned.status()).as("%s", assigned).isEqualTo(201);

        // a student added (and enrolled), one updated (name, grade, school), one who held a license deleted, a section's
        // students changed (one added, one removed), a section deleted
        clever.student("s13", "Nia", "Newcomer", email("s13"), "10", "sch2").enroll("sec1", "s13");
        clever.edit(CleverStandIn.Kind.USERS, "s3", u -> {
            u.withObject("name").put("last", "Renamed");
            u.withObject("roles").withObject("student").put("grade", "10").put("school", "sch2");
            ((ArrayNode) u.withObject("roles").withObject("student").get("schools")).removeAll().add("sch2");
        });
        // the sections at the school they left no longer list them (as a SIS moving a student does)
        clever.edit(CleverStandIn.Kind.SECTIONS, "solo3", s -> ((ArrayNode) s.get("students")).removeAll());
        clever.edit(CleverStandIn.Kind.SECTIONS, "sec1", s -> {
            ArrayNode students = (ArrayNode) s.get("students");
            for (int i = students.size() - 1; i >= 0; i--) {
                if (students.get(i).asString().equals("s3")) {
                    students.remove(i);
                }
            }
        });
        clever.removeUser("s2");
        clever.edit(CleverStandIn.Kind.SECTIONS, "sec1", s -> {
            ArrayNode students = (ArrayNode) s.get("students");
            for (int i = 0; i < students.size(); i++) {
                if (students.get(i).asString().equals("s4")) {
                    students.remove(i);
                }
            }
        });
        clever.remove(CleverStandIn.Kind.SECTIONS, "solo5");

        clock.set(clock.instant().plus(Duration.ofDays(1)));
        var delta = sync();
        assertThat(delta.status()).as("%s", delta).isEqualTo(RunStatus.APPLIED);
        assertThat(notEvents()).as("a delta reads events, and the term and course names because sections changed")
                .allMatch(r -> r.startsWith("/v3.0/terms") || r.startsWith("/v3.0/courses"));
        assertThat(clever.requestCount("/v3.0/events")).isGreaterThanOrEqualTo(2);
        assertThat(delta.counts().users().added()).isEqualTo(1);
        assertThat(delta.counts().users().updated()).isEqualTo(1);
        assertThat(delta.counts().users().removed()).isEqualTo(1);
        assertThat(delta.counts().classes().removed()).isEqualTo(1);
        assertThat(person("s13").get("status")).isEqualTo("ACTIVE");
        assertThat(enrolled("sec1", "s13")).isTrue();
        assertThat(person("s3")).containsEntry("family_name", "Renamed").containsEntry("grade", "10");
        assertThat(schoolsOf("s3")).containsExactly("sch2");
        assertThat(person("s2").get("status")).isEqualTo("INACTIVE");
        assertThat(fx.pool(pool).number("assigned")).isZero();
        assertThat(jdbc.sql("select reason from seat_ledger where pool_id = ? and action = 'RELEASED_BY_SYNC'")
                .param(UUID.fromString(pool.id())).query(String.class).single()).contains(delta.id().toString());
        assertThat(enrolled("sec1", "s4")).as("removed from the section").isFalse();
        assertThat(enrolled("solo4", "s4")).as("still in their own").isTrue();
        assertThat(person("s4").get("status")).isEqualTo("ACTIVE");
        assertThat(enrolled("sec1", "s1")).isTrue();
        assertThat(classExists("solo5")).isFalse();
        PullState afterDelta = state();
        assertThat(afterDelta.lastFullPullStartedAt()).as("a delta leaves the last full pull").isEqualTo(afterFirst.lastFullPullStartedAt());
        assertThat(afterDelta.lastPullStartedAt()).isEqualTo(clock.instant());
        assertThat(CleverEvents.Cursor.decode(afterDelta.cursor()).orElseThrow().after()).isEqualTo(clever.newestEventId());

        // nothing changed: only the events are read, and no roster row is written
        var before = DbState.rowVersions(jdbc, district.id());
        var unchanged = sync();
        assertThat(unchanged.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(notEvents()).isEmpty();
        assertThat(clever.requestCount()).as("the cursor's check and one empty page").isEqualTo(2);
        assertThat(DbState.rowVersions(jdbc, district.id())).isEqualTo(before);

        // a week after the full pull, a full pull again: it finds the roster the deltas left (no row written)
        clock.set(afterFirst.lastFullPullStartedAt().plus(Duration.ofDays(7)));
        var weekly = sync();
        assertThat(weekly.status()).as("%s", weekly).isEqualTo(RunStatus.APPLIED);
        assertThat(clever.requestCount("/v3.0/users")).isPositive();
        assertThat(weekly.problems()).noneMatch(p -> p.code().equals("clever_full_pull"));
        assertThat(DbState.rowVersions(jdbc, district.id())).as("the deltas reached what a full pull reaches").isEqualTo(before);
        assertThat(state().lastFullPullStartedAt()).isEqualTo(clock.instant());
    }

    @Test
    void eventsThatCleverNoLongerKeepsLeadToAFullPullWithTheReasonInTheRun() {
        connect();
        assertThat(sync().status()).isEqualTo(RunStatus.APPLIED);
        clever.student("s13", "Nia", "Newcomer", email("s13"), "10", "sch2");
        clever.forgetAllEvents();
        clever.edit(CleverStandIn.Kind.USERS, "s1", u -> u.withObject("name").put("first", "Samantha"));
        var run = sync();
        assertThat(run.status()).as("%s", run).isEqualTo(RunStatus.APPLIED);
        assertThat(clever.requestCount("/v3.0/users")).as("a full pull").isPositive();
        assertThat(warned(run, "clever_full_pull", "no longer keeps the events")).as("%s", run.problems()).isTrue();
        assertThat(run.counts().users().added()).as("the change whose event was lost is applied").isEqualTo(1);
        assertThat(person("s1").get("given_name")).isEqualTo("Samantha");
        assertThat(CleverEvents.Cursor.decode(state().cursor()).orElseThrow().after()).isEqualTo(clever.newestEventId());
        var next = sync();
        assertThat(notEvents()).as("incremental again").isEmpty();
        assertThat(next.status()).isEqualTo(RunStatus.APPLIED);
    }

    @Test
    void aPausedDistrictHoldsRemovalsInADeltaAndAppliesThemOnceItRuns() {
        connect();
        assertThat(sync().status()).isEqualTo(RunStatus.APPLIED);
        String s5 = person("s5").get("id").toString();
        var pool = pool();
        assertThat(fx.assign(pool, s5).status()).isEqualTo(201);

        clever.state("paused");
        clever.removeUser("s5");
        clever.student("s13", "Nia", "Newcomer", email("s13"), "10", "sch2");
        var paused = sync();
        assertThat(paused.status()).as("%s", paused).isEqualTo(RunStatus.APPLIED);
        assertThat(notEvents()).as("a delta (the term and course names read because sections changed)")
                .allMatch(r -> r.startsWith("/v3.0/terms") || r.startsWith("/v3.0/courses"));
        assertThat(warned(paused, "removals_held", "paused")).as("%s", paused.problems()).isTrue();
        assertThat(paused.counts().users().added()).isEqualTo(1);
        assertThat(person("s5").get("status")).isEqualTo("ACTIVE");
        assertThat(fx.pool(pool).number("assigned")).isEqualTo(1);

        clever.state("running");
        var running = sync();
        assertThat(running.status()).as("%s", running).isEqualTo(RunStatus.APPLIED);
        assertThat(notEvents()).as("still a delta: the paused one's events are read again")
                .allMatch(r -> r.startsWith("/v3.0/terms") || r.startsWith("/v3.0/courses"));
        assertThat(person("s5").get("status")).isEqualTo("INACTIVE");
        assertThat(fx.pool(pool).number("assigned")).isZero();
        assertThat(running.counts().users().added()).as("applying an event twice changes nothing").isZero();
    }

    @Test
    void onlyAnAppliedSyncMovesThePullStateAndANewTokenOrAddressResetsIt() {
        connect();
        assertThat(sync().status()).isEqualTo(RunStatus.APPLIED);
        PullState applied = state();
        assertThat(applied.cursor()).isNotNull();

        // FAILED: Clever refuses the events page
        clever.student("s13", "Nia", "Newcomer", email("s13"), "10", "sch2");
        clever.failNext("/v3.0/events?", 1, 401);
        clock.set(clock.instant().plus(Duration.ofHours(1)));
        var failed = sync();
        assertThat(failed.status()).as("%s", failed).isEqualTo(RunStatus.FAILED);
        assertThat(failed.reason()).contains("token");
        assertThat(state()).isEqualTo(applied);

        // HELD: a delta that would remove most of the district
        for (int i = 1; i <= 6; i++) {
            clever.removeUser("s" + i);
        }
        var held = sync();
        assertThat(held.status()).as("%s", held).isEqualTo(RunStatus.HELD);
        assertThat(state()).isEqualTo(applied);
        assertThat(changes.discard(CleverStandInSync.JOB, held.id()).value().status()).isEqualTo(RunStatus.DISCARDED);

        // changing only the nightly time keeps the state; a new token, or another address, starts again with a full pull
        var r = http.send("PUT", "/api/v1/districts/" + district.id() + "/rostering", admin, map("source", "CLEVER",
                "clever", map("baseUrl", clever.baseUrl().toString()), "nightlyAt", "23:58"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(state()).isEqualTo(applied);
        clever.token("reconnected-" + UUID.randomUUID());
        connect();
        assertThat(state()).isEqualTo(PullState.NONE);

        var full = sync();
        assertThat(full.status()).as("%s", full).isEqualTo(RunStatus.HELD);
        assertThat(clever.requestCount("/v3.0/users")).as("a full pull after the new token").isPositive();
        changes.discard(CleverStandInSync.JOB, full.id());
        for (int i = 1; i <= 6; i++) {
            clever.student("s" + i, "Sam", "Student" + i, email("s" + i), "9", "sch1");
        }
        assertThat(sync().status()).isEqualTo(RunStatus.APPLIED);
        assertThat(state().cursor()).isNotNull();
        connect("http://localhost:" + clever.baseUrl().getPort(), clever.token());
        assertThat(state()).as("another address").isEqualTo(PullState.NONE);
    }

    /**
     * An email change that gives a person a new Clever id arrives as {@code users.deleted} (old id) and
     * {@code users.created} (new id, the address rewritten) in one batch. The person keeps their license only if the
     * engine re-matches the new id to the old person by email in a DELTA run as it does in a BULK one (as
     * CleverConnectorTest shows for a full pull).
     */
    @Test
    void aNewCleverIdWithAChangedEmailKeepsTheLicenseInADelta() {
        connect();
        assertThat(sync().status()).isEqualTo(RunStatus.APPLIED);
        String s6 = person("s6").get("id").toString();
        var pool = pool();
        assertThat(fx.assign(pool, s6).status()).isEqualTo(201);
        // the district's SIS rewrote the address (only its case), and Clever made a new user of it
        String rewritten = email("s6").toUpperCase(java.util.Locale.ROOT);
        clever.changeUserId("s6", "s6-new", rewritten);
        var delta = sync();
        assertThat(notEvents()).allMatch(r -> r.startsWith("/v3.0/terms") || r.startsWith("/v3.0/courses"));
        assertThat(delta.status()).as("%s", delta).isEqualTo(RunStatus.APPLIED);
        assertThat(person("s6-new").get("id").toString()).as("the same person").isEqualTo(s6);
        assertThat(fx.pool(pool).number("assigned")).isEqualTo(1);
        assertThat(delta.problems()).extracting(Problem::code).contains("sourced_id_changed");
    }

    /**
     * A batch of changes the engine refuses (a new student with another student's email: {@code duplicate_email}) is
     * REJECTED and changes nothing; the next sync is then a full pull (with the reason), so one bad batch does not block
     * every sync until the weekly full pull. Once Clever has the address corrected, that full pull applies.
     */
    @Test
    void aRejectedChangesOnlySyncMakesTheNextOneAFullPull() {
        connect();
        assertThat(sync().status()).isEqualTo(RunStatus.APPLIED);
        clever.student("s13", "Nia", "Newcomer", email("s2"), "10", "sch2");
        var rejected = sync();
        assertThat(rejected.status()).as("%s", rejected).isEqualTo(RunStatus.REJECTED);
        assertThat(rejected.problems()).extracting(Problem::code).contains("duplicate_email");
        assertThat(state().lastFullPullStartedAt()).as("a full pull is asked for").isNull();
        clever.edit(CleverStandIn.Kind.USERS, "s13", u -> u.put("email", email("s13")));
        int before = clever.requests().size();

        var full = sync();

        assertThat(full.status()).as("%s", full).isEqualTo(RunStatus.APPLIED);
        assertThat(clever.requests().subList(before, clever.requests().size())).as("a full pull reads the lists")
                .anyMatch(r -> r.startsWith("/v3.0/users"));
        assertThat(jdbc.sql("select email from users where district_id = ? and sourced_id = 's13'")
                .param(UUID.fromString(district.id())).query(String.class).single()).isEqualTo(email("s13"));
        assertThat(state().lastFullPullStartedAt()).isNotNull();
    }
}
