package com.seatkeeper.console.rostering;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.CleverStandIn;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Rostering page against the Clever stand-in over real HTTP: test the connection (an htmx fragment: what was found,
 * then the plain problem once Clever stops taking the token), request a same-day sync and follow it live (the progress
 * fragment while it is queued or running, a second request refused with a link to it), see it applied with its counts
 * and in the history; another district's admin gets 404 for it; the daily limit says when the next sync is allowed in
 * the district's time; a sync the deletion guard held is confirmed or discarded on its page.
 */
@ApiTest
class RosteringSyncTest {
    static final String PW = "rostering-sync-pw-1";
    static final Pattern RUN = Pattern.compile("/console/imports/([0-9a-f-]{36})$");

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    ConsoleClient signedIn(Fixtures fx, String userId) {
        accounts.ensurePersonAccount(UserId.of(userId), PW);
        return ConsoleClient.signedIn(port, fx.emailOf(userId), PW);
    }

    /** One school, a teacher and three students in one section. */
    static CleverStandIn smallDistrict() {
        var clever = CleverStandIn.start();
        String school = CleverStandIn.id(1, 1);
        String teacher = CleverStandIn.id(2, 1);
        List<String> students = List.of(CleverStandIn.id(3, 1), CleverStandIn.id(3, 2), CleverStandIn.id(3, 3));
        clever.school(school, "Lincoln Elementary").teacher(teacher, "Ada", "Lovelace", "ada@stand-in.test", school);
        for (int i = 0; i < students.size(); i++) {
            clever.student(students.get(i), "Student", "Number" + i, "student" + i + "@stand-in.test", "4", school);
        }
        clever.section(CleverStandIn.id(4, 1), "Math 4", school, null, null, List.of(teacher), students);
        return clever;
    }

    static void connect(ConsoleClient admin, CleverStandIn clever) {
        var saved = admin.post("/console/rostering", ConsoleRosteringTest.clever(clever.baseUrl().toString(), clever.token(), "02:00", true));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(302);
    }

    static String requestSync(ConsoleClient admin) {
        var r = admin.post("/console/rostering/sync", Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(302);
        Matcher m = RUN.matcher(r.location());
        assertThat(m.find()).as(r.location()).isTrue();
        return m.group(1);
    }

    /** Polls the progress fragment as the run page does until the run has ended (htmx is told to reload the page). */
    static void awaitEnd(ConsoleClient c, String runId) {
        Instant until = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(until)) {
            var p = c.htmxGet("/console/imports/" + runId + "/progress");
            assertThat(p.status()).as(p.toString()).isEqualTo(200);
            if (p.headers().firstValue("HX-Refresh").isPresent()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("run " + runId + " did not end in 90 s");
    }

    @Test
    void testTheConnectionThenWatchASameDaySyncAndFindItInTheHistory() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        var stranger = signedIn(fx, fx.aDistrictAdmin(fx.aDistrict()));
        try (var clever = smallDistrict()) {
            connect(admin, clever);
            assertThat(admin.get("/console/rostering").body()).contains("3 of 3 same-day syncs left today.");

            var check = admin.htmxPost("/console/rostering/test", Map.of());
            assertThat(check.status()).as(check.toString()).isEqualTo(200);
            assertThat(check.body()).as("only the fragment").startsWith("<div id=\"check\"").contains("data-ok=\"true\"")
                    .contains("Clever answered.").contains("The district token works").doesNotContain(clever.token());

            clever.delayNext("/users", 1, Duration.ofSeconds(4)); // the sync stays live long enough to be seen so
            String run = requestSync(admin);
            var live = admin.get("/console/imports/" + run);
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.body()).contains("Same-day sync report").contains("id=\"progress\"").contains("← Rostering");
            var fragment = admin.htmxGet("/console/imports/" + run + "/progress");
            assertThat(fragment.body()).contains("id=\"progress\"").doesNotContain("<html");
            assertThat(fragment.headers().firstValue("HX-Refresh")).as("still live").isEmpty();

            var again = admin.post("/console/rostering/sync", Map.of());
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body()).contains("id=\"sync-refusal\"").contains("A sync is already queued.")
                    .contains("href=\"/console/imports/" + run + "\"");
            assertThat(stranger.get("/console/imports/" + run).status()).as("another district's run").isEqualTo(404);
            assertThat(stranger.htmxGet("/console/imports/" + run + "/progress").status()).isEqualTo(404);

            awaitEnd(admin, run);
            var done = admin.get("/console/imports/" + run);
            assertThat(done.body()).contains("data-status=\"APPLIED\"").contains("matches Clever")
                    .containsPattern("(?s)id=\"count-people\".*?>4<").doesNotContain("id=\"progress\"");
            var page = admin.get("/console/rostering");
            assertThat(page.body()).containsPattern("(?s)id=\"run-" + run + "\".*?Same-day sync.*?Applied.*?4 / 0 / 0")
                    .doesNotContain("id=\"live-run\"").doesNotContain(clever.token());

            clever.token("rotated-in-clever");
            var broken = admin.htmxPost("/console/rostering/test", Map.of());
            assertThat(broken.body()).contains("data-ok=\"false\"").contains("The connection does not work.").containsIgnoringCase("token")
                    .doesNotContain("rotated-in-clever");
        }
    }

    @Test
    void aHeldSyncIsConfirmedOrDiscardedOnItsPage() {
        var fx = new Fixtures(new Http(port));
        for (boolean confirm : List.of(true, false)) {
            var d = fx.aDistrict();
            var admin = signedIn(fx, fx.aDistrictAdmin(d));
            try (var clever = smallDistrict()) {
                connect(admin, clever);
                awaitEnd(admin, requestSync(admin));
                clever.removeUser(CleverStandIn.id(3, 1)).removeUser(CleverStandIn.id(3, 2));
                String held = requestSync(admin);
                awaitEnd(admin, held);
                var page = admin.get("/console/imports/" + held);
                assertThat(page.body()).contains("data-status=\"HELD\"").contains("id=\"confirm\"").contains("id=\"discard\"")
                        .contains("expected in Clever").containsPattern("(?s)id=\"count-people\".*?>2<");
                var decided = admin.post("/console/imports/" + held + (confirm ? "/confirm" : "/discard"), Map.of());
                assertThat(decided.status()).as(decided.toString()).isEqualTo(302);
                assertThat(decided.location()).endsWith("/console/imports/" + held);
                var after = admin.get("/console/imports/" + held);
                assertThat(after.body()).contains(confirm ? "data-status=\"APPLIED\"" : "data-status=\"DISCARDED\"")
                        .doesNotContain("id=\"confirm\"");
                assertThat(admin.get("/console/rostering").body()).containsPattern("(?s)id=\"run-" + held + "\".*?"
                        + (confirm ? "Applied" : "Discarded"));
            }
        }
    }

    @Test
    void theDailyLimitSaysWhenTheNextSyncIsAllowedInTheDistrictsTime() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        try (var clever = smallDistrict()) {
            connect(admin, clever);
            for (int i = 0; i < 3; i++) {
                awaitEnd(admin, requestSync(admin));
            }
            assertThat(admin.get("/console/rostering").body()).contains("No same-day syncs left today (3 a day)");
            var refused = admin.post("/console/rostering/sync", Map.of());
            assertThat(refused.status()).isEqualTo(200);
            LocalDate tomorrow = LocalDate.now(ZoneId.of("America/New_York")).plusDays(1);
            String day = tomorrow.format(java.time.format.DateTimeFormatter.ofPattern("MMM d, yyyy", java.util.Locale.US));
            assertThat(refused.body()).contains("id=\"sync-refusal\"").contains("No more same-day syncs today.")
                    .contains("can be requested from " + day + ", 12:00 AM E").doesNotContain("/api/v1");
        }
    }
}
