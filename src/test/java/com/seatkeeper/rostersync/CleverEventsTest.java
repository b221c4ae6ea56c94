package com.seatkeeper.rostersync;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.Staged;
import com.seatkeeper.support.CleverStandIn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Clever connector's plan and delta pull against the Clever stand-in's event log, staging into a list (no database):
 * events read in any order and several per record (the newest wins, a section's earlier members gathered from all its
 * events), an event that does not carry the whole record read again, and the plan's choices (first sync, expired
 * cursor, a sync more than 30 days ago, a paused full pull, a cursor that is not one).
 */
class CleverEventsTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final JsonMapper JSON = JsonMapper.builder().build();

    CleverStandIn clever;
    CleverConnector connector;
    Connection connection;

    @BeforeEach
    void setUp() {
        clever = CleverStandIn.start();
        clever.school("sch1", "North").term("term1", "2026-27").course("crs1", "Algebra I")
                .teacher("tea1", "Grace", "Hopper", "grace@example.org", "sch1")
                .student("stu1", "Ada", "Lovelace", "ada@example.org", "9", "sch1")
                .student("stu2", "Alan", "Turing", "alan@example.org", "9", "sch1")
                .student("stu3", "Kurt", "Goedel", "kurt@example.org", "9", "sch1")
                .section("sec1", "Algebra I - 1", "sch1", "crs1", "term1", List.of("tea1"), List.of("stu1", "stu2", "stu3"));
        connector = CleverConnectorTest.fast(2);
        connection = new Connection.Clever(clever.baseUrl(), "3.0", clever.token());
    }

    @AfterEach
    void tearDown() {
        clever.close();
    }

    /** A delta from the stand-in's newest event now, after {@code changes}: what it staged. */
    Collected delta(Runnable changes) throws PullFailure {
        String cursor = new CleverEvents.Cursor(clever.newestEventId(), "running", null, null).encode();
        changes.run();
        Collected staged = new Collected();
        PullResult result = connector.pull(connection, staged, (p, r) -> { }, NEW_YORK, new PullPlan.Delta(Instant.now(), cursor));
        staged.result = result;
        return staged;
    }

    @Test
    void eventsInAnyOrderAndSeveralPerRecordStageTheNewestStateOfEach() throws Exception {
        clever.eventPagesReversed(true);
        Collected staged = delta(() -> {
            clever.edit(CleverStandIn.Kind.USERS, "stu1", u -> u.withObject("name").put("last", "Byron"));
            clever.edit(CleverStandIn.Kind.SECTIONS, "sec1", s -> ((ArrayNode) s.get("students")).remove(2)); // stu3 leaves
            clever.edit(CleverStandIn.Kind.USERS, "stu1", u -> u.withObject("name").put("last", "King"));
            clever.removeUser("stu2"); // and sec1 stops listing them
            clever.student("stu4", "Emmy", "Noether", "emmy@example.org", "10", "sch1").enroll("sec1", "stu4");
            clever.section("sec2", "Geometry - 1", "sch1", "crs1", "term1", List.of("tea1"), List.of("stu1"));
            clever.edit(CleverStandIn.Kind.SECTIONS, "sec2", s -> ((ArrayNode) s.get("students")).add("stu3"));
        });
        assertThat(clever.requests()).filteredOn(r -> r.startsWith("/v3.0/events")).hasSizeGreaterThan(2);
        assertThat(staged.people).extracting(Staged.Person::sourcedId).containsExactlyInAnyOrder("stu1", "stu4");
        assertThat(staged.people).filteredOn(p -> p.sourcedId().equals("stu1")).extracting(Staged.Person::familyName)
                .containsExactly("King");
        assertThat(staged.classes).extracting(Staged.Class::sourcedId).containsExactly("sec1", "sec2");
        assertThat(staged.classes.get(0).course()).isEqualTo("Algebra I");
        assertThat(staged.enrollments).extracting(e -> e.classSourcedId() + " " + e.userSourcedId() + " " + e.role())
                .as("an updated section's new members only; a new section's all")
                .containsExactlyInAnyOrder("sec1 stu4 STUDENT", "sec2 tea1 TEACHER", "sec2 stu1 STUDENT", "sec2 stu3 STUDENT");
        assertThat(staged.deletions).extracting(d -> d.kind() + " " + d.sourcedId() + " " + d.userSourcedId())
                .containsExactlyInAnyOrder("USERS stu2 null", "ENROLLMENTS sec1 stu2", "ENROLLMENTS sec1 stu3");
        CleverEvents.Cursor next = CleverEvents.Cursor.decode(staged.result.cursor()).orElseThrow();
        assertThat(next.after()).isEqualTo(clever.newestEventId());
        assertThat(staged.result.deltaSupport()).isEqualTo(PullState.DeltaSupport.HONOURED);
    }

    @Test
    void anEventWithoutTheWholeRecordIsReadAgainAndOneNoLongerServedIsADeletion() throws Exception {
        Collected staged = delta(() -> {
            ObjectNode partial = JSON.createObjectNode().put("id", "stu1");
            partial.putObject("name").put("last", "Byron");
            clever.edit(CleverStandIn.Kind.USERS, "stu1", u -> u.withObject("name").put("last", "Byron"));
            clever.logEvent("users.updated", partial, JSON.createObjectNode().put("name", "Lovelace"));
            clever.logEvent("users.updated", JSON.createObjectNode().put("id", "stu9"), null);
        });
        assertThat(clever.requests()).contains("/v3.0/users/stu1", "/v3.0/users/stu9");
        assertThat(staged.people).singleElement().satisfies(p -> {
            assertThat(p.sourcedId()).isEqualTo("stu1");
            assertThat(p.familyName()).isEqualTo("Byron");
            assertThat(p.givenName()).as("read again whole").isEqualTo("Ada");
        });
        assertThat(staged.deletions).extracting(d -> d.kind() + " " + d.sourcedId()).containsExactly("USERS stu9");
        assertThat(staged.result.warnings()).extracting(Problem::code).contains("clever_event_incomplete");
    }

    @Test
    void thePlanReadsTheWholeDistrictWhenTheEventsSinceCannotAllBeRead() {
        Instant now = Instant.parse("2026-09-10T12:00:00Z");
        Duration week = Duration.ofDays(7);
        assertThat(connector.plan(connection, PullState.NONE, now, week)).isInstanceOf(PullPlan.Full.class);

        String newest = clever.newestEventId();
        String cursor = new CleverEvents.Cursor(newest, "running", null, null).encode();
        PullState yesterday = new PullState(now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(2)), cursor,
                PullState.DeltaSupport.HONOURED);
        assertThat(connector.plan(connection, yesterday, now, week)).isEqualTo(new PullPlan.Delta(yesterday.lastPullStartedAt(), cursor));
        assertThat(clever.requests()).containsExactly("/v3.0/events/" + newest);

        clever.student("stu4", "Emmy", "Noether", "emmy@example.org", "10", "sch1");
        clever.forgetEventsBefore(clever.newestEventId());
        assertThat(why(connector.plan(connection, yesterday, now, week))).startsWith("Clever no longer keeps the events since the last sync");

        PullState longAgo = new PullState(now.minus(Duration.ofDays(31)), now.minus(Duration.ofDays(2)), cursor,
                PullState.DeltaSupport.HONOURED);
        assertThat(why(connector.plan(connection, longAgo, now, Duration.ofDays(60)))).contains("30 days");
        PullState paused = new PullState(yesterday.lastPullStartedAt(), yesterday.lastFullPullStartedAt(), CleverPull.PAUSED,
                PullState.DeltaSupport.HONOURED);
        assertThat(why(connector.plan(connection, paused, now, week))).contains("paused");
        PullState noEvents = new PullState(yesterday.lastPullStartedAt(), yesterday.lastFullPullStartedAt(), CleverPull.NO_EVENTS, null);
        assertThat(why(connector.plan(connection, noEvents, now, week))).contains("not enabled");
        PullState garbage = new PullState(yesterday.lastPullStartedAt(), yesterday.lastFullPullStartedAt(), "{\"nope\":1}", null);
        assertThat(why(connector.plan(connection, garbage, now, week))).contains("no position");
        PullState weekOld = new PullState(yesterday.lastPullStartedAt(), now.minus(week), cursor, PullState.DeltaSupport.HONOURED);
        assertThat(why(connector.plan(connection, weekOld, now, week))).startsWith("a full pull is due");

        clever.token("reconnected");
        PullState fine = new PullState(yesterday.lastPullStartedAt(), yesterday.lastFullPullStartedAt(),
                new CleverEvents.Cursor(clever.newestEventId(), "running", null, null).encode(), PullState.DeltaSupport.HONOURED);
        assertThat(why(connector.plan(connection, fine, now, week))).as("a refusal while asking: a full pull, which reports it")
                .startsWith("Clever could not be asked");
    }

    @Test
    void aFullPullTakesTheNewestEventBeforeReadingAndAPausedOneLeavesNoPosition() throws Exception {
        String newest = clever.newestEventId();
        Collected staged = new Collected();
        PullResult full = connector.pull(connection, staged, (p, r) -> { }, NEW_YORK, new PullPlan.Full("first sync of this connection"));
        assertThat(clever.requests().get(0)).isEqualTo("/v3.0/events?ending_before=last&limit=1");
        assertThat(CleverEvents.Cursor.decode(full.cursor()).orElseThrow()).isEqualTo(new CleverEvents.Cursor(newest, "running", null, null));
        assertThat(staged.people).hasSize(4);

        clever.state("paused");
        PullResult paused = connector.pull(connection, new Collected(), (p, r) -> { }, NEW_YORK, new PullPlan.Full("weekly"));
        assertThat(paused.paused()).isTrue();
        assertThat(paused.cursor()).isEqualTo(CleverPull.PAUSED);
        PullResult fallback = connector.pull(connection, new Collected(), (p, r) -> { }, NEW_YORK,
                new PullPlan.Full("Clever no longer keeps the events since the last sync"));
        assertThat(fallback.warnings()).extracting(Problem::code).contains("clever_full_pull");
    }

    /** What a pull staged, and its result. */
    static final class Collected extends com.seatkeeper.support.CapturedStaging {
        PullResult result;
    }

    private static String why(PullPlan plan) {
        assertThat(plan).isInstanceOf(PullPlan.Full.class);
        return ((PullPlan.Full) plan).why();
    }
}
