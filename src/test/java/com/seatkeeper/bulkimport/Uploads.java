package com.seatkeeper.bulkimport;

import com.seatkeeper.support.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.JsonNode;

/** Sends uploads to the imports endpoint as multipart/form-data (parts named {@code file}), for the API tests (also ApiWriteAccessTest). */
public final class Uploads {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final int port;

    Uploads(int port) {
        this.port = port;
    }

    /** POSTs the files (name → bytes) to {@code /api/v1/districts/{id}/imports?dryRun=...}. */
    Http.Response upload(String districtId, String token, boolean dryRun, Map<String, byte[]> files) {
        return post("/api/v1/districts/" + districtId + "/imports?dryRun=" + dryRun, token, files);
    }

    Http.Response post(String path, String token, Map<String, byte[]> files) {
        return multipart(port, path, token, files);
    }

    /** One multipart part: its name, its filename (null: none) and its bytes. */
    record Part(String name, String filename, byte[] bytes) {}

    /** POSTs the files as multipart/form-data, each in a part named {@code file}. */
    public static Http.Response multipart(int port, String path, String token, Map<String, byte[]> files) {
        return parts(port, path, token, files.entrySet().stream().map(f -> new Part("file", f.getKey(), f.getValue())).toList());
    }

    /** POSTs the parts as multipart/form-data, as they are. */
    static Http.Response parts(int port, String path, String token, java.util.List<Part> parts) {
        String boundary = "----seatkeeper" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Part f : parts) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.name() + "\""
                        + (f.filename() == null ? "" : "; filename=\"" + f.filename() + "\"")
                        + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(f.bytes());
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = r.body().isBlank() || !r.body().trim().startsWith("{") ? Http.JSON.createObjectNode() : Http.JSON.readTree(r.body());
            return new Http.Response(r.statusCode(), node, r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The files of a sample set (../shared/samples/{set}) by name. */
    static Map<String, byte[]> sample(String set) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (var list = Files.list(Path.of("../shared/samples", set))) {
            for (Path p : list.sorted().toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static Map<String, byte[]> utf8(Map<String, String> files) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        files.forEach((k, v) -> m.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return m;
    }

    /** One zip (named {@code name}) of the files. */
    static Map<String, byte[]> zipped(String name, Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(name, bytes.toByteArray());
    }
}
