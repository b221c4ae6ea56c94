package com.seatkeeper.platform;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.licensing.ManyPeople;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Parameters Tomcat cannot read are answered by their cause, over real HTTP (platform.MalformedParameters): more than
 * {@code server.tomcat.max-parameter-count} (1,000) query parameters and form fields is {@code too_many_parameters} naming
 * the limit and what to do, on the API and in the console; a bad percent escape or a value without a name is the
 * malformed-parameter answer; nothing is changed by any of them. The size cause, which the 1 MB body limit answers first
 * over HTTP, is {@code ParameterFaultTest}.
 */
@ApiTest
class ParameterLimitsTest {
    static final String PW = "parameter-limits-pw-1";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_console_form_of_more_than_a_thousand_fields_names_the_limit_and_changes_nothing() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 5);
        String holder = fx.students(d, 1).get(0);
        fx.assign(pool, holder);
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        ConsoleClient console = ConsoleClient.signedIn(port, fx.emailOf(admin), PW);
        String path = "/licenses/" + pool.id() + "/holders/unassign";
        DbState before = DbState.of(jdbc);

        // _csrf and 999 people: read, and refused as a normal refusal (none of the made-up people holds a license)
        ConsoleClient.Response read = console.post(path, map("userId", people(999)));
        assertThat(read.status()).as("%s", read).isEqualTo(200);
        assertThat(read.body()).doesNotContain("more than 1,000");

        // _csrf and 1,000 people: 1,001 fields
        ConsoleClient.Response tooMany = console.post(path, map("userId", people(999, holder)));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.contentType()).startsWith("text/html");
        assertThat(tooMany.body()).contains("Check the input").contains("more than 1,000 query parameters and form fields")
                .contains("choose fewer people at a time").contains("assignments:bulk").doesNotContain("hexadecimal")
                .contains("class=\"brand\"");
        ConsoleClient.Response htmx = console.htmxPost(path, map("userId", people(1000, holder)));
        assertThat(htmx.status()).isEqualTo(400);
        assertThat(htmx.body()).contains("more than 1,000");
        assertThat(DbState.of(jdbc)).as("nothing changed").isEqualTo(before);
        assertThat(fx.holderIds(pool)).containsExactly(holder);
    }

    @Test
    void the_class_page_offers_no_confirmation_the_server_could_not_read() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 2000);
        List<String> students = ManyPeople.students(jdbc, d.id(), d.schoolId(), 995, "Limit");
        String big = fx.aClass(d, List.of(), students);
        String small = fx.aClass(d, List.of(), students.subList(0, 990));
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        ConsoleClient console = ConsoleClient.signedIn(port, fx.emailOf(admin), PW);

        // 995 ids, the form's other fields and the CSRF token would pass 1,000: the preview says what to do instead
        ConsoleClient.Response tooMany = console.post("/classes/" + big + "/licenses/preview", map("poolId", pool.id(), "who", "class",
                "action", "assign"));
        assertThat(tooMany.status()).isEqualTo(200);
        assertThat(tooMany.body()).contains("for 995 students; the console changes at most 990 at once").contains("bulk assignment")
                .doesNotContain("id=\"confirm-assign\"");
        ConsoleClient.Response fits = console.post("/classes/" + small + "/licenses/preview", map("poolId", pool.id(), "who", "class",
                "action", "assign"));
        assertThat(fits.body()).contains("id=\"confirm-assign\"").doesNotContain("the console changes at most");
        // and its confirmation, all 990 students, is read and applied
        ConsoleClient.Response confirmed = console.post("/classes/" + small + "/licenses/assign", map("poolId", pool.id(),
                "mode", "ALL_OR_NOTHING", "studentId", students.subList(0, 990)));
        assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(200);
        assertThat(fx.holderIds(pool)).hasSize(990);
    }

    @Test
    void an_api_request_of_more_than_a_thousand_parameters_is_too_many_parameters_with_the_limit() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 5);
        String token = fx.aDistrictAdminTokenOf(d);
        String many = IntStream.range(0, 1001).mapToObj(i -> "p" + i + "=").collect(Collectors.joining("&"));
        RawHttp.Response r = RawHttp.send(port, "GET /api/v1/license-pools/" + pool.id() + "/assignments?" + many + " HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + token + "\r\n", null);
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"code\":\"too_many_parameters\"").contains("more than 1,000").contains("assignments:bulk")
                .doesNotContain("hexadecimal");

        // a form body counts with the query
        String form = "a=1&" + many;
        RawHttp.Response posted = RawHttp.send(port, "POST /api/v1/license-pools/" + pool.id() + "/unassignments:bulk HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + form.length() + "\r\n", form.getBytes(StandardCharsets.US_ASCII));
        assertThat(posted.status()).as("%s", posted).isEqualTo(400);
        assertThat(posted.body()).contains("\"code\":\"too_many_parameters\"");

        RawHttp.Response fewer = RawHttp.send(port, "GET /api/v1/license-pools/" + pool.id() + "/assignments?"
                + many.substring(0, many.lastIndexOf('&')) + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\n", null);
        assertThat(fewer.body()).as("1,000 parameters are read").doesNotContain("too_many_parameters");
    }

    @Test
    void a_bad_escape_or_a_value_without_a_name_is_the_malformed_parameter_answer_not_the_count() {
        for (String body : List.of("email=a%ZZ&password=x", "=x&email=a")) {
            RawHttp.Response r = RawHttp.send(port, "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length() + "\r\n", body.getBytes(StandardCharsets.US_ASCII));
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.body()).as(body).contains("Check the input").contains("%25").contains("every value needs a name")
                    .doesNotContain("1,000");
        }
        RawHttp.Response api = RawHttp.send(port, "GET /api/v1/license-pools?q=%ZZ HTTP/1.1\r\nHost: localhost\r\n", null);
        assertThat(api.status()).isEqualTo(400);
        assertThat(api.body()).contains("\"code\":\"invalid_request\"").contains("%25");
    }

    /** {@code n} made-up person ids, then {@code also}. */
    private static List<String> people(int n, String... also) {
        return IntStream.range(0, n + also.length).mapToObj(i -> i < n ? UUID.randomUUID().toString() : also[i - n]).toList();
    }
}
