package com.seatkeeper.shared;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Strict input through the API of districts, catalog, purchases and tokens: control characters, text normalization,
 * product codes, the seat limit, time zones and term dates, each refused with the field named and nothing stored.
 */
@ApiTest
class StrictInputApiTest {
    static final String NUL = "\u0000";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Http http;
    Fixtures fx;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
    }

    private static void refused(Http.Response r, int status, String code, String field) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("code")).isEqualTo(code);
        if (field != null) {
            assertThat(r.text("field")).as("%s", r).isEqualTo(field);
        }
    }

    private int count(String sql, Object param) {
        return jdbc.sql(sql).param(param).query(Integer.class).single();
    }

    // ------------------------------------------------------------------ control characters, trimming, NFC

    @Test
    void districtNamesRefuseControlCharactersAndAreStoredTrimmedAndNormalized() {
        String refusedTag = UUID.randomUUID().toString();
        for (String name : List.of("Distr" + NUL + "ict " + refusedTag, "C1\u0085 " + refusedTag, "Line\nbreak " + refusedTag)) {
            refused(http.post("/api/v1/districts", ADMIN, map("name", name, "rosteringSource", "MANUAL", "timezone", "UTC")),
                    400, "invalid_request", "name");
        }
        assertThat(count("select count(*) from districts where name like ?", "%" + refusedTag)).isZero();

        String tag = UUID.randomUUID().toString();
        var created = http.post("/api/v1/districts", ADMIN, map("name", "  Cafe\u0301 " + tag + "  ", "rosteringSource", "MANUAL",
                "timezone", "America/New_York"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.text("name")).isEqualTo("Caf\u00e9 " + tag);
    }

    @Test
    void schoolNamesRefuseANulInsteadOfStoringItCut() {
        var d = fx.aDistrict();
        var r = http.post("/api/v1/districts/" + d.id() + "/schools", ADMIN, map("name", "S" + NUL));
        refused(r, 400, "invalid_request", "name");
        assertThat(r.text("detail")).contains("U+0000");
        assertThat(count("select count(*) from schools where district_id = ?::uuid", d.id())).as("only the fixture's school").isEqualTo(1);
        refused(http.post("/api/v1/districts/" + d.id() + "/schools", ADMIN, map("name", "   ")), 400, "invalid_request", "name");
        refused(http.post("/api/v1/districts/" + d.id() + "/schools", ADMIN, map("name", "x".repeat(Text.TITLE + 1))),
                400, "invalid_request", "name");
    }

    @Test
    void productNamesAndPurchaseReferencesAndTokenNamesRefuseControlCharacters() {
        refused(http.post("/api/v1/products", ADMIN, map("code", "N" + UUID.randomUUID().toString().substring(0, 8), "name", "Math" + NUL,
                "seatTypes", List.of("STUDENT"))), 400, "invalid_request", "name");

        var pool = fx.aStudentPool(fx.aDistrict(), 3);
        refused(http.post("/api/v1/license-pools/" + pool.id() + "/purchases", ADMIN, map("seats", 2, "reference", "PO" + NUL)),
                400, "invalid_request", "reference");
        refused(http.post("/api/v1/license-pools/" + pool.id() + "/purchases", ADMIN, map("seats", 2, "reference", "PO\u009b1")),
                400, "invalid_request", "reference");
        assertThat(fx.pool(pool).number("seats")).isEqualTo(3);

        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        refused(http.post("/api/v1/api-tokens", ADMIN, map("userId", teacher, "name", "app" + NUL)), 400, "invalid_request", "name");
        refused(http.post("/api/v1/api-tokens", ADMIN, map("userId", teacher, "name", " ")), 400, "invalid_request", "name");
        assertThat(http.get("/api/v1/users/" + teacher + "/api-tokens", ADMIN).body().size()).isZero();
    }

    // ------------------------------------------------------------------ emails and names

    @Test
    void emailsOutsideTheSmtpMailboxSubsetAreRefusedNamingTheFieldAndNothingIsStored() {
        var d = fx.aDistrict();
        String path = "/api/v1/districts/" + d.id() + "/users";
        DbState before = DbState.ofDistrict(jdbc, d.id());
        for (String email : List.of("a@b,c.test", "<a@c.test>", "\"a\"@c.test", "\u00fc@b\u00fccher.test", "a..b@c.test")) {
            var r = http.post(path, ADMIN, map("givenName", "Ava", "familyName", "Ng", "email", email, "role", "STUDENT",
                    "schoolIds", List.of(d.schoolId())));
            refused(r, 400, "invalid_request", "email");
            assertThat(r.text("detail")).as(email).contains("is not an email address like name@school.org: ");
        }
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        var ok = http.post(path, ADMIN, map("givenName", "Ava", "familyName", "Ng", "email", "ava.ng+7@b\u00fccher.test", "role", "STUDENT",
                "schoolIds", List.of(d.schoolId())));
        assertThat(ok.status()).as("%s", ok).isEqualTo(201);
    }

    @Test
    void namesOfEveryKindRefuseFormatCharactersAndNamesWithoutALetterOrDigit() {
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        DbState before = DbState.of(jdbc);
        for (String bad : List.of("\u200b", "\u200b\u200b", "\u00a0", "\u00a0\u00a0", "Ana\u200f", "\u2014", "\u3000")) {
            refused(http.post("/api/v1/districts/" + d.id() + "/users", ADMIN, map("givenName", bad, "familyName", "Ng", "role", "STUDENT",
                    "schoolIds", List.of(d.schoolId()))), 400, "invalid_request", "givenName");
            refused(http.post("/api/v1/districts/" + d.id() + "/schools", ADMIN, map("name", bad)), 400, "invalid_request", "name");
            refused(http.post("/api/v1/districts/" + d.id() + "/classes", ADMIN, map("name", bad, "schoolId", d.schoolId())),
                    400, "invalid_request", "name");
            refused(http.post("/api/v1/districts", ADMIN, map("name", bad, "rosteringSource", "MANUAL", "timezone", "UTC")),
                    400, "invalid_request", "name");
            refused(http.post("/api/v1/products", ADMIN, map("code", "F" + UUID.randomUUID().toString().substring(0, 8), "name", bad,
                    "seatTypes", List.of("STUDENT"))), 400, "invalid_request", "name");
            refused(http.post("/api/v1/api-tokens", ADMIN, map("userId", teacher, "name", bad)), 400, "invalid_request", "name");
        }
        assertThat(DbState.of(jdbc)).isEqualTo(before);
        assertThat(http.get("/api/v1/users/" + teacher + "/api-tokens", ADMIN).body().size()).isZero();

        var kept = http.post("/api/v1/districts/" + d.id() + "/users", ADMIN, map("givenName", "\u00a0Mar\u00eda\u00a0\u00a0Jos\u00e9 ",
                "familyName", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647", "role", "STUDENT", "schoolIds", List.of(d.schoolId())));
        assertThat(kept.status()).as("%s", kept).isEqualTo(201);
        assertThat(kept.text("givenName")).isEqualTo("Mar\u00eda Jos\u00e9");
        assertThat(kept.text("familyName")).as("the zero-width non-joiner stays").contains("\u200c");
    }

    // ------------------------------------------------------------------ product codes

    @Test
    void productCodesAreUniqueIgnoringCaseAndFollowAPattern() {
        String code = "Mx" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post("/api/v1/products", ADMIN, map("code", code.toUpperCase(), "name", "One", "seatTypes", List.of("STUDENT")))
                .status()).isEqualTo(201);
        var dup = http.post("/api/v1/products", ADMIN, map("code", code.toLowerCase(), "name", "Two", "seatTypes", List.of("STUDENT")));
        refused(dup, 409, "duplicate_product", null);
        assertThat(dup.text("productCode")).isEqualTo(code.toUpperCase());
        for (String bad : List.of("", "-lead", "has space", "dot.ted", "x".repeat(41), "nul" + NUL, "ü")) {
            refused(http.post("/api/v1/products", ADMIN, map("code", bad, "name", "Bad", "seatTypes", List.of("STUDENT"))),
                    400, "invalid_request", "code");
        }
        assertThat(count("select count(*) from products where lower(code) = lower(?)", code)).isEqualTo(1);
    }

    @Test
    void theDatabaseRefusesCaseVariantsOfACodeByItselfAndTheConstraintHasItsProblem() {
        String code = "Db" + UUID.randomUUID().toString().substring(0, 8);
        fx.http.post("/api/v1/products", ADMIN, map("code", code, "name", "Db", "seatTypes", List.of("STUDENT")));
        try {
            jdbc.sql("insert into products (id, code, name, educator_seats, student_seats, created_at) values (?, ?, 'x', true, false, now())")
                    .params(UUID.randomUUID(), code.toUpperCase()).update();
            throw new AssertionError("the unique index on lower(code) let a case variant in");
        } catch (DataIntegrityViolationException e) {
            assertThat(ConstraintRefusal.of(e)).get().extracting(ConstraintRefusal::code).isEqualTo("duplicate_product");
        }
    }

    @Test
    void eachMappedConstraintExistsInTheSchema() {
        for (String name : ConstraintRefusal.BY_CONSTRAINT.keySet()) {
            int found = jdbc.sql("select count(*) from pg_constraint where conname = ?").param(name).query(Integer.class).single()
                    + jdbc.sql("select count(*) from pg_indexes where indexname = ?").param(name).query(Integer.class).single();
            assertThat(found).as(name).isPositive();
        }
    }

    // ------------------------------------------------------------------ seat limit

    @Test
    void aPoolCannotPassTheSeatLimitByOpeningOrByPurchases() {
        var d = fx.aDistrict();
        String product = fx.aProduct();
        var open = http.post("/api/v1/districts/" + d.id() + "/license-pools", ADMIN, map("productCode", product, "seatType", "STUDENT",
                "seats", 10_000_001, "startsOn", LocalDate.now().toString(), "endsOn", LocalDate.now().plusDays(10).toString()));
        refused(open, 422, "seat_limit_exceeded", null);
        assertThat(open.text("detail")).contains("10,000,000");

        var pool = fx.aPool(d, product, "STUDENT", 9_999_999, LocalDate.now(), LocalDate.now().plusDays(10));
        var over = fx.purchase(pool, 2);
        refused(over, 422, "seat_limit_exceeded", null);
        assertThat(over.text("detail")).contains("at most 10,000,000").contains("Add at most 1");
        refused(fx.purchase(pool, Integer.MAX_VALUE), 422, "seat_limit_exceeded", null);
        assertThat(fx.purchase(pool, 1).status()).isEqualTo(201);
        assertThat(fx.pool(pool).number("seats")).isEqualTo(10_000_000);
        assertThat(count("select count(*) from seat_ledger where pool_id = ?::uuid and action = 'PURCHASED'", pool.id())).isEqualTo(1);
    }

    // ------------------------------------------------------------------ time zones and dates

    @Test
    void timezonesMustBeIanaRegionNames() {
        for (String tz : List.of("+05:00", "UTC+5", "EST", "GMT", "Etc/GMT+5", "america/new_york", "Mars/Olympus", "", "PST8PDT")) {
            var r = http.post("/api/v1/districts", ADMIN, map("name", "Tz " + UUID.randomUUID(), "rosteringSource", "MANUAL", "timezone", tz));
            refused(r, 400, "invalid_request", "timezone");
        }
        for (String tz : List.of("America/New_York", "Europe/Berlin", "UTC", "America/Argentina/Buenos_Aires")) {
            var r = http.post("/api/v1/districts", ADMIN, map("name", "Tz " + UUID.randomUUID(), "rosteringSource", "MANUAL", "timezone", tz));
            assertThat(r.status()).as(tz + ": %s", r).isEqualTo(201);
        }
    }

    @Test
    void termDatesMustBeWithinASensibleRange() {
        var d = fx.aDistrict();
        String product = fx.aProduct();
        String path = "/api/v1/districts/" + d.id() + "/license-pools";
        refused(http.post(path, ADMIN, "{\"productCode\":\"" + product + "\",\"seatType\":\"STUDENT\",\"seats\":1,"
                + "\"startsOn\":\"2026-01-01\",\"endsOn\":\"+99999-01-01\"}"), 400, "invalid_request", "endsOn");
        refused(http.post(path, ADMIN, map("productCode", product, "seatType", "STUDENT", "seats", 1, "startsOn", "1999-12-31",
                "endsOn", "2026-01-01")), 400, "invalid_request", "startsOn");
        refused(http.post(path, ADMIN, map("productCode", product, "seatType", "STUDENT", "seats", 1, "startsOn", "2026-01-01",
                "endsOn", "2101-01-01")), 400, "invalid_request", "endsOn");
        refused(http.post(path, ADMIN, map("productCode", product, "seatType", "STUDENT", "seats", 1, "startsOn", "2026-02-01",
                "endsOn", "2026-01-01")), 400, "invalid_request", "endsOn");
        assertThat(count("select count(*) from license_pools where district_id = ?::uuid", d.id())).isZero();
    }

    // ------------------------------------------------------------------ bulk wording

    @Test
    void anAllOrNothingBulkSaysExactlyWhatIsShort() {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 3);
        var r = fx.bulkAssign(pool, "ALL_OR_NOTHING", fx.students(d, 4));
        refused(r, 409, "no_licenses_available", null);
        assertThat(r.text("detail")).contains("4 ").contains("needed, 3 available").doesNotContain("in use (").doesNotContain("All 3");
        assertThat(r.number("available")).isEqualTo(3);
        assertThat(r.number("needed")).isEqualTo(4);
    }
}
