package com.seatkeeper.platform;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * No answer anywhere is a framework's default error: not Spring's Whitelabel page, not Tomcat's HTML report, not Boot's
 * error JSON without a {@code code}. Console paths answer errors with the designed page in the layout, API paths with
 * problem+json carrying a {@code code} and a {@code detail}. Two sweeps: every console page (GET handlers read from the
 * request mappings, path variables filled with a real id, an unknown id and a malformed one) for every role, and a list of
 * malformed requests sent byte for byte on a socket.
 */
@ApiTest
class NoRawErrorTest {
    private static final String PW = "no raw error pw";
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(?::[^}]*)?}");

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    /** Asserts {@code status}/{@code contentType}/{@code body} is a designed answer for {@code path}. */
    static void assertDesigned(SoftAssertions soft, String what, String path, int status, String contentType, String body) {
        soft.assertThat(body).as("%s: no Whitelabel, no Tomcat report", what).doesNotContain("Whitelabel")
                .doesNotContain("Apache Tomcat").doesNotContain("HTTP Status").doesNotContain("<h1>HTTP Status");
        boolean bootJson = body.contains("\"timestamp\"") && body.contains("\"status\"") && body.contains("\"error\"")
                && body.contains("\"path\"") && !body.contains("\"code\"");
        soft.assertThat(bootJson).as("%s: not Boot's default error JSON: %s", what, body).isFalse();
        if (status < 400) {
            return;
        }
        if (path.startsWith("/api/") || path.startsWith("/api;")) {
            soft.assertThat(contentType).as("%s: problem+json (%s)", what, body).startsWith("application/problem+json");
            soft.assertThat(body).as(what).containsPattern("\"code\"\\s*:\\s*\"[a-z_]+\"").contains("\"detail\"");
        } else if (!body.isEmpty() || !what.startsWith("HEAD")) {
            soft.assertThat(contentType).as("%s: an HTML page (%s)", what, body).startsWith("text/html");
            soft.assertThat(body).as("%s: the designed page with a way back", what).contains("class=\"brand\"").contains("<h1")
                    .containsAnyOf("Back to the start page", "Sign in and return to the page", "Sign in");
        }
    }

    @Test
    void malformedRequestsGetProblemDetailsOnTheApiAndTheDesignedPageInTheConsole() {
        String big = "x".repeat(20_000);
        String json = "Content-Type: application/json\r\n";
        String auth = "Authorization: Bearer " + ADMIN + "\r\n";
        byte[] oversized = ("{\"note\":\"" + "y".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.US_ASCII);
        List<Object[]> cases = new ArrayList<>();
        for (String base : List.of("/api/v1/districts", "/licenses")) {
            boolean api = base.startsWith("/api");
            String h = api ? auth : "";
            cases.add(new Object[] {"GET " + base + "/%00", "GET " + base + "/%00 HTTP/1.1\r\nHost: localhost\r\n" + h, null});
            cases.add(new Object[] {"GET " + base + "/a%2Fb", "GET " + base + "/a%2Fb HTTP/1.1\r\nHost: localhost\r\n" + h, null});
            cases.add(new Object[] {"GET " + base + "/%GG", "GET " + base + "/%GG HTTP/1.1\r\nHost: localhost\r\n" + h, null});
            cases.add(new Object[] {"GET " + base + "/%", "GET " + base + "/% HTTP/1.1\r\nHost: localhost\r\n" + h, null});
            cases.add(new Object[] {"GET " + base + ";jsessionid", "GET " + base + ";jsessionid=ABC123 HTTP/1.1\r\nHost: localhost\r\n" + h, null});
            cases.add(new Object[] {"GET " + base + "/../x", "GET " + base + "/../x HTTP/1.1\r\nHost: localhost\r\n" + h, null});
            cases.add(new Object[] {"GET " + base + "/%2e%2e/x", "GET " + base + "/%2e%2e/x HTTP/1.1\r\nHost: localhost\r\n" + h, null});
            cases.add(new Object[] {"TRACE " + base, "TRACE " + base + " HTTP/1.1\r\nHost: localhost\r\n" + h, null});
            cases.add(new Object[] {"FOO " + base, "FOO " + base + " HTTP/1.1\r\nHost: localhost\r\n" + h, null});
            cases.add(new Object[] {"huge request line " + base, "GET " + base + "?q=" + big + " HTTP/1.1\r\nHost: localhost\r\n" + h, null});
            cases.add(new Object[] {"huge header " + base, "GET " + base + " HTTP/1.1\r\nHost: localhost\r\nX-Big: " + big + "\r\n" + h, null});
            cases.add(new Object[] {"oversized body " + base, "POST " + base + " HTTP/1.1\r\nHost: localhost\r\n" + h + json
                    + "Content-Length: " + oversized.length + "\r\n", oversized});
            cases.add(new Object[] {"oversized chunked body " + base, "POST " + base + " HTTP/1.1\r\nHost: localhost\r\n" + h + json
                    + "Transfer-Encoding: chunked\r\n", chunked(oversized)});
            cases.add(new Object[] {"wrong content type " + base, "POST " + base + " HTTP/1.1\r\nHost: localhost\r\n" + h
                    + "Content-Type: text/csv\r\nContent-Length: 3\r\n", "a,b".getBytes(StandardCharsets.US_ASCII)});
            cases.add(new Object[] {"broken JSON " + base, "POST " + base + " HTTP/1.1\r\nHost: localhost\r\n" + h + json
                    + "Content-Length: 9\r\n", "{\"name\":,".getBytes(StandardCharsets.US_ASCII)});
            cases.add(new Object[] {"not acceptable " + base, "GET " + base + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/xml\r\n" + h, null});
            cases.add(new Object[] {"unknown route " + base, "GET " + base + "/no/such/route HTTP/1.1\r\nHost: localhost\r\n" + h, null});
            cases.add(new Object[] {"wrong method " + base, "DELETE " + base + " HTTP/1.1\r\nHost: localhost\r\n" + h, null});
            cases.add(new Object[] {"no Host " + base, "GET " + base + " HTTP/1.1\r\n" + h, null});
        }
        cases.add(new Object[] {"GET /error", "GET /error HTTP/1.1\r\nHost: localhost\r\n", null});
        cases.add(new Object[] {"GET /error as JSON", "GET /error HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n", null});
        cases.add(new Object[] {"request line not HTTP", "HELLO\r\n", null});
        cases.add(new Object[] {"unknown API route anonymous", "GET /api/nothing HTTP/1.1\r\nHost: localhost\r\n", null});

        SoftAssertions soft = new SoftAssertions();
        for (Object[] c : cases) {
            String what = (String) c[0];
            RawHttp.Response r = RawHttp.send(port, (String) c[1], (byte[]) c[2]);
            String line = ((String) c[1]).split("\r\n")[0];
            String path = line.contains(" /api") ? "/api/" : "/";
            if (what.startsWith("huge request line") || what.startsWith("request line not HTTP")) {
                path = "/api/"; // a request line too malformed to read has no path: the answer is in the API's form
            }
            soft.assertThat(r.status()).as("%s: an error is refused, not a 500: %s", what, r).isLessThan(500);
            assertDesigned(soft, what, path, r.status(), r.contentType(), r.body());
        }
        soft.assertAll();
    }

    /** {@code body} in HTTP/1.1 chunks of 64 KB, with the closing empty chunk. */
    private static byte[] chunked(byte[] body) {
        var out = new java.io.ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 65_536) {
            int n = Math.min(65_536, body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Every console page (GET) for every role, with a real id, an unknown id and a malformed id in its path variables. */
    @Test
    void everyConsolePageForEveryRoleIsAPageOrTheDesignedErrorPage() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        String teacher = fx.aTeacher(d);
        String student = fx.aStudent(d);
        String klass = fx.aClass(d, List.of(teacher), List.of(student));
        String pool = fx.aStudentPool(d, 5).id();
        Map<String, String> real = Map.of("classId", klass, "poolId", pool, "userId", student, "districtId", d.id(),
                "schoolId", d.schoolId());

        Map<String, ConsoleClient> roles = new LinkedHashMap<>();
        String vendor = "vendor-" + UUID.randomUUID() + "@example.test";
        accounts.ensureVendorAccount(vendor, PW);
        roles.put("vendor", ConsoleClient.signedIn(port, vendor, PW));
        roles.put("districtAdmin", signedIn(fx.aDistrictAdmin(d)));
        roles.put("schoolAdmin", signedIn(fx.aPerson(d, "SCHOOL_ADMIN")));
        roles.put("teacher", signedIn(teacher));
        roles.put("anonymous", ConsoleClient.anonymous(port));

        TreeSet<String> pages = consolePages();
        assertThat(pages).as("the crawl found the console's pages").contains("/licenses/{poolId}/holders", "/classes/{classId}", "/people");
        SoftAssertions soft = new SoftAssertions();
        int answers = 0;
        for (String page : pages) {
            List<String> paths = new ArrayList<>();
            paths.add(fill(page, name -> real.getOrDefault(name, UUID.randomUUID().toString())));
            if (VARIABLE.matcher(page).find()) {
                paths.add(fill(page, name -> UUID.randomUUID().toString()));
                paths.add(fill(page, name -> "not-an-id"));
            }
            for (String path : paths) {
                for (var role : roles.entrySet()) {
                    ConsoleClient.Response r = role.getValue().getPage(path);
                    answers++;
                    String what = "GET " + path + " as " + role.getKey() + " -> " + r.status();
                    soft.assertThat(r.status()).as("%s: %s", what, r).isLessThan(500);
                    assertDesigned(soft, what, path, r.status(), r.contentType(), r.body());
                }
            }
        }
        System.out.println("[no-raw-error] crawled " + pages.size() + " console pages, " + answers + " answers");
        soft.assertAll();
    }

    /** The console's GET routes as the request mappings declare them (not the API, the error page or the API docs). */
    private TreeSet<String> consolePages() {
        TreeSet<String> pages = new TreeSet<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping -> mapping.getHandlerMethods().keySet()
                .forEach(info -> {
                    var methods = info.getMethodsCondition().getMethods();
                    if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                        info.getPatternValues().stream()
                                .filter(p -> !p.startsWith("/api") && !p.startsWith("/error") && !p.startsWith("/v3") && !p.startsWith("/swagger"))
                                .forEach(pages::add);
                    }
                }));
        return pages;
    }

    private static String fill(String pattern, java.util.function.Function<String, String> value) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(value.apply(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private ConsoleClient signedIn(String userId) {
        accounts.ensurePersonAccount(UserId.of(userId), PW);
        String email = jdbc.sql("select email from users where id = ?").param(UUID.fromString(userId)).query(String.class).single();
        return ConsoleClient.signedIn(port, email, PW);
    }
}
