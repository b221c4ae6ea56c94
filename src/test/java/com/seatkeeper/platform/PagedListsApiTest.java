package com.seatkeeper.platform;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.licensing.ManyPeople;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every keyset list of the API answers alike (docs/design.md "Paged lists"): the same headers (a relative {@code Link}
 * rel="next" and {@code X-Next-Cursor}), the same refusals with the same problem shape, sealed cursors that carry no
 * name and cannot be made by hand, and a 400 for a parameter whose percent-encoding cannot be decoded.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagedListsApiTest {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Http http;
    Fixtures.District d;
    Fixtures.Pool pool;
    Map<String, String> lists;

    @BeforeAll
    void setUp() {
        http = new Http(port);
        Fixtures fx = new Fixtures(http);
        d = fx.aDistrict();
        pool = fx.aPool(d, "STUDENT", 50);
        List<String> people = ManyPeople.students(jdbc, d.id(), d.schoolId(), 6, "Garcia");
        fx.bulkAssign(pool, "ALL_OR_NOTHING", people);
        for (int i = 0; i < 3; i++) {
            fx.aClass(d, List.of(), List.of());
        }
        lists = Map.of("users", "/api/v1/districts/" + d.id() + "/users", "classes", "/api/v1/districts/" + d.id() + "/classes",
                "holders", "/api/v1/license-pools/" + pool.id() + "/assignments", "ledger", "/api/v1/license-pools/" + pool.id() + "/ledger");
    }

    @Test
    void every_list_sends_a_relative_next_link_and_the_cursor_with_the_same_count_headers() {
        lists.forEach((name, path) -> {
            Http.Response first = http.get(path + "?limit=2", ADMIN);
            assertThat(first.status()).as(name).isEqualTo(200);
            String cursor = first.headers().firstValue("X-Next-Cursor").orElseThrow();
            Matcher link = NEXT.matcher(first.headers().firstValue("Link").orElseThrow());
            assertThat(link.find()).as(name).isTrue();
            assertThat(link.group(1)).as(name).startsWith(path + "?").contains("limit=2").contains("after=" + cursor);
            assertThat(first.headers().firstValue("X-Total-Count")).as(name).isPresent();
            assertThat(first.headers().firstValue("X-Total-Count-Exact")).as(name).isEmpty();
            Http.Response second = http.get(link.group(1), ADMIN);
            assertThat(second.status()).as(name).isEqualTo(200);
            assertThat(second.body().get(0)).as(name).isNotEqualTo(first.body().get(0));
        });
    }

    @Test
    void a_host_header_never_ends_up_in_the_link() {
        for (String path : lists.values()) {
            RawHttp.Response r = RawHttp.send(port, "GET " + path + "?limit=1 HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer "
                    + ADMIN + "\r\n", null);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.headers().get("link")).as(path).startsWith("</api/v1/").doesNotContain("evil.example");
        }
    }

    @Test
    void every_list_refuses_a_bad_cursor_and_a_deep_offset_with_the_same_code_and_problem_shape() {
        lists.forEach((name, path) -> {
            assertProblem(name, http.get(path + "?after=not-a-cursor", ADMIN), "invalid_cursor", "after");
            assertProblem(name, http.get(path + "?offset=1001", ADMIN), "offset_not_supported", "offset");
            assertProblem(name, http.get(path + "?limit=0", ADMIN), "invalid_request", "limit");
        });
    }

    @Test
    void a_cursor_computed_by_hand_the_old_way_is_refused_and_never_reaches_the_database() {
        String holders = "holders|" + pool.id() + "|all";
        String ledger = "ledger|" + pool.id() + "|all|null|null";
        for (String[] c : List.of(new String[] {holders, "0", "not-a-uuid"}, new String[] {holders, "-9223372036854775808",
                "7f1c9b1e-7d51-4c43-9a43-0f5b8a3c2d10"}, new String[] {holders, "0", "1-1-1-1-1"}, new String[] {ledger, "0", "abc"},
                new String[] {ledger, "0", "99999999999999999999"})) {
            String path = c[0].startsWith("holders") ? lists.get("holders") : lists.get("ledger");
            assertProblem(String.join(" ", c), http.get(path + "?after=" + oldStyle(c[0], c[1], c[2]), ADMIN), "invalid_cursor", "after");
        }
    }

    @Test
    void the_people_cursor_carries_no_name_and_an_edited_one_is_refused() {
        Http.Response first = http.get(lists.get("users") + "?limit=1", ADMIN);
        String cursor = first.headers().firstValue("X-Next-Cursor").orElseThrow();
        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
        assertThat(decoded).doesNotContain("Garcia").doesNotContain("people").doesNotContain(first.body().get(0).get("id").asString());
        char[] edited = cursor.toCharArray();
        edited[cursor.length() / 2] = edited[cursor.length() / 2] == 'A' ? 'B' : 'A';
        assertProblem("edited", http.get(lists.get("users") + "?after=" + new String(edited), ADMIN), "invalid_cursor", "after");
        assertProblem("a people cursor on classes", http.get(lists.get("classes") + "?after=" + cursor, ADMIN), "invalid_cursor", "after");
    }

    @Test
    void a_parameter_that_cannot_be_percent_decoded_is_a_400_on_the_api_and_the_check_the_input_page_in_the_console() {
        for (String query : List.of(lists.get("users") + "?q=100%", lists.get("users") + "?q=%ZZ", lists.get("holders") + "?limit=%ZZ",
                lists.get("ledger") + "?action=%ZZ", lists.get("users") + "?q=%C3%28")) {
            RawHttp.Response r = RawHttp.send(port, "GET " + query + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN + "\r\n", null);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.contentType()).as(query).startsWith("application/problem+json");
            assertThat(r.body()).as(query).contains("\"code\":\"invalid_request\"").contains("%25");
        }
        for (String query : List.of("/people?q=%ZZ", "/licenses/" + pool.id() + "/holders?q=100%", "/login?x=%G1")) {
            RawHttp.Response r = RawHttp.send(port, "GET " + query + " HTTP/1.1\r\nHost: localhost\r\n", null);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.contentType()).as(query).startsWith("text/html");
            assertThat(r.body()).as(query).contains("Check the input").contains("%25").contains("class=\"brand\"");
        }
        RawHttp.Response form = RawHttp.send(port, "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 13\r\n", "email=a%ZZ&b=".getBytes(StandardCharsets.US_ASCII));
        assertThat(form.status()).as("a form field").isEqualTo(400);
    }

    /** A cursor as the former licensing lists made it: base64url of v1|time|id|check, the check an unkeyed SHA-256. */
    private static String oldStyle(String list, String micros, String id) {
        try {
            String key = micros + "|" + id;
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((list + "|" + key).getBytes(StandardCharsets.UTF_8));
            String text = "v1|" + key + "|" + HexFormat.of().formatHex(hash, 0, 8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(String what, Http.Response r, String code, String field) {
        assertThat(r.status()).as("%s: %s", what, r).isEqualTo(400);
        assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        assertThat(r.text("code")).as(what).isEqualTo(code);
        assertThat(r.text("field")).as(what).isEqualTo(field);
        assertThat(r.text("title")).as(what).isEqualTo("Invalid request");
        assertThat(r.body().get("errors").get(0).get("field").asString()).as(what).isEqualTo(field);
        assertThat(r.text("detail")).as(what).isNotBlank().doesNotContain("Exception");
    }
}
