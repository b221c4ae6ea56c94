package com.seatkeeper.bulkimport;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The upload end to end over HTTP on the real PostgreSQL: OneRoster 1.1 and 1.2, bulk and delta, zipped and as
 * separate files, the sample sets, the template with product codes and a short pool, unsafe zips, and the refusals, each
 * refusal leaving the district's database as it was ({@link DbState}).
 */
@ApiTest
class ImportApiTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Fixtures fx;
    Uploads uploads;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(new Http(port));
        uploads = new Uploads(port);
    }

    /** The valid 1.1 set of the reader's test, with emails of their own so that districts do not share them. */
    static Map<String, byte[]> validSet() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> files = new LinkedHashMap<>();
        OneRosterReaderTest.VALID.forEach((k, v) -> files.put(k, v.replace("@example.org", "@" + tag + ".example.org")));
        return Uploads.utf8(files);
    }

    /** The run's report: the body of a 200, the member {@code report} of a 422 problem. */
    static JsonNode report(Http.Response r) {
        return r.body().has("report") ? r.body().get("report") : r.body();
    }

    static List<String> codes(Http.Response r) {
        List<String> codes = new ArrayList<>();
        report(r).get("problems").forEach(p -> codes.add(p.get("code").asString()));
        return codes;
    }

    static JsonNode counts(Http.Response r, String kind) {
        return report(r).get("counts").get(kind);
    }

    Http.Response upload(Fixtures.District d, boolean dryRun, Map<String, byte[]> files) {
        return uploads.upload(d.id(), Fixtures.ADMIN, dryRun, files);
    }

    @Test
    void aOneRoster11ZipIsPreviewedWithoutChangeThenAppliedAsFilesThenUnchangedTheSecondTime() {
        var d = fx.aDistrict();
        Map<String, byte[]> set = validSet();
        DbState before = DbState.ofDistrict(jdbc, d.id());

        var preview = upload(d, true, Uploads.zipped("roster.zip", set));

        assertThat(preview.status()).as("%s", preview).isEqualTo(200);
        assertThat(preview.text("status")).isEqualTo("PREVIEW");
        assertThat(counts(preview, "users").get("added").asLong()).isEqualTo(6);
        assertThat(counts(preview, "users").get("skipped").asLong()).isEqualTo(1);
        assertThat(counts(preview, "schools").get("added").asLong()).isEqualTo(2);
        assertThat(counts(preview, "classes").get("added").asLong()).isEqualTo(1);
        assertThat(counts(preview, "enrollments").get("added").asLong()).isEqualTo(3);
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);

        var applied = upload(d, false, set);

        assertThat(applied.status()).as("%s", applied).isEqualTo(200);
        assertThat(applied.text("status")).isEqualTo("APPLIED");
        assertThat(jdbc.sql("select count(*) from users where district_id = ? and source = 'UPLOAD'").param(UUID.fromString(d.id()))
                .query(Long.class).single()).isEqualTo(6);

        var again = upload(d, false, Uploads.zipped("roster.zip", set));

        assertThat(again.text("status")).isEqualTo("APPLIED");
        assertThat(counts(again, "users").get("unchanged").asLong()).isEqualTo(6);
        assertThat(counts(again, "users").get("added").asLong()).isZero();
        assertThat(counts(again, "enrollments").get("unchanged").asLong()).isEqualTo(3);
    }

    @Test
    void aOneRoster11DeltaRemovesAStudentAndAnEnrollment() {
        var d = fx.aDistrict();
        Map<String, byte[]> set = validSet();
        assertThat(upload(d, false, set).text("status")).isEqualTo("APPLIED");
        String users = new String(set.get("users.csv"), StandardCharsets.UTF_8);
        String enrollments = new String(set.get("enrollments.csv"), StandardCharsets.UTF_8);
        Map<String, String> delta = new LinkedHashMap<>();
        delta.put("manifest.csv", "propertyName,value\noneroster.version,1.1\nfile.users,delta\nfile.enrollments,delta\n");
        delta.put("users.csv", users.lines().findFirst().orElseThrow() + "\n" + users.lines().filter(l -> l.startsWith("u2,")).findFirst()
                .orElseThrow().replace("u2,active,", "u2,tobedeleted,") + "\n");
        delta.put("enrollments.csv", enrollments.lines().findFirst().orElseThrow() + "\n"
                + "e2,tobedeleted,2024-03-01,k1,s1,u2,student,,,\n");

        var held = upload(d, false, Uploads.zipped("delta.zip", Uploads.utf8(delta)));
        assertThat(held.status()).as("%s", held).isEqualTo(200);
        assertThat(held.text("status")).as("1 of 6 active people is over the 10%% deletion guard").isEqualTo("HELD");

        var r = fx.http.post("/api/v1/sync-runs/" + held.text("id") + "/confirm", Fixtures.ADMIN, null);

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.text("status")).isEqualTo("APPLIED");
        assertThat(counts(r, "users").get("removed").asLong()).isEqualTo(1);
        assertThat(counts(r, "enrollments").get("removed").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("select status from users where district_id = ? and sourced_id = 'u2'").param(UUID.fromString(d.id()))
                .query(String.class).single()).isEqualTo("INACTIVE");
    }

    /**
     * Every broken input of the reader's test through the API: 422 {@code invalid_upload} with its code at its file, line
     * and column, and the district's database as it was.
     */
    @Test
    void everyBrokenInputIsRefusedWithItsProblemAndChangesNothing() {
        var d = fx.aDistrict();
        DbState before = DbState.ofDistrict(jdbc, d.id());
        List<String> mismatches = new ArrayList<>();
        OneRosterReaderTest.brokenInputs().forEach(args -> {
            Object[] a = args.get();
            Map<String, byte[]> files = new LinkedHashMap<>();
            ((Map<?, ?>) a[1]).forEach((k, v) -> files.put((String) k, v instanceof byte[] b ? b : ((String) v).getBytes(StandardCharsets.UTF_8)));

            var r = upload(d, false, files);

            boolean found = report(r).has("problems") && java.util.stream.StreamSupport.stream(report(r).get("problems").spliterator(), false)
                    .anyMatch(p -> p.get("code").asString().equals(a[2]) && p.get("file").asString().equals(a[3])
                            && p.get("line").asLong() == (Long) a[4]
                            && (a[5] == null ? p.get("column").isNull() : p.get("column").asString().equals(a[5])));
            if (r.status() != 422 || !found) {
                mismatches.add(a[0] + ": expected 422 with " + a[2] + " at " + a[3] + ":" + a[4] + " [" + a[5] + "], got " + r);
            }
        });
        assertThat(mismatches).isEmpty();
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    /** A OneRoster 1.2 bulk set (the samples have none that is valid), zipped: roles from roles.csv, the primary one deciding. */
    @Test
    void aOneRoster12BulkSetIsImportedZipped() {
        var d = fx.aDistrict();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> set = new LinkedHashMap<>();
        set.put("manifest.csv", "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.orgs,bulk\nfile.users,bulk\n"
                + "file.roles,bulk\nfile.classes,bulk\nfile.enrollments,bulk\nfile.courses,bulk\nfile.academicSessions,bulk\n"
                + "file.userProfiles,absent\nfile.demographics,absent\n");
        set.put("orgs.csv", OneRosterReaderTest.VALID.get("orgs.csv"));
        set.put("academicSessions.csv", OneRosterReaderTest.VALID.get("academicSessions.csv"));
        set.put("courses.csv", OneRosterReaderTest.VALID.get("courses.csv"));
        set.put("classes.csv", OneRosterReaderTest.VALID.get("classes.csv"));
        set.put("enrollments.csv", OneRosterReaderTest.VALID.get("enrollments.csv"));
        set.put("roles.csv", """
                sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId
                r1,active,2024-01-01,u1,primary,teacher,,,s1,
                r2,active,2024-01-01,u2,primary,student,,,s1,
                r3,active,2024-01-01,u3,primary,student,,,s1,
                r4,active,2024-01-01,u3,secondary,student,,,s2,
                r5,active,2024-01-01,u4,primary,districtAdministrator,,,d1,
                """);
        set.put("users.csv", ("""
                sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns
                u1,active,2024-01-01,true,ada,,Ada,Lovelace,,,ada@TAG.test,,,,,,,,,,,s1,
                u2,active,2024-01-01,true,alan,,Alan,Turing,,,alan@TAG.test,,,,03,,,,,,,s1,
                u3,active,2024-01-01,true,grace,,Grace,Hopper,,,,,,,03,,,,,,,s1,
                u4,active,2024-01-01,true,ed,,Edsger,Dijkstra,,,ed@TAG.test,,,,,,,,,,,d1,
                """).replace("TAG", tag));

        var r = upload(d, false, Uploads.zipped("or12.zip", Uploads.utf8(set)));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.text("status")).isEqualTo("APPLIED");
        assertThat(counts(r, "users").get("added").asLong()).isEqualTo(4);
        assertThat(counts(r, "schools").get("added").asLong()).isEqualTo(2);
        assertThat(counts(r, "enrollments").get("added").asLong()).isEqualTo(3);
        assertThat(jdbc.sql("select role from users where district_id = ? and sourced_id = 'u4'").param(UUID.fromString(d.id()))
                .query(String.class).single()).isEqualTo("DISTRICT_ADMIN");
        assertThat(jdbc.sql("select count(*) from user_schools us join users u on u.id = us.user_id where u.district_id = ? "
                + "and u.sourced_id = 'u3'").param(UUID.fromString(d.id())).query(Long.class).single()).isEqualTo(2);
    }

    /** A1: VRd118, the 1.2 conformance delta, as separate files: one school, student, class and enrollment added. */
    @Test
    void vrd118IsImportedAsA12Delta() {
        var d = fx.aDistrict();

        var r = upload(d, false, Uploads.sample("1edtech-vrd118-or12-delta"));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.text("status")).isEqualTo("APPLIED");
        assertThat(counts(r, "users").get("added").asLong()).isEqualTo(1);
        assertThat(counts(r, "schools").get("added").asLong()).isEqualTo(1);
        assertThat(counts(r, "classes").get("added").asLong()).isEqualTo(1);
        assertThat(counts(r, "enrollments").get("added").asLong()).isEqualTo(1);
        assertThat(codes(r)).containsOnly("file_ignored");
    }

    /**
     * A5: Grand Bend (1.1, bulk, ClassLink-like), zipped: read without error (its teachers' extra empty field tolerated);
     * students have one enrollment row per semester of a year-long class (same class, person and role): Seatkeeper keeps
     * one enrollment per class and person, so each repeat is merged with a {@code repeated_enrollment} warning.
     */
    @Test
    void grandBendIsImportedWithItsPerTermEnrollmentRowsMergedIntoOne() {
        var d = fx.aDistrict();

        var r = upload(d, true, Uploads.zipped("grandbend.zip", Uploads.sample("edfi-grandbend-or11")));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.text("status")).isEqualTo("PREVIEW");
        assertThat(r.body().get("rowsRead").asLong()).isEqualTo(2 + 3 + 2 + 10 + 2 + 24);
        assertThat(codes(r)).contains("trailing_empty_columns", "repeated_enrollment")
                .containsOnly("trailing_empty_columns", "file_ignored", "repeated_enrollment");
        assertThat(counts(r, "users").get("added").asLong()).isEqualTo(10);
        assertThat(counts(r, "schools").get("added").asLong()).isEqualTo(1);
        assertThat(counts(r, "classes").get("added").asLong()).isEqualTo(2);
        assertThat(counts(r, "enrollments").get("added").asLong()).isEqualTo(12);
    }

    /** A9: ClassLink's empty templates: a valid set of nothing, previewed with its warnings. */
    @Test
    void classLinkTemplatesPreviewAsNothing() {
        var d = fx.aDistrict();

        var r = upload(d, true, Uploads.sample("classlink-template-or11"));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(counts(r, "users").get("added").asLong()).isZero();
        assertThat(codes(r)).contains("file_declared_absent", "empty_bulk_file");
    }

    /**
     * The sets that are refused, each with its reason, nothing changed: A2 (blank manifest modes), A3 (a status OneRoster
     * does not have), A4 (its only org is a department: the engine finds no school for the classes and people), A6, A10,
     * A11 (no manifest: OneRoster 1.0 and Microsoft SDS), A8 (users.csv withheld).
     */
    @Test
    void aPreviewRefusedBeforeItsRowsAreReadIsRecordedAsAPreview() {
        var d = fx.aDistrict();

        var r = upload(d, true, Uploads.sample("ms-sds-v2"));

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(codes(r)).contains("missing_manifest");
        assertThat(report(r).get("dryRun").asBoolean()).as("the request said dryRun=true").isTrue();
    }

    @Test
    void refusedSamplesAnswer422WithTheirProblemsAndChangeNothing() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("catalyst-moodle-or12-full", "invalid_manifest_value");
        expected.put("catalyst-moodle-or11-full", "invalid_value");
        expected.put("catalyst-moodle-or11-minimal", "unknown_reference");
        expected.put("edfi-grandbend-or10", "missing_manifest");
        expected.put("ms-sds-v2.1", "missing_manifest");
        expected.put("ms-sds-v2", "missing_manifest");
        expected.put("oat-tao-or11", "missing_file");
        var d = fx.aDistrict();
        DbState before = DbState.ofDistrict(jdbc, d.id());
        for (var e : expected.entrySet()) {
            var r = upload(d, false, Uploads.sample(e.getKey()));

            assertThat(r.status()).as("%s: %s", e.getKey(), r).isEqualTo(422);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.text("code")).isEqualTo("invalid_upload");
            assertThat(r.body().get("status").asInt()).as("RFC 9457's status is kept").isEqualTo(422);
            assertThat(report(r).get("status").asString()).as(e.getKey()).isEqualTo("REJECTED");
            assertThat(r.text("detail")).doesNotContain("..").containsOnlyOnce("upload again");
            assertThat(codes(r)).as(e.getKey()).contains(e.getValue());
        }
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void theTemplateLicensesThroughTheSeatRulesAndReportsAShortPool() {
        var d = fx.aDistrict();
        fx.http.post("/api/v1/districts/" + d.id() + "/schools", Fixtures.ADMIN, map("name", "Lincoln Elementary"));
        String product = fx.aProduct();
        var pool = fx.aPool(d, product, "STUDENT", 1, java.time.LocalDate.now().minusDays(1), java.time.LocalDate.now().plusDays(100));
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = "school,role,givenName,familyName,email,className,teacherEmail,productCodes\n"
                + "Lincoln Elementary,teacher,Ada,Lovelace,ada@" + tag + ".test,Math,,\n"
                + "Lincoln Elementary,student,Alan,Turing,alan@" + tag + ".test,Math,ada@" + tag + ".test," + product + "\n"
                + "lincoln elementary,student,Grace,Hopper,grace@" + tag + ".test,Math,ada@" + tag + ".test," + product.toLowerCase() + "\n";

        var r = upload(d, false, Map.of("roster.csv", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.text("status")).isEqualTo("APPLIED");
        assertThat(counts(r, "users").get("added").asLong()).isEqualTo(3);
        assertThat(counts(r, "classes").get("added").asLong()).isEqualTo(1);
        assertThat(counts(r, "enrollments").get("added").asLong()).isEqualTo(3);
        JsonNode licenses = r.body().get("licenses");
        assertThat(licenses.get("assigned").asLong()).isEqualTo(1);
        assertThat(licenses.get("leftWithout").asLong()).isEqualTo(1);
        assertThat(licenses.get("shortPools").get(0).get("poolId").asString()).isEqualTo(pool.id());
        assertThat(fx.available(pool)).isZero();
    }

    @Test
    void aTemplateWithAnUnknownSchoolOrProductIsRefusedNamingTheNearest() {
        var d = fx.aDistrict();
        fx.http.post("/api/v1/districts/" + d.id() + "/schools", Fixtures.ADMIN, map("name", "Lincoln Elementary"));
        DbState before = DbState.ofDistrict(jdbc, d.id());
        String csv = "school,role,givenName,familyName,email,className,teacherEmail,productCodes\n"
                + "Lincon Elementary,student,Alan,Turing,alan@x.test,,,\n"
                + "Lincoln Elementary,student,Grace,Hopper,grace@x.test,,,NO-SUCH-PRODUCT\n";

        var r = upload(d, false, Map.of("roster.csv", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(codes(r)).containsExactly("unknown_school", "unknown_product");
        assertThat(report(r).get("problems").get(0).get("message").asString()).contains("Did you mean \"Lincoln Elementary\"?");
        assertThat(report(r).get("problems").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(report(r).get("problems").get(1).get("message").asString()).doesNotContain("Did you mean")
                .contains("The product codes are: ");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void unsafeZipsAreRefusedAndChangeNothing() throws Exception {
        var d = fx.aDistrict();
        DbState before = DbState.ofDistrict(jdbc, d.id());
        Map<String, byte[]> evil = new LinkedHashMap<>(validSet());
        evil.put("../../etc/users.csv", "x".getBytes(StandardCharsets.UTF_8));
        UploadedFile bomb = UploadUnpackerTest.bomb(dir, 64L << 20);

        var traversal = upload(d, false, Uploads.zipped("evil.zip", evil));
        var bombed = upload(d, false, Map.of("bomb.zip", Files.readAllBytes(bomb.path())));

        assertThat(traversal.status()).as("%s", traversal).isEqualTo(422);
        assertThat(codes(traversal)).containsExactly("unsafe_zip_path");
        assertThat(bombed.status()).as("%s", bombed).isEqualTo(422);
        assertThat(codes(bombed)).containsExactly("zip_bomb");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void uploadsInACleverDistrictByATeacherOrToAnotherDistrictAreRefused() {
        var clever = fx.aDistrict("CLEVER");
        var d = fx.aDistrict();
        var other = fx.aDistrict();
        String teacherToken = fx.tokenFor(fx.aTeacher(d));
        String adminToken = fx.aDistrictAdminTokenOf(d);
        DbState cleverBefore = DbState.ofDistrict(jdbc, clever.id());
        DbState before = DbState.ofDistrict(jdbc, d.id());
        DbState otherBefore = DbState.ofDistrict(jdbc, other.id());

        var inClever = upload(clever, false, validSet());
        var byTeacher = uploads.upload(d.id(), teacherToken, false, validSet());
        var elsewhere = uploads.upload(other.id(), adminToken, false, validSet());
        var byAdmin = uploads.upload(d.id(), adminToken, true, validSet());

        assertThat(inClever.status()).isEqualTo(409);
        assertThat(inClever.text("code")).isEqualTo("roster_read_only");
        assertThat(byTeacher.status()).isEqualTo(403);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(byAdmin.status()).as("%s", byAdmin).isEqualTo(200);
        assertThat(DbState.ofDistrict(jdbc, clever.id())).isEqualTo(cleverBefore);
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        assertThat(DbState.ofDistrict(jdbc, other.id())).isEqualTo(otherBefore);
    }

    @Test
    void badRequestsSayWhatIsMissing() {
        var d = fx.aDistrict();

        var noDryRun = uploads.post("/api/v1/districts/" + d.id() + "/imports", Fixtures.ADMIN, validSet());
        var notMultipart = fx.http.post("/api/v1/districts/" + d.id() + "/imports?dryRun=true", Fixtures.ADMIN, map("file", "x"));
        var oneStrangeCsv = upload(d, true, Map.of("people.csv", "name,age\nAda,36\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(noDryRun.status()).isEqualTo(400);
        assertThat(noDryRun.text("field")).isEqualTo("dryRun");
        assertThat(notMultipart.status()).isEqualTo(400);
        assertThat(notMultipart.text("field")).isEqualTo("file");
        assertThat(oneStrangeCsv.status()).isEqualTo(422);
        assertThat(codes(oneStrangeCsv)).containsExactly("unknown_format");
    }

    @Test
    void anUploadOverTheLimitIs413WithAProblem() {
        var d = fx.aDistrict();

        var r = RawHttp.send(port, "POST /api/v1/districts/" + d.id() + "/imports?dryRun=true HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + Fixtures.ADMIN + "\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                + "Content-Length: " + (2L << 30) + "\r\n", new byte[3 << 20]); // more than Tomcat swallows: it then closes

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"code\":\"upload_too_large\"");
    }

    @Test
    void theTemplateIsServedAsACsvAttachment() {
        var r = fx.http.get("/api/v1/imports/template.csv", Fixtures.ADMIN);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        assertThat(r.raw()).startsWith("school,role,givenName,familyName,email,className,teacherEmail,productCodes\r\n");
    }

    static List<Uploads.Part> manyParts(int n) {
        List<Uploads.Part> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(new Uploads.Part("file", "part" + i + ".csv", "x".repeat(1700).getBytes(StandardCharsets.UTF_8)));
        }
        return parts;
    }

    @Test
    void moreFilesThanTomcatReadsIsTooManyFilesNotTooLarge() {
        var d = fx.aDistrict();
        DbState before = DbState.ofDistrict(jdbc, d.id());

        var r = Uploads.parts(port, "/api/v1/districts/" + d.id() + "/imports?dryRun=true", Fixtures.ADMIN, manyParts(60));

        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("code")).isEqualTo("too_many_files");
        assertThat(r.text("field")).isEqualTo("file");
        assertThat(r.text("detail")).contains("more than 50 parts").contains("Zip the CSV files");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void whoMayUploadIsCheckedBeforeTheBodyIsRead() {
        var d = fx.aDistrict();
        String teacherToken = fx.tokenFor(fx.aTeacher(d));
        var clever = fx.aDistrict("CLEVER");

        var byTeacher = Uploads.parts(port, "/api/v1/districts/" + d.id() + "/imports?dryRun=true", teacherToken, manyParts(60));
        var inClever = Uploads.parts(port, "/api/v1/districts/" + clever.id() + "/imports?dryRun=true", Fixtures.ADMIN, manyParts(60));

        assertThat(byTeacher.status()).as("403, not the body's 400 too_many_files: %s", byTeacher).isEqualTo(403);
        assertThat(inClever.status()).as("%s", inClever).isEqualTo(409);
        assertThat(inClever.text("code")).isEqualTo("roster_read_only");
        var badQuery = Uploads.parts(port, "/api/v1/districts/" + d.id() + "/imports?dryRun=%C3", Fixtures.ADMIN, manyParts(2)); // bytes that are not UTF-8
        assertThat(badQuery.status()).as("an upload's query string is checked like any other: %s", badQuery).isEqualTo(400);
        assertThat(badQuery.text("code")).isEqualTo("invalid_request");
    }

    @Test
    void partsOfAnotherNameOrWithoutAFilenameAreRefusedNamingThem() {
        var d = fx.aDistrict();
        String path = "/api/v1/districts/" + d.id() + "/imports?dryRun=true";
        byte[] csv = "school,role,givenName,familyName,email\n".getBytes(StandardCharsets.UTF_8);

        var otherName = Uploads.parts(port, path, Fixtures.ADMIN, List.of(new Uploads.Part("file", "roster.csv", csv),
                new Uploads.Part("roster", "more.csv", csv)));
        var noFilename = Uploads.parts(port, path, Fixtures.ADMIN, List.of(new Uploads.Part("file", null, csv)));

        assertThat(otherName.status()).as("%s", otherName).isEqualTo(400);
        assertThat(otherName.text("field")).isEqualTo("file");
        assertThat(otherName.body().toString()).contains("The part \\\"roster\\\" is not read").contains("named file");
        assertThat(noFilename.status()).as("%s", noFilename).isEqualTo(400);
        assertThat(noFilename.body().toString()).contains("has no filename").contains("-F file=@users.csv");
    }

    @Test
    void theDownloadedTemplateUsesTheDistrictsSchoolAndPoolsAndPreviewsAsItIs() {
        var d = fx.aDistrict();
        String product = fx.aProduct();
        fx.aPool(d, product, "STUDENT", 10, java.time.LocalDate.now().minusDays(1), java.time.LocalDate.now().plusDays(100));
        String adminToken = fx.aDistrictAdminTokenOf(d);
        String school = "Aardvark Academy, East"; // first by name, with a comma the template must quote
        fx.http.post("/api/v1/districts/" + d.id() + "/schools", Fixtures.ADMIN, map("name", school));

        var template = fx.http.get("/api/v1/imports/template.csv", adminToken);

        assertThat(template.status()).isEqualTo(200);
        assertThat(template.raw()).contains("\"" + school + "\",teacher,").contains(product).doesNotContain("MATH-PLUS");

        var preview = uploads.upload(d.id(), adminToken, true, Map.of("template.csv", template.raw().getBytes(StandardCharsets.UTF_8)));

        assertThat(preview.status()).as("%s", preview).isEqualTo(200);
        assertThat(preview.text("status")).isEqualTo("PREVIEW");
        assertThat(counts(preview, "users").get("added").asLong()).isEqualTo(6);
        assertThat(preview.body().get("licenses").get("assigned").asLong()).isEqualTo(2);
    }

    @Test
    void aHeaderOnlyTemplatePreviewsWithItsWarning() {
        var d = fx.aDistrict();

        var r = upload(d, true, Map.of("roster.csv", "school,role,givenName,familyName,email,className,teacherEmail,productCodes\n"
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(codes(r)).contains("empty_bulk_file");
    }

    @Test
    void theSizeLimitReadsInUnitsPeopleUse() {
        assertThat(ImportController.tooLargeProblem(1_000_000).getDetail()).startsWith("The upload is larger than 976.6 KB (");
        assertThat(ImportController.tooLargeProblem(1L << 30).getDetail()).startsWith("The upload is larger than 1 GB (");
    }

    @Test
    void theOpenApiDocumentShowsThe422WithItsReportMember() {
        JsonNode doc = fx.http.get("/v3/api-docs", Fixtures.ADMIN).body();

        JsonNode answer = doc.get("paths").get("/api/v1/districts/{districtId}/imports").get("post").get("responses").get("422");
        assertThat(answer.get("content").get("application/problem+json").get("schema").get("$ref").asString())
                .endsWith("/InvalidUpload");
        JsonNode schema = doc.get("components").get("schemas").get("InvalidUpload").get("properties");
        assertThat(schema.get("status").get("type").asString()).isEqualTo("integer");
        assertThat(schema.get("report").get("$ref").asString()).endsWith("/RunJson");
        assertThat(doc.get("paths").get("/api/v1/districts/{districtId}/imports").get("post").get("responses").get("400").toString())
                .contains("too_many_files");
    }
}
