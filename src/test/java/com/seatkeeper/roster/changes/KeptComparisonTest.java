package com.seatkeeper.roster.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Role;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A preview keeps its comparison for its Apply (RosterApply#keep, V30 {@code roster_writes}): the Apply writes what the
 * preview compared without comparing again while nobody has written the district's roster since; after a roster write
 * of the district (or when the kept tables were emptied, as a crash empties unlogged tables) it compares again. To tell
 * the two apart, the tests change the run's staged rows behind the engine's back (not a roster write): a comparison made
 * again sees the change (and the fingerprint check refuses the Apply as stale); the kept one does not.
 */
@ApiTest
class KeptComparisonTest {
    @LocalServerPort
    int port;
    @Autowired
    RosterChanges changes;
    @Autowired
    JdbcClient jdbc;

    Fixtures fx;
    Runs runs;
    Fixtures.District d;
    String tag;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(new Http(port));
        runs = new Runs(changes);
        d = fx.aDistrict();
        tag = RosterChangesTest.tag();
        assertThat(runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 20, r -> { })).status()).isEqualTo(RunStatus.APPLIED);
    }

    private ImportReport aPreview() {
        var preview = runs.bulk(d.id(), true, RosterChangesTest.snapshot(tag, 20,
                r -> r.person("s99", Role.STUDENT, "Pre", "View", null, "sch-1").enroll("c1", "s99", Staged.EnrollmentRole.STUDENT)));
        assertThat(preview.status()).as("%s", preview).isEqualTo(RunStatus.PREVIEW);
        assertThat(schemaExists(preview)).as("the preview keeps its comparison").isTrue();
        return preview;
    }

    /** Removes the new person's enrollment from the run's staged rows: a comparison made now would not add it. */
    private void tamperWithTheStagedRows(ImportReport preview) {
        int gone = jdbc.sql("delete from " + preview.id().stagingSchema() + ".staged_rows where run_id = ? and kind = 'ENROLLMENT' and ref = 's99'").param(preview.id().value()).update();
        assertThat(gone).isEqualTo(1);
    }

    private boolean schemaExists(ImportReport run) {
        return jdbc.sql("select to_regclass(?) is not null").param(run.id().stagingSchema() + ".kept").query(Boolean.class).single();
    }

    private long enrolled(String person) {
        return jdbc.sql("""
                        select count(*) from enrollments e join users u on u.id = e.user_id
                        where u.district_id = ? and u.sourced_id = ?""").param(UUID.fromString(d.id())).param(person)
                .query(Long.class).single();
    }

    @Test
    void anApplyWithNoRosterWriteSinceThePreviewWritesWhatThePreviewComparedWithoutComparingAgain() {
        var preview = aPreview();
        fx.aTeacher(fx.aDistrict()); // a roster write in another district does not concern this one
        tamperWithTheStagedRows(preview);

        var applied = changes.applyPreview(Runs.VENDOR, preview.id()).value();

        assertThat(applied.status()).as("%s", applied).isEqualTo(RunStatus.APPLIED);
        assertThat(applied.counts()).isEqualTo(preview.counts());
        assertThat(enrolled("s99")).as("the kept comparison's enrollment, though no longer staged").isEqualTo(1);
        assertThat(schemaExists(preview)).as("dropped with the run's staging").isFalse();
        assertThat(DbState.stagedRows(jdbc, preview.id().value())).isZero();
    }

    @Test
    void aRosterWriteOfTheDistrictSinceThePreviewMakesTheApplyCompareAgain() {
        var preview = aPreview();
        fx.aTeacher(d); // a person created by hand: the upload does not touch them, but the roster was written
        tamperWithTheStagedRows(preview);
        var before = DbState.ofDistrict(jdbc, d.id());

        var stale = changes.applyPreview(Runs.VENDOR, preview.id());

        assertThat(stale).as("compared again, the change set differs from the preview's").isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Refused<ImportReport>) stale).refusal().code()).isEqualTo("held_run_stale");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void aRosterWriteThatChangesNothingOfThePreviewStillAppliesAfterComparingAgain() {
        var preview = aPreview();
        fx.aTeacher(d);

        var applied = changes.applyPreview(Runs.VENDOR, preview.id()).value();

        assertThat(applied.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(applied.counts()).isEqualTo(preview.counts());
        assertThat(enrolled("s99")).isEqualTo(1);
    }

    @Test
    void aKeptComparisonEmptiedAsByACrashIsComparedAgain() {
        var preview = aPreview();
        jdbc.sql("truncate " + RosterApply.keptSchema(preview.id()) + ".kept").update();
        tamperWithTheStagedRows(preview);

        var stale = changes.applyPreview(Runs.VENDOR, preview.id());

        assertThat(stale).isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Refused<ImportReport>) stale).refusal().code()).isEqualTo("held_run_stale");
    }

    @Test
    void aHandEditOfAValueTheUploadAlsoChangesMakesTheApplyStaleAndKeepsTheEdit() {
        // the preview renames s1 (Sam1 Student -> Sam1 Renamed); meanwhile someone corrects s1's family name by hand
        var renaming = runs.bulk(d.id(), true, r -> {
            r.school("sch-1", "North " + tag).school("sch-2", "South " + tag);
            r.person("t1", Role.TEACHER, "Tess", "Teacher", "t1-" + tag + "@example.test", "sch-1");
            for (int i = 1; i <= 20; i++) {
                r.person("s" + i, Role.STUDENT, "Sam" + i, i == 1 ? "Renamed" : "Student", null, i % 2 == 0 ? "sch-2" : "sch-1");
            }
            r.klass("c1", "Math 1", "sch-1");
            r.enroll("c1", "t1", Staged.EnrollmentRole.TEACHER);
            for (int i = 1; i <= 20; i++) {
                r.enroll("c1", "s" + i, Staged.EnrollmentRole.STUDENT);
            }
        });
        assertThat(renaming.status()).as("%s", renaming).isEqualTo(RunStatus.PREVIEW);
        UUID s1 = jdbc.sql("select id from users where district_id = ? and sourced_id = 's1'").param(UUID.fromString(d.id()))
                .query(UUID.class).single();
        jdbc.sql("update users set family_name = 'Corrected' where id = ?").param(s1).update();

        var stale = changes.applyPreview(Runs.VENDOR, renaming.id());

        assertThat(stale).as("the upload would overwrite a value changed since its preview").isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Refused<ImportReport>) stale).refusal().code()).isEqualTo("held_run_stale");
        assertThat(jdbc.sql("select family_name from users where id = ?").param(s1).query(String.class).single()).isEqualTo("Corrected");
    }
}
