package com.seatkeeper.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.seatkeeper.roster.changes.FileMode;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RosterKind;
import com.seatkeeper.roster.changes.Staged;
import com.seatkeeper.shared.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every OneRoster CSV set of ../shared/samples (see its PROVENANCE.md) through the reader, without a database: what it
 * stages, or the problems that refuse it, and why. The references between rows (a class's school, an enrollment's user)
 * are the engine's to check in SQL: the end-to-end test through the API shows those.
 */
class SamplesReaderTest {
    static final Path SAMPLES = Path.of("../shared/samples");

    static OneRosterReaderTest.Read read(String set) throws IOException {
        return OneRosterReaderTest.readPaths(files(set));
    }

    static Map<String, Path> files(String set) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(SAMPLES.resolve(set))) {
            s.filter(p -> p.toString().endsWith(".csv")).forEach(p -> files.put(p.getFileName().toString(), p));
        }
        return files;
    }

    /** A1: 1EdTech's conformance delta VRd118 (1.2): accepted; demographics and userProfiles ignored with warnings. */
    @Test
    void vrd118IsAValid12DeltaOfOneOfEach() throws IOException {
        var r = read("1edtech-vrd118-or12-delta");

        assertThat(r.errors()).isEmpty();
        assertThat(r.modes().orElseThrow()).containsEntry(RosterKind.USERS, FileMode.DELTA).containsEntry(RosterKind.SCHOOLS, FileMode.DELTA);
        assertThat(r.staged().schools).extracting(Staged.School::sourcedId, Staged.School::name).containsExactly(tuple("ORG_1", "Gotham High School"));
        assertThat(r.staged().people).singleElement().satisfies(p -> {
            assertThat(p.sourcedId()).isEqualTo("USER_0");
            assertThat(p.role()).isEqualTo(Role.STUDENT); // from roles.csv, primary
            assertThat(p.schoolSourcedIds()).containsExactly("ORG_1");
            assertThat(p.email()).isNull();
        });
        assertThat(r.staged().classes).singleElement().satisfies(c -> {
            assertThat(c.course()).isEqualTo("Crime Fighting 101");
            assertThat(c.term()).isEqualTo("Semester 1");
        });
        assertThat(r.staged().enrollments).hasSize(1);
        assertThat(r.warningCodes()).containsExactlyInAnyOrder("file_ignored", "file_ignored");
    }

    /** A2: the Moodle 1.2 fixture: refused at its manifest, whose modes for three files are blank. */
    @Test
    void catalyst12IsRefusedForItsBlankManifestModes() throws IOException {
        var r = read("catalyst-moodle-or12-full");

        assertThat(r.modes()).isEmpty();
        assertThat(r.errors()).extracting(Problem::code, Problem::file, Problem::line, Problem::column).containsExactly(
                tuple("invalid_manifest_value", "manifest.csv", 21L, "value"),
                tuple("invalid_manifest_value", "manifest.csv", 22L, "value"),
                tuple("invalid_manifest_value", "manifest.csv", 23L, "value"));
    }

    /** A3: the Moodle 1.1 full set: refused for the status "inactive" (no OneRoster status); its school is a department. */
    @Test
    void catalyst11FullIsRefusedForAStatusOneRosterDoesNotHave() throws IOException {
        var r = read("catalyst-moodle-or11-full");

        assertThat(r.errors()).extracting(Problem::code, Problem::file, Problem::line, Problem::column)
                .containsExactly(tuple("invalid_value", "academicSessions.csv", 4L, "status"));
        assertThat(r.warningCodes()).contains("org_type_ignored", "enum_case");
        assertThat(r.staged().skipped).isEqualTo(1); // the parent
    }

    /**
     * A4: the Moodle 1.1 minimal set: blank status and dateLastModified everywhere read as active (bulk); the reader
     * finds no error, but its only org is a department, so the engine refuses the classes' and people's schools.
     */
    @Test
    void catalyst11MinimalReadsBlankStatusAsActive() throws IOException {
        var r = read("catalyst-moodle-or11-minimal");

        assertThat(r.errors()).isEmpty();
        assertThat(r.staged().schools).isEmpty();
        assertThat(r.staged().people).hasSize(5).allSatisfy(p -> assertThat(p.active()).isTrue());
        assertThat(r.staged().classes).extracting(Staged.Class::schoolSourcedId).containsOnly("org-sch-222-456");
        assertThat(r.warningCodes()).contains("org_type_ignored");
    }

    /** A5: Ed-Fi's Grand Bend (1.1, ClassLink-like): accepted; the teachers' extra empty trailing field is tolerated. */
    @Test
    void grandBend11IsAcceptedWithTrailingEmptyFieldsTolerated() throws IOException {
        var r = read("edfi-grandbend-or11");

        assertThat(r.errors()).isEmpty();
        assertThat(r.staged().schools).extracting(Staged.School::sourcedId).containsExactly("255901001");
        assertThat(r.staged().people).hasSize(10);
        assertThat(r.staged().people.stream().filter(p -> p.role() == Role.TEACHER)).hasSize(2);
        assertThat(r.staged().classes).hasSize(2);
        assertThat(r.staged().classes).extracting(Staged.Class::course).contains("Algebra I"); // course 03100500 keeps its zero
        assertThat(r.staged().enrollments).hasSize(24);
        assertThat(r.warningCodes()).contains("trailing_empty_columns", "file_ignored");
    }

    /** A6 (1.0, no manifest), A10 and A11 (Microsoft SDS, not OneRoster): refused, saying a 1.1/1.2 manifest is needed. */
    @Test
    void setsWithoutAManifestAreRefused() throws IOException {
        for (String set : new String[] {"edfi-grandbend-or10", "ms-sds-v2.1", "ms-sds-v2"}) {
            var r = read(set);

            assertThat(r.modes()).as(set).isEmpty();
            assertThat(r.errors()).as(set).singleElement().satisfies(p -> {
                assertThat(p.code()).isEqualTo("missing_manifest");
                assertThat(p.message()).contains("OneRoster 1.1 or 1.2");
            });
        }
    }

    /** A8: TAO's set: its users.csv was withheld (personal data), so the manifest names a file the upload lacks. */
    @Test
    void taoIsRefusedForItsMissingUsersFile() throws IOException {
        var r = read("oat-tao-or11");

        assertThat(r.errors()).extracting(Problem::code, Problem::file, Problem::column)
                .containsExactly(tuple("missing_file", "manifest.csv", "value"));
    }

    /**
     * A9: ClassLink's empty templates: a valid set of zero rows (fully quoted manifest, no final newline); demographics
     * uploaded but declared absent is ignored with a warning, and every header-only bulk file warns what it removes.
     */
    @Test
    void classLinkTemplatesAreZeroRowsWithWarnings() throws IOException {
        var r = read("classlink-template-or11");

        assertThat(r.errors()).isEmpty();
        assertThat(r.staged().people).isEmpty();
        assertThat(r.warningCodes()).containsExactlyInAnyOrder("file_declared_absent", "empty_bulk_file", "empty_bulk_file",
                "empty_bulk_file", "empty_bulk_file");
    }
}
