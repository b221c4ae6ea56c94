package com.seatkeeper.console.rostering;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.console.imports.RunPage;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.RunPhase;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.roster.changes.SyncTrigger;
import com.seatkeeper.shared.DistrictId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The run page (shared with uploads) speaks of a sync as a sync: its trigger, records read from the provider, its next steps. */
class SyncRunPageTest {

    static ImportReport sync(SyncTrigger trigger, RunStatus status, RunPhase phase, long read) {
        return new ImportReport(new SyncRunId(UUID.randomUUID()), new DistrictId(UUID.randomUUID()), trigger, status, false, phase, read,
                ImportReport.Counts.NONE, ImportReport.Licenses.NONE, List.of(), 0, null, "admin@example.test", Instant.now(), null, 3);
    }

    @Test
    void aQueuedSyncIsLiveAndWaits() {
        var page = RunPage.of(sync(SyncTrigger.SAME_DAY, RunStatus.QUEUED, null, 0), 0, "Clever");
        assertThat(page.live()).isTrue();
        assertThat(page.running()).isFalse();
        assertThat(page.kind()).isEqualTo("Same-day sync");
        assertThat(page.headline()).startsWith("Queued");
        assertThat(page.nextStep()).contains("starts on its own");
    }

    @Test
    void aRunningSyncCountsRecordsReadFromTheProvider() {
        var page = RunPage.of(sync(SyncTrigger.NIGHTLY, RunStatus.RUNNING, RunPhase.PULLING, 12_345), 0, "Clever");
        assertThat(page.live()).isTrue();
        assertThat(page.headline()).isEqualTo("Working on the sync");
        assertThat(page.phaseText()).isEqualTo("Reading from Clever");
        assertThat(page.rowsRead()).isEqualTo("3 pages, 12,345 records read");
        assertThat(page.kind()).isEqualTo("Nightly sync");
        assertThat(page.noun()).isEqualTo("sync");
    }

    @Test
    void anEndedSyncSaysWhatToDoInTheProvidersWords() {
        assertThat(RunPage.of(sync(SyncTrigger.SAME_DAY, RunStatus.APPLIED, RunPhase.DONE, 3), 0, "Clever").nextStep())
                .contains("matches Clever's");
        assertThat(RunPage.of(sync(SyncTrigger.SAME_DAY, RunStatus.FAILED, RunPhase.DONE, 3), 0, "Clever").nextStep())
                .contains("broke off").contains("same-day sync");
        assertThat(RunPage.of(sync(SyncTrigger.SAME_DAY, RunStatus.HELD, RunPhase.DONE, 3), 0, "Clever").nextStep())
                .contains("expected in Clever").doesNotContain("upload");
        assertThat(RunPage.of(sync(SyncTrigger.SAME_DAY, RunStatus.REJECTED, RunPhase.DONE, 3), 0, null).nextStep())
                .contains("the provider's data");
    }

    @Test
    void anUploadKeepsItsWords() {
        var page = RunPage.of(sync(SyncTrigger.UPLOAD, RunStatus.RUNNING, RunPhase.READING, 1), 0, "Clever");
        assertThat(page.sync()).isFalse();
        assertThat(page.provider()).isNull();
        assertThat(page.rowsRead()).isEqualTo("1 row read");
        assertThat(page.phaseText()).isEqualTo("Reading rows");
        assertThat(page.headline()).isEqualTo("Working on the upload");
    }
}
