package com.seatkeeper.console.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.ImportReport.Licenses;
import com.seatkeeper.roster.changes.ImportReport.ShortPool;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RunPhase;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.roster.changes.Severity;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.roster.changes.SyncTrigger;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The run page's words and windows as plain functions of a report (no Spring). */
class RunPageTest {
    static ShortPool shortPool() {
        return new ShortPool(new PoolId(UUID.randomUUID()), "MATH", "STUDENT", 40, 12);
    }

    static ImportReport report(RunStatus status, Licenses licenses, List<Problem> problems) {
        return new ImportReport(new SyncRunId(UUID.randomUUID()), new DistrictId(UUID.randomUUID()), SyncTrigger.UPLOAD, status,
                status == RunStatus.PREVIEW, RunPhase.DONE, 12_345, ImportReport.Counts.NONE, licenses, problems, 0, null, "admin@example.test",
                Instant.now(), Instant.now());
    }

    static Problem problem(Severity severity, long line) {
        return new Problem("users.csv", line, "email", severity, "invalid_email", "Not an email address.");
    }

    @Test
    void theSeatImpactIsOneSentenceInTheTenseOfTheRun() {
        Licenses l = new Licenses(12, 0, 0, List.of(shortPool(), shortPool(), shortPool()));
        assertThat(RunPage.seatImpact(l, true)).isEqualTo("12 licenses would be released, 3 pools would be short.");
        assertThat(RunPage.seatImpact(l, false)).isEqualTo("12 licenses were released, 3 pools were short.");
        assertThat(RunPage.seatImpact(new Licenses(1, 1, 1, List.of(shortPool())), true))
                .isEqualTo("1 license would be released, 1 license would be assigned, 1 person would be left without a license, 1 pool would be short.");
        assertThat(RunPage.seatImpact(new Licenses(0, 2_500, 2, List.of()), false))
                .isEqualTo("2,500 licenses were assigned, 2 people were left without a license.");
        assertThat(RunPage.seatImpact(Licenses.NONE, true)).isEqualTo("No licenses would change.");
        assertThat(RunPage.seatImpact(null, false)).isEqualTo("No licenses changed.");
    }

    @Test
    void applyIsOfferedOnlyForAPreviewWithoutErrors() {
        assertThat(RunPage.of(report(RunStatus.PREVIEW, Licenses.NONE, List.of(problem(Severity.WARNING, 2))), 0).canApply()).isTrue();
        var withError = RunPage.of(report(RunStatus.PREVIEW, Licenses.NONE, List.of(problem(Severity.ERROR, 2))), 0);
        assertThat(withError.canApply()).isFalse();
        assertThat(withError.nextStep()).contains("Fix the files");
        assertThat(RunPage.of(report(RunStatus.APPLIED, Licenses.NONE, List.of()), 0).canApply()).isFalse();
        assertThat(RunPage.of(report(RunStatus.HELD, Licenses.NONE, List.of()), 0).held()).isTrue();
        assertThat(RunPage.of(report(RunStatus.REJECTED, Licenses.NONE, List.of()), 0).nextStep()).contains("upload them again");
    }

    @Test
    void problemsArePagedAndAnOffsetPastTheEndShowsNone() {
        List<Problem> many = IntStream.rangeClosed(2, 121).mapToObj(i -> problem(Severity.ERROR, i)).toList();
        ImportReport r = report(RunStatus.REJECTED, Licenses.NONE, many);
        assertThat(RunPage.of(r, 0).problems()).hasSize(50).first().extracting(Problem::line).isEqualTo(2L);
        assertThat(RunPage.of(r, 100).problems()).hasSize(20).first().extracting(Problem::line).isEqualTo(102L);
        assertThat(RunPage.of(r, 500).problems()).isEmpty();
        assertThat(RunPage.of(r, -3).problems()).hasSize(50);
        assertThat(RunPage.of(r, 0).errors()).isEqualTo(120);
    }

    @Test
    void progressAndSizesInWords() {
        assertThat(RunPage.of(report(RunStatus.RUNNING, Licenses.NONE, List.of()), 0).rowsRead()).isEqualTo("12,345 rows read");
        assertThat(RunPage.phase(RunPhase.COMPARING)).isEqualTo("Comparing with the district's roster");
        assertThat(RunPage.phase(null)).isEqualTo("Starting");
        assertThat(ImportsController.size(1L << 30)).isEqualTo("1 GB");
        assertThat(ImportsController.size(1536L * 1024 * 1024)).isEqualTo("1.5 GB");
        assertThat(ImportsController.size(12)).isEqualTo("12 bytes");
        assertThat(StoredUpload.name("C:\\fakepath\\users.csv", 1)).isEqualTo("users.csv");
        assertThat(StoredUpload.name("../../etc/passwd", 1)).isEqualTo("passwd");
        assertThat(StoredUpload.name("  ", 3)).isEqualTo("upload-3");
    }
}
