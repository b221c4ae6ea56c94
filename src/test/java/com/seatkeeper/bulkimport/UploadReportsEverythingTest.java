package com.seatkeeper.bulkimport;

import static com.seatkeeper.bulkimport.ImportApiTest.report;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * One upload, one report of every problem (issue 9 §2), over HTTP on the real PostgreSQL: the row checks of the reader
 * (values, enumerations, dates, product codes), the engine's checks of the staged values (lengths) and its whole-snapshot
 * checks in SQL (duplicate ids, references, emails) all run before the run is rejected, for the template and for
 * OneRoster CSV alike, without reporting a refused row a second time through the rows that name it; and a part named .zip
 * that is no readable zip says so. Each refused upload leaves the district as it was ({@link DbState}).
 */
@ApiTest
class UploadReportsEverythingTest {
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

    /** The report's problems as (file, line, column, code). */
    static List<Tuple> problems(Http.Response r) {
        List<Tuple> all = new ArrayList<>();
        for (JsonNode p : report(r).get("problems")) {
            if (p.get("severity").asString().equals("ERROR")) {
                all.add(tuple(text(p, "file"), p.get("line").isNull() ? null : p.get("line").asLong(), text(p, "column"),
                        p.get("code").asString()));
            }
        }
        return all;
    }

    private static String text(JsonNode p, String field) {
        return p.get(field) == null || p.get(field).isNull() ? null : p.get(field).asString();
    }

    Fixtures.District districtWithLincoln() {
        var d = fx.aDistrict();
        fx.http.post("/api/v1/districts/" + d.id() + "/schools", Fixtures.ADMIN, map("name", "Lincoln Elementary"));
        return d;
    }

    Http.Response upload(Fixtures.District d, String name, byte[] bytes) {
        return uploads.upload(d.id(), Fixtures.ADMIN, false, Map.of(name, bytes));
    }

    @Test
    void aTemplateReportsAnUnknownSchoolAnOverLongNameAndAnUnknownTeacherAtOnce() {
        var d = districtWithLincoln();
        DbState before = DbState.ofDistrict(jdbc, d.id());
        String csv = HEADER
                + "Lincon Elementary,teacher,Ada,Lovelace,ada@" + tag + ".test,Math,,\n"
                + "Lincoln Elementary,student," + "A".repeat(500) + ",Turing,alan@" + tag + ".test,Math,ada@" + tag + ".test,\n"
                + "Lincoln Elementary,student,Grace,Hopper,grace@" + tag + ".test,Art,nobody@" + tag + ".test,\n";

        var r = upload(d, "bad4.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(report(r).get("status").asString()).isEqualTo("REJECTED");
        assertThat(problems(r)).containsExactlyInAnyOrder(
                tuple("bad4.csv", 2L, "school", "unknown_school"),
                tuple("bad4.csv", 3L, "givenName", "invalid_value"),
                tuple("bad4.csv", 4L, "teacherEmail", "unknown_teacher"));
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void everyWrongValueOfOneTemplateRowIsItsOwnProblem() {
        var d = districtWithLincoln();
        DbState before = DbState.ofDistrict(jdbc, d.id());
        String csv = HEADER + "Lincoln Elementary,wizard,Alan,Turing,not-an-email,,,NOPE\n";

        var r = upload(d, "bad1.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(problems(r)).containsExactlyInAnyOrder(
                tuple("bad1.csv", 2L, "email", "invalid_email"),
                tuple("bad1.csv", 2L, "role", "unknown_role"),
                tuple("bad1.csv", 2L, "productCodes", "unknown_product"));
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void aOneRosterSetReportsRowValueReferenceAndDuplicateProblemsAtOnceAndNoneTwice() {
        var d = fx.aDistrict();
        DbState before = DbState.ofDistrict(jdbc, d.id());
        Map<String, String> set = new LinkedHashMap<>();
        ImportApiTest.validSet().forEach((k, v) -> set.put(k, new String(v, StandardCharsets.UTF_8)));
        String users = set.get("users.csv");
        users = users.replace("u2,active,2024-01-01,true,s1,student,alan,,Alan,",
                        "u2,active,1/05/2024,true,s1,student,alan,,Alan,") // row: a date that is not ISO 8601 (line 3)
                .replace(",Grace,Hopper,", "," + "G".repeat(500) + ",Hopper,") // value: a 500-character givenName (line 4)
                .replace("u6,active,2024-01-01,true,s1,aide,", "u6,active,2024-01-01,true,s1,wizard,") // row: unknown role (line 7)
                .replace("kj@", "ed@"); // whole snapshot: u5 has u4's email (line 6)
        users += "u1,active,2024-01-01,true,s1,teacher,ada2,,Ada,Again,,,ada2@" + tag + ".test,,,,,\n"; // duplicate sourcedId, line 9
        set.put("users.csv", users);
        set.put("enrollments.csv", set.get("enrollments.csv")
                + "e4,active,2024-01-01,k9,s1,u2,student,,,\n" // reference: an unknown class (line 5)
                + "e5,active,2024-01-01,k1,s1,u6,teacher,,,\n"); // names the refused u6: not reported again

        var r = uploads.upload(d.id(), Fixtures.ADMIN, true, Uploads.zipped("roster.zip", Uploads.utf8(set)));

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(problems(r)).containsExactlyInAnyOrder(
                tuple("users.csv", 3L, "dateLastModified", "invalid_date"),
                tuple("users.csv", 4L, "givenName", "invalid_value"),
                tuple("users.csv", 5L, "email", "duplicate_email"),
                tuple("users.csv", 6L, "email", "duplicate_email"),
                tuple("users.csv", 7L, "role", "unknown_role"),
                tuple("users.csv", 9L, "sourcedId", "duplicate_sourced_id"),
                tuple("enrollments.csv", 5L, "classSourcedId", "unknown_reference"));
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void aOneRosterClassWithoutItsSchoolIsOneProblemNotTwo() {
        var d = fx.aDistrict();
        Map<String, String> set = new LinkedHashMap<>();
        ImportApiTest.validSet().forEach((k, v) -> set.put(k, new String(v, StandardCharsets.UTF_8)));
        set.put("classes.csv", set.get("classes.csv").replace(",scheduled,,s1,t1,", ",scheduled,,,t1,"));

        var r = uploads.upload(d.id(), Fixtures.ADMIN, true, Uploads.utf8(set));

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(problems(r)).containsExactly(tuple("classes.csv", 2L, "schoolSourcedId", "missing_value"));
    }

    @Test
    void aRowRefusedAsAWholeOrForItsTitleIsNotReportedAgainThroughTheRowsNamingIt() {
        var d = fx.aDistrict();
        Map<String, String> set = new LinkedHashMap<>();
        ImportApiTest.validSet().forEach((k, v) -> set.put(k, new String(v, StandardCharsets.UTF_8)));
        // u2's row has a field too few; enrollments.csv line 3 names u2
        set.put("users.csv", set.get("users.csv").replace(",Alan,Turing,", ",Alan Turing,"));
        // the term has no title; classes.csv line 2 names it
        set.put("academicSessions.csv", set.get("academicSessions.csv").replace(",Fall 2024,", ",,"));

        var r = uploads.upload(d.id(), Fixtures.ADMIN, true, Uploads.utf8(set));

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(problems(r)).containsExactlyInAnyOrder(
                tuple("users.csv", 3L, null, "wrong_column_count"),
                tuple("academicSessions.csv", 2L, "title", "missing_value"));
    }

    @Test
    void beyondAThousandProblemsTheRestAreCountedFromEveryCheck() {
        var d = districtWithLincoln();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 600; i++) { // each row: an unknown school (the reader) and a 500-character name (the engine)
            csv.append("Nowhere High,student,").append("A".repeat(500)).append(",Turing,s").append(i).append('@').append(tag)
                    .append(".test,,,\n");
        }

        var r = upload(d, "many.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(report(r).get("problems").size()).isEqualTo(1000);
        assertThat(report(r).get("problemsOmitted").asLong()).isEqualTo(200);
        assertThat(problems(r)).extracting(t -> t.toList().get(3)).containsOnly("unknown_school", "invalid_value");
    }

    @Test
    void aPartNamedZipThatIsNoReadableZipSaysSo() throws IOException {
        var d = fx.aDistrict();
        DbState before = DbState.ofDistrict(jdbc, d.id());
        byte[] zip = Uploads.zipped("roster.zip", ImportApiTest.validSet()).get("roster.zip");

        var text = upload(d, "x.zip", "sourcedId,name\n1,Lincoln\n".getBytes(StandardCharsets.UTF_8));
        var empty = upload(d, "x.zip", new byte[0]);
        var truncated = upload(d, "x.zip", Arrays.copyOf(zip, zip.length / 3));
        var noCsv = upload(d, "x.zip", zipOf("notes.txt", "hello"));

        for (var r : List.of(text, empty, truncated, noCsv)) {
            assertThat(r.status()).as("%s", r).isEqualTo(422);
        }
        assertThat(problems(text)).containsExactly(tuple("x.zip", null, null, "unreadable_zip"));
        assertThat(message(text)).contains("x.zip is not a zip archive: it holds text").contains("Zip the CSV files again");
        assertThat(message(empty)).contains("x.zip is not a zip archive: the file is empty (0 bytes)");
        assertThat(problems(truncated)).containsExactly(tuple("x.zip", null, null, "unreadable_zip"));
        assertThat(message(truncated)).contains("x.zip is cut short");
        assertThat(problems(noCsv)).containsExactly(tuple("x.zip", null, null, "empty_upload"));
        assertThat(message(noCsv)).contains("x.zip holds no CSV file (only notes.txt)");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    static String message(Http.Response r) {
        for (JsonNode p : report(r).get("problems")) {
            if (p.get("severity").asString().equals("ERROR")) {
                return p.get("message").asString();
            }
        }
        return "";
    }

    static byte[] zipOf(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(name));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
