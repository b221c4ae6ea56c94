package com.seatkeeper.rostersync;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One pull's (or one connection test's) HTTP conversation with Clever's Data API: list resources page by page,
 * following {@code links} rel {@code next} until none, each page read whole (one page in memory, at most
 * {@link CleverSettings#pageSize()} records) and then handed on record by record. Retries with Resilience4j: 500, 502,
 * 503, 504, timeouts and broken connections with exponential backoff and jitter, a 429 after its
 * {@code X-RateLimit-Reset}; 400, 401, 403, 404 and the rest never. The token goes only in the {@code Authorization}
 * header, only to the configured origin, and into no message or log line. Not thread-safe: one pull, one thread.
 */
final class CleverClient {
    private static final Logger log = LoggerFactory.getLogger(CleverClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A record of a list, with its 1-based position in the whole list. */
    @FunctionalInterface
    interface Each {
        void accept(JsonNode data, long position);
    }

    /** A failure worth another attempt. */
    static class Transient extends Exception {
        Transient(String message) {
            super(message, null, false, false);
        }
    }

    /** A 429: the next attempt waits until Clever's {@code X-RateLimit-Reset}. */
    static final class RateLimited extends Transient {
        final long waitMillis;

        RateLimited(String message, long waitMillis) {
            super(message);
            this.waitMillis = waitMillis;
        }
    }

    /** A failure that no attempt will mend (401, 403, 404, a rate-limit wait too long, an answer that is not Clever's). */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpClient http;
    private final CleverSettings settings;
    private final String token;
    private final String base;
    private final URI origin;
    private final String shown;
    private final Retry retry;
    private final int attempts;
    private final String version;
    private long requests;
    private long pages;

    /** @param attempts attempts per request (1: no retry, for a connection test) */
    CleverClient(HttpClient http, CleverSettings settings, Connection.Clever connection, int attempts) throws PullFailure {
        this.http = http;
        this.settings = settings;
        this.token = Objects.requireNonNull(connection.districtToken(), "token");
        this.attempts = attempts;
        URI baseUrl = connection.baseUrl();
        boolean web = baseUrl != null && ("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()));
        if (!web || baseUrl.getHost() == null) {
            throw new PullFailure("The Clever base URL is not an http(s) address like https://api.clever.com: correct it in the "
                    + "district's rostering settings.", 0);
        }
        if (!"3.0".equals(connection.apiVersion()) && !"3.1".equals(connection.apiVersion())) {
            throw new PullFailure("Clever API version " + connection.apiVersion() + " is not one Seatkeeper reads: choose 3.0 or 3.1.", 0);
        }
        this.version = connection.apiVersion();
        this.origin = withoutUserInfo(baseUrl, "");
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath().replaceAll("/+$", "");
        this.base = withoutUserInfo(baseUrl, path).toString();
        this.shown = base;
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.5, settings.maxBackoff());
        this.retry = Retry.of("clever", RetryConfig.<byte[]>custom()
                .maxAttempts(attempts)
                .retryOnException(e -> e instanceof Transient)
                .intervalBiFunction((attempt, outcome) -> outcome.isLeft() && outcome.getLeft() instanceof RateLimited r
                        ? r.waitMillis : backoff.apply(attempt))
                .build());
        retry.getEventPublisher().onRetry(e -> log.info("Clever request retried (attempt {} of {}) in {} ms: {}",
                e.getNumberOfRetryAttempts() + 1, attempts, e.getWaitInterval().toMillis(), e.getLastThrowable().getMessage()));
    }

    /** HTTP requests sent so far, retries included. */
    long requests() {
        return requests;
    }

    /** Pages read so far (an empty last page included). */
    long pages() {
        return pages;
    }

    /**
     * Reads every record of a list resource ({@code schools}, {@code users}, ...) of the configured API version, in pages
     * of {@code limit} ({@code 0}: no {@code limit} asked, for {@code districts}), telling {@code afterPage} after each.
     *
     * @return how many records the list held
     */
    long list(String resource, int limit, Each each, Runnable afterPage) throws PullFailure {
        URI uri = URI.create(base + "/v" + version + "/" + resource + (limit > 0 ? "?limit=" + limit : ""));
        long read = 0;
        while (uri != null) {
            byte[] body = fetch(uri);
            pages++;
            Page page = parse(body, uri, each, read);
            read += page.records();
            afterPage.run();
            uri = page.next() == null || page.records() == 0 ? null : follow(page.next(), uri);
        }
        return read;
    }

    /** How many records the first page of a resource holds (a connection test), without following its next link. */
    long firstPage(String resource, int limit) throws PullFailure {
        URI uri = URI.create(base + "/v" + version + "/" + resource + (limit > 0 ? "?limit=" + limit : ""));
        return parse(fetch(uri), uri, (data, n) -> { }, 0).records();
    }

    private record Page(long records, String next) {}

    private Page parse(byte[] body, URI uri, Each each, long before) throws PullFailure {
        long n = before;
        String next = null;
        boolean listed = false;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notClever(uri, "the answer is not a JSON object");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("data".equals(name) && value == JsonToken.START_ARRAY) {
                    listed = true;
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        JsonNode item = t == JsonToken.START_OBJECT ? p.<JsonNode>readValueAsTree() : null;
                        JsonNode data = item == null ? null : item.get("data");
                        if (data == null || !data.isObject()) {
                            throw notClever(uri, "an item of its data list has no data object");
                        }
                        each.accept(data, ++n);
                    }
                } else if ("links".equals(name) && value == JsonToken.START_ARRAY) {
                    for (JsonNode link : p.<JsonNode>readValueAsTree()) {
                        if ("next".equals(CleverRecords.text(link, "rel"))) {
                            next = CleverRecords.text(link, "uri");
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw notClever(uri, "the answer is not JSON");
        }
        if (!listed) {
            throw notClever(uri, "the answer has no data list");
        }
        return new Page(n - before, next);
    }

    /**
     * The next page's address: Clever gives a path ({@code /v3.0/users?limit=…&starting_after=…}), read against the
     * configured base URL; an absolute link is followed only to the same origin (the token is never sent elsewhere).
     */
    private URI follow(String next, URI current) throws PullFailure {
        URI target;
        try {
            URI link = new URI(next);
            if (link.isAbsolute()) {
                if (!withoutUserInfo(link, "").equals(origin)) {
                    throw new PullFailure("Clever's next-page link leads to another server (" + withoutUserInfo(link, "")
                            + "); the district token is only sent to " + origin + ", so the sync stopped and nothing was changed.", requests);
                }
                target = link;
            } else if (next.startsWith("/")) {
                target = new URI(base + next);
            } else {
                target = current.resolve(link);
            }
        } catch (URISyntaxException e) {
            throw notClever(current, "its next-page link is not an address");
        }
        if (target.equals(current)) {
            throw notClever(current, "its next-page link leads back to the same page");
        }
        return target;
    }

    private byte[] fetch(URI uri) throws PullFailure {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token).GET().build();
        String what = "GET " + uri.getRawPath();
        try {
            return retry.executeCheckedSupplier(() -> once(request, what));
        } catch (Transient e) {
            throw new PullFailure(e.getMessage() + (attempts > 1 ? " (" + attempts + " attempts)" : "")
                    + ". Nothing was changed; the next sync will try again.", requests);
        } catch (Refused e) {
            throw new PullFailure(e.getMessage(), requests);
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new PullFailure("The sync was stopped while reading Clever (" + e.getClass().getSimpleName() + "); nothing was changed.",
                    requests);
        }
    }

    private byte[] once(HttpRequest request, String what) throws Transient, Refused {
        requests++;
        HttpResponse<byte[]> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new Transient("Could not connect to Clever at " + shown + ": check the base URL in the district's rostering settings");
        } catch (HttpTimeoutException e) {
            throw new Transient("Clever did not answer " + what + " within " + settings.requestTimeout().toSeconds() + " seconds");
        } catch (IOException e) {
            throw new Transient("The connection to Clever at " + shown + " broke off during " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("The sync was stopped while waiting for Clever; nothing was changed.");
        }
        int status = r.statusCode();
        if (status == 200) {
            return r.body();
        }
        if (status == 429) {
            throw rateLimited(r, what);
        }
        if (status == 500 || status == 502 || status == 503 || status == 504) {
            throw new Transient("Clever kept failing: it answered " + status + " to " + what);
        }
        throw new Refused(refusal(status, what, r.body()));
    }

    private RateLimited rateLimited(HttpResponse<byte[]> r, String what) throws Refused {
        long reset = r.headers().firstValue("X-RateLimit-Reset").map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                return -1L;
            }
        }).orElse(-1L);
        long wait = reset < 0 ? settings.initialBackoff().toMillis() : Math.max(0, reset * 1000 - System.currentTimeMillis());
        if (wait > settings.maxRateLimitWait().toMillis()) {
            throw new Refused("Clever's rate limit asked the sync to wait " + Math.round(wait / 1000.0) + " seconds before " + what
                    + ", longer than the " + settings.maxRateLimitWait().toSeconds() + " seconds a sync may wait "
                    + "(seatkeeper.sync.max-rate-limit-wait). Nothing was changed; the next sync will try again.");
        }
        return new RateLimited("Clever's rate limit (429) held back " + what, wait);
    }

    private String refusal(int status, String what, byte[] body) {
        return switch (status) {
            case 401 -> "Clever refused the district token (401): reconnect the district in Clever and paste the new token.";
            case 403 -> "Clever refused access to " + what + " (403): the district has not shared this data with the app. Check the "
                    + "app's data sharing in the district's Clever dashboard, then sync again.";
            case 404 -> "Clever answered 404 Not Found to " + what + " at " + shown + ": the district may have disconnected the app, or "
                    + "the base URL or API version is wrong. Check the district's rostering settings and its connection in Clever.";
            case 413 -> "Clever refused a page of " + settings.pageSize() + " records (413): set seatkeeper.sync.clever.page-size "
                    + "to at most " + CleverSettings.MAX_PAGE_SIZE + ".";
            default -> "Clever refused " + what + " (" + status + message(body) + "); nothing was changed. If it happens again, tell "
                    + "support the run's id.";
        };
    }

    /** Clever's own {@code message}, when its answer has a short one. */
    private static String message(byte[] body) {
        try {
            String m = CleverRecords.text(JSON.readTree(new String(body, StandardCharsets.UTF_8)), "message");
            return m == null || m.length() > 200 ? "" : ": " + m;
        } catch (JacksonException e) {
            return "";
        }
    }

    private PullFailure notClever(URI uri, String why) {
        return new PullFailure("The server at " + shown + " did not answer GET " + uri.getRawPath() + " as Clever's Data API does (" + why
                + "): check the base URL in the district's rostering settings. Nothing was changed.", requests);
    }

    /** The address without any user:password part (never shown, never compared), with the path given. */
    private static URI withoutUserInfo(URI uri, String path) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), path.isEmpty() ? null : path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an address", e);
        }
    }
}
