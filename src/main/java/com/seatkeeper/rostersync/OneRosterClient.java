package com.seatkeeper.rostersync;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One pull's (or one connection test's) HTTP conversation with a OneRoster 1.1/1.2 REST server: a collection read page
 * by page with {@code limit} and {@code offset}, the next offset being the records actually received (so a server that
 * caps {@code limit} is paged correctly), until the page is empty, {@code X-Total-Count} is reached, or the server's
 * {@code Link} header has no {@code next} while the page was short. Every request is signed (OAuth 1.0a,
 * {@link OAuth1Signer}) or carries a bearer token ({@link OAuth2Tokens}; a 401 drops the token and the request is sent
 * once more with a new one). Retries as the Clever client: 500, 502, 503, 504, timeouts and broken connections with
 * exponential backoff and jitter (Resilience4j), a 429 after its {@code Retry-After}; 400, 401, 403, 404 never. A
 * refusal is explained in plain words (bad signature, wrong clock by the server's {@code Date}, wrong path, missing
 * scope) with OneRoster's {@code imsx_StatusInfoDType} (codeMajor, severity, codeMinor, description) when the server
 * sent one. Secrets go only into the {@code Authorization} header, only to the configured hosts. One pull, one thread.
 */
final class OneRosterClient {
    private static final Logger log = LoggerFactory.getLogger(OneRosterClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*rel\\s*=\\s*\"?next\"?", Pattern.CASE_INSENSITIVE);

    /** A record of a collection with its 1-based position in the whole collection. */
    @FunctionalInterface
    interface Each {
        void accept(JsonNode record, long position) throws PullFailure;
    }

    /** What kind of failure ended a request: a connection test and the run explain each kind in fixed words. */
    enum Kind {
        /** No connection, a broken one, or no whole answer in time. */
        UNREACHABLE,
        /** A base or token URL that is not https or whose host is not a public internet address. */
        ADDRESS,
        /** 401 to a signed (OAuth 1.0a) request with our clock close to the server's: key or secret wrong. */
        SIGNATURE,
        /** 401 to a signed request while the server's {@code Date} is far from our clock. */
        CLOCK,
        /** The token endpoint refused the client id and secret ({@code invalid_client}) or the scope. */
        CREDENTIALS,
        /** 401 to a bearer request even with a new token. */
        TOKEN,
        /** 403: a missing scope or a collection not shared. */
        FORBIDDEN,
        /** 404: the base URL's path is wrong. */
        NOT_FOUND,
        /** 400 to a request with a {@code filter}: the server does not take filters. */
        FILTER_REFUSED,
        /** 429 or 5xx, after every attempt. */
        BUSY,
        /** An answer that is not OneRoster's: another status, not JSON, no envelope, too large. */
        NOT_ONEROSTER,
        /** The pull's own bounds. */
        BOUND,
        /** The thread was interrupted. */
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

    /** A 429: the next attempt waits {@code Retry-After}. */
    static final class RateLimited extends Transient {
        final long waitMillis;

        RateLimited(String message, long waitMillis) {
            super(Kind.BUSY, message);
            this.waitMillis = waitMillis;
        }
    }

    /** A refusal no attempt will mend; {@code status} the HTTP status (0 when none). */
    static final class Refused extends Exception {
        final Kind kind;
        final int status;

        Refused(Kind kind, int status, String message) {
            super(message, null, false, false);
            this.kind = kind;
            this.status = status;
        }
    }

    /** One page: its records are handed on by {@link #list}; {@code total} is {@code X-Total-Count} (-1 when absent). */
    record Page(long records, long total, boolean hasNext, boolean linked) {}

    /** A whole collection read: records, and the first page's {@code X-Total-Count} (-1 when absent). */
    record Listed(long records, long total) {}

    private final HttpClient http;
    private final OneRosterSettings settings;
    private final Connection.OneRoster connection;
    private final OAuth1Signer signer;
    private final OAuth2Tokens tokens;
    private final Clock clock;
    private final String base;
    private final String shown;
    private final Retry retry;
    private final int attempts;
    private final long deadline;
    private long requests;
    private long pages;

    /** @param attempts attempts per request (1: no retry, for a connection test) */
    OneRosterClient(HttpClient http, OneRosterSettings settings, Connection.OneRoster connection, int attempts, Clock clock)
            throws PullFailure {
        this.http = http;
        this.settings = settings;
        this.connection = connection;
        this.attempts = attempts;
        this.clock = clock;
        this.deadline = System.nanoTime() + settings.maxPullDuration().toNanos();
        URI baseUrl = ProviderAddress.normalized(connection.baseUrl());
        if (!web(baseUrl)) {
            throw new Failed(Kind.ADDRESS, "The OneRoster base URL is not an https address like https://example.oneroster.com/ims/oneroster/"
                    + "v1p1: correct it in the district's rostering settings.", 0);
        }
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath().replaceAll("/+$", "");
        this.base = strip(baseUrl, path).toString();
        this.shown = base;
        if ("OAUTH2".equals(connection.auth())) {
            URI tokenUrl = ProviderAddress.normalized(connection.tokenUrl());
            if (!web(tokenUrl)) {
                throw new Failed(Kind.ADDRESS, "The OneRoster token URL is not an https address: correct it in the district's rostering "
                        + "settings.", 0);
            }
            this.tokens = new OAuth2Tokens(http, settings.requestTimeout(), tokenUrl, connection.clientId(), connection.clientSecret(),
                    "1.2".equals(connection.version()) ? OAuth2Tokens.ONEROSTER_12_CORE_SCOPE : null, clock, settings.tokenMargin());
            this.signer = null;
        } else {
            this.signer = new OAuth1Signer(connection.clientId(), connection.clientSecret(), OAuth1Signer.Method.HMAC_SHA256, clock);
            this.tokens = null;
        }
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.5, settings.maxBackoff());
        this.retry = Retry.of("oneroster", RetryConfig.custom()
                .maxAttempts(attempts)
                .retryOnException(e -> e instanceof Transient)
                .intervalBiFunction((attempt, outcome) -> outcome.isLeft() && outcome.getLeft() instanceof RateLimited r
                        ? r.waitMillis : backoff.apply(attempt))
                .build());
        retry.getEventPublisher().onRetry(e -> log.info("OneRoster request retried (attempt {} of {}) in {} ms: {}",
                e.getNumberOfRetryAttempts() + 1, attempts, e.getWaitInterval().toMillis(), e.getLastThrowable().getMessage()));
    }

    /** HTTP requests sent so far (token requests not included), retries included. */
    long requests() {
        return requests;
    }

    /** Pages read so far. */
    long pages() {
        return pages;
    }

    /** OAuth 2.0 tokens issued to this client so far (0 for OAuth 1.0a). */
    long tokensIssued() {
        return tokens == null ? 0 : tokens.issued();
    }

    /**
     * Reads every record of {@code collection} ({@code orgs}, {@code users}, ...) in pages of {@code limit}, with
     * {@code filter} when not null, telling {@code afterPage} after each page.
     */
    Listed list(String collection, int limit, String filter, Each each, Runnable afterPage) throws PullFailure {
        long offset = 0;
        long total = -1;
        while (true) {
            if (pages >= settings.maxPages()) {
                throw new Failed(Kind.BOUND, "The OneRoster server kept sending further pages: the sync stopped after " + pages + " pages, "
                        + "the most a sync reads (seatkeeper.sync.max-pages). Nothing was changed.", requests);
            }
            Page page = page(collection, limit, offset, filter, each, offset);
            pages++;
            if (total < 0) {
                total = page.total();
            }
            offset += page.records();
            afterPage.run();
            boolean done = page.records() == 0 || (page.total() >= 0 && offset >= page.total())
                    || (page.total() < 0 && page.linked() && !page.hasNext())
                    || (page.total() < 0 && !page.linked() && page.records() < limit);
            if (done) {
                return new Listed(offset, total);
            }
        }
    }

    /** One page of {@code collection}, its records handed to {@code each} numbered from {@code before + 1}. */
    Page page(String collection, int limit, long offset, String filter, Each each, long before) throws PullFailure {
        URI uri = uri(collection, limit, offset, filter);
        Answer answer = fetch(uri, filter != null);
        return parse(answer, uri, collection, each, before);
    }

    /** The address of a page: {@code limit}, {@code offset} and {@code filter}, percent-encoded per RFC 3986 (a space is %20). */
    URI uri(String collection, int limit, long offset, String filter) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", Integer.toString(limit));
        q.put("offset", Long.toString(offset));
        if (filter != null) {
            q.put("filter", filter);
        }
        StringBuilder s = new StringBuilder(base).append('/').append(collection);
        char sep = '?';
        for (Map.Entry<String, String> e : q.entrySet()) {
            s.append(sep).append(e.getKey()).append('=').append(OAuth1Signer.encode(e.getValue()));
            sep = '&';
        }
        return URI.create(s.toString());
    }

    private record Answer(byte[] body, HttpHeaders headers) {}

    private Page parse(Answer answer, URI uri, String collection, Each each, long before) throws PullFailure {
        long n = before;
        boolean listed = false;
        try (JsonParser p = JSON.createParser(answer.body())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notOneRoster(uri, "the answer is not a JSON object");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (collection.equals(name) && value == JsonToken.START_ARRAY) {
                    listed = true;
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        if (t != JsonToken.START_OBJECT) {
                            throw notOneRoster(uri, "an item of its " + collection + " list is not an object");
                        }
                        each.accept(p.readValueAsTree(), ++n);
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw notOneRoster(uri, "the answer is not JSON");
        }
        if (!listed) {
            throw notOneRoster(uri, "the answer has no \"" + collection + "\" list");
        }
        long total = answer.headers().firstValue("X-Total-Count").map(v -> {
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                return -1L;
            }
        }).orElse(-1L);
        Optional<String> link = answer.headers().firstValue("Link");
        boolean next = link.isPresent() && NEXT.matcher(link.get()).find();
        return new Page(n - before, total, next, link.isPresent());
    }

    private Answer fetch(URI uri, boolean filtered) throws PullFailure {
        String what = "GET " + uri.getRawPath();
        boolean refreshed = false;
        while (true) {
            try {
                return retry.executeCheckedSupplier(() -> once(uri, what, filtered));
            } catch (Refused e) {
                if (e.status == 401 && tokens != null && !refreshed) {
                    refreshed = true; // an expired or revoked token mid-run: a new one, once
                    tokens.invalidate();
                    log.info("OneRoster refused the bearer token at {}; asking for a new one", what);
                    continue;
                }
                throw new Failed(e.kind, e.getMessage(), requests);
            } catch (Transient e) {
                throw new Failed(e.kind, e.getMessage() + (attempts > 1 ? " (" + attempts + " attempts)" : "")
                        + ". Nothing was changed; the next sync will try again.", requests);
            } catch (Throwable e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new Failed(Kind.STOPPED, "The sync was stopped while reading the OneRoster server (" + e.getClass().getSimpleName()
                        + "); nothing was changed.", requests);
            }
        }
    }

    /** One request, as the Clever client sends it: the deadline, the host's addresses, then the whole answer in time. */
    private Answer once(URI uri, String what, boolean filtered) throws Transient, Refused {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new Refused(Kind.BOUND, 0, "The sync ran longer than the " + settings.maxPullDuration().toMinutes() + " minutes a sync may "
                    + "take (seatkeeper.sync.max-pull-duration) and was stopped before " + what + ". Nothing was changed.");
        }
        Optional<String> where = ProviderAddress.problem(uri, settings.allowLocal(), true, ProviderAddress.SYSTEM);
        if (where.isPresent()) {
            throw new Refused(Kind.ADDRESS, 0, "The OneRoster base URL " + shown + " " + where.get() + " Correct it in the district's "
                    + "rostering settings. Nothing was changed.");
        }
        String authorization = authorization(uri);
        Duration timeout = settings.requestTimeout().compareTo(Duration.ofNanos(left)) < 0 ? settings.requestTimeout() : Duration.ofNanos(left);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .header("Authorization", authorization).GET().build();
        requests++;
        CleverClient.Capped body = new CleverClient.Capped(settings.maxPageBytes());
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, body);
        HttpResponse<byte[]> r;
        try {
            r = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            body.cancel();
            future.cancel(true);
            throw new Transient(Kind.UNREACHABLE, "The OneRoster server did not answer " + what + " in full within " + timeout.toSeconds()
                    + " seconds");
        } catch (ExecutionException e) {
            body.cancel();
            if (body.tooLarge) {
                throw new Refused(Kind.NOT_ONEROSTER, 0, "The OneRoster server's answer to " + what + " was larger than the "
                        + settings.maxPageBytes() + " bytes a page may be (seatkeeper.sync.max-page-bytes). Nothing was changed.");
            }
            Throwable cause = e.getCause();
            if (has(cause, HttpConnectTimeoutException.class) || has(cause, ConnectException.class)) {
                throw new Transient(Kind.UNREACHABLE, "Could not connect to the OneRoster server at " + shown + ": check the base URL in "
                        + "the district's rostering settings");
            }
            if (has(cause, HttpTimeoutException.class)) {
                throw new Transient(Kind.UNREACHABLE, "The OneRoster server did not answer " + what + " in full within "
                        + timeout.toSeconds() + " seconds");
            }
            throw new Transient(Kind.UNREACHABLE, "The connection to the OneRoster server at " + shown + " broke off during " + what);
        } catch (InterruptedException e) {
            body.cancel();
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new Refused(Kind.STOPPED, 0, "The sync was stopped while waiting for the OneRoster server; nothing was changed.");
        }
        int status = r.statusCode();
        if (status == 200) {
            return new Answer(r.body(), r.headers());
        }
        if (status == 429) {
            throw rateLimited(r, what);
        }
        if (status == 500 || status == 502 || status == 503 || status == 504) {
            throw new Transient(Kind.BUSY, "The OneRoster server kept failing: it answered " + status + " to " + what
                    + statusInfo(r.body()).map(s -> " (" + s + ")").orElse(""));
        }
        throw refused(status, r, what, filtered);
    }

    private String authorization(URI uri) throws Transient, Refused {
        if (signer != null) {
            return signer.authorization("GET", uri);
        }
        Optional<String> where = ProviderAddress.problem(connection.tokenUrl(), settings.allowLocal(), true, ProviderAddress.SYSTEM);
        if (where.isPresent()) {
            throw new Refused(Kind.ADDRESS, 0, "The OneRoster token URL " + connection.tokenUrl() + " " + where.get() + " Correct it in the "
                    + "district's rostering settings. Nothing was changed.");
        }
        try {
            return "Bearer " + tokens.token();
        } catch (OAuth2Tokens.TokenFailure e) {
            if (e.transientFailure) {
                throw new Transient(Kind.UNREACHABLE, "The token endpoint " + connection.tokenUrl() + " did not give a token (no answer or a "
                        + "server error)");
            }
            throw new Refused(Kind.CREDENTIALS, 0, switch (e.errorCode) {
                case "invalid_client", "unauthorized_client" -> "The token endpoint " + connection.tokenUrl() + " refused the client id and "
                        + "secret (" + e.errorCode + "): paste the client id and secret the server gave, in the district's rostering settings.";
                case "invalid_scope" -> "The token endpoint refused the scope " + OAuth2Tokens.ONEROSTER_12_CORE_SCOPE + " (invalid_scope): "
                        + "ask the server's administrator to grant the client the OneRoster roster-core read scope.";
                default -> "The token endpoint " + connection.tokenUrl() + " did not give a token" + (e.errorCode.isEmpty() ? "" : " ("
                        + e.errorCode + ")") + ": check the token URL, client id and secret in the district's rostering settings.";
            });
        }
    }

    private Refused refused(int status, HttpResponse<byte[]> r, String what, boolean filtered) {
        String info = statusInfo(r.body()).map(s -> " The server said: " + s + ".").orElse("");
        return switch (status) {
            case 401 -> signer == null
                    ? new Refused(Kind.TOKEN, 401, "The OneRoster server refused the access token (401) to " + what + " even after a new one "
                            + "was issued: check the client id, secret and token URL in the district's rostering settings." + info)
                    : skew(r.headers()).map(s -> new Refused(Kind.CLOCK, 401, "The OneRoster server refused the signature (401) and its "
                            + "clock is " + s + " away from ours: signed requests are only accepted within minutes of the server's time. "
                            + "Correct the clock of this Seatkeeper or of the server, then sync again." + info))
                    .orElseGet(() -> new Refused(Kind.SIGNATURE, 401, "The OneRoster server refused the signature (401) to " + what
                            + ": the client id (key) or secret is wrong. Paste them again as the server gives them, in the district's "
                            + "rostering settings." + info));
            case 403 -> new Refused(Kind.FORBIDDEN, 403, "The OneRoster server refused access to " + what + " (403): the client lacks the "
                    + "scope or permission to read it" + (tokens == null ? "" : " (OneRoster 1.2: " + OAuth2Tokens.ONEROSTER_12_CORE_SCOPE
                    + ")") + ". Ask the server's administrator to grant it, then sync again." + info);
            case 404 -> new Refused(Kind.NOT_FOUND, 404, "The OneRoster server answered 404 Not Found to " + what + ": the base URL's path "
                    + "is wrong. It is the service root with its path, e.g. …/ims/oneroster/v1p1 (1.1) or …/ims/oneroster/rostering/v1p2 "
                    + "(1.2): correct it in the district's rostering settings." + info);
            case 400 -> filtered ? new Refused(Kind.FILTER_REFUSED, 400, "The OneRoster server refused the changes-only request (400 to a "
                    + "filter on dateLastModified)." + info)
                    : new Refused(Kind.NOT_ONEROSTER, 400, "The OneRoster server refused " + what + " (400)." + info);
            default -> new Refused(Kind.NOT_ONEROSTER, status, "The OneRoster server refused " + what + " (" + status + "); nothing was "
                    + "changed. If it happens again, tell support the run's id." + info);
        };
    }

    /** How far the server's {@code Date} is from our clock, in words, when more than the allowed skew. */
    private Optional<String> skew(HttpHeaders headers) {
        Optional<String> date = headers.firstValue("Date");
        if (date.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant theirs = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(clock.instant(), theirs).abs();
            return d.compareTo(settings.maxClockSkew()) > 0 ? Optional.of(d.toMinutes() >= 1 ? d.toMinutes() + " minutes"
                    : d.toSeconds() + " seconds") : Optional.empty();
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * OneRoster's error envelope ({@code imsx_StatusInfoDType}, at the top or nested, e.g. {@code statusInfoSet}) in words:
     * {@code codeMajor/severity/codeMinor: description}, printable characters only, at most 300 of them.
     */
    static Optional<String> statusInfo(byte[] body) {
        if (body == null || body.length == 0 || body.length > 1 << 20) {
            return Optional.empty();
        }
        JsonNode info;
        try {
            info = find(JSON.readTree(body), 0);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (info == null) {
            return Optional.empty();
        }
        List<String> minors = new ArrayList<>();
        info.path("imsx_CodeMinor").path("imsx_codeMinorField").values().forEach(f -> minors.add(
                OneRosterRecords.text(f, "imsx_codeMinorFieldValue")));
        String s = OneRosterRecords.text(info, "imsx_codeMajor") + "/" + OneRosterRecords.text(info, "imsx_severity")
                + (minors.isEmpty() ? "" : "/" + String.join(",", minors))
                + Optional.ofNullable(OneRosterRecords.text(info, "imsx_description")).map(d -> ": " + d).orElse("");
        s = s.codePoints().filter(cp -> !Character.isISOControl(cp)).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append).toString();
        return Optional.of(s.length() > 300 ? s.substring(0, 300) + "…" : s);
    }

    private static JsonNode find(JsonNode node, int depth) {
        if (node == null || depth > 4) {
            return null;
        }
        if (node.isObject() && node.has("imsx_codeMajor")) {
            return node;
        }
        if (node.isContainer()) {
            for (JsonNode child : node.values()) {
                JsonNode found = find(child, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private RateLimited rateLimited(HttpResponse<byte[]> r, String what) throws Refused {
        long wait = r.headers().firstValue("Retry-After").map(v -> retryAfterMillis(v, clock.instant())).orElse(-1L);
        wait = wait < 0 ? settings.initialBackoff().toMillis() : wait;
        if (wait > settings.maxRateLimitWait().toMillis()) {
            throw new Refused(Kind.BUSY, 429, "The OneRoster server's rate limit asked the sync to wait " + Math.round(wait / 1000.0)
                    + " seconds before " + what + ", longer than the " + settings.maxRateLimitWait().toSeconds() + " seconds a sync may "
                    + "wait (seatkeeper.sync.max-rate-limit-wait). Nothing was changed; the next sync will try again.");
        }
        return new RateLimited("The OneRoster server's rate limit (429) held back " + what, wait);
    }

    /** {@code Retry-After} (RFC 9110 §10.2.3): seconds, or an HTTP date; -1 when neither. */
    static long retryAfterMillis(String value, Instant now) {
        String v = value.strip();
        try {
            return Math.max(0, Long.parseLong(v) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                return Math.max(0, Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)).toMillis());
            } catch (DateTimeException notADate) {
                return -1;
            }
        }
    }

    private PullFailure notOneRoster(URI uri, String why) {
        return new Failed(Kind.NOT_ONEROSTER, "The server at " + shown + " did not answer GET " + uri.getRawPath() + " as a OneRoster "
                + connection.version() + " server does (" + why + "): check the base URL and version in the district's rostering "
                + "settings. Nothing was changed.", requests);
    }

    private static boolean web(URI uri) {
        if (uri == null || uri.getHost() == null) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http");
    }

    private static URI strip(URI uri, String path) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), path.isEmpty() ? null : path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an address", e);
        }
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
