package com.seatkeeper.roster.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Staging streams a snapshot far larger than one chunk through one COPY fed from its own thread ({@link CopyStream}):
 * every row arrives once, escaped values intact, and a COPY that fails is reported to the producer instead of being lost
 * on the other thread.
 */
@ApiTest
class StagingScaleTest {
    @LocalServerPort
    int port;
    @Autowired
    RosterChanges changes;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aSnapshotOfManyChunksIsStagedWhole() {
        var d = new Fixtures(new Http(port)).aDistrict();
        SyncRunId run = changes.start(Runs.VENDOR, DistrictId.of(d.id()), SyncTrigger.UPLOAD).value();
        int people = 60_000;
        try (RosterStaging staging = changes.staging(run, Runs.all(FileMode.BULK), ReferenceColumns.ONEROSTER)) {
            for (int i = 0; i < people; i++) {
                staging.person(new Staged.Person("p" + i, Role.STUDENT, true, "Given " + i, "Back\\slash " + i, null, List.of("sch"),
                        List.of(), new RowAt("users.csv", i + 2)));
            }
        }

        var staged = jdbc.sql("""
                        select count(*) filter (where kind = 'PERSON') as people, count(distinct sourced_id) as ids,
                               count(*) filter (where kind = 'PERSON_SCHOOL') as memberships, max(line) as last,
                               count(*) filter (where family_name like 'Back' || chr(92) || chr(92) || 'slash %') as escaped
                        from STAGED where run_id = ?
                        """.replace("STAGED", run.stagingSchema() + ".staged_rows")).param(run.value()).query().singleRow();
        assertThat(staged).containsEntry("people", (long) people).containsEntry("ids", (long) people)
                .containsEntry("memberships", (long) people).containsEntry("last", people + 1L).containsEntry("escaped", (long) people);
        assertThat(changes.fail(run, new Problems(), "test: only staged", true, people).status()).isEqualTo(RunStatus.REJECTED);
    }

    @Test
    void aCopyThatFailsIsReportedToTheProducer() {
        CopyStream stream = new CopyStream(dataSource, "copy no_such_table (a) from stdin", "test-copy", 2);
        byte[] chunk = "1\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                stream.send(chunk);
            }
            stream.finish();
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("no_such_table");
    }
}
