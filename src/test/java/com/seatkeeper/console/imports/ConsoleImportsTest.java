package com.seatkeeper.console.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.console.ConsoleAccessTest;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Upload page over real HTTP (multipart, CSRF, the session): a district admin uploads a OneRoster set, sees the
 * preview and applies it; who may not upload is refused with nothing changed (teachers and school admins 403, another
 * district's runs 404, a Clever district an explanation instead of the form); an upload without a CSRF token, with no
 * file or over the size limit is answered on the page, never by a framework error.
 */
@ApiTest
class ConsoleImportsTest {
    static final String PW = "imports-pw-123";
    static final Pattern RUN = Pattern.compile("/console/imports/([0-9a-f-]{36})$");

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    private ConsoleClient signedIn(Fixtures fx, String userId) {
        accounts.ensurePersonAccount(UserId.of(userId), PW);
        return ConsoleClient.signedIn(port, fx.emailOf(userId), PW);
    }

    /** Uploads and answers the run id the page redirected to. */
    static String upload(ConsoleClient c, OneRosterSet set, boolean dryRun) {
        var r = c.postFiles("/console/imports", Map.of("dryRun", String.valueOf(dryRun)), "file", set.files());
        assertThat(r.status()).as(r.toString()).isEqualTo(302);
        Matcher m = RUN.matcher(r.location());
        assertThat(m.find()).as(r.location()).isTrue();
        return m.group(1);
    }

    /** Polls the progress fragment as the page does until the run has ended (htmx is told to reload the page). */
    static void awaitEnd(ConsoleClient c, String runId) {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(until)) {
            var p = c.htmxGet("/console/imports/" + runId + "/progress");
            assertThat(p.status()).as(p.toString()).isEqualTo(200);
            if (p.headers().firstValue("HX-Refresh").isPresent()) {
                return;
            }
            sleep();
        }
        throw new AssertionError("run " + runId + " did not end in 60 s");
    }

    /** Writes a request and reads the head of the answer (up to the blank line), without waiting for the connection to end. */
    private String headOfAnswer(String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            return head.toString();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long runs(String districtId) {
        return jdbc.sql("select count(*) from sync_runs where district_id = ?::uuid").param(districtId).query(Long.class).single();
    }

    @Test
    void aDistrictAdminPreviewsAnUploadThenAppliesIt() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        var page = admin.get("/console/imports");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"upload-form\"").contains("enctype=\"multipart/form-data\"").contains("No uploads yet")
                .contains("href=\"/console/imports/template.csv\"").contains("href=\"/console/imports\"");
        var set = new OneRosterSet();
        DbState before = DbState.ofDistrict(jdbc, d.id());

        String preview = upload(admin, set, true);
        awaitEnd(admin, preview);
        var report = admin.get("/console/imports/" + preview);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains("data-status=\"PREVIEW\"").contains("id=\"apply\"").contains("No problems were found");
        assertThat(report.body()).containsPattern("(?s)id=\"count-people\".*?>3<");
        assertThat(DbState.ofDistrict(jdbc, d.id())).as("a preview changes nothing").isEqualTo(before);

        var applied = admin.post("/console/imports/" + preview + "/apply", Map.of());
        assertThat(applied.status()).as(applied.toString()).isEqualTo(302);
        Matcher m = RUN.matcher(applied.location());
        assertThat(m.find()).isTrue();
        awaitEnd(admin, m.group(1));
        var done = admin.get("/console/imports/" + m.group(1));
        assertThat(done.body()).contains("data-status=\"APPLIED\"").contains("id=\"to-people\"").doesNotContain("id=\"apply\"");
        assertThat(jdbc.sql("select count(*) from users where district_id = ?::uuid and lower(email) in (?, ?, ?)")
                .params(d.id(), set.email("ruth"), set.email("mateo"), set.email("aiyana")).query(Long.class).single()).isEqualTo(3);
        assertThat(admin.get("/console/imports").body()).as("the history links both runs").contains(preview).contains(m.group(1));
    }

    @Test
    void anUploadWithAnErrorListsItWithFileLineAndColumnAndAsCsv() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        DbState before = DbState.ofDistrict(jdbc, d.id());
        String run = upload(admin, new OneRosterSet().withUnknownStudentInEnrollments(), false);
        awaitEnd(admin, run);
        var page = admin.get("/console/imports/" + run);
        assertThat(page.body()).containsPattern("data-status=\"(REJECTED|PREVIEW)\"").doesNotContain("id=\"apply\"")
                .containsPattern("(?s)<td data-label=\"File\">enrollments.csv</td>\\s*<td data-label=\"Line\" class=\"num\">4</td>\\s*"
                        + "<td data-label=\"Column\">userSourcedId</td>")
                .contains("href=\"/console/imports/" + run + "/problems.csv\"");
        var csv = admin.get("/console/imports/" + run + "/problems.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\"File\",\"Line\",\"Column\",\"Severity\",\"Code\",\"Message\"\r\n")
                .contains("\"enrollments.csv\",\"4\",\"userSourcedId\",\"ERROR\",");
        assertThat(DbState.ofDistrict(jdbc, d.id())).as("an upload with an error changes nothing").isEqualTo(before);
    }

    /** Issue 9 §2: the reader's, the staged values' and the engine's problems in one report, on the run's page and in its CSV. */
    @Test
    void aTemplateWithProblemsOfEveryKindListsThemAllAtOnce() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        fx.http.post("/api/v1/districts/" + d.id() + "/schools", Fixtures.ADMIN, Http.map("name", "Lincoln Elementary"));
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        DbState before = DbState.ofDistrict(jdbc, d.id());
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        String csv = "school,role,givenName,familyName,email,className,teacherEmail,productCodes\r\n"
                + "Lincon Elementary,teacher,Ada,Lovelace,ada@" + tag + ".test,Math,,\r\n"
                + "Lincoln Elementary,student," + "A".repeat(500) + ",Turing,alan@" + tag + ".test,Math,ada@" + tag + ".test,NOPE\r\n"
                + "Lincoln Elementary,student,Grace,Hopper,grace@" + tag + ".test,Art,nobody@" + tag + ".test,\r\n";

        var r = admin.postFiles("/console/imports", Map.of("dryRun", "true"), "file",
                Map.of("bad4.csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.status()).as(r.toString()).isEqualTo(302);
        Matcher m = RUN.matcher(r.location());
        assertThat(m.find()).isTrue();
        awaitEnd(admin, m.group(1));

        var page = admin.get("/console/imports/" + m.group(1));
        assertThat(page.body()).contains("data-status=\"REJECTED\"").contains("4 errors, 0 warnings listed.")
                .doesNotContain("id=\"apply\"");
        var problems = admin.get("/console/imports/" + m.group(1) + "/problems.csv").body();
        assertThat(problems).contains("\"bad4.csv\",\"2\",\"school\",\"ERROR\",\"unknown_school\"")
                .contains("\"bad4.csv\",\"3\",\"givenName\",\"ERROR\",\"invalid_value\"")
                .contains("\"bad4.csv\",\"3\",\"productCodes\",\"ERROR\",\"unknown_product\"")
                .contains("\"bad4.csv\",\"4\",\"teacherEmail\",\"ERROR\",\"unknown_teacher\"");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void anUploadThatWouldRemoveTooManyIsHeldThenDiscardedOrConfirmedOnItsPage() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        var set = new OneRosterSet();
        String first = upload(admin, set, false);
        awaitEnd(admin, first);
        assertThat(admin.get("/console/imports/" + first).body()).contains("data-status=\"APPLIED\"");

        // the same export without its two students would deactivate 2 of the district's 4 active people
        String held = upload(admin, set.withoutStudents(), false);
        awaitEnd(admin, held);
        DbState before = DbState.ofDistrict(jdbc, d.id());
        var page = admin.get("/console/imports/" + held);
        assertThat(page.body()).contains("data-status=\"HELD\"").contains("id=\"reason\"").contains("id=\"confirm\"")
                .contains("id=\"discard\"").doesNotContain("id=\"apply\"");
        var discarded = admin.post("/console/imports/" + held + "/discard", Map.of());
        assertThat(discarded.status()).isEqualTo(302);
        assertThat(admin.get(discarded.location().replaceFirst("^https?://[^/]+", "")).body()).contains("data-status=\"DISCARDED\"")
                .doesNotContain("id=\"confirm\"");
        assertThat(DbState.ofDistrict(jdbc, d.id())).as("a discarded upload changes nothing").isEqualTo(before);
        var again = admin.post("/console/imports/" + held + "/confirm", Map.of());
        assertThat(again.status()).isEqualTo(302);
        assertThat(admin.get("/console/imports/" + held).body()).as("the refusal on the run's page, in the service's words")
                .contains("id=\"refusal\"").contains("Nothing was changed.");

        String toConfirm = upload(admin, set, false); // the same removal once more, confirmed this time
        awaitEnd(admin, toConfirm);
        assertThat(admin.get("/console/imports/" + toConfirm).body()).contains("data-status=\"HELD\"");
        var confirmed = admin.post("/console/imports/" + toConfirm + "/confirm", Map.of());
        assertThat(confirmed.status()).isEqualTo(302);
        String after = admin.get(confirmed.location().replaceFirst("^https?://[^/]+", "")).body();
        assertThat(after).contains("data-status=\"APPLIED\"");
        assertThat(jdbc.sql("select count(*) from users where district_id = ?::uuid and status = 'INACTIVE'").param(d.id()).query(Long.class)
                .single()).as("the two students left").isEqualTo(2);
    }

    @Test
    void teachersAndSchoolAdminsMayNotUploadAndNothingChanges() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        for (String who : new String[] {fx.aTeacher(d), fx.aPerson(d, "SCHOOL_ADMIN")}) {
            var c = signedIn(fx, who);
            assertThat(c.get("/console/imports").status()).isEqualTo(403);
            DbState before = DbState.ofDistrict(jdbc, d.id());
            var r = c.postFiles("/console/imports", Map.of("dryRun", "false"), "file", new OneRosterSet().files());
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.body()).contains("Not allowed");
            assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
            assertThat(runs(d.id())).isZero();
        }
        var teacher = signedIn(fx, fx.aTeacher(d));
        assertThat(teacher.get("/").body()).doesNotContain("href=\"/console/imports\"");
    }

    @Test
    void anotherDistrictsRunIsNotFound() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        String run = upload(admin, new OneRosterSet(), true);
        awaitEnd(admin, run);

        var outsider = signedIn(fx, fx.aDistrictAdmin(fx.aDistrict()));
        for (String path : new String[] {"/console/imports/" + run, "/console/imports/" + run + "/problems.csv",
                "/console/imports/not-a-run-id"}) {
            var r = outsider.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.body()).contains("does not exist or is not visible to you");
        }
        assertThat(outsider.htmxGet("/console/imports/" + run + "/progress").status()).isEqualTo(404);
        DbState before = DbState.ofDistrict(jdbc, d.id());
        for (String action : new String[] {"apply", "confirm", "discard"}) {
            assertThat(outsider.post("/console/imports/" + run + "/" + action, Map.of()).status()).as(action).isEqualTo(404);
        }
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        assertThat(outsider.get("/console/imports").body()).doesNotContain(run);
    }

    @Test
    void anUploadWithoutTheCsrfTokenIsRefusedAndStartsNothing() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        var r = admin.postFilesWithoutCsrf("/console/imports", Map.of("dryRun", "true"), "file", new OneRosterSet().files());
        assertThat(r.status()).isEqualTo(403);
        assertThat(runs(d.id())).isZero();
    }

    @Test
    void anUploadWithoutFilesSaysToChooseThem() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        var r = admin.postFiles("/console/imports", Map.of("dryRun", "true"), "file", Map.of("", new byte[0]));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"file-error\"").contains("Choose the files to upload").contains("Nothing was changed.")
                .contains("aria-invalid=\"true\"");
        assertThat(runs(d.id())).isZero();
    }

    @Test
    void anUploadOverTheLimitIsAnsweredOnThePageBeforeItIsRead() throws Exception {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        long declared = 3L * 1024 * 1024 * 1024; // 3 GB declared; only the first bytes are sent
        String answer = headOfAnswer("POST /console/imports HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                + "Content-Length: " + declared + "\r\n\r\n--x\r\n");
        assertThat(answer).as("answered before the body is read").startsWith("HTTP/1.1 303")
                .containsPattern("(?i)location: [^\\r]*/console/imports\\?tooLarge=" + declared + "\r\n");
        var page = admin.get("/console/imports?tooLarge=" + declared);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Nothing was uploaded.").contains("The upload (3 GB) is larger than the 1 GB this page accepts")
                .contains("id=\"upload-form\"").contains("data-max-bytes=\"1073741824\"");
        assertThat(runs(d.id())).isZero();
    }

    @Test
    void aCleverDistrictGetsAnExplanationInsteadOfTheForm() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict("CLEVER");
        var admin = signedIn(fx, ConsoleAccessTest.insertPerson(jdbc, d.id(), d.schoolId(), "Cleo", "Admin", "DISTRICT_ADMIN", "CLEVER"));
        var page = admin.get("/console/imports");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"read-only\"").contains("roster comes from Clever").doesNotContain("id=\"upload-form\"");
        DbState before = DbState.ofDistrict(jdbc, d.id());
        var r = admin.postFiles("/console/imports", Map.of("dryRun", "false"), "file", new OneRosterSet().files());
        assertThat(r.status()).as("refused on the page, in the service's words").isEqualTo(200);
        assertThat(r.body()).contains("id=\"refusal\"").contains("Nothing was changed.");
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void theTemplateCsvIsADownload() {
        var fx = new Fixtures(new Http(port));
        var admin = signedIn(fx, fx.aDistrictAdmin(fx.aDistrict()));
        var r = admin.get("/console/imports/template.csv");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains(".csv");
        assertThat(r.body().lines().count()).as("a header and a filled example").isGreaterThanOrEqualTo(2);
        String header = r.body().lines().findFirst().orElseThrow();
        Matcher column = Pattern.compile("<code>([A-Za-z]+)</code>").matcher(admin.get("/console/imports").body());
        int explained = 0;
        while (column.find()) {
            assertThat(header).as("the page explains the template's own columns").contains(column.group(1));
            explained++;
        }
        assertThat(explained).isEqualTo(8);
    }
}
