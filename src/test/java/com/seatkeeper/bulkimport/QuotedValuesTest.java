package com.seatkeeper.bulkimport;

import static com.seatkeeper.bulkimport.ImportApiTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A message that quotes input quotes at most its first 60 characters and its length (the tester's finding: a
 * 506-character email echoed in full, twice), over HTTP: the upload's readers, the engine's staged-value and SQL checks,
 * API refusals and the console's message for a parameter of the wrong type.
 */
@ApiTest
class QuotedValuesTest {
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    Fixtures fx;
    Uploads uploads;
    String tag;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(new Http(port));
        uploads = new Uploads(port);
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    static List<String> messages(Http.Response r) {
        List<String> all = new ArrayList<>();
        report(r).get("problems").forEach(p -> all.add(p.get("message").asString()));
        return all;
    }

    @Test
    void aTemplateEchoesAnOversizedEmailShortenedInEveryProblem() {
        var d = fx.aDistrict();
        fx.http.post("/api/v1/districts/" + d.id() + "/schools", Fixtures.ADMIN, Http.map("name", "Lincoln Elementary"));
        String email = "z".repeat(506);
        String csv = UnreadFileTest.HEADER + "Lincoln Elementary,student,Alan,Turing," + email + ",,,\n"
                + "Lincoln Elementary,student,Grace,Hopper," + email + ",,,\n"; // the same key with another name

        var r = uploads.upload(d.id(), Fixtures.ADMIN, true, Map.of("roster.csv", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(messages(r)).as("invalid_email on both lines, conflicting_rows on the second").hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(m -> assertThat(m).doesNotContain("z".repeat(61)))
                .filteredOn(m -> m.contains("z".repeat(60) + "…(506 characters)")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void theEnginesChecksInSqlShortenTheIdsTheyQuote() {
        var d = fx.aDistrict();
        Map<String, String> set = new LinkedHashMap<>();
        ImportApiTest.validSet().forEach((k, v) -> set.put(k, new String(v, StandardCharsets.UTF_8)));
        String klass = "k".repeat(300);
        set.put("enrollments.csv", set.get("enrollments.csv") + "e9,active,2024-01-01," + klass + ",s1,u2,student,,,\n");

        var r = uploads.upload(d.id(), Fixtures.ADMIN, true, Uploads.utf8(set));

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(messages(r)).singleElement().asString()
                .startsWith("The class " + "k".repeat(60) + "…(300 characters) is not a class of this upload");
    }

    @Test
    void apiRefusalsShortenTheValuesTheyQuote() {
        var d = fx.aDistrict();
        String name = "q".repeat(300);

        var unknownParameter = fx.http.get("/api/v1/districts/" + d.id() + "/users?" + name + "=1", Fixtures.ADMIN);
        var unknownProduct = fx.http.post("/api/v1/districts/" + d.id() + "/license-pools", Fixtures.ADMIN, Http.map("productCode",
                "P" + "p".repeat(150), "seatType", "STUDENT", "seats", 5, "startsOn", "2026-01-01", "endsOn", "2026-12-31"));

        assertThat(unknownParameter.status()).as("%s", unknownParameter).isEqualTo(400);
        assertThat(unknownParameter.raw()).contains("q".repeat(60) + "…(300 characters)").doesNotContain("q".repeat(61));
        assertThat(unknownProduct.status()).as("%s", unknownProduct).isBetween(400, 422);
        assertThat(unknownProduct.raw()).doesNotContain("p".repeat(61));
    }

    @Test
    void theConsoleShortensAParameterOfTheWrongType() {
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), "quoted-pw-123");
        var console = ConsoleClient.signedIn(port, fx.emailOf(admin), "quoted-pw-123");

        var page = console.get("/console/imports?offset=" + "9".repeat(200));

        assertThat(page.body()).contains("9".repeat(60) + "…(200 characters)").doesNotContain("9".repeat(61));
    }
}
