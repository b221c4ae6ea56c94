package com.seatkeeper.bulkimport;

import static com.seatkeeper.bulkimport.ImportApiTest.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A file that cannot be read whole (bytes that are not UTF-8, UTF-16, a quote never closed, text after a quote, a row
 * of too many fields, a header with errors) is one problem, over HTTP on the real PostgreSQL: every row before the bad
 * record is read (its own problems are found), its message says exactly what was read, and no other file's rows are
 * reported as naming unknown records because of it (the tester's finding: one Latin-1 byte in users.csv made every
 * enrollment of its people {@code unknown_reference}), in a OneRoster set (each file of it) and in the template alike.
 */
@ApiTest
class UnreadFileTest {
    static final String HEADER = "school,role,givenName,familyName,email,className,teacherEmail,productCodes\n";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Fixtures fx;
    Uploads uploads;
    String tag;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(new Http(port));
        uploads = new Uploads(port);
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    /** The report's errors as (file, line, code). */
    static List<Tuple> errors(Http.Response r) {
        List<Tuple> all = new ArrayList<>();
        for (JsonNode p : report(r).get("problems")) {
            if (p.get("severity").asString().equals("ERROR")) {
                all.add(tuple(p.get("file").isNull() ? null : p.get("file").asString(), p.get("line").isNull() ? null : p.get("line").asLong(),
                        p.get("code").asString()));
            }
        }
        return all;
    }

    static JsonNode only(Http.Response r, String code) {
        List<JsonNode> found = new ArrayList<>();
        report(r).get("problems").forEach(p -> {
            if (p.get("code").asString().equals(code)) {
                found.add(p);
            }
        });
        assertThat(found).as("%s", r).hasSize(1);
        return found.get(0);
    }

    static List<String> warnings(Http.Response r) {
        List<String> codes = new ArrayList<>();
        report(r).get("problems").forEach(p -> {
            if (p.get("severity").asString().equals("WARNING")) {
                codes.add(p.get("code").asString());
            }
        });
        return codes;
    }

    static Map<String, byte[]> set(String file, Function<String, byte[]> change) {
        Map<String, byte[]> set = new LinkedHashMap<>(ImportApiTest.validSet());
        set.put(file, change.apply(new String(set.get(file), StandardCharsets.UTF_8)));
        return set;
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] utf16(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
        out.writeBytes(s.getBytes(StandardCharsets.UTF_16LE));
        return out.toByteArray();
    }

    @Test
    void oneLatin1ByteInUsersIsOneProblemTheRowsBeforeItAreReadAndNoEnrollmentIsUnknown() {
        var d = fx.aDistrict();
        DbState before = DbState.ofDistrict(jdbc, d.id());
        // line 2 has a problem of its own (it must be read and checked); line 3 has é in Latin-1; enrollments name u1, u2, u3
        Map<String, byte[]> set = set("users.csv", s -> latin1(s.replace("u1,active,2024-01-01,", "u1,active,1/05/2024,")
                .replace("Turing", "Tur\u00e9ng")));

        var r = uploads.upload(d.id(), Fixtures.ADMIN, true, Uploads.zipped("roster.zip", set));

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(errors(r)).containsExactlyInAnyOrder(
                tuple("users.csv", 2L, "invalid_date"),
                tuple("users.csv", 3L, "invalid_utf8"));
        JsonNode bad = only(r, "invalid_utf8");
        assertThat(bad.get("column").asString()).isEqualTo("familyName");
        assertThat(bad.get("message").asString())
                .contains("Line 3, field 10 (familyName),", "E9", "\"\u00e9\" in Windows-1252",
                        "Only the row of users.csv before line 3 was read; line 3 and every line after it were not",
                        "references to its records are not checked")
                .doesNotContain("rest of");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    static Stream<Arguments> unreadFiles() {
        String manyFields = ",x".repeat(20_000);
        return Stream.of(
                Arguments.of("users.csv in UTF-16", set("users.csv", UnreadFileTest::utf16), tuple("users.csv", 1L, "invalid_utf8")),
                Arguments.of("users.csv in UTF-16 without a byte order mark", set("users.csv", s -> s.getBytes(StandardCharsets.UTF_16LE)),
                        tuple("users.csv", 1L, "invalid_utf8")),
                Arguments.of("users.csv cut short inside a quote", set("users.csv", s -> utf8(s.replace("\"s1,s2\",student", "\"s1,s2,student"))),
                        tuple("users.csv", 4L, "unterminated_quote")),
                Arguments.of("users.csv with text after a quote", set("users.csv", s -> utf8(s.replace(",Alan,Turing,", ",\"Alan\"x,Turing,"))),
                        tuple("users.csv", 3L, "text_after_quote")),
                Arguments.of("users.csv with a row of too many fields", set("users.csv", s -> utf8(s.replace(",Alan,Turing,", ",Alan,Turing" + manyFields + ","))),
                        tuple("users.csv", 3L, "too_many_fields")),
                Arguments.of("users.csv with a misspelt header", set("users.csv", s -> utf8(s.replaceFirst("familyName", "famliyName"))),
                        tuple("users.csv", 1L, "misspelt_header")),
                Arguments.of("orgs.csv (the schools of users and classes)", set("orgs.csv", s -> latin1(s.replace("Springfield Elementary", "\u00c9cole"))),
                        tuple("orgs.csv", 3L, "invalid_utf8")),
                Arguments.of("classes.csv (the classes of enrollments)", set("classes.csv", s -> latin1(s.replace("Math 3A", "Math 3\u00e0"))),
                        tuple("classes.csv", 2L, "invalid_utf8")),
                Arguments.of("courses.csv (the course of a class)", set("courses.csv", s -> latin1(s.replace("Math 3,", "Math \u00e9,"))),
                        tuple("courses.csv", 2L, "invalid_utf8")),
                Arguments.of("academicSessions.csv (the term of a class)", set("academicSessions.csv", s -> latin1(s.replace("Fall 2024", "Automne \u00e9"))),
                        tuple("academicSessions.csv", 2L, "invalid_utf8")),
                Arguments.of("manifest.csv (the properties after the bad line)", set("manifest.csv", s -> latin1(s.replace("file.orgs,bulk", "file.orgs,bulk\u00e9"))),
                        tuple("manifest.csv", 5L, "invalid_utf8")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadFiles")
    void aFileNotReadWholeIsItsOwnProblemAndNoOtherRowIsReportedBecauseOfIt(String what, Map<String, byte[]> set, Tuple expected) {
        var d = fx.aDistrict();

        var r = uploads.upload(d.id(), Fixtures.ADMIN, true, set);

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(errors(r)).as(what).containsExactly(expected);
        assertThat(warnings(r)).as(what).doesNotContain("file_not_in_manifest", "empty_bulk_file");
        List<String> messages = new ArrayList<>();
        report(r).get("problems").forEach(p -> messages.add(p.get("message").asString()));
        assertThat(String.join("\n", messages)).as(what).containsAnyOf("references to its records are not checked",
                "no other file was read");
    }

    @Test
    void aManifestNotReadWholeSaysNoOtherFileWasRead() {
        var d = fx.aDistrict();

        var r = uploads.upload(d.id(), Fixtures.ADMIN, true, set("manifest.csv", s -> latin1(s.replace("file.orgs,bulk", "file.orgs,bulk\u00e9"))));

        assertThat(report(r).get("reason").asString()).contains("no other file was read");
        assertThat(only(r, "invalid_utf8").get("message").asString()).contains("Only the 3 rows of manifest.csv before line 5 were read");
    }

    @Test
    void aTemplateCutShortByABadByteReportsNoTeacherOnTheLinesNotReadAndReadsTheLinesBefore() {
        var d = fx.aDistrict();
        fx.http.post("/api/v1/districts/" + d.id() + "/schools", Fixtures.ADMIN, Http.map("name", "Lincoln Elementary"));
        DbState before = DbState.ofDistrict(jdbc, d.id());
        String csv = HEADER
                + "Lincoln Elementary,student,Alan,Turing,alan@" + tag + ".test,Math,ada@" + tag + ".test,NOPE\n" // its own problem
                + "Lincoln Elementary,teacher,Ad\u00e9le,Lovelace,ada@" + tag + ".test,Math,,\n" // é in Latin-1: line 3
                + "Lincoln Elementary,student,Grace,Hopper,grace@" + tag + ".test,Math,ada@" + tag + ".test,\n";

        var r = uploads.upload(d.id(), Fixtures.ADMIN, true, Map.of("roster.csv", latin1(csv)));

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(errors(r)).containsExactlyInAnyOrder(
                tuple("roster.csv", 2L, "unknown_product"),
                tuple("roster.csv", 3L, "invalid_utf8"));
        assertThat(only(r, "invalid_utf8").get("message").asString()).contains("Line 3, field 3 (givenName),",
                "Only the row of roster.csv before line 3 was read");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void aTemplateThatIsNotUtf8IsSaidToBeSoNotAnUnknownFormatNorAnEmptyRoster() {
        var d = fx.aDistrict();
        String csv = HEADER + "Lincoln Elementary,teacher,Ad\u00e9le,Lovelace,ada@" + tag + ".test,,,\n";

        for (byte[] bytes : List.of(latin1(csv), utf16(csv), csv.getBytes(StandardCharsets.UTF_16BE))) {
            var r = uploads.upload(d.id(), Fixtures.ADMIN, true, Map.of("roster.csv", bytes));

            assertThat(r.status()).as("%s", r).isEqualTo(422);
            assertThat(errors(r)).hasSize(1).first().satisfies(t -> assertThat(t.toList().get(2)).isEqualTo("invalid_utf8"));
            assertThat(warnings(r)).doesNotContain("empty_bulk_file");
        }
        var r = uploads.upload(d.id(), Fixtures.ADMIN, true, Map.of("roster.csv", utf16(csv)));
        assertThat(only(r, "invalid_utf8").get("message").asString()).contains("is saved as UTF-16", "none of it was read");
    }
}
