package com.seatkeeper.support;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like client of the web console over real HTTP (java.net.http): keeps the session
 * cookie, never follows redirects (so a 302 to /login stays visible), and sends the CSRF token
 * the way the console does: as the hidden {@code _csrf} form field for form posts, as the
 * {@code X-CSRF-TOKEN} header for htmx requests.
 *
 * <pre>
 *   ConsoleClient c = ConsoleClient.signedIn(port, "admin@example.test", "pw");
 *   c.get("/licenses").status();              // 200
 *   c.post("/some/form", Map.of("x", "1"));   // with _csrf
 *   c.postWithoutCsrf("/some/form", Map.of()) // 403
 *   ConsoleClient.anonymous(port).get("/licenses").redirectsToLogin();
 * </pre>
 */
public final class ConsoleClient {
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

    private final String base;
    private final HttpClient client;
    private String csrf;

    private ConsoleClient(int port) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private ConsoleClient(int port, HttpClient client, String csrf) {
        this.base = "http://localhost:" + port;
        this.client = client;
        this.csrf = csrf;
    }

    /**
     * The same browser talking to another instance (as behind a load balancer): same cookies, and the CSRF token this
     * client read from its own instance's page.
     */
    public ConsoleClient onPort(int otherPort) {
        return new ConsoleClient(otherPort, client, csrf());
    }

    /** A client that has not signed in. */
    public static ConsoleClient anonymous(int port) {
        return new ConsoleClient(port);
    }

    /** A client signed in through the real form (GET /login, read _csrf, POST /login); fails when the sign-in is refused. */
    public static ConsoleClient signedIn(int port, String email, String password) {
        ConsoleClient c = new ConsoleClient(port);
        Response r = c.signIn(email, password);
        String location = r.location();
        if (r.status() != 302 || location == null || location.contains("/login")) {
            throw new AssertionError("sign-in of " + email + " failed: " + r.status() + " -> " + location);
        }
        return c;
    }

    /** Posts the sign-in form; returns the raw answer (302 to / on success, to /login?error on failure). */
    public Response signIn(String email, String password) {
        Response login = get("/login");
        String token = csrfFrom(login.body());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("email", email);
        form.put("password", password);
        form.put("_csrf", token);
        Response r = send("POST", "/login", form(form), "application/x-www-form-urlencoded", Map.of());
        csrf = null; // the token changes with the session at sign-in
        return r;
    }

    /**
     * Posts the sign-in form as a client at another address (X-Forwarded-For, which the tests' server trusts from
     * localhost as it would from a proxy).
     */
    public Response signInFrom(String address, String email, String password) {
        Response login = get("/login");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("email", email);
        form.put("password", password);
        form.put("_csrf", csrfFrom(login.body()));
        Response r = send("POST", "/login", form(form), "application/x-www-form-urlencoded", Map.of("X-Forwarded-For", address));
        csrf = null;
        return r;
    }

    public record Response(int status, String body, HttpHeaders headers) {
        public String location() {
            return headers.firstValue("Location").orElse(null);
        }

        /** A 302 to the sign-in page (what an anonymous visitor of a console page gets). */
        public boolean redirectsToLogin() {
            return status == 302 && location() != null && location().matches("^(https?://[^/]+)?/login.*");
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            String b = body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "…" : body;
            return status + (location() != null ? " -> " + location() : "") + " " + b;
        }
    }

    public Response get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), null, Map.of());
    }

    /** A GET as a browser sends it for a page (Accept: text/html), e.g. to see Boot's error page rather than its JSON. */
    public Response getPage(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), null, Map.of("Accept", "text/html,application/xhtml+xml"));
    }

    /**
     * A GET whose body is read as it arrives (a large download, e.g. a CSV export), with the session's cookies; the caller
     * reads and closes the stream. No time-out on the body.
     */
    public HttpResponse<java.io.InputStream> stream(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET as htmx sends it (HX-Request header). */
    public Response htmxGet(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), null, Map.of("HX-Request", "true"));
    }

    /** A form post with the session's CSRF token in the hidden _csrf field, as a console form sends it. */
    public Response post(String path, Map<String, ?> fields) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf());
        return send("POST", path, form(all), "application/x-www-form-urlencoded", Map.of());
    }

    /**
     * {@link #post} with the body sent chunked ({@code Transfer-Encoding: chunked}, no Content-Length), as a client that
     * streams its body does.
     */
    public Response postChunked(String path, Map<String, ?> fields) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf());
        return send("POST", path, HttpRequest.BodyPublishers.fromPublisher(form(all)), "application/x-www-form-urlencoded", Map.of());
    }

    /** A form post as htmx sends it: HX-Request and the CSRF token as X-CSRF-TOKEN header. */
    public Response htmxPost(String path, Map<String, ?> fields) {
        return send("POST", path, form(fields), "application/x-www-form-urlencoded",
                Map.of("HX-Request", "true", "X-CSRF-TOKEN", csrf()));
    }

    /** A form post without any CSRF token (must be refused with 403). */
    public Response postWithoutCsrf(String path, Map<String, ?> fields) {
        return send("POST", path, form(fields), "application/x-www-form-urlencoded", Map.of());
    }

    /**
     * A multipart form post (a file upload) with the CSRF token as the hidden {@code _csrf} field, as the console's upload
     * form sends it: {@code fields} as text parts, each of {@code files} (name to content) as a part named {@code fileField}.
     */
    public Response postFiles(String path, Map<String, String> fields, String fileField, Map<String, byte[]> files) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf());
        return postFilesWithoutCsrf(path, all, fileField, files);
    }

    /** As {@link #postFiles} without any CSRF token (must be refused with 403). */
    public Response postFilesWithoutCsrf(String path, Map<String, String> fields, String fileField, Map<String, byte[]> files) {
        String boundary = "----seatkeeper-test-" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v
                + "\r\n").getBytes(StandardCharsets.UTF_8)));
        files.forEach((name, content) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()), "multipart/form-data; boundary=" + boundary,
                Map.of());
    }

    /** The session's CSRF token, read from a console page (the layout's meta tag or a form's hidden field). */
    public String csrf() {
        if (csrf == null) {
            csrf = csrfFrom(get("/login").body());
        }
        return csrf;
    }

    private static String csrfFrom(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        if (m.find()) {
            return m.group(1) != null ? m.group(1) : m.group(2);
        }
        m = CSRF_META.matcher(html);
        if (m.find()) {
            return m.group(1);
        }
        throw new AssertionError("no CSRF token on the page: " + html);
    }

    /** Form fields; a value that is a List is sent as repeated fields (checkbox groups). */
    private static HttpRequest.BodyPublisher form(Map<String, ?> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> {
            List<?> values = v instanceof List<?> l ? l : List.of(v == null ? "" : v);
            for (Object one : values) {
                if (!sb.isEmpty()) {
                    sb.append('&');
                }
                sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(String.valueOf(one), StandardCharsets.UTF_8));
            }
        });
        return HttpRequest.BodyPublishers.ofString(sb.toString());
    }

    private Response send(String method, String path, HttpRequest.BodyPublisher body, String contentType, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).method(method, body);
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            headers.forEach(b::header);
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
