package com.seatkeeper.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Requests written byte for byte on a socket, for what java.net.http refuses to send (a NUL or an invalid escape in the
 * path, an unknown method, a request line of 20,000 characters); one request per connection ({@code Connection: close}).
 *
 * <pre>
 *   RawHttp.Response r = RawHttp.send(port, "GET /api/v1/users/%00 HTTP/1.1\r\nHost: localhost\r\n", null);
 * </pre>
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** The status, headers (lower-case names) and body of an answer. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (body.length() > 400 ? body.substring(0, 400) + "…" : body);
        }
    }

    /**
     * Sends {@code head} (request line and headers, each ending in CRLF, without the blank line; {@code Connection: close}
     * is added) and {@code body} (may be null), then reads the answer to the end. A server that answers before reading a
     * large body may close the connection while it is sent: the answer is still read.
     */
    public static Response send(int port, String head, byte[] body) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            try {
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException closedEarly) {
                // the server answered (413) without reading it all
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // a reset after the answer: keep what arrived
        }
        return all.toByteArray();
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no complete HTTP answer: '" + text + "'");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Response(status, headers, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            // sizes count bytes; the bodies here are ASCII apart from a few typographic characters
            byte[] rest = chunked.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
            String piece = new String(rest, 0, Math.min(size, rest.length), StandardCharsets.UTF_8);
            out.append(piece);
            at = lineEnd + 2 + piece.length() + 2;
        }
        return out.toString();
    }
}
