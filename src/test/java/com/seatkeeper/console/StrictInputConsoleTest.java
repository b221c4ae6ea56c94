package com.seatkeeper.console;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console forms of districts, schools, products, pools, purchases and purchase requests refuse control characters
 * inline with the services' own words (never a 500 page) and store nothing.
 */
@ApiTest
class StrictInputConsoleTest {
    static final String NUL = "\u0000";
    static final String PW = "strict-pw-" + UUID.randomUUID();

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    Http http;
    Fixtures fx;
    ConsoleClient vendor;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        String email = "vendor-" + UUID.randomUUID() + "@example.test";
        accounts.ensureVendorAccount(email, PW);
        vendor = ConsoleClient.signedIn(port, email, PW);
    }

    private static void inlineRefusal(ConsoleClient.Response r, String says) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.body()).contains("id=\"refusal\"").contains(says);
    }

    private int count(String sql, Object param) {
        return jdbc.sql(sql).param(param).query(Integer.class).single();
    }

    @Test
    void vendorDistrictAndProductFormsShowTheRefusalInline() {
        String tag = UUID.randomUUID().toString();
        inlineRefusal(vendor.post("/vendor/districts", Map.of("name", "D" + NUL + tag, "rosteringSource", "MANUAL",
                "timezone", "America/Chicago")), "name contains a control character (U+0000)");
        inlineRefusal(vendor.post("/vendor/districts", Map.of("name", "D " + tag, "rosteringSource", "MANUAL", "timezone", "+05:00")),
                "not an IANA time zone name");
        assertThat(count("select count(*) from districts where name like ?", "%" + tag)).isZero();

        String code = "C" + tag.substring(0, 8);
        inlineRefusal(vendor.post("/vendor/products", Map.of("code", code, "name", "Math" + NUL, "seatTypes", "STUDENT")),
                "name contains a control character");
        inlineRefusal(vendor.post("/vendor/products", Map.of("code", code + NUL, "name", "Math", "seatTypes", "STUDENT")),
                "code must be 1 to 40 letters");
        assertThat(count("select count(*) from products where lower(code) = lower(?)", code)).isZero();
        assertThat(vendor.post("/vendor/products", Map.of("code", code, "name", "Math", "seatTypes", "STUDENT")).body())
                .contains("Added product Math");
        inlineRefusal(vendor.post("/vendor/products", Map.of("code", code.toLowerCase(), "name", "Math 2", "seatTypes", "STUDENT")),
                "already exists");
    }

    @Test
    void vendorPoolAndPurchaseFormsShowTheRefusalInline() {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 5);
        inlineRefusal(vendor.post("/vendor/pools/" + pool.id() + "/purchases", Map.of("seats", "2", "reference", "PO" + NUL)),
                "reference contains a control character");
        inlineRefusal(vendor.post("/vendor/pools/" + pool.id() + "/purchases", Map.of("seats", "10000000")), "at most 10,000,000 seats");
        assertThat(fx.pool(pool).number("seats")).isEqualTo(5);
        inlineRefusal(vendor.post("/vendor/districts/" + d.id() + "/pools", Map.of("productCode", fx.aProduct(), "seatType", "STUDENT",
                "seats", "3", "startsOn", "1990-01-01", "endsOn", "2030-01-01")), "startsOn 1990-01-01 is outside");
    }

    @Test
    void purchaseRequestNoteAndVendorDecisionsShowTheRefusalInline() {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 5);
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        var districtAdmin = ConsoleClient.signedIn(port, http.get("/api/v1/users/" + admin, ADMIN).text("email"), PW);

        var badNote = districtAdmin.post("/licenses/" + pool.id() + "/purchase", Map.of("seats", "3", "note", "PO 7" + NUL));
        assertThat(badNote.status()).isEqualTo(200);
        assertThat(badNote.body()).contains("note contains a control character");
        assertThat(count("select count(*) from purchase_requests where pool_id = ?::uuid", pool.id())).isZero();
        var ok = districtAdmin.post("/licenses/" + pool.id() + "/purchase", Map.of("seats", "3", "note", "PO 7\r\nCall Ann"));
        assertThat(ok.body()).contains("was sent");
        String requestId = jdbc.sql("select id::text from purchase_requests where pool_id = ?::uuid").param(pool.id()).query(String.class).single();
        assertThat(jdbc.sql("select note from purchase_requests where id = ?::uuid").param(requestId).query(String.class).single())
                .isEqualTo("PO 7\r\nCall Ann");

        inlineRefusal(vendor.post("/vendor/purchase-requests/" + requestId + "/decline", Map.of("reason", "no" + NUL)),
                "reason contains a control character");
        inlineRefusal(vendor.post("/vendor/purchase-requests/" + requestId + "/fulfil", Map.of("reference", "INV" + NUL)),
                "reference contains a control character");
        assertThat(jdbc.sql("select status from purchase_requests where id = ?::uuid").param(requestId).query(String.class).single())
                .isEqualTo("OPEN");
        assertThat(fx.pool(pool).number("seats")).isEqualTo(5);
    }

    @Test
    void aFulfilledRequestThatWouldPassTheSeatLimitIsRefusedAndStaysOpen() {
        var d = fx.aDistrict();
        var pool = fx.aPool(d, fx.aProduct(), "STUDENT", 9_950_000, java.time.LocalDate.now(), java.time.LocalDate.now().plusDays(30));
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        var districtAdmin = ConsoleClient.signedIn(port, http.get("/api/v1/users/" + admin, ADMIN).text("email"), PW);
        assertThat(districtAdmin.post("/licenses/" + pool.id() + "/purchase", Map.of("seats", "100000")).body()).contains("was sent");
        String requestId = jdbc.sql("select id::text from purchase_requests where pool_id = ?::uuid").param(pool.id()).query(String.class).single();

        inlineRefusal(vendor.post("/vendor/purchase-requests/" + requestId + "/fulfil", Map.of("reference", "INV-1")),
                "at most 10,000,000 seats");
        assertThat(jdbc.sql("select status from purchase_requests where id = ?::uuid").param(requestId).query(String.class).single())
                .isEqualTo("OPEN");
        assertThat(fx.pool(pool).number("seats")).isEqualTo(9_950_000);
    }

    @Test
    void schoolFormsShowTheRefusalInline() {
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        var districtAdmin = ConsoleClient.signedIn(port, http.get("/api/v1/users/" + admin, ADMIN).text("email"), PW);

        var added = districtAdmin.post("/schools", Map.of("name", "S" + NUL));
        assertThat(added.status()).as("the page again with the message at the field, not a 500").isEqualTo(200);
        assertThat(added.body()).contains("Nothing was changed").contains("name contains a control character");
        var renamed = districtAdmin.post("/schools/" + d.schoolId(), Map.of("name", "Renamed\u0007"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body()).contains("name contains a control character (U+0007)");
        assertThat(jdbc.sql("select count(*) from schools where district_id = ?::uuid and (name like 'S%' and length(name) <= 2 or name like 'Renamed%')")
                .param(d.id()).query(Integer.class).single()).isZero();
        assertThat(http.get("/api/v1/districts/" + d.id() + "/schools", ADMIN).body().size()).isEqualTo(1);
    }

    @Test
    void aNulInAnyVendorFormFieldIsNeverAServerError() {
        var d = fx.aDistrict();
        for (var form : List.of(
                Map.of("path", "/vendor/districts", "name", NUL, "rosteringSource", NUL, "timezone", NUL),
                Map.of("path", "/vendor/products", "code", NUL, "name", NUL, "seatTypes", NUL),
                Map.of("path", "/vendor/districts/" + d.id() + "/pools", "productCode", NUL, "seatType", "STUDENT", "seats", "1",
                        "startsOn", "2026-01-01", "endsOn", "2026-12-31"))) {
            var fields = new java.util.HashMap<String, Object>(form);
            String path = (String) fields.remove("path");
            var r = vendor.post(path, fields);
            assertThat(r.status()).as(path + ": %s", r).isLessThan(500);
            assertThat(r.body()).as(path).contains("id=\"refusal\"");
        }
    }

    @Test
    void aNulInTheSignInEmailIsAFailedSignInNotAServerError() {
        var r = ConsoleClient.anonymous(port).signIn("a" + NUL + "@example.test", "whatever");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).contains("/login?error");
    }
}
