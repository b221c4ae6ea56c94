package com.seatkeeper.console.rostering;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.RunPhase;
import com.seatkeeper.roster.changes.RunRefusal;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.roster.changes.SyncTrigger;
import com.seatkeeper.rostersync.ConnectionCheck;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.DistrictId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Rostering page's words as plain functions of the services' answers (no Spring). */
class RosteringWordsTest {

    /** A refusal as the sync requests answer one, with its properties. */
    record Refusal(String code, int status, String title, String detail, Map<String, Object> properties) implements BusinessRefusal {}

    @Test
    void aWorkingConnectionSaysWhatTheFirstPagesHeldInAStableOrder() {
        var check = RosteringWords.check(new ConnectionCheck(true, Map.of("sections", 20L, "users", 1_500L, "schools", 1L), null), "Clever");
        assertThat(check.ok()).isTrue();
        assertThat(check.title()).isEqualTo("Clever answered.");
        assertThat(check.text()).isEqualTo("The district token works; the first page of each kind holds 1 school, 1,500 users and 20 sections.");
        assertThat(RosteringWords.found(Map.of("staff", 1L, "zebras", 2L, "districts", 1L))).isEqualTo("1 district, 1 staff and 2 zebras");
        assertThat(RosteringWords.check(new ConnectionCheck(true, Map.of(), null), "Clever").text()).isEqualTo("The district token works.");
    }

    @Test
    void aBrokenConnectionSaysTheProblemInTheConsolesWords() {
        var check = RosteringWords.check(new ConnectionCheck(false, Map.of(), "Clever refused the district token (401): reconnect the "
                + "district in Clever and paste the new token. (See GET /api/v1/districts/x/rostering.)"), "Clever");
        assertThat(check.ok()).isFalse();
        assertThat(check.title()).isEqualTo("The connection does not work.");
        assertThat(check.text()).contains("refused the district token").doesNotContain("/api/v1");
        assertThat(RosteringWords.check(new ConnectionCheck(false, Map.of(), null), "Clever").text()).contains("did not answer as expected");
        assertThat(RosteringWords.check(new RunRefusal.NotConnected()).text()).contains("Connect Clever or ClassLink first");
    }

    @Test
    void anAlreadyQueuedSyncLinksThatRun() {
        String run = UUID.randomUUID().toString();
        var refusal = RosteringWords.syncRefusal(new RunRefusal.SyncAlreadyQueued(run), at -> "never");
        assertThat(refusal.runId()).isEqualTo(SyncRunId.of(run));
        assertThat(refusal.title()).isEqualTo("A sync is already queued.");
        assertThat(refusal.text()).doesNotContain("/api/v1");
    }

    @Test
    void theDailyLimitSaysWhenTheNextIsAllowedInTheDistrictsTime() {
        Instant midnight = Instant.parse("2026-11-30T05:00:00Z");
        var limit = new Refusal("sync_limit_reached", 429, "Same-day sync limit reached", "API words",
                Map.of("nextAllowedAt", midnight.toString(), "limit", 3));
        var refusal = RosteringWords.syncRefusal(limit, at -> at.equals(midnight) ? "Nov 30, 2026, 12:00 AM EST" : "wrong instant");
        assertThat(refusal.text()).contains("can be requested from Nov 30, 2026, 12:00 AM EST");
        assertThat(refusal.runId()).isNull();
        assertThat(RosteringWords.nextAllowedAt(new Refusal("sync_limit_reached", 429, "t", "d", Map.of("nextAllowedAt", midnight))))
                .contains(midnight);
        assertThat(RosteringWords.nextAllowedAt(new Refusal("sync_limit_reached", 429, "t", "d",
                Map.of("nextAllowedAt", "2026-11-30T00:00:00-05:00")))).contains(midnight);
        var noTime = RosteringWords.syncRefusal(new Refusal("sync_limit_reached", 429, "t", "Try tomorrow.", Map.of()), at -> "x");
        assertThat(noTime.text()).isEqualTo("Try tomorrow.");
    }

    @Test
    void theSyncsLeftTodayAreCounted() {
        assertThat(RosteringWords.left(2, 3)).isEqualTo("2 of 3 same-day syncs left today.");
        assertThat(RosteringWords.left(1, 1)).isEqualTo("1 of 1 same-day sync left today.");
        assertThat(RosteringWords.left(0, 3)).startsWith("No same-day syncs left today (3 a day)");
    }

    @Test
    void durationsAreShortAndARunningRunSaysSo() {
        Instant t = Instant.parse("2026-11-29T08:00:00Z");
        assertThat(RosteringWords.duration(t, t.plusSeconds(45), RunStatus.APPLIED)).isEqualTo("45 s");
        assertThat(RosteringWords.duration(t, t.plusSeconds(185), RunStatus.APPLIED)).isEqualTo("3 min 5 s");
        assertThat(RosteringWords.duration(t, t.plusSeconds(120), RunStatus.FAILED)).isEqualTo("2 min");
        assertThat(RosteringWords.duration(t, t.plusSeconds(2 * 3600 + 600 + 7), RunStatus.APPLIED)).isEqualTo("2 h 10 min");
        assertThat(RosteringWords.duration(t, null, RunStatus.RUNNING)).isEqualTo("running");
        assertThat(RosteringWords.duration(t, null, RunStatus.QUEUED)).isEmpty();
    }

    @Test
    void aHistoryRowHasTheTriggerStatusAndEveryCount() {
        Instant t = Instant.parse("2026-11-29T08:00:00Z");
        var counts = new ImportReport.Counts(new ImportReport.UserCounts(1_200, 3, 2, 10, 0, 0, 5), new ImportReport.KindCounts(40, 1, 0, 0),
                new ImportReport.KindCounts(900, 0, 7, 0), ImportReport.KindCounts.NONE);
        var report = new ImportReport(new SyncRunId(UUID.randomUUID()), new DistrictId(UUID.randomUUID()), SyncTrigger.NIGHTLY,
                RunStatus.APPLIED, false, RunPhase.DONE, 2_000, counts, new ImportReport.Licenses(2, 30, 4, List.of()), List.of(), 0, null,
                "nightly sync", t, t.plusSeconds(75));
        var row = RosteringWords.row(report, Instant::toString);
        assertThat(row.trigger()).isEqualTo("Nightly sync");
        assertThat(row.status()).isEqualTo("Applied");
        assertThat(row.statusClass()).isEqualTo("applied");
        assertThat(row.people()).isEqualTo("1,200 / 3 / 2");
        assertThat(row.peopleBesides()).isEqualTo("5 skipped");
        assertThat(row.classes()).isEqualTo("40 / 1 / 0");
        assertThat(row.enrollments()).isEqualTo("900 / 0 / 7");
        assertThat(row.licenses()).isEqualTo("2 / 30 / 4");
        assertThat(row.duration()).isEqualTo("1 min 15 s");
        assertThat(row.started()).isEqualTo("2026-11-29T08:00:00Z");
        assertThat(row.ended()).isEqualTo("2026-11-29T08:01:15Z");
        assertThat(row.live()).isFalse();
        var queued = RosteringWords.row(new ImportReport(new SyncRunId(UUID.randomUUID()), report.districtId(), SyncTrigger.SAME_DAY,
                RunStatus.QUEUED, false, null, 0, null, null, List.of(), 0, null, "admin@example.test", t, null), Instant::toString);
        assertThat(queued.live()).isTrue();
        assertThat(queued.ended()).isEmpty();
        assertThat(queued.people()).isEqualTo("0 / 0 / 0");
        assertThat(queued.peopleBesides()).isEmpty();
        var reactivating = new ImportReport(new SyncRunId(UUID.randomUUID()), report.districtId(), SyncTrigger.NIGHTLY, RunStatus.APPLIED,
                false, RunPhase.DONE, 600, new ImportReport.Counts(new ImportReport.UserCounts(0, 0, 0, 40, 2, 600, 0),
                ImportReport.KindCounts.NONE, ImportReport.KindCounts.NONE, ImportReport.KindCounts.NONE), ImportReport.Licenses.NONE,
                List.of(), 0, null, "nightly sync", t, t.plusSeconds(5));
        var back = RosteringWords.row(reactivating, Instant::toString);
        assertThat(back.people()).as("a run that only reactivated people").isEqualTo("0 / 0 / 0");
        assertThat(back.peopleBesides()).as("says so").isEqualTo("600 reactivated, 2 matched by email");
        assertThat(queued.trigger()).isEqualTo("Same-day sync");
    }
}
