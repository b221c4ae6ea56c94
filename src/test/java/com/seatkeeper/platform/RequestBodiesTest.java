package com.seatkeeper.platform;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.RawHttp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Request bodies as clients really send them, over real HTTP: a console form sent chunked keeps its fields (its CSRF
 * token too) and meets the same limits as one of declared length (platform.RequestBodyLimit passes forms to Tomcat
 * unread); a multipart body of more parts than {@code server.tomcat.max-part-count} is "too many parts" naming the limit,
 * never "too large"; a client that goes away while its answer is written is not an internal error.
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class RequestBodiesTest {
    static final String PW = "request-bodies-pw-1";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_chunked_console_form_keeps_its_fields_and_meets_the_form_limits() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 5);
        List<String> holders = fx.students(d, 2);
        holders.forEach(h -> fx.assign(pool, h));
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        ConsoleClient console = ConsoleClient.signedIn(port, fx.emailOf(admin), PW);
        String path = "/licenses/" + pool.id() + "/holders/unassign";

        // read with its CSRF token and applied: the first holder's license is released
        ConsoleClient.Response chunked = console.postChunked(path, map("userId", holders.get(0)));
        assertThat(chunked.status()).as("%s", chunked).isIn(200, 302, 303);
        assertThat(chunked.body()).doesNotContain("expired");
        assertThat(fx.holderIds(pool)).containsExactly(holders.get(1));

        DbState before = DbState.of(jdbc);
        // 1,001 fields: the count, as for a form of declared length
        ConsoleClient.Response tooMany = console.postChunked(path, map("userId", people(1000)));
        assertThat(tooMany.status()).as("%s", tooMany).isEqualTo(400);
        assertThat(tooMany.body()).contains("more than 1,000 query parameters and form fields").doesNotContain("expired");

        // over Tomcat's form limit (1 MB): 413 naming it
        ConsoleClient.Response tooLarge = console.postChunked(path, map("userId", holders.get(1), "note", "x".repeat(1_100_000)));
        assertThat(tooLarge.status()).as("%s", tooLarge).isEqualTo(413);
        assertThat(tooLarge.body()).contains("1 MB in all").doesNotContain("expired");
        assertThat(DbState.of(jdbc)).as("nothing changed").isEqualTo(before);
        assertThat(fx.holderIds(pool)).containsExactly(holders.get(1));
    }

    @Test
    void a_chunked_json_body_over_the_limit_is_413_and_one_within_it_is_read() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 5);
        String token = fx.aDistrictAdminTokenOf(d);
        String student = fx.students(d, 1).get(0);
        String head = "POST /api/v1/license-pools/" + pool.id() + "/assignments:bulk HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n";

        String big = "{\"mode\":\"AVAILABLE_SEATS\",\"userIds\":[" + IntStream.range(0, 30_000).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .collect(Collectors.joining(",")) + "]}";
        RawHttp.Response tooLarge = RawHttp.send(port, head, chunked(big));
        assertThat(tooLarge.status()).as("%s", tooLarge).isEqualTo(413);
        assertThat(tooLarge.body()).contains("\"code\":\"payload_too_large\"").contains("1 MB, seatkeeper.request.max-body-size");
        assertThat(fx.holderIds(pool)).isEmpty();

        RawHttp.Response read = RawHttp.send(port, head, chunked("{\"mode\":\"AVAILABLE_SEATS\",\"userIds\":[\"" + student + "\"]}"));
        assertThat(read.status()).as("%s", read).isEqualTo(200);
        assertThat(fx.holderIds(pool)).containsExactly(student);
    }

    @Test
    void more_multipart_parts_than_the_limit_are_too_many_parts_not_too_large() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 5);
        String token = fx.aDistrictAdminTokenOf(d);
        String boundary = "----parts";
        String body = IntStream.range(0, 60).mapToObj(i -> "--" + boundary + "\r\nContent-Disposition: form-data; name=\"f" + i
                + "\"\r\n\r\nv\r\n").collect(Collectors.joining()) + "--" + boundary + "--\r\n";
        RawHttp.Response api = RawHttp.send(port, "GET /api/v1/districts/" + d.id() + "/users HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + body.length() + "\r\n",
                body.getBytes(StandardCharsets.US_ASCII));
        assertThat(api.status()).as("%s", api).isEqualTo(400);
        assertThat(api.body()).contains("\"code\":\"too_many_parts\"").contains("more than 50 parts")
                .contains("server.tomcat.max-part-count").doesNotContain("Maximum upload size").doesNotContain("Content Too Large");

        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        ConsoleClient console = ConsoleClient.signedIn(port, fx.emailOf(admin), PW);
        Map<String, String> fields = new LinkedHashMap<>();
        IntStream.range(0, 60).forEach(i -> fields.put("f" + i, "v"));
        ConsoleClient.Response page = console.postFiles("/licenses/" + pool.id() + "/holders/unassign", fields, "file", Map.of());
        assertThat(page.status()).as("%s", page).isEqualTo(400);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("more than 50 parts").doesNotContain("larger than");

        // sent chunked, its parts could not be read here: it is asked for with its length, not read without its fields
        RawHttp.Response chunkedParts = RawHttp.send(port, "POST /api/v1/license-pools/" + pool.id() + "/unassignments:bulk HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + token + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                + "\r\nTransfer-Encoding: chunked\r\n", chunked(body));
        assertThat(chunkedParts.status()).as("%s", chunkedParts).isEqualTo(411);
        assertThat(chunkedParts.body()).contains("\"code\":\"length_required\"").contains("Content-Length");
    }

    @Test
    void a_client_that_goes_away_mid_answer_is_no_internal_error(CapturedOutput output) throws Exception {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 5);
        String token = fx.aDistrictAdminTokenOf(d);
        String json = "{\"mode\":\"AVAILABLE_SEATS\",\"userIds\":[" + IntStream.range(0, 10_000).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .collect(Collectors.joining(",")) + "]}";
        byte[] body = json.getBytes(StandardCharsets.US_ASCII);
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel("com.seatkeeper.shared.ApiProblems", LogLevel.DEBUG);
        try {
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(4096); // a small window: the server is still writing when the client goes
                socket.connect(new InetSocketAddress("localhost", port));
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/license-pools/" + pool.id() + "/assignments:bulk HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + token + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                InputStream in = socket.getInputStream();
                assertThat(in.readNBytes(200)).hasSize(200); // `| head -c 200`
                socket.setSoLinger(true, 0); // close with a reset, as a killed client's system does
            }
            long until = System.currentTimeMillis() + 20_000;
            while (!output.getAll().contains("Client went away") && System.currentTimeMillis() < until) {
                Thread.sleep(100);
            }
        } finally {
            logging.setLogLevel("com.seatkeeper.shared.ApiProblems", null);
        }
        assertThat(output.getAll()).as("the abort was seen").contains("Client went away during POST /api/v1/license-pools/");
        assertThat(output.getAll()).doesNotContain("Internal error").doesNotContain(" ERROR ");
        // and the server answers the next request
        Http.Response next = new Http(port).get("/api/v1/license-pools/" + pool.id(), token);
        assertThat(next.status()).isEqualTo(200);
    }

    private static byte[] chunked(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var out = new java.io.ByteArrayOutputStream();
        for (int at = 0; at < bytes.length; at += 8192) {
            int n = Math.min(8192, bytes.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static List<String> people(int n) {
        return IntStream.range(0, n).mapToObj(i -> UUID.randomUUID().toString()).toList();
    }
}
