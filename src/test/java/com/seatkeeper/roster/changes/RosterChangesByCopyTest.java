package com.seatkeeper.roster.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.DistrictId;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Every outcome of {@link RosterChangesTest} again with the apply's new rows written by {@code COPY} through a temporary
 * file (issue 9 §6: {@code seatkeeper.roster.copy-from-rows=1} takes that path for any number of rows; production takes it
 * from 50,000): the same rows, the same counts, rolled back with a failed or previewed run, and no file left behind.
 */
@TestPropertySource(properties = "seatkeeper.roster.copy-from-rows=1")
class RosterChangesByCopyTest extends RosterChangesTest {

    @Test
    void newRowsWrittenByCopyCarryTheDistrictSourceAndTimeAndLeaveNoFile() throws Exception {
        var d = fx.aDistrict();
        String tag = tag();
        long filesBefore = copyFiles();
        var run = runs.bulk(d.id(), false, snapshot(tag, 30, r -> { }));
        assertThat(run.status()).isEqualTo(RunStatus.APPLIED);

        var rows = jdbc.sql("""
                        select (select count(*) from users where district_id = :d and source = 'UPLOAD' and created_at = updated_at
                                  and created_at > now() - interval '5 minutes') as people,
                               (select count(*) from user_schools where district_id = :d) as memberships,
                               (select count(*) from classes where district_id = :d and source = 'UPLOAD') as classes,
                               (select count(*) from enrollments where district_id = :d) as enrollments,
                               (select count(distinct created_at) from users where district_id = :d) as times
                        """).param("d", DistrictId.of(d.id()).value()).query().singleRow();
        assertThat(rows).containsEntry("people", 31L).containsEntry("memberships", 31L).containsEntry("classes", 1L)
                .containsEntry("enrollments", 31L).containsEntry("times", 1L);
        assertThat(copyFiles()).isEqualTo(filesBefore);
    }

    private static long copyFiles() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("seatkeeper-apply-")).count();
        }
    }
}
