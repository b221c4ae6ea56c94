package com.seatkeeper.console.licenses;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.shared.UserId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * HTTP-level access to the license, educator and vendor pages: every role against every page and
 * action (table below), other districts' pools are 404, form posts without a CSRF token are 403,
 * and names that look like markup or spreadsheet formulas are shown as text.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LicensesAccessTest {
    static final int OK = 200;
    static final int LOGIN = 302;
    static final Set<String> NO_CONSOLE = Set.of("staff", "student");
    static final int FORBIDDEN = 403;
    static final int NOT_FOUND = 404;
    static final String XSS = "<script>alert(1)</script>";
    static final String XSS_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    Scenario s;
    Map<String, ConsoleClient> clients = new LinkedHashMap<>();
    String xssPerson;
    String formulaPerson;
    Fixtures.Pool secondPool;
    String fulfilledRequest;
    String otherDistrictPool;

    @BeforeAll
    void setUp() {
        s = new Scenario(port, accounts);
        Fixtures fx = s.fx;
        Http http = s.http;
        // people named like markup and like spreadsheet formulas, holding a license of a second pool
        xssPerson = http.post("/api/v1/districts/" + s.district.id() + "/users", Fixtures.ADMIN, map("givenName", XSS, "familyName",
                "Tester", "email", "xss-" + UUID.randomUUID() + "@example.test", "role", "TEACHER", "schoolIds", List.of(s.district.schoolId()))).text("id");
        formulaPerson = http.post("/api/v1/districts/" + s.district.id() + "/users", Fixtures.ADMIN, map("givenName",
                "=HYPERLINK(\"http://evil.example\",\"x\")", "familyName", "Smith", "email", "formula-" + UUID.randomUUID() + "@example.test",
                "role", "TEACHER", "schoolIds", List.of(s.district.schoolId()))).text("id");
        secondPool = fx.anEducatorPool(s.district, 5);
        assertThat(fx.assign(secondPool, xssPerson).status()).isEqualTo(201);
        assertThat(fx.assign(secondPool, formulaPerson).status()).isEqualTo(201);

        String vendorEmail = "vendor-" + UUID.randomUUID() + "@example.test";
        accounts.ensureVendorAccount(vendorEmail, Scenario.PASSWORD);
        clients.put("anonymous", ConsoleClient.anonymous(port));
        clients.put("vendor", ConsoleClient.signedIn(port, vendorEmail, Scenario.PASSWORD));
        clients.put("district admin", ConsoleClient.signedIn(port, s.adminEmail, Scenario.PASSWORD));
        for (String role : List.of("SCHOOL_ADMIN", "TEACHER")) {
            clients.put(role.toLowerCase().replace('_', ' '), ConsoleClient.signedIn(port, personEmail(role), Scenario.PASSWORD));
        }
        // staff and students have no console: their sign-in is refused, so they are anonymous on every page
        for (String role : List.of("STAFF", "STUDENT")) {
            ConsoleClient refused = ConsoleClient.anonymous(port);
            assertThat(refused.signIn(personEmail(role), Scenario.PASSWORD).location()).endsWith("/login?noConsole");
            clients.put(role.toLowerCase(), refused);
        }
        // a district admin of another district, with a pool of its own
        Fixtures.District other = fx.aDistrict();
        String otherAdmin = fx.aDistrictAdmin(other);
        accounts.ensurePersonAccount(UserId.of(otherAdmin), Scenario.PASSWORD);
        clients.put("other district admin", ConsoleClient.signedIn(port, s.emailOf(otherAdmin), Scenario.PASSWORD));
        otherDistrictPool = fx.anEducatorPool(other, 3).id();

        // a request (with a note that looks like markup) asked and fulfilled, for the "fulfil again" row
        assertThat(clients.get("district admin").post("/licenses/" + secondPool.id() + "/purchase", map("seats", "3", "note", XSS)).body())
                .contains("was sent");
        fulfilledRequest = jdbc.sql("select id from purchase_requests where pool_id = ?").param(UUID.fromString(secondPool.id()))
                .query(UUID.class).single().toString();
        assertThat(clients.get("vendor").post("/vendor/purchase-requests/" + fulfilledRequest + "/fulfil", map("reference", "R1")).body())
                .contains("Fulfilled: 3");
    }

    private String personEmail(String role) {
        return s.personWithPassword(role, accounts);
    }

    /** Expected status per client, in the order of {@link #clients}. */
    record Row(String method, String path, Map<String, Object> form, int[] expected) {}

    private static Row get(String path, int... expected) {
        return new Row("GET", path, Map.of(), expected);
    }

    private static Row post(String path, Map<String, Object> form, int... expected) {
        return new Row("POST", path, form, expected);
    }

    List<Row> table() {
        String pool = s.educatorPool.id();
        String notHolder = s.newcomer;
        List<Row> rows = new ArrayList<>();
        //                                                               anon   vendor     d.admin    s.admin    teacher    staff      student    other d.admin
        rows.add(get("/licenses",                                         LOGIN, FORBIDDEN, OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, OK));
        rows.add(get("/educators",                                        LOGIN, FORBIDDEN, OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, OK));
        rows.add(get("/educators?product=" + s.productCode + "&has=lacks&role=TEACHER&q=a",
                                                                          LOGIN, FORBIDDEN, OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, OK));
        rows.add(get("/licenses/" + pool + "/holders",                    LOGIN, OK,        OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND));
        rows.add(get("/licenses/" + pool + "/holders.csv",                LOGIN, OK,        OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND));
        rows.add(get("/licenses/" + pool + "/ledger",                     LOGIN, OK,        OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND));
        rows.add(get("/licenses/" + pool + "/ledger?action=REFUSED&user=" + notHolder,
                                                                          LOGIN, OK,        OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND));
        rows.add(get("/licenses/" + pool + "/candidates?q=a",             LOGIN, OK,        OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND));
        rows.add(get("/licenses/" + pool + "/candidates?picker=TO&toQ=a",  LOGIN, OK,        OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND));
        rows.add(get("/licenses/" + pool + "/holder-choices?fromQ=a",     LOGIN, OK,        OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND));
        rows.add(get("/licenses/" + pool + "/ledger-people?userQ=a",      LOGIN, OK,        OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND));
        rows.add(get("/licenses/" + pool + "/holders?after=forged",       LOGIN, OK,        OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND));
        rows.add(get("/educators/holder-choices?fromQ=a",                 LOGIN, FORBIDDEN, OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, OK));
        rows.add(get("/licenses/" + pool + "/purchase",                   LOGIN, FORBIDDEN, OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND));
        rows.add(get("/licenses/" + UUID.randomUUID() + "/holders",       LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND));
        rows.add(get("/licenses/not-an-id/ledger",                        LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND));
        rows.add(get("/licenses/" + otherDistrictPool + "/holders",       LOGIN, OK,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK));
        rows.add(get("/vendor",                                           LOGIN, OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        rows.add(get("/vendor/districts/" + s.district.id(),              LOGIN, OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        rows.add(get("/vendor/districts/" + UUID.randomUUID(),            LOGIN, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        rows.add(get("/vendor/purchase-requests",                         LOGIN, OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        rows.add(get("/vendor/pools/" + pool + "/renewal",                 LOGIN, OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        rows.add(get("/vendor/pools/" + UUID.randomUUID() + "/renewal",   LOGIN, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        // actions, each chosen so that an allowed caller gets an inline answer that changes nothing
        rows.add(post("/licenses/" + pool + "/holders/assign", map("userId", s.holder1),            // already holds: nothing changes
                                                                          LOGIN, OK,        OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND));
        rows.add(post("/licenses/" + pool + "/holders/unassign", map("userId", notHolder),          // refused: not a holder
                                                                          LOGIN, OK,        OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND));
        rows.add(post("/licenses/" + pool + "/holders/reassign", map("fromUserId", notHolder, "toUserId", s.holder1),
                                                                          LOGIN, OK,        OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND));
        rows.add(post("/educators/actions", map("action", "unassign", "poolId", pool, "userIds", List.of(notHolder)),
                                                                          LOGIN, FORBIDDEN, OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND));
        rows.add(post("/licenses/" + pool + "/purchase", map("seats", "none"),
                                                                          LOGIN, FORBIDDEN, OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND));
        rows.add(post("/vendor/districts", map("name", "", "rosteringSource", "MANUAL", "timezone", "UTC"),
                                                                          LOGIN, OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        rows.add(post("/vendor/products", map("code", "", "name", ""),    LOGIN, OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        rows.add(post("/vendor/districts/" + s.district.id() + "/pools", map("productCode", ""),
                                                                          LOGIN, OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        rows.add(post("/vendor/pools/" + pool + "/renewal", map("seats", "0", "action", "renew"),   // refused inline: no seats
                                                                          LOGIN, OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        rows.add(post("/vendor/pools/" + pool + "/purchases", map("seats", "0"),
                                                                          LOGIN, OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        rows.add(post("/vendor/purchase-requests/" + fulfilledRequest + "/fulfil", map("reference", "again"),   // already fulfilled
                                                                          LOGIN, OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        rows.add(post("/vendor/purchase-requests/" + fulfilledRequest + "/decline", map("reason", "late"),     // already fulfilled
                                                                          LOGIN, OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
        return rows;
    }

    @Test
    void everyRoleGetsTheExpectedStatusOnEveryPageAndActionAndNothingChanges() {
        DbState before = DbState.of(jdbc);
        List<String> names = new ArrayList<>(clients.keySet());
        List<String> mismatches = new ArrayList<>();
        for (Row row : table()) {
            assertThat(row.expected()).as("expectations for " + row.path()).hasSize(names.size());
            for (int i = 0; i < names.size(); i++) {
                ConsoleClient c = clients.get(names.get(i));
                ConsoleClient.Response r = "GET".equals(row.method()) ? c.get(row.path()) : c.post(row.path(), row.form());
                // staff and students cannot sign in (ConsoleRoles): their columns keep what their role would get
                int expected = NO_CONSOLE.contains(names.get(i)) ? LOGIN : row.expected()[i];
                boolean ok = expected == LOGIN ? r.redirectsToLogin() : r.status() == expected;
                if (!ok) {
                    mismatches.add(row.method() + " " + row.path() + " as " + names.get(i) + ": expected " + expected + ", got " + r);
                }
                if (expected == OK && "POST".equals(row.method())) {
                    assertThat(r.body()).as("an allowed action answers inline, on the page").contains("class=\"alert");
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(DbState.of(jdbc)).as("refused, inline-answered and forbidden actions change nothing").isEqualTo(before);
    }

    @Test
    void aSchoolAdminOfAnotherSchoolCannotChangeThisSchoolsSeatsAndGetsAnInlineAnswer() {
        String otherSchool = s.fx.aSchool(s.district);
        String id = s.http.post("/api/v1/districts/" + s.district.id() + "/users", Fixtures.ADMIN, map("givenName", "Other", "familyName",
                "Principal", "email", "principal-" + UUID.randomUUID() + "@example.test", "role", "SCHOOL_ADMIN", "schoolIds",
                List.of(otherSchool))).text("id");
        accounts.ensurePersonAccount(UserId.of(id), Scenario.PASSWORD);
        ConsoleClient principal = ConsoleClient.signedIn(port, s.emailOf(id), Scenario.PASSWORD);
        DbState before = DbState.of(jdbc);
        String pool = s.educatorPool.id();
        ConsoleClient.Response r = principal.htmxPost("/licenses/" + pool + "/holders/unassign", map("userId", s.holder1));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("is unknown here (no such person, or not one you may manage)");
        r = principal.htmxPost("/educators/actions", map("action", "unassign", "poolId", pool, "userIds", List.of(s.holder1)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("is unknown here (no such person, or not one you may manage)");
        // their educator list shows only their school's people
        assertThat(principal.get("/educators").body()).contains("Principal").doesNotContain(s.emailOf(s.holder1));
        assertThat(DbState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void formPostsWithoutACsrfTokenAreRefusedAndChangeNothing() {
        ConsoleClient admin = clients.get("district admin");
        ConsoleClient vendor = clients.get("vendor");
        DbState before = DbState.of(jdbc);
        String pool = s.educatorPool.id();
        assertThat(admin.postWithoutCsrf("/licenses/" + pool + "/holders/unassign", map("userId", s.holder1)).status()).isEqualTo(403);
        assertThat(admin.postWithoutCsrf("/licenses/" + pool + "/holders/assign", map("userId", s.newcomer)).status()).isEqualTo(403);
        assertThat(admin.postWithoutCsrf("/licenses/" + pool + "/holders/reassign", map("fromUserId", s.holder1, "toUserId", s.newcomer)).status())
                .isEqualTo(403);
        assertThat(admin.postWithoutCsrf("/educators/actions", map("action", "unassign", "poolId", pool, "userIds", List.of(s.holder1))).status())
                .isEqualTo(403);
        assertThat(admin.postWithoutCsrf("/licenses/" + pool + "/purchase", map("seats", "5")).status()).isEqualTo(403);
        assertThat(vendor.postWithoutCsrf("/vendor/districts", map("name", "Sneaky", "rosteringSource", "MANUAL", "timezone", "UTC")).status())
                .isEqualTo(403);
        assertThat(vendor.postWithoutCsrf("/vendor/products", map("code", "SNEAK", "name", "Sneak", "seatTypes", List.of("STUDENT"))).status())
                .isEqualTo(403);
        assertThat(vendor.postWithoutCsrf("/vendor/pools/" + pool + "/purchases", map("seats", "50")).status()).isEqualTo(403);
        assertThat(DbState.of(jdbc)).isEqualTo(before);
        // the same unassign with the token (as htmx sends it, in a header) goes through
        ConsoleClient.Response r = admin.htmxPost("/licenses/" + pool + "/holders/unassign", map("userId", s.holder1));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"holders-panel\"").doesNotContain("<html").contains("Available <strong id=\"available\">1</strong>");
        assertThat(admin.htmxPost("/licenses/" + pool + "/holders/assign", map("userId", s.holder1)).body())
                .contains("Available <strong id=\"available\">0</strong>");
    }

    @Test
    void namesThatLookLikeMarkupAreShownEscapedOnEveryPage() {
        ConsoleClient admin = clients.get("district admin");
        ConsoleClient vendor = clients.get("vendor");
        String pool = secondPool.id();
        List<String> adminPages = List.of("/educators", "/educators?q=script", "/licenses/" + pool + "/holders",
                "/licenses/" + pool + "/ledger", "/licenses/" + pool + "/ledger?user=" + xssPerson, "/licenses/" + pool + "/purchase",
                "/licenses/" + s.educatorPool.id() + "/holders");
        for (String page : adminPages) {
            ConsoleClient.Response r = admin.get(page);
            assertThat(r.status()).as(page).isEqualTo(200);
            assertThat(r.body()).as(page).doesNotContain(XSS).contains(XSS_ESCAPED);
        }
        // the vendor sees the note of the request and a district and product named like markup
        assertThat(vendor.post("/vendor/districts", map("name", XSS, "rosteringSource", "CLEVER", "timezone", "America/Denver")).body())
                .doesNotContain(XSS).contains(XSS_ESCAPED);
        assertThat(vendor.post("/vendor/products", map("code", "X" + UUID.randomUUID().toString().substring(0, 6), "name", XSS,
                "seatTypes", List.of("EDUCATOR"))).body()).doesNotContain(XSS).contains(XSS_ESCAPED);
        for (String page : List.of("/vendor", "/vendor/purchase-requests", "/vendor/districts/" + s.district.id())) {
            ConsoleClient.Response r = vendor.get(page);
            assertThat(r.status()).as(page).isEqualTo(200);
            assertThat(r.body()).as(page).doesNotContain(XSS).contains(XSS_ESCAPED);
        }
        // and an inline refusal naming the person escapes too
        ConsoleClient.Response refused = admin.htmxPost("/educators/actions",
                map("action", "unassign", "poolId", s.educatorPool.id(), "userIds", List.of(xssPerson)));
        assertThat(refused.body()).contains("not hold this license").doesNotContain(XSS).contains(XSS_ESCAPED);
    }

    @Test
    void theHoldersCsvQuotesEveryFieldAndDefusesFormulas() {
        ConsoleClient.Response csv = clients.get("district admin").get("/licenses/" + secondPool.id() + "/holders.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("\"Name\",\"Role\",\"Email\",\"Assigned at\",\"Assigned by\",\"Last active\",\"User id\"");
        assertThat(lines).hasSize(3);
        assertThat(csv.body()).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\") Smith\"")
                .contains("\"" + XSS + " Tester\"") // CSV is not HTML: the name is kept as text, quoted
                .doesNotContain(",=").doesNotContain(",\"=");
        for (String line : lines) {
            assertThat(line).matches("^\"(?:[^\"]|\"\")*\"(?:,\"(?:[^\"]|\"\")*\")*$");
        }
    }
}
