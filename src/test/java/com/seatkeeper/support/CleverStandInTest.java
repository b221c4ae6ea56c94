package com.seatkeeper.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Clever stand-in answers as Clever's own API definitions say (../shared/specs/clever/v3.0.yml and v3.1.yml,
 * Swagger 2.0, checked by Atlassian's swagger-request-validator): every path it serves, with Clever's demo district
 * (../shared/samples/clever-go-v3.0) and with records built in code, pages and their links, the token check and faults.
 */
class CleverStandInTest {
    private static final Path SPECS = Path.of("../shared/specs/clever");
    static final Path DEMO = Path.of("../shared/samples/clever-go-v3.0");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final List<CleverStandIn> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(CleverStandIn::close);
    }

    private CleverStandIn standIn() {
        CleverStandIn s = CleverStandIn.start();
        started.add(s);
        return s;
    }

    /** A small district with every kind of record the connector reads. */
    static CleverStandIn small(CleverStandIn s) {
        return s.school("sch1", "North").school("sch2", "South").term("term1", "2026-27").course("crs1", "Algebra I")
                .student("stu1", "Ada", "Lovelace", "ada@example.org", "9", "sch1").student("stu2", "Alan", "Turing", "alan@example.org",
                        "Kindergarten", "sch1", "sch2")
                .teacher("tea1", "Grace", "Hopper", "grace@example.org", "sch1").staff("sta1", "Sam", "Staff", "sam@example.org", "sch2")
                .districtAdmin("adm1", "Dana", "Admin", "dana@example.org").contact("con1", "Pat Parent", "pat@example.org", "stu1")
                .section("sec1", "Algebra I - 1", "sch1", "crs1", "term1", List.of("tea1"), List.of("stu1", "stu2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3.0", "v3.1"})
    void everyPathItServesValidatesAgainstClever(String version) throws Exception {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForSpecificationUrl(SPECS.resolve(version + ".yml").toAbsolutePath().toUri().toString()).build();
        CleverStandIn demo = standIn().loadSample(DEMO);
        CleverStandIn small = small(standIn());
        List<String> paths = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (CleverStandIn s : List.of(demo, small)) {
            for (String path : List.of("/districts", "/districts/" + s.districtId(), "/schools", "/users", "/users?role=student",
                    "/users?role=teacher", "/users?role=staff", "/users?role=district_admin", "/users?role=contact", "/sections",
                    "/terms", "/courses", "/users?limit=2", "/users?limit=10000", "/sections?limit=10000", "/users?limit=3&starting_after=" + s.ids(
                            CleverStandIn.Kind.USERS).get(1), "/users?limit=2&ending_before=" + s.ids(CleverStandIn.Kind.USERS).get(3))) {
                HttpResponse<String> r = get(s, "/" + version + path, s.token());
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                ValidationReport report = validator.validateResponse(path.replaceAll("\\?.*", ""), Request.Method.GET,
                        SimpleResponse.Builder.ok().withContentType("application/json").withBody(r.body()).build());
                report.getMessages().stream().filter(m -> !isListItemUri(m) && !(s == demo && isStudentEmail(m))).forEach(m -> problems.add(version + " " + path + ": " + m));
                paths.add(path);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(paths).hasSize(34);
    }

    @Test
    void theDemoDistrictIsServedWholeInAscendingIdOrderWithSchoolsForEveryIdItNames() throws Exception {
        CleverStandIn s = standIn().loadSample(DEMO);

        JsonNode users = body(get(s, "/v3.0/users?limit=10000", s.token()));
        JsonNode sections = body(get(s, "/v3.0/sections?limit=10000", s.token()));
        JsonNode schools = body(get(s, "/v3.0/schools", s.token()));

        assertThat(users.get("data").size()).isEqualTo(2095);
        assertThat(sections.get("data").size()).isEqualTo(378);
        assertThat(schools.get("data").size()).as("3 schools named by sections, 2 more only by users").isEqualTo(5);
        List<String> ids = new ArrayList<>();
        users.get("data").forEach(u -> ids.add(u.get("data").get("id").asString()));
        assertThat(ids).isSorted();
        assertThat(users.get("data").get(0).get("uri").asString()).isEqualTo("/v3.0/users/" + ids.get(0));
        assertThat(rels(users)).as("one page, not full: no next").containsExactly("self");
        assertThat(body(get(s, "/v3.0/terms", s.token())).get("data").size()).as("the sample serves no terms").isZero();
    }

    @Test
    void aFullPageLinksToTheNextAndTheLastFullPageLinksToAnEmptyOne() throws Exception {
        CleverStandIn s = small(standIn()); // 6 users
        JsonNode first = body(get(s, "/v3.0/users?limit=3", s.token()));
        assertThat(rels(first)).containsExactly("self", "next");
        String next = link(first, "next");
        assertThat(next).isEqualTo("/v3.0/users?limit=3&starting_after=" + s.ids(CleverStandIn.Kind.USERS).get(2));

        JsonNode second = body(get(s, next, s.token()));
        assertThat(second.get("data").size()).isEqualTo(3);
        JsonNode third = body(get(s, link(second, "next"), s.token()));
        assertThat(third.get("data").size()).isZero();
        assertThat(rels(third)).doesNotContain("next");

        assertThat(get(s, "/v3.0/users?limit=10001", s.token()).statusCode()).as("Clever's largest page is 10000").isEqualTo(413);
        assertThat(body(get(s, "/v3.0/users?role=student", s.token())).get("data").size()).isEqualTo(2);
    }

    @Test
    void aWrongOrMissingTokenIs401AndFaultsAreServedInTurn() throws Exception {
        CleverStandIn s = small(standIn());
        HttpResponse<String> wrong = get(s, "/v3.0/districts", "not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(body(wrong).get("message").asString()).isEqualTo("Unauthorized");
        assertThat(get(s, "/v3.0/districts", null).statusCode()).isEqualTo(401);

        s.rateLimitNext("/users", 1, Duration.ofSeconds(3)).failNext(null, 1, 503);
        HttpResponse<String> districts = get(s, "/v3.0/districts", s.token());
        assertThat(districts.statusCode()).as("the 503 is for any path, the 429 only for users").isEqualTo(503);
        HttpResponse<String> limited = get(s, "/v3.0/users", s.token());
        assertThat(limited.statusCode()).isEqualTo(429);
        long reset = Long.parseLong(limited.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertThat(reset).isBetween(Instant.now().getEpochSecond() + 1, Instant.now().getEpochSecond() + 4);
        assertThat(get(s, "/v3.0/users", s.token()).statusCode()).isEqualTo(200);

        s.delayNext("/schools", 1, Duration.ofMillis(300));
        long before = System.nanoTime();
        assertThat(get(s, "/v3.0/schools", s.token()).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(s.requestCount()).isEqualTo(6);
        assertThat(s.requestCount("/users")).isEqualTo(2);
    }

    @Test
    void theDistrictChangesWhileServedAndAHookSeesEveryRequest() throws Exception {
        CleverStandIn s = small(standIn());
        List<String> seen = new ArrayList<>();
        s.beforeRequest(seen::add);
        s.removeUser("stu2").changeUserId("stu1", "stu9", "ada.new@example.org").state("paused")
                .pause("2026-06-15T00:00:00.000Z", "2026-08-20T00:00:00.000Z");

        JsonNode section = body(get(s, "/v3.0/sections", s.token())).get("data").get(0).get("data");
        JsonNode district = body(get(s, "/v3.0/districts", s.token())).get("data").get(0).get("data");

        assertThat(section.get("students").toString()).isEqualTo("[\"stu9\"]");
        assertThat(s.record(CleverStandIn.Kind.USERS, "stu9").get("email").asString()).isEqualTo("ada.new@example.org");
        assertThat(s.record(CleverStandIn.Kind.USERS, "stu1")).isNull();
        assertThat(district.get("state").asString()).isEqualTo("paused");
        assertThat(district.get("pause_end").asString()).isEqualTo("2026-08-20T00:00:00.000Z");
        assertThat(seen).containsExactly("/v3.0/sections", "/v3.0/districts");
    }

    @Test
    void aGeneratedDistrictIsBuiltPageByPageAndLeavesRemovedStudentsOutOfItsSections() throws Exception {
        CleverStandIn s = standIn().generate(2, 100, 4, 10, 20, 3);
        assertThat(s.size(CleverStandIn.Kind.USERS)).isEqualTo(104);
        JsonNode section = body(get(s, "/v3.0/sections?limit=1", s.token())).get("data").get(0).get("data");
        assertThat(section.get("students").size()).isEqualTo(20);
        String student = section.get("students").get(0).asString();

        s.removeUser(student);

        JsonNode again = body(get(s, "/v3.0/sections?limit=1", s.token())).get("data").get(0).get("data");
        assertThat(again.get("students").size()).isEqualTo(19);
        assertThat(s.record(CleverStandIn.Kind.USERS, student)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3.0", "v3.1"})
    void everyChangeIsLoggedAsAnEventServedAsTheEventsApiDefinesIt(String version) throws Exception {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForSpecificationUrl(SPECS.resolve(version + "-events.yml").toAbsolutePath().toUri().toString())
                .withResolveCombinators(true)
                .withLevelResolver(LevelResolver.create().withLevel("validation.response.body.schema.discriminator",
                        ValidationReport.Level.IGNORE).build())
                .build();
        OpenApiInteractionValidator records = OpenApiInteractionValidator
                .createForSpecificationUrl(SPECS.resolve(version + ".yml").toAbsolutePath().toUri().toString()).build();
        Set<String> types = eventTypes(SPECS.resolve(version + "-events.yml"));
        CleverStandIn s = small(standIn());
        String mark = s.newestEventId();
        assertThat(mark).as("building the district logged its records' creation").isNotNull();
        s.edit(CleverStandIn.Kind.USERS, "stu1", u -> u.withObject("name").put("last", "Byron"));
        s.edit(CleverStandIn.Kind.USERS, "stu1", u -> u.withObject("name").put("last", "Byron"));
        s.removeUser("stu2");
        s.remove(CleverStandIn.Kind.SECTIONS, "sec1");
        s.state("paused");

        List<String> problems = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        String next = "/" + version + "/events?limit=2&starting_after=" + mark;
        while (next != null) {
            HttpResponse<String> r = get(s, next, s.token());
            assertThat(r.statusCode()).as(next).isEqualTo(200);
            validate(validator, "/events", r.body(), problems);
            JsonNode page = body(r);
            page.get("data").forEach(e -> events.add(e.get("data")));
            next = page.get("data").isEmpty() ? null : link(page, "next");
        }
        assertThat(events).extracting(e -> e.get("type").asString()).as("the same edit twice is one change")
                .containsExactly("users.updated", "users.deleted", "sections.updated", "sections.deleted", "districts.updated");
        assertThat(events).extracting(e -> e.get("id").asString()).isSorted().doesNotHaveDuplicates();
        for (JsonNode e : events) {
            assertThat(types).as("an event type the definitions name").contains(e.get("type").asString());
            validateRecord(records, e, problems);
        }
        JsonNode updated = events.get(0);
        assertThat(updated.get("data").get("object").get("name").get("last").asString()).as("the whole record").isEqualTo("Byron");
        assertThat(updated.get("data").get("object").has("roles")).isTrue();
        assertThat(updated.get("previous_attributes").get("name").get("last").asString()).isEqualTo("Lovelace");
        assertThat(events.get(2).get("previous_attributes").get("students").toString()).isEqualTo("[\"stu1\",\"stu2\"]");
        assertThat(events.get(2).get("data").get("object").get("students").toString()).isEqualTo("[\"stu1\"]");

        HttpResponse<String> newest = get(s, "/" + version + "/events?ending_before=last&limit=1", s.token());
        validate(validator, "/events", newest.body(), problems);
        assertThat(body(newest).get("data").get(0).get("data").get("id").asString()).isEqualTo(s.newestEventId());
        HttpResponse<String> one = get(s, "/" + version + "/events/" + mark, s.token());
        assertThat(one.statusCode()).isEqualTo(200);
        validate(validator, "/events/" + mark, one.body(), problems);
        HttpResponse<String> users = get(s, "/" + version + "/events?record_type=users", s.token());
        List<String> userTypes = new ArrayList<>();
        body(users).get("data").forEach(e -> userTypes.add(e.get("data").get("type").asString()));
        assertThat(userTypes).isNotEmpty().allMatch(t -> t.startsWith("users."));
        assertThat(problems).isEmpty();

        s.forgetEventsBefore(s.newestEventId());
        assertThat(get(s, "/" + version + "/events/" + mark, s.token()).statusCode()).as("expired").isEqualTo(404);
        assertThat(s.eventCount()).isEqualTo(1);
    }

    @Test
    void aStudentRemovedFromAGeneratedDistrictLogsTheSectionsThatNamedThem() throws Exception {
        CleverStandIn s = standIn().generate(2, 100, 4, 10, 20, 3);
        assertThat(s.eventCount()).as("a generated district is shared without events").isZero();
        String student = CleverStandIn.id(2, 0);
        s.removeUser(student);
        List<JsonNode> events = new ArrayList<>();
        body(get(s, "/v3.0/events", s.token())).get("data").forEach(e -> events.add(e.get("data")));
        assertThat(events).extracting(e -> e.get("type").asString()).containsExactly("users.deleted", "sections.updated", "sections.updated");
        for (JsonNode e : events.subList(1, 3)) {
            assertThat(e.get("previous_attributes").get("students").toString()).contains(student);
            assertThat(e.get("data").get("object").get("students").toString()).doesNotContain(student);
            JsonNode served = body(get(s, "/v3.0/sections/" + e.get("data").get("object").get("id").asString(), s.token())).get("data");
            assertThat(served).isEqualTo(e.get("data").get("object"));
        }
    }

    /**
     * The event types the events definitions name ({@code users.created}, ...). The definitions make {@code type} a
     * Swagger 2.0 discriminator whose subtypes are {@code allOf} the base; the validator cannot resolve that mapping (it
     * reports every value as "not the name of a valid definition"), so the envelope is validated with that one check
     * off, the type is checked against these names, and the record an event carries against the Data API's definition
     * of its kind ({@link #validateRecord}).
     */
    private static Set<String> eventTypes(Path spec) throws java.io.IOException {
        Set<String> types = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^  ([a-z]+\\.(created|updated|deleted)):$").matcher(Files.readString(spec));
        while (m.find()) {
            types.add(m.group(1));
        }
        return types;
    }

    /** The record an event carries ({@code data.object}), validated as an item of its kind's list in the Data API definitions. */
    private static void validateRecord(OpenApiInteractionValidator records, JsonNode event, List<String> problems) {
        String type = event.get("type").asString();
        String resource = type.substring(0, type.indexOf('.'));
        tools.jackson.databind.node.ObjectNode page = JSON.createObjectNode();
        page.putArray("data").addObject().set("data", event.get("data").get("object"));
        page.putArray("links");
        ValidationReport report = records.validateResponse("/" + resource, Request.Method.GET,
                SimpleResponse.Builder.ok().withContentType("application/json").withBody(page.toString()).build());
        report.getMessages().forEach(m -> problems.add(type + " " + event.get("id").asString() + ": " + m));
    }

    /**
     * Validates an Events API answer. The events definitions give {@code previous_attributes} values the type
     * {@code object} (their generator's rendering of "any value"); Clever's events carry each field's earlier value as it
     * was (a string, a list of ids, an object), and so does the stand-in: that one message is tolerated.
     */
    private static void validate(OpenApiInteractionValidator validator, String path, String body, List<String> problems) {
        ValidationReport report = validator.validateResponse(path, Request.Method.GET,
                SimpleResponse.Builder.ok().withContentType("application/json").withBody(body).build());
        report.getMessages().stream().filter(m -> m.getLevel() != ValidationReport.Level.IGNORE)
                .filter(m -> !(m.getKey().equals("validation.response.body.schema.type")
                        && m.getMessage().matches("(?s)\\[Path '(/data/\\d+)?/data/previous_attributes/[^']+'\\].*")))
                .forEach(m -> problems.add(path + ": " + m));
    }

    /**
     * Clever gives every list item a {@code uri} beside its {@code data} (its own demo district in
     * ../shared/samples/clever-go-v3.0 does), which the definitions leave out of {@code *Response}: the only extra
     * property tolerated.
     */
    private static boolean isListItemUri(ValidationReport.Message m) {
        return m.getKey().equals("validation.response.body.schema.additionalProperties") && m.getMessage().contains("[\"uri\"]")
                && m.getMessage().matches("(?s)\\[Path '/data/\\d+'\\].*");
    }

    /** Clever's demo district gives each student an {@code email} inside {@code roles.student} too: tolerated for it alone. */
    private static boolean isStudentEmail(ValidationReport.Message m) {
        return m.getKey().equals("validation.response.body.schema.additionalProperties") && m.getMessage().contains("[\"email\"]")
                && m.getMessage().matches("(?s)\\[Path '/data/\\d+/data/roles/student'\\].*");
    }

    private static HttpResponse<String> get(CleverStandIn s, String path, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(s.baseUrl() + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode body(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    private static List<String> rels(JsonNode page) {
        List<String> rels = new ArrayList<>();
        page.get("links").forEach(l -> rels.add(l.get("rel").asString()));
        return rels;
    }

    private static String link(JsonNode page, String rel) {
        for (JsonNode l : page.get("links")) {
            if (l.get("rel").asString().equals(rel)) {
                return l.get("uri").asString();
            }
        }
        return null;
    }
}
