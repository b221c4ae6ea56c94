package com.seatkeeper.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A OneRoster REST server on loopback for tests (JDK {@code HttpServer}, port chosen by the system): OneRoster 1.1 at
 * {@code /ims/oneroster/v1p1} signed with OAuth 1.0a (RFC 5849, HMAC-SHA256 two-legged, as ClassLink's Roster Server), or
 * OneRoster 1.2 at {@code /ims/oneroster/rostering/v1p2} with OAuth 2.0 client-credentials tokens from {@code POST /token}
 * (RFC 6749 §4.4), shaped as ../shared/specs/README.md and the 1.2 OpenAPI definition
 * (../shared/specs/oneroster/onerosterv1p2rostersservice_openapi3_v1p0.json) say.
 *
 * <p>Serves {@code GET <base>/<collection>} for {@code orgs}, {@code academicSessions}, {@code courses}, {@code classes},
 * {@code users}, {@code enrollments} and the views {@code schools} (orgs of type school), {@code students},
 * {@code teachers} (users with that role) and {@code terms}, with {@code limit} (default 100), {@code offset},
 * {@code filter} ({@link OneRosterFilter}), {@code sort}/{@code orderBy} and {@code fields}; the envelope
 * {@code {"users":[…]}}, {@code X-Total-Count} and a {@code Link} header with {@code next}, {@code last}, {@code first}
 * and {@code prev}; and {@code GET <base>/<collection>/{sourcedId}} as {@code {"user":{…}}}. Pages are offsets into the
 * data as it is at each request (see {@link OneRosterData}). Every error is an {@code imsx_StatusInfoDType} envelope
 * (codeMajor {@code failure}, severity {@code error}, a description, and a code minor such as {@code invalid_filter_field},
 * {@code unauthorisedrequest}, {@code forbidden}, {@code unknownobject}, {@code server_busy}).
 *
 * <p>Faults for the connector's tests: a cap on {@code limit}, a server that ignores or refuses filters, failures and
 * 429s for the next requests, tokens that expire, connections closed mid-response, a skewed clock. Every request is
 * recorded with its Authorization header (test credentials only).
 */
public final class OneRosterStandIn implements AutoCloseable {
    /** 1.2 scope for the core read operations; this or {@link #SCOPE_ROSTER} is required for every list and record. */
    public static final String SCOPE_CORE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";
    /** 1.2 scope for all read operations but demographics. */
    public static final String SCOPE_ROSTER = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly";
    /** 1.2 scope for demographics only: a token with just this one gets 403 on rostering lists. */
    public static final String SCOPE_DEMOGRAPHICS = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly";

    private static final int DEFAULT_LIMIT = 100;
    private static final Map<String, String> SINGULAR = Map.of("orgs", "org", "academicSessions", "academicSession", "courses", "course",
            "classes", "class", "users", "user", "enrollments", "enrollment");

    /**
     * One request as the stand-in saw it.
     *
     * @param method        the HTTP method
     * @param path          the raw path (e.g. {@code /ims/oneroster/v1p1/users})
     * @param rawQuery      the query as sent (percent-encoded), or null
     * @param query         the query parameters decoded (form decoding, {@code +} is a space), last value wins
     * @param authorization the {@code Authorization} header, or null
     * @param status        the status answered; -1 when the connection was closed mid-response ({@link #breakAfter})
     */
    public record RecordedRequest(String method, String path, String rawQuery, Map<String, String> query, String authorization,
                                  int status) {}

    /** A fault for the next matching request: answer {@code status} (0: answer normally) after {@code delay} (may be null). */
    private record Fault(String pathPart, int status, Duration retryAfter, Duration delay) {}

    private record Token(Instant expires, Set<String> scopes) {}

    /** A listed path: the collection it reads, its envelope's names, and which records it keeps. */
    private record View(String name, String collection, String many, String one, Predicate<OneRosterData.Entry> keep) {}

    private record Answer(int status, ObjectNode body, Map<String, String> headers) {
        Answer(int status, ObjectNode body) {
            this(status, body, Map.of());
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final boolean v12;
    private final String basePath;
    private final String clientId;
    private final String clientSecret;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "oneroster-stand-in");
        t.setDaemon(true);
        return t;
    });
    private final OneRosterSignatureCheck signatures = new OneRosterSignatureCheck();
    private final List<Fault> faults = new ArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final AtomicLong tokensIssued = new AtomicLong();
    private final AtomicLong dataRequests = new AtomicLong();
    private volatile OneRosterData data = new OneRosterData();
    private volatile int maxLimit;
    private volatile boolean ignoreDeltaFilter;
    private volatile boolean refuseFilter;
    private volatile boolean acceptSha1;
    private volatile boolean linkHeader = true;
    private volatile boolean totalCountHeader = true;
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private volatile Duration clockSkew = Duration.ZERO;
    private volatile long breakAt = Long.MAX_VALUE;
    private volatile Set<String> grantedScopes = Set.of(SCOPE_CORE, SCOPE_ROSTER, SCOPE_DEMOGRAPHICS);
    private volatile OneRosterValidation validation;
    private final List<String> validationProblems = new CopyOnWriteArrayList<>();

    private OneRosterStandIn(boolean v12, String clientId, String clientSecret) {
        this.v12 = v12;
        this.basePath = v12 ? "/ims/oneroster/rostering/v1p2" : "/ims/oneroster/v1p1";
        this.clientId = Objects.requireNonNull(clientId);
        this.clientSecret = Objects.requireNonNull(clientSecret);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** A running OneRoster 1.1 server (empty data) that requires every request signed with OAuth 1.0a HMAC-SHA256 by this client. */
    public static OneRosterStandIn v11(String clientId, String clientSecret) {
        return new OneRosterStandIn(false, clientId, clientSecret);
    }

    /** A running OneRoster 1.2 server (empty data) that issues bearer tokens to this client at {@link #tokenUrl()}. */
    public static OneRosterStandIn v12(String clientId, String clientSecret) {
        return new OneRosterStandIn(true, clientId, clientSecret);
    }

    /** The service root with its path, e.g. {@code http://127.0.0.1:41234/ims/oneroster/v1p1}. */
    public URI baseUrl() {
        return URI.create(root() + basePath);
    }

    /** 1.2: the token endpoint, {@code http://127.0.0.1:PORT/token}; 1.1: null (no tokens). */
    public URI tokenUrl() {
        return v12 ? URI.create(root() + "/token") : null;
    }

    private String root() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** The served data (mutable while served). */
    public OneRosterData data() {
        return data;
    }

    /** Serves another data set from now on (e.g. {@link OneRosterData#fromSample} or {@link OneRosterData#generate}). */
    public OneRosterStandIn serve(OneRosterData data) {
        this.data = Objects.requireNonNull(data);
        return this;
    }

    /** Stops the server at once (open connections are dropped) and its threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- behaviour and faults ----

    /** Sends at most {@code n} records a page whatever {@code limit} asks (0: no cap); links step by what was sent. */
    public OneRosterStandIn maxLimit(int n) {
        this.maxLimit = n;
        return this;
    }

    /** A filter that compares {@code dateLastModified} is ignored: everything is answered (a server without deltas). */
    public OneRosterStandIn ignoreDeltaFilter(boolean b) {
        this.ignoreDeltaFilter = b;
        return this;
    }

    /** Any {@code filter} is answered with 400 and {@code invalid_filter_field} (a server that supports no filtering). */
    public OneRosterStandIn refuseFilter(boolean b) {
        this.refuseFilter = b;
        return this;
    }

    /** The next {@code n} requests whose path (and query) contain {@code pathPart} (null: any) answer {@code status} with an envelope. */
    public synchronized OneRosterStandIn failNext(String pathPart, int n, int status) {
        for (int i = 0; i < n; i++) {
            faults.add(new Fault(pathPart, status, null, null));
        }
        return this;
    }

    /** The next {@code n} matching requests answer 429 with {@code Retry-After} in whole seconds (rounded up). */
    public synchronized OneRosterStandIn rateLimitNext(String pathPart, int n, Duration retryAfter) {
        for (int i = 0; i < n; i++) {
            faults.add(new Fault(pathPart, 429, retryAfter, null));
        }
        return this;
    }

    /** The next {@code n} matching requests are answered normally, but only after {@code delay} (a client's timeout). */
    public synchronized OneRosterStandIn delayNext(String pathPart, int n, Duration delay) {
        for (int i = 0; i < n; i++) {
            faults.add(new Fault(pathPart, 0, null, delay));
        }
        return this;
    }

    /** Whether lists carry the {@code Link} header (default true; some servers send only {@code X-Total-Count}). */
    public OneRosterStandIn linkHeader(boolean b) {
        this.linkHeader = b;
        return this;
    }

    /** Whether lists carry {@code X-Total-Count} (default true; some servers send only {@code Link}). */
    public OneRosterStandIn totalCountHeader(boolean b) {
        this.totalCountHeader = b;
        return this;
    }

    /** 1.2: how long tokens issued from now on live ({@code expires_in}); an expired token gets 401 {@code invalid_token}. */
    public OneRosterStandIn tokenLifetime(Duration d) {
        this.tokenLifetime = d;
        return this;
    }

    /** 1.2: every token issued so far expires now. */
    public OneRosterStandIn expireTokensNow() {
        Instant past = Instant.now().minusSeconds(1);
        tokens.replaceAll((t, token) -> new Token(past, token.scopes()));
        return this;
    }

    /** 1.2: the scopes this client may be granted (a token asks for some or, without {@code scope}, gets all). */
    public OneRosterStandIn grantedScopes(String... scopes) {
        this.grantedScopes = Set.of(scopes);
        return this;
    }

    /**
     * After {@code requests} more data requests are answered 200 (token requests and refusals are not counted), every
     * later one that would be 200 gets its status, headers and half its body, then the connection is closed: a run broken
     * off midway. {@link #mend} ends it.
     */
    public OneRosterStandIn breakAfter(int requests) {
        this.breakAt = dataRequests.get() + requests;
        return this;
    }

    /** Answers whole again after {@link #breakAfter}. */
    public OneRosterStandIn mend() {
        this.breakAt = Long.MAX_VALUE;
        return this;
    }

    /** 1.1: the server's clock is the real one plus {@code d}; requests whose timestamp is outside ±5 minutes of it are refused. */
    public OneRosterStandIn clockSkew(Duration d) {
        this.clockSkew = d;
        return this;
    }

    /** 1.1: also accept HMAC-SHA1 signatures (RFC 5849's examples); HMAC-SHA256 only by default. */
    public OneRosterStandIn acceptSha1(boolean b) {
        this.acceptSha1 = b;
        return this;
    }

    /**
     * 1.2: checks every 200 response body against the 1.2 OpenAPI definition as it is sent and keeps what does not
     * validate ({@link #validationProblems}); off by default (it costs time on large pages).
     */
    public OneRosterStandIn validateResponses(boolean b) {
        this.validation = b ? OneRosterValidation.v12() : null;
        return this;
    }

    /** What did not validate since {@link #validateResponses} was turned on: {@code <path>: <message>}. */
    public List<String> validationProblems() {
        return List.copyOf(validationProblems);
    }

    // ---- what happened ----

    /** Every request so far, in order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests whose path contains the text. */
    public List<RecordedRequest> requests(String pathPart) {
        return requests.stream().filter(r -> r.path().contains(pathPart)).toList();
    }

    /** 1.2: how many tokens {@code /token} has issued. */
    public long tokensIssued() {
        return tokensIssued.get();
    }

    /** Forgets the recorded requests. */
    public void resetRequests() {
        requests.clear();
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        Map<String, String> query = decodedQuery(rawQuery);
        try (exchange) {
            boolean tokenPath = v12 && path.equals("/token");
            Answer answer;
            byte[] body;
            try {
                Fault fault = takeFault(path + (rawQuery == null ? "" : "?" + rawQuery));
                if (fault != null && fault.delay() != null) {
                    sleep(fault.delay());
                }
                answer = fault != null && fault.status() != 0 ? fault(fault)
                        : tokenPath ? token(exchange, method) : data(exchange, method, path, rawQuery, query, auth);
                body = json.writeValueAsBytes(answer.body());
            } catch (RuntimeException e) {
                answer = new Answer(500, envelope("internal_server_error", "the stand-in failed: " + e));
                body = json.writeValueAsBytes(answer.body());
            }
            boolean broken = !tokenPath && answer.status() == 200 && dataRequests.incrementAndGet() > breakAt;
            requests.add(new RecordedRequest(method, path, rawQuery, query, auth, broken ? -1 : answer.status()));
            if (broken) {
                sendHalf(exchange, answer, body);
                throw new BrokenOff();
            }
            OneRosterValidation v = validation;
            if (answer.status() == 200 && v != null && !tokenPath) {
                validationProblems.addAll(v.check(path.substring(basePath.length()), body));
            }
            send(exchange, answer, body);
        }
    }

    /** Thrown out of the handler so that the JDK server closes the connection mid-response. */
    private static final class BrokenOff extends RuntimeException {
        BrokenOff() {
            super("connection closed mid-response (breakAfter)", null, false, false);
        }
    }

    private Answer data(HttpExchange exchange, String method, String path, String rawQuery, Map<String, String> query, String auth) {
        if (!path.startsWith(basePath + "/")) {
            return new Answer(404, envelope("unknownobject", "no service at " + path + "; the service root is " + basePath));
        }
        Optional<Answer> refused = v12 ? bearer(auth) : signed(exchange, method, path, rawQuery, auth);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!method.equals("GET")) {
            return new Answer(405, envelope("invaliddata", method + " is not supported: the rostering service is read-only"));
        }
        String[] parts = path.substring(basePath.length() + 1).split("/");
        View view = view(parts[0]);
        if (view == null || parts.length > 2) {
            return new Answer(404, envelope("unknownobject", "the stand-in does not serve " + path));
        }
        return parts.length == 2 ? one(view, parts[1]) : list(view, query);
    }

    private View view(String name) {
        return switch (name) {
            case "orgs", "academicSessions", "courses", "classes", "users", "enrollments" ->
                    new View(name, name, name, SINGULAR.get(name), null);
            case "schools" -> new View(name, "orgs", "orgs", "org", e -> "school".equals(e.record().get().path("type").asString(null)));
            case "terms" -> new View(name, "academicSessions", "academicSessions", "academicSession",
                    e -> "term".equals(e.record().get().path("type").asString(null)));
            case "students" -> new View(name, "users", "users", "user", e -> hasRole(e, "student"));
            case "teachers" -> new View(name, "users", "users", "user", e -> hasRole(e, "teacher"));
            default -> null;
        };
    }

    private static boolean hasRole(OneRosterData.Entry e, String role) {
        ObjectNode u = e.record().get();
        if (role.equals(u.path("role").asString(null))) {
            return true;
        }
        for (var r : u.path("roles")) {
            if (role.equals(r.path("role").asString(null))) {
                return true;
            }
        }
        return false;
    }

    private Answer one(View view, String sourcedId) {
        OneRosterData d = data;
        ObjectNode r = d.record(view.collection(), sourcedId);
        if (r == null || (view.keep() != null && !view.keep().test(OneRosterData.Entry.of(r, () -> r)))) {
            return new Answer(404, envelope("unknownobject", view.one() + " " + sourcedId + " is not known"));
        }
        ObjectNode body = json.createObjectNode();
        body.set(view.one(), r);
        return new Answer(200, body);
    }

    /** A request refused while it is read: the answer to give instead. */
    private static final class Refused extends RuntimeException {
        private final transient Answer answer;

        Refused(Answer answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    private Answer list(View view, Map<String, String> query) {
        try {
            int limit = number(query, "limit", DEFAULT_LIMIT, 1);
            int offset = number(query, "offset", 0, 0);
            OneRosterData d = data;
            d.beforePage(view.collection(), offset);
            Predicate<OneRosterData.Entry> keep = keep(view, query.get("filter"));
            Comparator<OneRosterData.Entry> sort = sort(query.get("sort"), query.get("orderBy"), view.collection());
            List<OneRosterData.Entry> all = d.select(view.collection(), keep, sort);
            int size = maxLimit > 0 ? Math.min(limit, maxLimit) : limit;
            List<OneRosterData.Entry> page = offset >= all.size() ? List.of() : all.subList(offset, Math.min(all.size(), offset + size));
            List<String> fields = query.containsKey("fields") ? List.of(query.get("fields").split(",")) : null;
            ObjectNode body = json.createObjectNode();
            ArrayNode items = body.putArray(view.many());
            for (OneRosterData.Entry e : page) {
                items.add(fields == null ? e.record().get() : e.record().get().retain(fields));
            }
            Map<String, String> headers = new LinkedHashMap<>();
            if (totalCountHeader) {
                headers.put("X-Total-Count", Integer.toString(all.size()));
            }
            if (linkHeader) {
                headers.put("Link", links(view, query, limit, offset, page.size(), size, all.size()));
            }
            return new Answer(200, body, headers);
        } catch (Refused r) {
            return r.answer;
        }
    }

    private int number(Map<String, String> query, String name, int absent, int least) {
        try {
            int n = query.containsKey(name) ? Integer.parseInt(query.get(name)) : absent;
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Refused(new Answer(400, envelope("invaliddata", name + " must be a whole number of at least " + least)));
    }

    /** The view's own condition and the request's filter (unless refused, or ignored as a delta filter). */
    private Predicate<OneRosterData.Entry> keep(View view, String filter) {
        if (filter == null) {
            return view.keep();
        }
        if (refuseFilter) {
            throw new Refused(new Answer(400, envelope("invalid_filter_field", "this server does not support filter")));
        }
        OneRosterFilter parsed;
        try {
            parsed = OneRosterFilter.parse(filter, view.collection());
        } catch (IllegalArgumentException e) {
            throw new Refused(new Answer(400, envelope("invalid_filter_field", "filter " + filter + ": " + e.getMessage())));
        }
        if (ignoreDeltaFilter && parsed.mentions("dateLastModified")) {
            return view.keep();
        }
        return view.keep() == null ? parsed.matcher() : view.keep().and(parsed.matcher());
    }

    /**
     * The order {@code sort} and {@code orderBy} ask for, ties by sourcedId; null for the default (ascending sourcedId).
     * Sorting by a field other than sourcedId, status or dateLastModified builds the records: meant for small data sets.
     */
    private Comparator<OneRosterData.Entry> sort(String field, String orderBy, String collection) {
        if (field == null) {
            return "desc".equals(orderBy) ? Comparator.comparing(OneRosterData.Entry::sourcedId).reversed() : null;
        }
        try {
            OneRosterFilter.checkField(field, collection);
        } catch (IllegalArgumentException e) {
            throw new Refused(new Answer(400, envelope("invalid_selection_field", "sort " + field + ": " + e.getMessage())));
        }
        Comparator<OneRosterData.Entry> c = Comparator.comparing(e -> switch (field) {
            case "sourcedId" -> e.sourcedId();
            case "status" -> Objects.toString(e.status(), "");
            case "dateLastModified" -> Objects.toString(e.dateLastModified(), "");
            default -> e.record().get().path(field).asString("");
        });
        c = c.thenComparing(OneRosterData.Entry::sourcedId);
        return "desc".equals(orderBy) ? c.reversed() : c;
    }

    /** RFC 8288 links to the next, last, first and previous pages, keeping every other query parameter. */
    private String links(View view, Map<String, String> query, int limit, int offset, int sent, int size, int total) {
        List<String> links = new ArrayList<>();
        if (offset + sent < total && sent > 0) {
            links.add(link(view, query, limit, offset + sent, "next"));
        }
        int lastOffset = total == 0 ? 0 : (total - 1) / size * size;
        links.add(link(view, query, limit, lastOffset, "last"));
        links.add(link(view, query, limit, 0, "first"));
        if (offset > 0) {
            links.add(link(view, query, limit, Math.max(0, offset - size), "prev"));
        }
        return String.join(", ", links);
    }

    private String link(View view, Map<String, String> query, int limit, int offset, String rel) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("limit", Integer.toString(limit));
        q.put("offset", Integer.toString(offset));
        StringBuilder url = new StringBuilder(baseUrl().toString()).append('/').append(view.name());
        char sep = '?';
        for (Map.Entry<String, String> p : q.entrySet()) {
            url.append(sep).append(OneRosterSignatureCheck.encode(p.getKey())).append('=')
                    .append(OneRosterSignatureCheck.encode(p.getValue()));
            sep = '&';
        }
        return "<" + url + ">; rel=\"" + rel + "\"";
    }

    // ---- authentication ----

    /** 1.2: a known, unexpired bearer token with a rostering scope (RFC 6750 §3.1 for the refusals' WWW-Authenticate). */
    private Optional<Answer> bearer(String auth) {
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(new Answer(401, envelope("unauthorisedrequest", "an Authorization: Bearer token is required"),
                    Map.of("WWW-Authenticate", "Bearer realm=\"OneRoster\"")));
        }
        Token token = tokens.get(auth.substring(7).strip());
        if (token == null || !Instant.now().isBefore(token.expires())) {
            String why = token == null ? "the access token is not known" : "the access token expired";
            return Optional.of(new Answer(401, envelope("unauthorisedrequest", why),
                    Map.of("WWW-Authenticate", "Bearer realm=\"OneRoster\", error=\"invalid_token\", error_description=\"" + why + "\"")));
        }
        if (!token.scopes().contains(SCOPE_CORE) && !token.scopes().contains(SCOPE_ROSTER)) {
            String why = "the token lacks the scope " + SCOPE_CORE + " (or " + SCOPE_ROSTER + ")";
            return Optional.of(new Answer(403, envelope("forbidden", why),
                    Map.of("WWW-Authenticate", "Bearer realm=\"OneRoster\", error=\"insufficient_scope\", scope=\"" + SCOPE_CORE + "\"")));
        }
        return Optional.empty();
    }

    /** 1.1: an OAuth 1.0a signature over the request as the client addressed it (the Host header's host and port). */
    private Optional<Answer> signed(HttpExchange exchange, String method, String path, String rawQuery, String auth) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        URI uri = URI.create("http://" + (host == null ? "127.0.0.1" : host) + path + (rawQuery == null ? "" : "?" + rawQuery));
        Optional<String> failed;
        synchronized (signatures) {
            failed = signatures.check(method, uri, auth, clientId, clientSecret, Instant.now().plus(clockSkew), acceptSha1);
        }
        return failed.map(why -> new Answer(401, envelope("unauthorisedrequest", "OAuth 1.0a " + why),
                Map.of("WWW-Authenticate", "OAuth realm=\"OneRoster\"")));
    }

    /**
     * {@code POST /token}: RFC 6749 §4.4 client credentials. The client authenticates with HTTP Basic (§2.3.1: id and
     * secret form-encoded, then Basic; unencoded ones are accepted too, as real servers do) or {@code client_id}/
     * {@code client_secret} form parameters, not both;
     * {@code grant_type=client_credentials}; an optional space-separated {@code scope} within the granted ones. Answers
     * §5.1 {@code {access_token, token_type: "bearer", expires_in, scope}} or §5.2 errors ({@code invalid_client} 401,
     * {@code invalid_request}, {@code unsupported_grant_type}, {@code invalid_scope} 400).
     */
    private Answer token(HttpExchange exchange, String method) throws IOException {
        if (!method.equals("POST")) {
            return oauthError(405, "invalid_request", "the token endpoint takes POST");
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return oauthError(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
        }
        Map<String, String> form = decodedQuery(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        try {
            authenticateClient(exchange.getRequestHeaders().getFirst("Authorization"), form);
        } catch (Refused r) {
            return r.answer;
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(400, form.containsKey("grant_type") ? "unsupported_grant_type" : "invalid_request",
                    "grant_type must be client_credentials");
        }
        Set<String> scopes = form.containsKey("scope") ? new LinkedHashSet<>(List.of(form.get("scope").strip().split(" +")))
                : grantedScopes;
        if (!grantedScopes.containsAll(scopes)) {
            return oauthError(400, "invalid_scope", "this client may be granted only " + String.join(" ", grantedScopes));
        }
        String token = "or-token-" + UUID.randomUUID();
        Duration lifetime = tokenLifetime;
        tokens.put(token, new Token(Instant.now().plus(lifetime), Set.copyOf(scopes)));
        tokensIssued.incrementAndGet();
        ObjectNode body = json.createObjectNode().put("access_token", token).put("token_type", "bearer")
                .put("expires_in", lifetime.toSeconds()).put("scope", String.join(" ", scopes));
        return new Answer(200, body, Map.of("Cache-Control", "no-store", "Pragma", "no-cache"));
    }

    /** RFC 6749 §2.3.1: HTTP Basic or {@code client_id}/{@code client_secret} in the form, not both. @throws Refused otherwise */
    private void authenticateClient(String auth, Map<String, String> form) {
        boolean basic = auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6);
        if (basic && form.containsKey("client_secret")) {
            throw new Refused(oauthError(400, "invalid_request", "use HTTP Basic or client_secret in the body, not both"));
        }
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        if (basic) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(auth.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                pair = "";
            }
            int colon = pair.indexOf(':');
            id = colon < 0 ? null : pair.substring(0, colon);
            secret = colon < 0 ? null : pair.substring(colon + 1);
            if (colon >= 0 && (!clientId.equals(id) || !clientSecret.equals(secret))) {
                id = decodeOrKeep(id);
                secret = decodeOrKeep(secret);
            }
        }
        if (!clientId.equals(id) || !clientSecret.equals(secret)) {
            Answer a = oauthError(401, "invalid_client", "client authentication failed");
            throw new Refused(basic ? new Answer(401, a.body(), Map.of("WWW-Authenticate", "Basic realm=\"OneRoster\"")) : a);
        }
    }

    /** RFC 6749 §2.3.1 form-encodes the id and secret inside Basic; many clients do not: both are accepted. */
    private static String decodeOrKeep(String s) {
        try {
            return OneRosterSignatureCheck.decode(s, true);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private Answer oauthError(int status, String error, String description) {
        return new Answer(status, json.createObjectNode().put("error", error).put("error_description", description));
    }

    // ---- faults and sending ----

    private synchronized Fault takeFault(String target) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault f = it.next();
            if (f.pathPart() == null || target.contains(f.pathPart())) {
                it.remove();
                return f;
            }
        }
        return null;
    }

    private Answer fault(Fault f) {
        String minor = switch (f.status()) {
            case 400 -> "invaliddata";
            case 401 -> "unauthorisedrequest";
            case 403 -> "forbidden";
            case 404 -> "unknownobject";
            case 429, 503 -> "server_busy";
            default -> "internal_server_error";
        };
        ObjectNode body = envelope(minor, "injected fault: " + f.status());
        if (f.retryAfter() != null) {
            long seconds = (f.retryAfter().toMillis() + 999) / 1000;
            return new Answer(f.status(), body, Map.of("Retry-After", Long.toString(seconds)));
        }
        return new Answer(f.status(), body);
    }

    /** The {@code imsx_StatusInfoDType} error envelope of the OneRoster REST bindings. */
    private ObjectNode envelope(String codeMinor, String description) {
        ObjectNode e = json.createObjectNode().put("imsx_codeMajor", "failure").put("imsx_severity", "error")
                .put("imsx_description", description);
        e.putObject("imsx_CodeMinor").putArray("imsx_codeMinorField").addObject().put("imsx_codeMinorFieldName", "TargetEndSystem")
                .put("imsx_codeMinorFieldValue", codeMinor);
        return e;
    }

    private void send(HttpExchange exchange, Answer answer, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void sendHalf(HttpExchange exchange, Answer answer, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> decodedQuery(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        try {
            for (OneRosterSignatureCheck.Param p : OneRosterSignatureCheck.queryParams(raw)) {
                q.put(p.name(), p.value());
            }
        } catch (IllegalArgumentException e) {
            q.put("", raw);
        }
        return q;
    }
}
