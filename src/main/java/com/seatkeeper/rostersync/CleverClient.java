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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /** What kind of failure ended a request: a connection test answers each kind with a fixed sentence. */
    enum Kind {
        /** No connection, a broken one, or no whole answer in time: a closed port and an open non-HTTP one look alike. */
        UNREACHABLE,
        /** The base URL is not https or its host is not a public internet address. */
        ADDRESS,
        /** 401. */
        TOKEN,
        /** 403. */
        FORBIDDEN,
        /** 404. */
        NOT_FOUND,
        /** 429 or 5xx. */
        BUSY,
        /** An answer that is not Clever's: another status, not JSON, no data list, too large, a next link that loops. */
        NOT_CLEVER,
        /** The pull's own bounds: its wall time or its page count. */
        BOUND,
        /** The thread was interrupted (the instance is stopping). */
        STOPPED
    }

    /** A pull failure with its {@link Kind}. */
    static final class Failed extends PullFailure {
        final Kind kind;

        Failed(Kind kind, String reason, long requests) {
            super(reason, requests);
            this.kind = kind;
        }
    }

    /** A failure worth another attempt. */
    static class Transient extends Exception {
        final Kind kind;

        Transient(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    /** A 429: the next attempt waits until Clever's {@code X-RateLimit-Reset}. */
    static final class RateLimited extends Transient {
        final long waitMillis;

        RateLimited(String message, long waitMillis) {
            super(Kind.BUSY, message);
            this.waitMillis = waitMillis;
        }
    }

    /** A failure that no attempt will mend (401, 403, 404, a rate-limit wait too long, an answer that is not Clever's). */
    static final class Refused extends Exception {
        final Kind kind;

        Refused(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
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
    private final long deadline;
    private long requests;
    private long pages;

    /** @param attempts attempts per request (1: no retry, for a connection test) */
    CleverClient(HttpClient http, CleverSettings settings, Connection.Clever connection, int attempts) throws PullFailure {
        this.http = http;
        this.settings = settings;
        this.token = Objects.requireNonNull(connection.districtToken(), "token");
        this.attempts = attempts;
        this.deadline = System.nanoTime() + settings.maxPullDuration().toNanos();
        URI baseUrl = ProviderAddress.normalized(connection.baseUrl());
        boolean web = baseUrl != null && ("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()));
        if (!web || baseUrl.getHost() == null) {
            throw new Failed(Kind.ADDRESS, "The Clever base URL is not an https address like https://api.clever.com: correct it in "
                    + "the district's rostering settings.", 0);
        }
        if (!"3.0".equals(connection.apiVersion()) && !"3.1".equals(connection.apiVersion())) {
            throw new Failed(Kind.NOT_CLEVER, "Clever API version " + connection.apiVersion() + " is not one Seatkeeper reads: choose 3.0 or 3.1.", 0);
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
     * Clever's pages are in ascending id order after a {@code starting_after} cursor: a next link whose cursor does not
     * move past the last id read (a loop, e.g. A to B to A) ends the pull, and so do more than
     * {@link CleverSettings#maxPages()} pages in the whole pull.
     *
     * @return how many records the list held
     */
    long list(String resource, int limit, Each each, Runnable afterPage) throws PullFailure {
        return list(resource, limit, null, each, afterPage);
    }

    /**
     * As {@link #list(String, int, Each, Runnable)}, starting after the record {@code startingAfter} (null: from the
     * first), e.g. the events after the last one a sync has seen ({@code GET /events?starting_after=…}).
     */
    long list(String resource, int limit, String startingAfter, Each each, Runnable afterPage) throws PullFailure {
        String query = (limit > 0 ? "limit=" + limit : "")
                + (startingAfter == null ? "" : (limit > 0 ? "&" : "") + "starting_after="
                + java.net.URLEncoder.encode(startingAfter, StandardCharsets.UTF_8));
        URI uri = URI.create(base + "/v" + version + "/" + resource + (query.isEmpty() ? "" : "?" + query));
        long read = 0;
        String cursor = null;
        String lastId = null;
        while (uri != null) {
            if (pages >= settings.maxPages()) {
                throw new Failed(Kind.BOUND, "Clever kept sending further pages: the sync stopped after " + pages + " pages, the most a "
                        + "sync reads (seatkeeper.sync.max-pages). Nothing was changed. If the district is really this large, raise the "
                        + "setting; otherwise tell support the run's id.", requests);
            }
            byte[] body = fetch(uri);
            pages++;
            Page page = parse(body, uri, each, read);
            read += page.records();
            if (page.lastId() != null && (lastId == null || page.lastId().compareTo(lastId) > 0)) {
                lastId = page.lastId();
            }
            afterPage.run();
            if (page.next() == null || page.records() == 0) {
                uri = null;
            } else {
                URI next = follow(page.next(), uri);
                cursor = moved(next, cursor, lastId, uri);
                uri = next;
            }
        }
        return read;
    }

    /**
     * The next link's {@code starting_after} cursor, when it moves past both the previous cursor and the last id read;
     * otherwise the pages loop (or are not Clever's paging) and the pull ends.
     */
    private String moved(URI next, String previous, String lastId, URI current) throws PullFailure {
        String cursor = queryParameter(next, "starting_after");
        if (cursor == null || cursor.isEmpty()) {
            throw notClever(current, "its next-page link has no starting_after cursor");
        }
        if ((previous != null && cursor.compareTo(previous) <= 0) || (lastId != null && cursor.compareTo(lastId) < 0)) {
            throw new Failed(Kind.NOT_CLEVER, "Clever's next-page link after GET " + current.getRawPath() + " leads back to records "
                    + "already read (its starting_after cursor does not move past the last id read): the server is paging in a loop, "
                    + "so the sync stopped. Nothing was changed; if it happens again, tell support the run's id.", requests);
        }
        return cursor;
    }

    private static String queryParameter(URI uri, String name) {
        String q = uri.getRawQuery();
        if (q == null) {
            return null;
        }
        String value = null;
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                value = java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return value;
    }

    /**
     * The id of the newest event Clever keeps for the district ({@code GET /events?ending_before=last&limit=1}, the
     * Events API's way to ask for the most recent event), or empty when the log holds none. Asked before a full pull
     * reads anything, so that the events of changes made while it reads are read again by the next delta (applying an
     * event twice changes nothing).
     *
     * @throws PullFailure as any request; a 403 or 404 ({@link Kind#FORBIDDEN}, {@link Kind#NOT_FOUND}) when the app
     *                     has no events for the district (events are opt-in for an app in Clever)
     */
    Optional<String> newestEvent() throws PullFailure {
        URI uri = URI.create(base + "/v" + version + "/events?ending_before=last&limit=1");
        String[] newest = new String[1];
        parse(fetch(uri), uri, (event, n) -> newest[0] = CleverRecords.text(event, "id"), 0);
        pages++;
        return Optional.ofNullable(newest[0]);
    }

    /**
     * Whether Clever still keeps the event {@code id} ({@code GET /events/{id}}: 200 yes, 404 no: Clever keeps events
     * 30 days, and a {@code starting_after} older than that cannot tell which events were lost).
     *
     * @throws PullFailure any other failure
     */
    boolean eventKept(String id) throws PullFailure {
        URI uri = URI.create(base + "/v" + version + "/events/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8));
        try {
            fetch(uri);
            return true;
        } catch (Failed f) {
            if (f.kind == Kind.NOT_FOUND) {
                return false;
            }
            throw f;
        }
    }

    /**
     * One record ({@code GET /users/{id}}, {@code /sections/{id}}, ...): its {@code data} object, or empty when Clever
     * answers 404 (the record was deleted or is no longer shared with the app).
     *
     * @throws PullFailure any other failure, or an answer without a {@code data} object
     */
    Optional<JsonNode> one(String resource, String id) throws PullFailure {
        URI uri = URI.create(base + "/v" + version + "/" + resource + "/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8));
        byte[] body;
        try {
            body = fetch(uri);
        } catch (Failed f) {
            if (f.kind == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw f;
        }
        JsonNode data;
        try {
            data = JSON.readTree(body).get("data");
        } catch (JacksonException e) {
            throw notClever(uri, "the answer is not JSON");
        }
        if (data == null || !data.isObject()) {
            throw notClever(uri, "the answer has no data object");
        }
        return Optional.of(data);
    }

    /** How many records the first page of a resource holds (a connection test), without following its next link. */
    long firstPage(String resource, int limit) throws PullFailure {
        URI uri = URI.create(base + "/v" + version + "/" + resource + (limit > 0 ? "?limit=" + limit : ""));
        return parse(fetch(uri), uri, (data, n) -> { }, 0).records();
    }

    private record Page(long records, String next, String lastId) {}

    private Page parse(byte[] body, URI uri, Each each, long before) throws PullFailure {
        long n = before;
        String next = null;
        String lastId = null;
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
                        lastId = CleverRecords.text(data, "id");
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
        return new Page(n - before, next, lastId);
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
                    throw new Failed(Kind.NOT_CLEVER, "Clever's next-page link leads to another server; the district token is only "
                            + "sent to " + origin + ", so the sync stopped and nothing was changed.", requests);
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
        String what = "GET " + uri.getRawPath();
        try {
            return retry.executeCheckedSupplier(() -> once(uri, what));
        } catch (Transient e) {
            throw new Failed(e.kind, e.getMessage() + (attempts > 1 ? " (" + attempts + " attempts)" : "")
                    + ". Nothing was changed; the next sync will try again.", requests);
        } catch (Refused e) {
            throw new Failed(e.kind, e.getMessage(), requests);
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new Failed(Kind.STOPPED, "The sync was stopped while reading Clever (" + e.getClass().getSimpleName()
                    + "); nothing was changed.", requests);
        }
    }

    /**
     * One request. Before it: the pull's deadline, and the host's addresses (DNS may have changed since the connection
     * was saved). The whole answer, body included, must arrive within the request timeout (or what is left of the pull's
     * time): otherwise the exchange is cancelled, which closes its connection, and the attempt counts as a timeout. A
     * body larger than {@link CleverSettings#maxPageBytes()} is cut off and ends the pull.
     */
    private byte[] once(URI uri, String what) throws Transient, Refused {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new Refused(Kind.BOUND, "The sync ran longer than the " + human(settings.maxPullDuration()) + " a sync may take "
                    + "(seatkeeper.sync.max-pull-duration) and was stopped before " + what + ". Nothing was changed; the next sync "
                    + "will try again. If it happens again, tell support the run's id.");
        }
        Optional<String> where = ProviderAddress.problem(uri, settings.allowLocal(), true, ProviderAddress.SYSTEM);
        if (where.isPresent()) {
            throw new Refused(Kind.ADDRESS, "The Clever base URL " + shown + " " + where.get() + " Correct it in the district's "
                    + "rostering settings. Nothing was changed.");
        }
        Duration timeout = settings.requestTimeout().compareTo(Duration.ofNanos(left)) < 0 ? settings.requestTimeout()
                : Duration.ofNanos(left);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token).GET().build();
        requests++;
        Capped body = new Capped(settings.maxPageBytes());
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, body);
        HttpResponse<byte[]> r;
        try {
            r = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            body.cancel();
            answer.cancel(true);
            throw new Transient(Kind.UNREACHABLE, "Clever did not answer " + what + " in full within " + seconds(timeout));
        } catch (ExecutionException e) {
            body.cancel();
            if (body.tooLarge) {
                throw tooLarge(what);
            }
            Throwable cause = e.getCause();
            if (has(cause, HttpConnectTimeoutException.class) || has(cause, ConnectException.class)) {
                throw new Transient(Kind.UNREACHABLE, "Could not connect to Clever at " + shown + ": check the base URL in the "
                        + "district's rostering settings");
            }
            if (has(cause, HttpTimeoutException.class)) {
                throw new Transient(Kind.UNREACHABLE, "Clever did not answer " + what + " in full within " + seconds(timeout));
            }
            throw new Transient(Kind.UNREACHABLE, "The connection to Clever at " + shown + " broke off during " + what);
        } catch (InterruptedException e) {
            body.cancel();
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new Refused(Kind.STOPPED, "The sync was stopped while waiting for Clever; nothing was changed.");
        }
        int status = r.statusCode();
        if (status == 200) {
            return r.body();
        }
        if (status == 429) {
            throw rateLimited(r, what);
        }
        if (status == 500 || status == 502 || status == 503 || status == 504) {
            throw new Transient(Kind.BUSY, "Clever kept failing: it answered " + status + " to " + what);
        }
        throw new Refused(kindOf(status), refusal(status, what));
    }

    private Refused tooLarge(String what) {
        return new Refused(Kind.NOT_CLEVER, "Clever's answer to " + what + " was larger than the " + bytes(settings.maxPageBytes())
                + " a page may be (seatkeeper.sync.max-page-bytes), so the sync stopped. Nothing was changed; if it happens "
                + "again, tell support the run's id.");
    }

    private static Kind kindOf(int status) {
        return switch (status) {
            case 401 -> Kind.TOKEN;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            default -> Kind.NOT_CLEVER;
        };
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String human(Duration d) {
        return d.toMinutes() >= 60 && d.toMinutesPart() == 0 ? d.toHours() + " hours"
                : d.toSeconds() >= 60 ? d.toMinutes() + " minutes" : seconds(d);
    }

    private static String seconds(Duration d) {
        return d.toSeconds() == 1 ? "1 second" : d.toSeconds() + " seconds";
    }

    private static String bytes(long n) {
        return n >= (1 << 20) && n % (1 << 20) == 0 ? (n >> 20) + " MB" : String.format(java.util.Locale.US, "%,d bytes", n);
    }

    /**
     * A page's body read into memory, at most {@code max} bytes: a larger one (by its Content-Length or as it arrives) is
     * cut off and its exchange cancelled. {@link #cancel()} drops the exchange (and its connection) at any time. Also used
     * by the OneRoster client.
     */
    static final class Capped implements HttpResponse.BodyHandler<byte[]> {
        private final long max;
        volatile boolean tooLarge;
        private volatile Flow.Subscription subscription;

        Capped(long max) {
            this.max = max;
        }

        @Override
        public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1L);
            HttpResponse.BodySubscriber<byte[]> inner = HttpResponse.BodySubscribers.ofByteArray();
            return new HttpResponse.BodySubscriber<>() {
                private long seen;

                @Override
                public CompletionStage<byte[]> getBody() {
                    return inner.getBody();
                }

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    if (declared > max) {
                        tooLarge = true;
                        s.cancel();
                        inner.onError(new IOException("page too large"));
                        return;
                    }
                    inner.onSubscribe(s);
                }

                @Override
                public void onNext(List<ByteBuffer> items) {
                    if (tooLarge) {
                        return;
                    }
                    for (ByteBuffer b : items) {
                        seen += b.remaining();
                    }
                    if (seen > max) {
                        tooLarge = true;
                        subscription.cancel();
                        inner.onError(new IOException("page too large"));
                        return;
                    }
                    inner.onNext(items);
                }

                @Override
                public void onError(Throwable t) {
                    if (!tooLarge) {
                        inner.onError(t);
                    }
                }

                @Override
                public void onComplete() {
                    if (!tooLarge) {
                        inner.onComplete();
                    }
                }
            };
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
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
            throw new Refused(Kind.BUSY, "Clever's rate limit asked the sync to wait " + Math.round(wait / 1000.0) + " seconds before " + what
                    + ", longer than the " + settings.maxRateLimitWait().toSeconds() + " seconds a sync may wait "
                    + "(seatkeeper.sync.max-rate-limit-wait). Nothing was changed; the next sync will try again.");
        }
        return new RateLimited("Clever's rate limit (429) held back " + what, wait);
    }

    /** The reason of a refused request, in fixed words: nothing of the server's answer is repeated. */
    private String refusal(int status, String what) {
        return switch (status) {
            case 401 -> "Clever refused the district token (401): reconnect the district in Clever and paste the new token.";
            case 403 -> "Clever refused access to " + what + " (403): the district has not shared this data with the app. Check the "
                    + "app's data sharing in the district's Clever dashboard, then sync again.";
            case 404 -> "Clever answered 404 Not Found to " + what + " at " + shown + ": the district may have disconnected the app, or "
                    + "the base URL or API version is wrong. Check the district's rostering settings and its connection in Clever.";
            case 413 -> "Clever refused a page of " + settings.pageSize() + " records (413): set seatkeeper.sync.clever.page-size "
                    + "to at most " + CleverSettings.MAX_PAGE_SIZE + ".";
            default -> "Clever refused " + what + " (" + status + "); nothing was changed. If it happens again, tell support the "
                    + "run's id.";
        };
    }

    private PullFailure notClever(URI uri, String why) {
        return new Failed(Kind.NOT_CLEVER, "The server at " + shown + " did not answer GET " + uri.getRawPath() + " as Clever's Data API does (" + why
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
