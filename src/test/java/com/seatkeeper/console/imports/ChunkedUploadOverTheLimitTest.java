package com.seatkeeper.console.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A chunked upload (no {@code Content-Length}) over {@code seatkeeper.imports.max-upload-bytes} (64 KB here) is sent
 * back to the Upload page, which says it is too large and what to do, as for a declared length: never a generic page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "seatkeeper.imports.max-upload-bytes=64KB")
@ActiveProfiles("test")
class ChunkedUploadOverTheLimitTest {
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void aChunkedUploadOverTheLimitIsSentBackToThePageWithTheSizeMessage() throws Exception {
        String head = "POST /console/imports HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n";
        String answer;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            chunk(out, "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"users.csv\"\r\nContent-Type: text/csv\r\n\r\n");
            try {
                for (int i = 0; i < 40; i++) {
                    chunk(out, "a".repeat(4096)); // 160 KB in all, over the 64 KB limit
                }
                chunk(out, "\r\n--x--\r\n");
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closed) {
                // the server may close the connection once it has answered: the rest was not worth receiving
            }
            answer = headOf(socket.getInputStream());
        }
        assertThat(answer).startsWith("HTTP/1.1 303").containsPattern("(?i)location: [^\\r]*/console/imports\\?refused=too-large\r\n");

        var fx = new Fixtures(new Http(port));
        String admin = fx.aDistrictAdmin(fx.aDistrict());
        accounts.ensurePersonAccount(UserId.of(admin), "imports-pw-123");
        var page = ConsoleClient.signedIn(port, fx.emailOf(admin), "imports-pw-123").get("/console/imports?refused=too-large");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Nothing was uploaded.").contains("The upload is larger than the 64 KB this page accepts")
                .contains("one zip").contains("id=\"upload-form\"");
    }

    private static void chunk(OutputStream out, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.ISO_8859_1);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String headOf(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
