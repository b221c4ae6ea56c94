package com.seatkeeper.platform;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document is true: the main calls of the API, and its main refusals, are driven over real HTTP and each
 * request and response is validated against {@code /v3/api-docs} by Atlassian's swagger-request-validator: the status must
 * be documented for the operation, the body must fit the documented schema and media type ({@code application/problem+json}
 * with a {@code code} for refusals).
 */
@ApiTest
class ApiContractTest {
    private static final String ADMIN = Fixtures.ADMIN;

    @LocalServerPort
    int port;

    private Http http;
    private Fixtures fx;
    private OpenApiInteractionValidator validator;
    private JsonNode document;
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void readTheDocument() {
        http = new Http(port);
        fx = new Fixtures(http);
        var docs = http.get("/v3/api-docs", null);
        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        document = docs.body();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(docs.raw()).build();
    }

    /** Sends a call, checks its status, validates request and response against the document; the response. */
    private Http.Response call(String method, String path, String token, Object body, int expected) {
        return call(method, path, token, body, expected, true);
    }

    /** A call whose request is deliberately not what the document allows: only its (refusal) response is validated. */
    private Http.Response refusedInput(String method, String path, String token, Object body, int expected) {
        return call(method, path, token, body, expected, false);
    }

    private Http.Response call(String method, String path, String token, Object body, int expected, boolean requestIsValid) {
        Http.Response r = http.send(method, path, token, body);
        String what = method + " " + path + " -> " + r;
        assertThat(r.status()).as(what).isEqualTo(expected);
        String bodyText = body == null ? null : body instanceof String s ? s : Http.JSON.writeValueAsString(body);
        Request request = request(method, path, token, bodyText);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(r.status());
        r.headers().map().forEach((name, values) -> response.withHeader(name, values));
        if (r.raw() != null && !r.raw().isEmpty()) {
            response.withBody(r.raw());
        }
        ValidationReport report = requestIsValid ? validator.validate(request, response.build())
                : validator.validateResponse(request.getPath(), request.getMethod(), response.build());
        if (report.hasErrors()) {
            problems.add(what + "\n    " + String.join("\n    ", report.getMessages().stream().map(ValidationReport.Message::toString).toList()));
        }
        if (r.status() >= 400) {
            assertThat(r.contentType()).as(what).startsWith("application/problem+json");
            assertThat(r.text("code")).as(what).isNotBlank();
            assertThat(documentedCodes(method, path, r.status())).as("the code of " + what + " is documented").contains(r.text("code"));
        }
        return r;
    }

    private static Request request(String method, String path, String token, String body) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        SimpleRequest.Builder b = new SimpleRequest.Builder(method, bare);
        if (path.contains("?")) {
            for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                b.withQueryParam(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        if (token != null) {
            b.withAuthorization("Bearer " + token);
        }
        if (body != null) {
            b.withContentType("application/json").withBody(body);
        }
        return b.build();
    }

    /** The description of the documented response of that status, where its codes are listed. */
    private String documentedCodes(String method, String path, int status) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        List<String> found = new ArrayList<>();
        document.get("paths").properties().forEach(e -> {
            String regex = e.getKey().replaceAll("\\{[^}]+}", "[^/]+");
            JsonNode op = e.getValue().get(method.toLowerCase());
            if (bare.matches(regex) && op != null && op.get("responses").has(String.valueOf(status))) {
                found.add(op.get("responses").get(String.valueOf(status)).get("description").asString());
            }
        });
        return String.join(" | ", found);
    }

    @Test
    void theMainCallsAndTheirRefusalsAreWhatTheDocumentSays() {
        var d = fx.aDistrict();
        String product = fx.aProduct();
        String dist = "/api/v1/districts/" + d.id();

        // roster: a school, people, a class
        String school = call("POST", dist + "/schools", ADMIN, map("name", "Contract Middle"), 201).text("id");
        String teacher = call("POST", dist + "/users", ADMIN, map("givenName", "Tess", "familyName", "Contract", "email",
                "tess.contract@example.test", "role", "TEACHER", "schoolIds", List.of(school)), 201).text("id");
        List<String> students = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            students.add(call("POST", dist + "/users", ADMIN, map("givenName", "Sam" + i, "familyName", "Student", "role", "STUDENT",
                    "schoolIds", List.of(school)), 201).text("id"));
        }
        String klass = call("POST", dist + "/classes", ADMIN, map("name", "Grade 6 Math", "schoolId", school, "teacherIds",
                List.of(teacher), "studentIds", students.subList(0, 2)), 201).text("id");
        call("GET", dist + "/users?role=STUDENT&limit=2&offset=0", ADMIN, null, 200);
        call("GET", dist + "/classes?schoolId=" + school, ADMIN, null, 200);
        call("GET", "/api/v1/users/" + teacher, ADMIN, null, 200);
        call("GET", dist + "/schools", ADMIN, null, 200);
        call("GET", "/api/v1/districts", ADMIN, null, 200);
        call("GET", "/api/v1/products", ADMIN, null, 200);

        // PATCHes
        call("PATCH", "/api/v1/users/" + students.get(2), ADMIN, map("givenName", "Samantha"), 200);
        call("PATCH", "/api/v1/users/" + teacher + "?dryRun=true", ADMIN, map("role", "STUDENT"), 200);
        call("PATCH", "/api/v1/classes/" + klass, ADMIN, map("name", "Grade 6 Math A", "addStudentIds", List.of(students.get(2))), 200);
        call("PATCH", "/api/v1/schools/" + school, ADMIN, map("teachersMayEnrollAnyStudent", true), 200);

        // licenses: open, purchase, assign, already held, no licenses available, bulk, reassign, unassign, reads
        LocalDate start = LocalDate.now().minusDays(30);
        String pool = call("POST", dist + "/license-pools", ADMIN, map("productCode", product, "seatType", "STUDENT", "seats", 1,
                "startsOn", start.toString(), "endsOn", start.plusDays(330).toString()), 201).text("id");
        String p = "/api/v1/license-pools/" + pool;
        call("PUT", p + "/assignments/" + students.get(0), ADMIN, null, 201);
        call("PUT", p + "/assignments/" + students.get(0), ADMIN, null, 200);
        var full = call("PUT", p + "/assignments/" + students.get(1), ADMIN, null, 409);
        assertThat(full.text("code")).isEqualTo("no_licenses_available");
        call("PUT", p + "/assignments/" + teacher, ADMIN, null, 422); // seat_type_mismatch
        call("POST", p + "/assignments:bulk", ADMIN, map("userIds", students, "mode", "ALL_OR_NOTHING"), 409);
        call("POST", p + "/purchases", ADMIN, map("seats", 2, "reference", "PO-1"), 201);
        call("POST", p + "/assignments:bulk", ADMIN, map("userIds", students, "mode", "AVAILABLE_SEATS"), 200);
        call("DELETE", p + "/assignments/" + students.get(2), ADMIN, null, 204);
        call("POST", p + "/reassignments", ADMIN, map("fromUserId", students.get(1), "toUserId", students.get(2)), 200);
        call("GET", p, ADMIN, null, 200);
        call("GET", dist + "/license-pools", ADMIN, null, 200);
        call("GET", p + "/assignments?limit=10", ADMIN, null, 200);
        call("GET", p + "/ledger?limit=10", ADMIN, null, 200);
        call("GET", "/api/v1/users/" + students.get(0) + "/licenses", ADMIN, null, 200);

        // auto-assign rules: saved (and assigned by at once), read, refused for a seat type that does not fit or a bad grade
        call("PUT", p + "/auto-assign", ADMIN, map("rules", List.of(map("kind", "SCHOOL_STUDENTS", "schoolId", school),
                map("kind", "GRADE_STUDENTS", "grade", "06"))), 200);
        call("GET", p + "/auto-assign", ADMIN, null, 200);
        call("PUT", p + "/auto-assign", ADMIN, map("rules", List.of(map("kind", "ALL_TEACHERS"))), 422); // rule_does_not_fit_pool
        call("PUT", p + "/auto-assign", ADMIN, map("rules", List.of(map("kind", "GRADE_STUDENTS", "grade", "6"))), 400);
        call("PUT", p + "/auto-assign", ADMIN, map("rules", List.of()), 200);

        // renewals: a dry run, then the renewal; an overlapping one is refused
        LocalDate next = start.plusDays(331);
        Map<String, Object> renewal = map("seats", 3, "startsOn", next.toString(), "endsOn", next.plusDays(300).toString(),
                "carryOverHolders", true);
        call("POST", p + "/renewals?dryRun=true", ADMIN, renewal, 200);
        call("POST", p + "/renewals", ADMIN, renewal, 201);
        call("POST", p + "/renewals", ADMIN, renewal, 409); // overlapping_pool

        // tokens
        var token = call("POST", "/api/v1/api-tokens", ADMIN, map("userId", teacher, "name", "contract"), 201);
        call("GET", "/api/v1/users/" + teacher + "/api-tokens", ADMIN, null, 200);
        call("POST", "/api/v1/api-tokens", ADMIN, map("userId", students.get(0), "name", "contract"), 422); // student_no_token
        call("POST", "/api/v1/api-tokens", ADMIN, map("userId", UUID.randomUUID().toString(), "name", "contract"), 404);
        refusedInput("POST", "/api/v1/api-tokens", ADMIN, map("userId", teacher), 400); // name is required
        call("DELETE", "/api/v1/api-tokens/" + token.text("id"), ADMIN, null, 204);
        call("DELETE", "/api/v1/api-tokens/" + UUID.randomUUID(), ADMIN, null, 404);
        call("GET", "/api/v1/users/" + teacher, token.text("token"), null, 401);

        // deactivation frees the licenses; reactivation
        call("POST", "/api/v1/users/" + teacher + "/invitations", ADMIN, null, 202);
        call("POST", "/api/v1/users/" + students.get(0) + "/invitations", ADMIN, null, 422); // student_not_invited
        refusedInput("POST", "/api/v1/users/" + students.get(0) + "/deactivate?dryRun=true", ADMIN, null, 400); // takes no parameters
        call("POST", "/api/v1/users/" + students.get(0) + "/deactivate", ADMIN, null, 200);
        call("POST", "/api/v1/users/" + students.get(0) + "/reactivate", ADMIN, null, 200);

        // refusals: not found, another district, invalid input, wrong role, read-only roster, duplicate product
        call("GET", "/api/v1/license-pools/" + UUID.randomUUID(), ADMIN, null, 404);
        call("GET", "/api/v1/users/" + teacher, fx.aDistrictAdminTokenOf(fx.aDistrict()), null, 404);
        call("GET", "/api/v1/license-pools/not-a-uuid", ADMIN, null, 404); // a malformed id is one that does not exist
        refusedInput("POST", dist + "/users", ADMIN, map("givenName", "", "familyName", "X", "role", "STUDENT"), 400);
        refusedInput("POST", p + "/purchases", ADMIN, map("seats", -1), 400);
        refusedInput("POST", p + "/assignments:bulk", ADMIN, "{not json", 400);
        call("POST", "/api/v1/districts", fx.tokenFor(teacher), map("name", "Mine", "rosteringSource", "MANUAL", "timezone", "UTC"), 403);
        var clever = fx.aDistrict("CLEVER");
        call("POST", "/api/v1/districts/" + clever.id() + "/users", ADMIN, map("givenName", "A", "familyName", "B", "role", "STUDENT",
                "schoolIds", List.of(clever.schoolId())), 409);
        call("POST", "/api/v1/products", ADMIN, map("code", product, "name", "Again", "seatTypes", List.of("STUDENT")), 409);
        refusedInput("GET", "/api/v1/districts", null, null, 401);

        assertThat(problems).as("requests and responses that do not match /v3/api-docs").isEmpty();
    }

    @Test
    void everyErrorResponseIsAProblemDocumentAndEverySuccessHasASchema() {
        List<String> wrong = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            op.getValue().get("responses").properties().forEach(resp -> {
                String where = op.getKey().toUpperCase() + " " + path.getKey() + " " + resp.getKey();
                JsonNode content = resp.getValue().get("content");
                if (resp.getKey().startsWith("4") || resp.getKey().startsWith("5")) {
                    if (content == null || !content.has("application/problem+json") || content.size() != 1) {
                        wrong.add(where + ": not application/problem+json only");
                    }
                } else if (!resp.getKey().equals("204") && (content == null || content.toString().equals("{}")
                        || content.toString().contains("\"schema\":{}"))) {
                    wrong.add(where + ": no response schema");
                }
            });
            assertThat(op.getValue().get("responses").has("401")).as(op.getKey() + " " + path.getKey() + " documents 401").isTrue();
        }));
        assertThat(wrong).isEmpty();
        var undocumented = validator.validateResponse("/api/v1/districts", Request.Method.GET,
                SimpleResponse.Builder.status(418).withContentType("application/json").withBody("[]").build());
        assertThat(undocumented.hasErrors()).as("the validator refuses a status the operation does not document").isTrue();
        assertThat(document.at("/components/schemas/Problem/properties/code").isMissingNode()).isFalse();
        assertThat(document.at("/paths/~1api~1v1~1license-pools~1{poolId}~1assignments~1{userId}/put/responses/409/description").asString())
                .contains("no_licenses_available");
        assertThat(document.at("/paths/~1api~1v1~1districts~1{districtId}~1users/get/responses/200/headers/X-Total-Count").isMissingNode())
                .as("a paged list documents its total").isFalse();
        for (String list : List.of("/api/v1/districts/{districtId}/users", "/api/v1/districts/{districtId}/classes",
                "/api/v1/license-pools/{poolId}/assignments", "/api/v1/license-pools/{poolId}/ledger")) {
            JsonNode get = document.get("paths").get(list).get("get");
            assertThat(get.at("/responses/200/headers").propertyNames()).as("%s: the headers of every keyset list", list)
                    .containsExactlyInAnyOrder("X-Total-Count", "X-Total-Count-Exceeds", "Link", "X-Next-Cursor");
            assertThat(get.at("/responses/400/description").asString()).as(list).contains("invalid_cursor").contains("offset_not_supported");
            assertThat(get.get("parameters").toString()).as(list).contains("\"after\"").contains("\"offset\"").contains("\"limit\"");
        }
        assertThat(document.at("/components/schemas/NewPoolBody/properties/productCode/example").asString()).isEqualTo("NUMBERWORKS");
        assertThat(document.at("/components/schemas/NewToken/required").toString()).as("an API token needs a name").contains("\"name\"");
        assertThat(document.at("/components/schemas/NewToken/properties/name/nullable").asBoolean(false)).isFalse();
    }
}
