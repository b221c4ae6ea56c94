package com.seatkeeper.console.imports;

import static com.seatkeeper.console.imports.ConsoleImportsTest.awaitEnd;
import static com.seatkeeper.console.imports.ConsoleImportsTest.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the Upload page answers what a tester tries: its pages speak of pages and buttons (never an API call), a malformed
 * id in its addresses is Not found, a role's refusal is 403 at once, display values in the address are checked, a form
 * without its token while signed in says the form expired, short pools are named as everywhere, the vendor admin finds
 * the page, and an upload leaves no files behind.
 */
@ApiTest
class UploadPageAnswersTest {
    static final String PW = "imports-pw-123";

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

    private ConsoleClient vendor() {
        String email = "vendor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        accounts.ensureVendorAccount(email, PW);
        return ConsoleClient.signedIn(port, email, PW);
    }

    private static String runOf(ConsoleClient c, Map<String, byte[]> files) {
        var r = c.postFiles("/console/imports", Map.of("dryRun", "true"), "file", files);
        assertThat(r.status()).as(r.toString()).isEqualTo(302);
        Matcher m = ConsoleImportsTest.RUN.matcher(r.location());
        assertThat(m.find()).as(r.location()).isTrue();
        awaitEnd(c, m.group(1));
        return m.group(1);
    }

    @Test
    void noPageOfTheUploadJourneyNamesAnApiCall() {
        var fx = new Fixtures(new Http(port));
        var admin = signedIn(fx, fx.aDistrictAdmin(fx.aDistrict()));
        String unknownFormat = runOf(admin, Map.of("notes.csv", "a,b\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8)));
        Map<String, byte[]> noManifest = new LinkedHashMap<>(new OneRosterSet().files());
        noManifest.remove("manifest.csv");
        String missingManifest = runOf(admin, noManifest);
        String clean = runOf(admin, new OneRosterSet().files());

        List<String> pages = List.of("/console/imports", "/console/imports/" + unknownFormat, "/console/imports/" + unknownFormat
                + "/problems.csv", "/console/imports/" + missingManifest, "/console/imports/" + missingManifest + "/problems.csv",
                "/console/imports/" + clean);
        for (String page : pages) {
            var r = admin.get(page);
            assertThat(r.status()).as(page).isEqualTo(200);
            assertThat(r.body()).as(page).doesNotContain("/api/v1");
        }
        assertThat(admin.get("/console/imports/" + unknownFormat).body()).contains("unknown_format")
                .contains("Download the template CSV from the Upload page");
        assertThat(admin.get("/console/imports/" + missingManifest).body()).contains("missing_manifest").contains("no manifest.csv");
    }

    @Test
    void aMalformedIdInAnAddressOfThePageIsNotFound() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var vendor = vendor();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        for (var c : List.of(vendor, admin)) {
            var page = c.get("/console/imports?district=not-an-id");
            assertThat(page.status()).as(page.toString()).isEqualTo(404);
            assertThat(page.body()).contains("does not exist or is not visible to you").doesNotContain("Check the input");
        }
        DbState before = DbState.ofDistrict(jdbc, d.id());
        var upload = vendor.postFiles("/console/imports?district=not-an-id", Map.of("dryRun", "true"), "file", new OneRosterSet().files());
        assertThat(upload.status()).as(upload.toString()).isEqualTo(404);
        assertThat(upload.body()).contains("does not exist or is not visible to you");
        for (String action : List.of("apply", "confirm", "discard")) {
            assertThat(admin.post("/console/imports/not-a-run/" + action, Map.of()).status()).as(action).isEqualTo(404);
        }
        assertThat(admin.get("/console/imports/not-a-run/problems.csv").status()).isEqualTo(404);
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void aSchoolAdminsApplyIsAnswered403AtOnceAndChangesNothing() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        String preview = upload(admin, new OneRosterSet(), true);
        awaitEnd(admin, preview);
        var schoolAdmin = signedIn(fx, fx.aPerson(d, "SCHOOL_ADMIN"));
        DbState before = DbState.ofDistrict(jdbc, d.id());
        for (String action : List.of("apply", "confirm", "discard")) {
            var r = schoolAdmin.post("/console/imports/" + preview + "/" + action, Map.of());
            assertThat(r.status()).as(action + ": " + r).isEqualTo(403);
            assertThat(r.body()).contains("Not allowed");
        }
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        assertThat(admin.get("/console/imports/" + preview).body()).contains("data-status=\"PREVIEW\"");
    }

    @Test
    void sizesInTheAddressAreShownOnlyWhenTheyAreOverTheLimit() {
        var fx = new Fixtures(new Http(port));
        var admin = signedIn(fx, fx.aDistrictAdmin(fx.aDistrict()));
        for (String value : List.of("-1", "0", "12", "1073741824")) {
            var page = admin.get("/console/imports?tooLarge=" + value);
            assertThat(page.status()).as(value).isEqualTo(200);
            assertThat(page.body()).as(value).doesNotContain("Nothing was uploaded.").doesNotContain("The upload (");
        }
        assertThat(admin.get("/console/imports?offset=-20").status()).isEqualTo(200);
        assertThat(admin.get("/console/imports?tooLarge=2147483648").body()).contains("The upload (2 GB) is larger than the 1 GB");
    }

    @Test
    void aFormWithoutItsTokenWhileSignedInSaysTheFormExpired() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        var upload = admin.postFilesWithoutCsrf("/console/imports", Map.of("dryRun", "true"), "file", new OneRosterSet().files());
        var plain = admin.postWithoutCsrf("/classes/" + UUID.randomUUID() + "/name", Map.of("name", "No token"));
        for (var r : List.of(upload, plain)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.body()).contains("id=\"form-expired\"").contains("reload the page and send it again")
                    .doesNotContain("Your session has ended");
        }
        assertThat(jdbc.sql("select count(*) from sync_runs where district_id = ?::uuid").param(d.id()).query(Long.class).single()).isZero();
        var signedOut = ConsoleClient.anonymous(port).postWithoutCsrf("/classes/" + UUID.randomUUID() + "/name", Map.of("name", "x"));
        assertThat(signedOut.body()).as("signed out: not a form that expired").doesNotContain("form-expired");
    }

    @Test
    void shortPoolsAreNamedAsEverywhereElse() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        String product = fx.aProduct();
        fx.aPool(d, product, "STUDENT", 1, LocalDate.now().minusDays(30), LocalDate.now().plusDays(300));
        String school = jdbc.sql("select name from schools where id = ?::uuid").param(d.schoolId()).query(String.class).single();
        String csv = "school,role,givenName,familyName,email,className,teacherEmail,productCodes\r\n"
                + school + ",student,Ann,One,ann.one@example.test,,," + product + "\r\n"
                + school + ",student,Ben,Two,ben.two@example.test,,," + product + "\r\n"
                + school + ",student,Cy,Three,cy.three@example.test,,," + product + "\r\n";
        String run = runOf(admin, Map.of("roster.csv", csv.getBytes(StandardCharsets.UTF_8)));
        String page = admin.get("/console/imports/" + run).body();
        assertThat(page).contains("id=\"short-pools\"").contains("Product " + product + " · whole district · ")
                .doesNotContainPattern(">" + product + "<");
    }

    @Test
    void theVendorAdminFindsTheUploadPageOfAManualDistrictOnly() {
        var fx = new Fixtures(new Http(port));
        var manual = fx.aDistrict();
        var clever = fx.aDistrict("CLEVER");
        var vendor = vendor();
        assertThat(vendor.get("/vendor/districts/" + manual.id()).body()).contains("id=\"upload-roster\"")
                .contains("href=\"/console/imports?district=" + manual.id() + "\"");
        assertThat(vendor.get("/vendor/districts/" + clever.id()).body()).doesNotContain("id=\"upload-roster\"");
        var page = vendor.get("/console/imports?district=" + manual.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"upload-form\"");
    }

    @Test
    void anUploadLeavesNoFilesOrFoldersOfTheConsoleBehind() throws IOException {
        var fx = new Fixtures(new Http(port));
        var admin = signedIn(fx, fx.aDistrictAdmin(fx.aDistrict()));
        List<Path> before = leftovers();
        runOf(admin, new OneRosterSet().files());
        var refused = admin.postFiles("/console/imports", Map.of("dryRun", "true"), "file", Map.of("", new byte[0]));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(leftovers()).as("nothing of the console's left in the temp directory").containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void tooManyFilesAtOnceSaysSoOnThePageWithTheLimitAndWhatToDo() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var admin = signedIn(fx, fx.aDistrictAdmin(d));
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            files.put("file" + i + ".csv", "a,b\r\n".getBytes(StandardCharsets.UTF_8));
        }
        var r = admin.postFiles("/console/imports", Map.of("dryRun", "true"), "file", files);
        assertThat(r.status()).as(r.toString()).isEqualTo(303);
        assertThat(r.location()).endsWith("/console/imports?refused=too-many-files");
        var page = admin.get("/console/imports?refused=too-many-files");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Nothing was uploaded.").contains("more files than the 48 this page takes at once")
                .contains("Put the files in one zip").contains("data-max-files=\"48\"").doesNotContain("1 MB");
        assertThat(admin.get("/console/imports?refused=something-else").body()).doesNotContain("Nothing was uploaded.");
        assertThat(jdbc.sql("select count(*) from sync_runs where district_id = ?::uuid").param(d.id()).query(Long.class).single()).isZero();
    }

    private static List<Path> leftovers() throws IOException {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.filter(p -> p.getFileName().toString().startsWith("seatkeeper-upload-")).toList();
        }
    }
}
