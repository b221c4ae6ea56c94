package com.seatkeeper.bench;

import com.seatkeeper.support.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Uploads files to {@code POST /api/v1/districts/{districtId}/imports?dryRun=...} as one multipart request (field
 * {@code file}, one part per file), streamed from disk by the JDK's HTTP client, and times the request from its first
 * byte sent to the report received.
 */
final class ImportUpload {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final int port;
    private final String token;

    ImportUpload(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** The answer to one upload: HTTP status, the report (or problem) and the wall time. */
    record Answer(int status, JsonNode body, String raw, long wallNanos) {
        String status(String field) {
            JsonNode n = body.get(field);
            return n == null || n.isNull() ? null : n.asString();
        }

        long count(String kind, String field) {
            JsonNode counts = body.get("counts");
            return counts == null || counts.get(kind) == null ? -1 : counts.get(kind).get(field).asLong();
        }

        long licenses(String field) {
            JsonNode l = body.get("licenses");
            return l == null || l.get(field) == null ? -1 : l.get(field).asLong();
        }

        double seconds() {
            return wallNanos / 1e9;
        }

        /** The report without its problems list beyond the first few, for messages. */
        String brief() {
            return raw.length() > 4000 ? raw.substring(0, 4000) + "…" : raw;
        }
    }

    Answer upload(String districtId, boolean dryRun, List<Path> files) throws IOException, InterruptedException {
        String boundary = "bench-" + UUID.randomUUID();
        List<BodyPublisher> parts = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            String type = name.endsWith(".zip") ? "application/zip" : "text/csv";
            parts.add(BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                    + "\"\r\nContent-Type: " + type + "\r\n\r\n"));
            parts.add(BodyPublishers.ofFile(f));
            parts.add(BodyPublishers.ofString("\r\n"));
        }
        parts.add(BodyPublishers.ofString("--" + boundary + "--\r\n"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/districts/" + districtId
                        + "/imports?dryRun=" + dryRun))
                .timeout(Duration.ofHours(3))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.concat(parts.toArray(BodyPublisher[]::new)))
                .build();
        long t0 = System.nanoTime();
        HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        long wall = System.nanoTime() - t0;
        JsonNode body = r.body().isBlank() ? Http.JSON.createObjectNode() : Http.JSON.readTree(r.body());
        return new Answer(r.statusCode(), body, r.body(), wall);
    }

    /** Applies a previewed run without uploading again ({@code POST /api/v1/sync-runs/{runId}/apply}). */
    Answer applyPreview(String runId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/sync-runs/" + runId + "/apply"))
                .timeout(Duration.ofHours(3))
                .header("Authorization", "Bearer " + token)
                .POST(BodyPublishers.noBody())
                .build();
        long t0 = System.nanoTime();
        HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        long wall = System.nanoTime() - t0;
        JsonNode body = r.body().isBlank() ? Http.JSON.createObjectNode() : Http.JSON.readTree(r.body());
        return new Answer(r.statusCode(), body, r.body(), wall);
    }

    static long bytes(List<Path> files) throws IOException {
        long n = 0;
        for (Path f : files) {
            n += Files.size(f);
        }
        return n;
    }
}
