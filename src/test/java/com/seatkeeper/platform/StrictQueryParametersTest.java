package com.seatkeeper.platform;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Query parameters of the API are read as written: a name the operation does not take, or a name given twice, is
 * refused with 400 naming it, and nothing changes; every parameter an operation declares still works.
 */
@ApiTest
class StrictQueryParametersTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Http http;
    Fixtures fx;
    Fixtures.District district;
    Fixtures.Pool pool;
    String student;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        district = fx.aDistrict();
        pool = fx.aStudentPool(district, 3);
        student = fx.aStudent(district);
        assertThat(fx.assign(pool, student).status()).isEqualTo(201);
    }

    private static void refusedNaming(Http.Response r, String field, String says) {
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("code")).isEqualTo("invalid_request");
        assertThat(r.text("field")).isEqualTo(field);
        assertThat(r.text("detail")).contains(says);
    }

    @Test
    void dryRunOnDeactivateIsRefusedAndThePersonKeepsTheirLicense() {
        DbState before = DbState.ofDistrict(jdbc, district.id());
        var r = http.post("/api/v1/users/" + student + "/deactivate?dryRun=true", ADMIN, null);
        refusedNaming(r, "dryRun", "takes no query parameters");
        assertThat(DbState.ofDistrict(jdbc, district.id())).isEqualTo(before);
        assertThat(http.get("/api/v1/users/" + student, ADMIN).text("status")).isEqualTo("ACTIVE");
        assertThat(fx.holderIds(pool)).containsExactly(student);
    }

    @Test
    void anUnknownParameterOnAPagedListIsRefusedListingWhatItTakes() {
        var r = http.get("/api/v1/districts/" + district.id() + "/users?limit=10&page=2", ADMIN);
        refusedNaming(r, "page", "after, limit, offset, q, role, schoolId, sourcedId");
        refusedNaming(http.get("/api/v1/license-pools/" + pool.id() + "/assignments?sort=name", ADMIN), "sort", "after, limit, offset");
        refusedNaming(http.get("/api/v1/license-pools/" + pool.id() + "/ledger?Limit=5", ADMIN), "Limit", "action, after, limit, offset, userId");
    }

    @Test
    void aParameterGivenTwiceIsRefused() {
        refusedNaming(http.get("/api/v1/districts/" + district.id() + "/users?limit=1&limit=50", ADMIN), "limit", "more than once");
        refusedNaming(http.get("/api/v1/districts/" + district.id() + "/users?role=STUDENT&role=TEACHER", ADMIN), "role", "more than once");
    }

    @Test
    void anEncodedNameIsReadDecoded() {
        refusedNaming(http.get("/api/v1/districts/" + district.id() + "/users?dry%52un=1", ADMIN), "dryRun", "is not a query parameter");
        var ok = http.get("/api/v1/districts/" + district.id() + "/users?%6Cimit=1", ADMIN);
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
    }

    @Test
    void everyDeclaredParameterStillWorks() {
        String users = "/api/v1/districts/" + district.id() + "/users";
        var found = http.get(users + "?role=STUDENT&schoolId=" + district.schoolId() + "&q=student&limit=5&offset=0", ADMIN);
        assertThat(found.status()).as("%s", found).isEqualTo(200);
        assertThat(found.raw()).contains(student);
        assertThat(http.get(users + "?sourcedId=none", ADMIN).status()).isEqualTo(200);
        assertThat(http.get(users, ADMIN).status()).isEqualTo(200);
        assertThat(http.get(users + "?", ADMIN).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/districts/" + district.id() + "/classes?schoolId=" + district.schoolId() + "&limit=1", ADMIN).status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/license-pools/" + pool.id() + "/assignments?limit=1&offset=0", ADMIN).status()).isEqualTo(200);
        var ledger = http.get("/api/v1/license-pools/" + pool.id() + "/ledger?userId=" + student + "&action=ASSIGNED&limit=2", ADMIN);
        assertThat(ledger.status()).as("%s", ledger).isEqualTo(200);
    }

    /**
     * Every parameter of every API list, and a dry run, given empty, blank or without "=": each is 400 naming it, never
     * read as "not given" (the default limit, offset 0, no filter, a real change). The refused dry run changes nothing.
     */
    @Test
    void anEmptyOrBlankValueIsRefusedNamingItRatherThanTakenAsTheDefault() {
        String dist = "/api/v1/districts/" + district.id();
        String poolPath = "/api/v1/license-pools/" + pool.id();
        Map<String, List<String>> lists = Map.of(
                dist + "/users", List.of("role", "schoolId", "sourcedId", "q", "limit", "after", "offset"),
                dist + "/classes", List.of("schoolId", "teacherId", "limit", "after", "offset"),
                poolPath + "/assignments", List.of("limit", "after", "offset"),
                poolPath + "/ledger", List.of("userId", "action", "limit", "after", "offset"),
                dist + "/sync-runs", List.of("limit", "offset"));
        lists.forEach((path, names) -> {
            for (String name : names) {
                for (String given : List.of(name + "=", name + "=%20%20", name + "=+", name)) {
                    refusedNaming(http.get(path + "?" + given, ADMIN), name, "without a value");
                }
            }
        });
        DbState before = DbState.ofDistrict(jdbc, district.id());
        refusedNaming(http.send("PATCH", "/api/v1/users/" + student + "?dryRun=", ADMIN, Map.of("givenName", "Renamed")), "dryRun",
                "without a value");
        assertThat(DbState.ofDistrict(jdbc, district.id())).isEqualTo(before);
    }

    @Test
    void theRuleIsAFunctionOfTheQueryStringAndTheAcceptedNames() {
        var takes = new StrictQueryParameters.Accepted(false, new TreeSet<>(Set.of("limit", "offset")));
        assertThat(StrictQueryParameters.refusal(null, takes)).isEmpty();
        assertThat(StrictQueryParameters.refusal("limit=1&&offset=2", takes)).isEmpty();
        assertThat(StrictQueryParameters.refusal("limit", takes)).get().extracting(e -> e.field()).isEqualTo("limit");
        assertThat(StrictQueryParameters.refusal("limit=&offset=1", takes)).get().extracting(e -> e.field()).isEqualTo("limit");
        assertThat(StrictQueryParameters.refusal("limit=1&offset=+%20", takes)).get().extracting(e -> e.field()).isEqualTo("offset");
        assertThat(StrictQueryParameters.refusal("anything=", StrictQueryParameters.Accepted.ANY)).isPresent();
        assertThat(StrictQueryParameters.refusal("limit=1&x=2", takes)).get().extracting(e -> e.field()).isEqualTo("x");
        assertThat(StrictQueryParameters.refusal("offset=1&offset", takes)).get().extracting(e -> e.field()).isEqualTo("offset");
        assertThat(StrictQueryParameters.refusal("x=1&x=2", StrictQueryParameters.Accepted.ANY)).get()
                .extracting(e -> e.field()).isEqualTo("x");
        assertThat(StrictQueryParameters.refusal("anything=1", StrictQueryParameters.Accepted.ANY)).isEmpty();
    }

    /**
     * Every typed query parameter of the API, written as Spring alone would take it leniently ({@code dryRun=no},
     * {@code limit=+5}, a trimmed UUID, a trimmed enum): each is 400 naming it and saying what it takes, and the
     * refused writes change nothing.
     */
    @Test
    void everyTypedValueIsReadStrictly() {
        String dist = "/api/v1/districts/" + district.id();
        String poolPath = "/api/v1/license-pools/" + pool.id();
        List<String> numbers = List.of("+5", "5%20", "%205", "0x10", "-1", "5.0", "%2B5", "1e2");
        Map<String, List<String>> integers = Map.of(
                dist + "/users", List.of("limit", "offset"),
                dist + "/classes", List.of("limit", "offset"),
                poolPath + "/assignments", List.of("limit", "offset"),
                poolPath + "/ledger", List.of("limit", "offset"),
                dist + "/sync-runs", List.of("limit", "offset"));
        integers.forEach((path, names) -> {
            for (String name : names) {
                for (String given : numbers) {
                    refusedNaming(http.get(path + "?" + name + "=" + given, ADMIN), name, "digits only");
                }
                assertThat(http.get(path + "?" + name + "=5", ADMIN).status()).as("%s %s=5", path, name).isEqualTo(200);
            }
        });
        String school = district.schoolId();
        for (String given : List.of("%20" + school, school + "+", "%7B" + school + "%7D", "1-2-3-4-5", school.replace("-", ""))) {
            refusedNaming(http.get(dist + "/users?schoolId=" + given, ADMIN), "schoolId", "takes an id");
            refusedNaming(http.get(dist + "/classes?schoolId=" + given, ADMIN), "schoolId", "takes an id");
            refusedNaming(http.get(dist + "/classes?teacherId=" + given, ADMIN), "teacherId", "takes an id");
            refusedNaming(http.get(poolPath + "/ledger?userId=" + given, ADMIN), "userId", "takes an id");
        }
        refusedNaming(http.get(dist + "/users?role=%20STUDENT", ADMIN), "role", "takes one of");
        refusedNaming(http.get(dist + "/users?role=student", ADMIN), "role", "STUDENT");
        refusedNaming(http.get(poolPath + "/ledger?action=ASSIGNED+", ADMIN), "action", "takes one of");

        DbState before = DbState.ofDistrict(jdbc, district.id());
        for (String given : List.of("no", "off", "0", "yes", "on", "1", "TRUE", "False", "true%20", "%20false")) {
            refusedNaming(http.send("PATCH", "/api/v1/users/" + student + "?dryRun=" + given, ADMIN, Map.of("givenName", "Renamed")),
                    "dryRun", "takes true or false");
            refusedNaming(http.post(poolPath + "/renewals?dryRun=" + given, ADMIN, Map.of()), "dryRun", "takes true or false");
            refusedNaming(com.seatkeeper.bulkimport.Uploads.multipart(port, dist + "/imports?dryRun=" + given, ADMIN,
                    Map.of("users.csv", "sourcedId\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))), "dryRun", "takes true or false");
        }
        assertThat(DbState.ofDistrict(jdbc, district.id())).isEqualTo(before);
        assertThat(http.get("/api/v1/users/" + student, ADMIN).text("givenName")).isNotEqualTo("Renamed");
        var dry = http.send("PATCH", "/api/v1/users/" + student + "?dryRun=true", ADMIN, Map.of("givenName", "Renamed"));
        assertThat(dry.status()).as("%s", dry).isEqualTo(200);
        assertThat(DbState.ofDistrict(jdbc, district.id())).isEqualTo(before);
    }

    @Test
    void theTypedRuleIsAPlainFunction() {
        assertThat(StrictQueryParameters.typed("dryRun", "true", boolean.class)).isEmpty();
        assertThat(StrictQueryParameters.typed("dryRun", "false", Boolean.class)).isEmpty();
        assertThat(StrictQueryParameters.typed("dryRun", "no", boolean.class)).get().extracting(e -> e.field()).isEqualTo("dryRun");
        assertThat(StrictQueryParameters.typed("limit", "007", Integer.class)).isEmpty();
        assertThat(StrictQueryParameters.typed("limit", "+5", Integer.class)).isPresent();
        assertThat(StrictQueryParameters.typed("q", " any thing ", String.class)).isEmpty();
    }

    /** A message with its own instruction is not followed by a second one ("Remove it and send again. Correct it and send again."). */
    @Test
    void theInstructionToSendAgainIsSaidOnce() {
        var r = http.get("/api/v1/districts/" + district.id() + "/users?q=a%00b", ADMIN);
        refusedNaming(r, "q", "Remove it and send again.");
        assertThat(r.text("detail").split("send again", -1)).as(r.text("detail")).hasSize(2);
    }
}
