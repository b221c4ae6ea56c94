package com.seatkeeper.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console's path: {@link Imports#begin} reads in the background, the run is polled until it ends, the files are deleted. */
@ApiTest
class ImportsBackgroundTest {
    static final Actor VENDOR = new Actor(UUID.randomUUID(), null, ActorRole.VENDOR_ADMIN, null, Set.of(), "vendor");

    @LocalServerPort
    int port;
    @Autowired
    Imports imports;
    @Autowired
    RosterChanges changes;
    @TempDir
    Path dir;

    List<UploadedFile> files(Map<String, byte[]> contents) throws IOException {
        List<UploadedFile> files = new ArrayList<>();
        for (var c : contents.entrySet()) {
            Path p = Files.createTempFile(dir, "part-", ".upload");
            Files.write(p, c.getValue());
            files.add(new UploadedFile(c.getKey(), p, c.getValue().length));
        }
        return files;
    }

    ImportReport awaitEnd(SyncRunId run) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        ImportReport r = changes.progress(VENDOR, run);
        while (r.status() == RunStatus.RUNNING && Instant.now().isBefore(until)) {
            Thread.sleep(100);
            r = changes.progress(VENDOR, run);
        }
        return changes.run(VENDOR, run);
    }

    /** The worker deletes the files just after it ended the run (its finally block): wait a moment for it. */
    static void assertDeletedSoon(List<UploadedFile> files) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(10);
        while (files.stream().anyMatch(f -> java.nio.file.Files.exists(f.path())) && Instant.now().isBefore(until)) {
            Thread.sleep(50);
        }
        assertThat(files).allSatisfy(f -> assertThat(f.path()).doesNotExist());
    }

    @Test
    void anUploadIsReadInTheBackgroundAndItsFilesAreDeleted() throws Exception {
        var d = new Fixtures(new Http(port)).aDistrict();
        List<UploadedFile> files = files(ImportApiTest.validSet());

        SyncRunId run = imports.begin(VENDOR, DistrictId.of(d.id()), files, true).value();
        ImportReport report = awaitEnd(run);

        assertThat(report.status()).as("%s", report).isEqualTo(RunStatus.PREVIEW);
        assertThat(report.counts().users().added()).isEqualTo(6);
        assertThat(report.rowsRead()).isEqualTo(16); // data rows of orgs, sessions, courses, users, classes, enrollments
        assertDeletedSoon(files);
    }

    @Test
    void anUploadThatCannotBeReadEndsRejectedWithAProblem() throws Exception {
        var d = new Fixtures(new Http(port)).aDistrict();
        List<UploadedFile> files = files(Map.of("roster.zip", "PK\u0003\u0004 not really a zip".getBytes()));

        SyncRunId run = imports.begin(VENDOR, DistrictId.of(d.id()), files, false).value();
        ImportReport report = awaitEnd(run);

        assertThat(report.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(report.problems()).extracting(Problem::code).containsExactly("unreadable_zip");
        assertThat(report.problems().get(0).message()).contains("roster.zip is cut short: its end");
        assertDeletedSoon(files);
    }

    @Test
    void aRefusedStartDeletesTheFiles() throws Exception {
        var d = new Fixtures(new Http(port)).aDistrict("CLEVER");
        List<UploadedFile> files = files(ImportApiTest.validSet());

        var outcome = imports.begin(VENDOR, DistrictId.of(d.id()), files, false);

        assertThat(outcome.isDone()).isFalse();
        assertThat(files).allSatisfy(f -> assertThat(f.path()).doesNotExist());
    }
}
