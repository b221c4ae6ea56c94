package com.seatkeeper.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for Clever's Data API v3.0 and v3.1 on loopback, for tests: a real HTTP server (JDK {@code HttpServer})
 * answering {@code GET /v3.0/districts}, {@code /v3.0/districts/{id}}, {@code /v3.0/schools}, {@code /v3.0/users}
 * (optionally {@code ?role=student|teacher|staff|district_admin|contact}), {@code /v3.0/sections}, {@code /v3.0/terms} and
 * {@code /v3.0/courses} (and the same under {@code /v3.1}) exactly as ../shared/specs/clever/v3.0.yml and v3.1.yml
 * shape them: the list envelope {@code {"data":[{"data":{…},"uri":"/v3.0/users/<id>"}],"links":[{"rel":"self",…},
 * {"rel":"next","uri":…}]}}, pages of {@code limit} records (default 100, at most 10000: more is 413) in ascending id
 * order after {@code starting_after} (or before {@code ending_before}); a page that is full gets a {@code next} link, so a
 * district whose size is a multiple of the limit ends with an empty page, as Clever's does. Every request needs
 * {@code Authorization: Bearer <token()>}; otherwise 401 with {@code {"message":"Unauthorized"}} (the specs leave 401
 * out; Clever's error bodies are {@code {"message": …}}).
 *
 * <p>The district is mutable while the server runs (add, change and remove users, sections, schools; set {@code state},
 * {@code pause_start}, {@code pause_end}), built in code, {@linkplain #loadSample loaded} from Clever's demo district
 * (../shared/samples/clever-go-v3.0) or {@linkplain #generate generated} lazily at any size. Faults: the next requests
 * (optionally only those whose path contains a text) answer 429 with {@code X-RateLimit-Reset}, a status such as
 * 500/502/503/401, or are delayed; every request is counted and logged (path and query, never headers), and a hook runs
 * before each request (a district that changes while it is being pulled).
 */
public final class CleverStandIn implements AutoCloseable {
    /** The district's id unless set otherwise. */
    public static final String DISTRICT_ID = "5a0c91b95c7cc000010d4170";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 10_000;
    private static final String NOW = "2026-08-01T00:00:00.000Z";
    private static final java.time.format.DateTimeFormatter CREATED =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /** The resources that are listed in pages. */
    public enum Kind {
        SCHOOLS("schools"), USERS("users"), SECTIONS("sections"), TERMS("terms"), COURSES("courses");

        final String path;

        Kind(String path) {
            this.path = path;
        }
    }

    /**
     * A fault for the next matching requests.
     *
     * @param pathPart only requests whose path and query contain it (null: any request)
     * @param status   the status to answer instead (0: answer normally after the delay)
     * @param delay    how long to wait before answering (null: none)
     * @param resetIn  for a 429: {@code X-RateLimit-Reset} is now plus this, in Unix seconds rounded up
     */
    private record Fault(String pathPart, int status, Duration delay, Duration resetIn) {}

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "clever-stand-in");
        t.setDaemon(true);
        return t;
    });
    private final Map<Kind, NavigableMap<String, Supplier<ObjectNode>>> data = new EnumMap<>(Kind.class);
    private final List<Fault> faults = new ArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong requestCount = new AtomicLong();
    private final AtomicLong bytesServed = new AtomicLong();
    private final AtomicLong servingNanos = new AtomicLong();
    private volatile Consumer<String> beforeRequest = path -> { };
    private volatile Kind looping;
    private volatile Kind endless;
    private volatile Fault trickle;
    private final AtomicLong tricklesDropped = new AtomicLong();
    private final AtomicLong trickles = new AtomicLong();
    private final AtomicLong tricklesRunning = new AtomicLong();
    private final AtomicLong madeUp = new AtomicLong();
    private volatile String token = "stand-in-district-token-" + UUID.randomUUID();
    private ObjectNode district;
    /** The event log (Events API): events by id, ascending; ids {@link #id(int, long)} of kind 9, ever increasing. */
    private final NavigableMap<String, ObjectNode> events = new TreeMap<>();
    private long eventNumber;
    /** Events before this id are forgotten ({@link #forgetEventsBefore}): {@code GET /events/{id}} of one is 404. */
    private String forgottenBefore;
    /** Off while a sample is loaded or a district generated: the district as first shared has no events. */
    private boolean recording = true;
    private volatile boolean eventsReversed;
    /** A generated district's shape, to find the generated sections that name a user: students, teachers, sections, perSection. */
    private int[] generated;
    /** For a generated district: the ids of users it no longer serves (a generated section leaves them out). */
    private final Set<String> removedGenerated = Collections.synchronizedSet(new TreeSet<>());

    private CleverStandIn() {
        for (Kind k : Kind.values()) {
            data.put(k, new TreeMap<>());
        }
        district = districtRecord(DISTRICT_ID, "Stand-in District");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** A running stand-in serving an empty district (no schools, users or sections yet). */
    public static CleverStandIn start() {
        return new CleverStandIn();
    }

    /** The API root without version, e.g. {@code http://127.0.0.1:41234} (the connector adds {@code /v3.0}). */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    /** The district-app token the stand-in accepts. */
    public String token() {
        return token;
    }

    /** Accepts another token from now on (the old one gets 401: a district reconnected in Clever). */
    public CleverStandIn token(String newToken) {
        this.token = newToken;
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- the district ----

    /** The district's id. */
    public synchronized String districtId() {
        return district.get("id").asString();
    }

    /** Sets the district's {@code state} ({@code running}, {@code paused}, {@code success}, ...; null for none). */
    public synchronized CleverStandIn state(String state) {
        ObjectNode before = district.deepCopy();
        district.put("state", state);
        recordChange("districts", before, district.deepCopy());
        return this;
    }

    /** Sets the district's pause window ({@code pause_start}, {@code pause_end}: ISO date-times as Clever gives them, or null). */
    public synchronized CleverStandIn pause(String start, String end) {
        ObjectNode before = district.deepCopy();
        district.put("pause_start", start);
        district.put("pause_end", end);
        recordChange("districts", before, district.deepCopy());
        return this;
    }

    public synchronized CleverStandIn school(String id, String name) {
        ObjectNode s = json.createObjectNode();
        s.put("id", id).put("district", districtId()).put("name", name).put("sis_id", id).put("school_number", id)
                .put("low_grade", "Kindergarten").put("high_grade", "12").put("created", NOW).put("last_modified", NOW)
                .put("nces_id", (String) null).put("phone", (String) null);
        s.putObject("location").put("address", "").put("city", "").put("state", "").put("zip", "");
        s.putObject("principal").put("name", "").put("email", (String) null);
        return put(Kind.SCHOOLS, s);
    }

    public synchronized CleverStandIn term(String id, String name) {
        ObjectNode t = json.createObjectNode();
        t.put("id", id).put("district", districtId()).put("name", name).put("start_date", "2026-08-15T00:00:00.000Z")
                .put("end_date", "2027-06-15T00:00:00.000Z");
        return put(Kind.TERMS, t);
    }

    public synchronized CleverStandIn course(String id, String name) {
        ObjectNode c = json.createObjectNode();
        c.put("id", id).put("district", districtId()).put("name", name).put("number", id);
        return put(Kind.COURSES, c);
    }

    /** A student with a {@code grade} (Clever's values: {@code Kindergarten}, {@code 1} .. {@code 12}, ...) in the schools given (the first is {@code school}). */
    public synchronized CleverStandIn student(String id, String first, String last, String email, String grade, String... schools) {
        ObjectNode role = json.createObjectNode();
        role.put("grade", grade).put("sis_id", id).put("student_number", id).put("state_id", (String) null)
                .put("dob", (String) null).put("gender", "");
        role.putObject("credentials").put("district_username", id);
        role.putArray("enrollments");
        schoolsOf(role, schools);
        return put(Kind.USERS, user(id, first, last, email, "student", role));
    }

    public synchronized CleverStandIn teacher(String id, String first, String last, String email, String... schools) {
        ObjectNode role = json.createObjectNode();
        role.put("sis_id", id).put("teacher_number", id).put("title", "Teacher").put("district", districtId());
        role.putObject("credentials").put("district_username", id);
        schoolsOf(role, schools);
        return put(Kind.USERS, user(id, first, last, email, "teacher", role));
    }

    public synchronized CleverStandIn staff(String id, String first, String last, String email, String... schools) {
        ObjectNode role = json.createObjectNode();
        role.put("staff_id", id).put("title", "Counselor").put("department", (String) null);
        role.putArray("roles").add("counselor");
        ArrayNode s = role.putArray("schools");
        for (String school : schools) {
            s.add(school);
        }
        return put(Kind.USERS, user(id, first, last, email, "staff", role));
    }

    public synchronized CleverStandIn districtAdmin(String id, String first, String last, String email) {
        ObjectNode role = json.createObjectNode();
        role.put("title", "Superintendent").put("legacy_id", id);
        return put(Kind.USERS, user(id, first, last, email, "district_admin", role));
    }

    /** A contact (guardian) of a student: Clever gives the full name in {@code name.last}. */
    public synchronized CleverStandIn contact(String id, String fullName, String email, String studentId) {
        ObjectNode role = json.createObjectNode();
        role.put("phone", "").put("phone_type", "Other").put("sis_id", "");
        role.putArray("student_relationships").addObject().put("relationship", "Parent").put("student", studentId)
                .put("type", "Parent/Guardian");
        ObjectNode u = user(id, null, fullName, email, "contact", role);
        ((ObjectNode) u.get("name")).remove("first");
        return put(Kind.USERS, u);
    }

    /** A section at a school with its teachers (the first is {@code teacher}) and students; course and term ids may be null. */
    public synchronized CleverStandIn section(String id, String name, String school, String course, String term, List<String> teachers,
                                              List<String> students) {
        ObjectNode s = json.createObjectNode();
        s.put("id", id).put("district", districtId()).put("name", name).put("school", school).put("course", course)
                .put("term_id", term).put("teacher", teachers.isEmpty() ? null : teachers.get(0)).put("sis_id", id)
                .put("section_number", "").put("period", "1").put("subject", "math").put("grade", "").put("created", NOW)
                .put("last_modified", NOW);
        ArrayNode t = s.putArray("teachers");
        teachers.forEach(t::add);
        ArrayNode st = s.putArray("students");
        students.forEach(st::add);
        return put(Kind.SECTIONS, s);
    }

    /** A copy of a served record (e.g. a user's {@code data}), null when not served. */
    public synchronized ObjectNode record(Kind kind, String id) {
        Supplier<ObjectNode> r = data.get(kind).get(id);
        return r == null ? null : r.get().deepCopy();
    }

    /** Changes a served record in place (e.g. {@code u -> u.put("email", "new@example.test")}). */
    public synchronized CleverStandIn edit(Kind kind, String id, Consumer<ObjectNode> change) {
        ObjectNode r = record(kind, id);
        if (r == null) {
            throw new IllegalArgumentException(kind + " " + id + " is not served");
        }
        change.accept(r);
        return put(kind, r);
    }

    /** Removes a user (a student who left); sections stop naming them, as Clever's do. */
    public synchronized CleverStandIn removeUser(String id) {
        Supplier<ObjectNode> gone = data.get(Kind.USERS).remove(id);
        if (gone != null) {
            recordEvent("users.deleted", gone.get(), null);
        }
        if (removedGenerated.add(id) && generated != null) {
            generatedSectionsLosing(id);
        }
        for (String section : storedIds(Kind.SECTIONS)) {
            ObjectNode s = data.get(Kind.SECTIONS).get(section).get();
            if (remove((ArrayNode) s.get("students"), id) | remove((ArrayNode) s.get("teachers"), id)) {
                put(Kind.SECTIONS, s.deepCopy());
            }
        }
        return this;
    }

    /** Removes a record of any kind (a section, a school, a term) without touching the records that name it. */
    public synchronized CleverStandIn remove(Kind kind, String id) {
        Supplier<ObjectNode> gone = data.get(kind).remove(id);
        if (gone != null) {
            recordEvent(kind.path + ".deleted", gone.get(), null);
        }
        return this;
    }

    /**
     * A user whose email changed and who got a new Clever id (as Clever's docs warn): the record is served under
     * {@code newId} with {@code newEmail}, and every section that named the old id names the new one.
     */
    public synchronized CleverStandIn changeUserId(String oldId, String newId, String newEmail) {
        ObjectNode u = record(Kind.USERS, oldId);
        data.get(Kind.USERS).remove(oldId);
        recordEvent("users.deleted", u.deepCopy(), null);
        u.put("id", newId).put("email", newEmail);
        u.get("roles").values().forEach(role -> {
            if (role.has("email")) {
                ((ObjectNode) role).put("email", newEmail);
            }
        });
        put(Kind.USERS, u);
        for (String section : storedIds(Kind.SECTIONS)) {
            ObjectNode s = data.get(Kind.SECTIONS).get(section).get();
            boolean changed = replace((ArrayNode) s.get("students"), oldId, newId) | replace((ArrayNode) s.get("teachers"), oldId, newId);
            if (changed) {
                if (oldId.equals(s.path("teacher").asString(null))) {
                    s.put("teacher", newId);
                }
                put(Kind.SECTIONS, s.deepCopy());
            }
        }
        return this;
    }

    /** Adds a student to a section. */
    public synchronized CleverStandIn enroll(String sectionId, String studentId) {
        return edit(Kind.SECTIONS, sectionId, s -> ((ArrayNode) s.get("students")).add(studentId));
    }

    /** How many records of a kind are served. */
    public synchronized int size(Kind kind) {
        return data.get(kind).size();
    }

    /** The ids served of a kind, ascending. */
    public synchronized List<String> ids(Kind kind) {
        return List.copyOf(data.get(kind).keySet());
    }

    /**
     * Loads a directory of Clever list responses ({@code districts.json}, and any of {@code schools.json},
     * {@code users.json}, {@code sections.json}, {@code terms.json}, {@code courses.json}), e.g. Clever's demo district in
     * ../shared/samples/clever-go-v3.0 (read in place, never copied). That sample has no schools, terms or courses: each
     * school a user or section names and that is not served is added, named {@code School <last 6 of its id>} (a real
     * Clever district serves every school it names); terms and courses are left unserved, as in the sample.
     */
    public synchronized CleverStandIn loadSample(Path dir) {
        recording = false;
        try {
            JsonNode d = json.readTree(Files.readString(dir.resolve("districts.json"))).get("data").get(0).get("data");
            district = (ObjectNode) d.deepCopy();
            for (Kind kind : Kind.values()) {
                Path file = dir.resolve(kind.path + ".json");
                if (Files.exists(file)) {
                    for (JsonNode item : json.readTree(Files.readString(file)).get("data")) {
                        put(kind, (ObjectNode) item.get("data").deepCopy());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            recording = true;
        }
        Set<String> named = new TreeSet<>();
        data.get(Kind.SECTIONS).values().forEach(s -> named.add(s.get().get("school").asString()));
        data.get(Kind.USERS).values().forEach(u -> u.get().get("roles").values().forEach(role -> {
            if (role.hasNonNull("school")) {
                named.add(role.get("school").asString());
            }
            role.path("schools").values().forEach(s -> named.add(s.asString()));
        }));
        named.removeAll(data.get(Kind.SCHOOLS).keySet());
        recording = false;
        try {
            named.forEach(id -> school(id, "School " + id.substring(id.length() - 6)));
        } finally {
            recording = true;
        }
        return this;
    }

    /**
     * A generated district served without holding its records (each is built when a page is asked): {@code schools}
     * schools, {@code students} students and {@code teachers} teachers (users {@code u…} in ascending id order, students
     * first), {@code sections} sections (one term, one course each of {@code courses}) of {@code perSection} students
     * each (students spread round-robin), one teacher each. Users removed later with {@link #removeUser} drop out of the
     * generated sections.
     */
    public synchronized CleverStandIn generate(int schools, int students, int teachers, int sections, int perSection, int courses) {
        recording = false;
        try {
            return generated(schools, students, teachers, sections, perSection, courses);
        } finally {
            recording = true;
        }
    }

    private CleverStandIn generated(int schools, int students, int teachers, int sections, int perSection, int courses) {
        generated = new int[] {students, teachers, sections, perSection, schools, courses};
        term(id(3, 0), "School year");
        for (int i = 0; i < schools; i++) {
            school(id(1, i), "Generated school " + i);
        }
        for (int i = 0; i < courses; i++) {
            course(id(4, i), "Course " + i);
        }
        NavigableMap<String, Supplier<ObjectNode>> users = data.get(Kind.USERS);
        for (int i = 0; i < students; i++) {
            int n = i;
            users.put(id(2, i), () -> generatedStudent(n, schools));
        }
        for (int i = 0; i < teachers; i++) {
            int n = students + i;
            users.put(id(2, n), () -> generatedTeacher(n, schools));
        }
        NavigableMap<String, Supplier<ObjectNode>> secs = data.get(Kind.SECTIONS);
        for (int i = 0; i < sections; i++) {
            int n = i;
            secs.put(id(5, i), () -> generatedSection(n, schools, students, teachers, sections, perSection, courses));
        }
        return this;
    }

    /** A Clever-like id (24 hex digits, like Clever's ObjectIds) of a kind and number, ascending with the number. */
    public static String id(int kind, long n) {
        return String.format("%08x%016x", 0x5a250000 + kind, n);
    }

    // ---- faults, counting, hooks ----

    /** The next {@code n} requests (whose path and query contain {@code pathPart}, or any when null) answer {@code status}. */
    public synchronized CleverStandIn failNext(String pathPart, int n, int status) {
        for (int i = 0; i < n; i++) {
            faults.add(new Fault(pathPart, status, null, null));
        }
        return this;
    }

    /** The next {@code n} matching requests answer 429 with {@code X-RateLimit-Reset} {@code resetIn} from then (Unix seconds). */
    public synchronized CleverStandIn rateLimitNext(String pathPart, int n, Duration resetIn) {
        for (int i = 0; i < n; i++) {
            faults.add(new Fault(pathPart, 429, null, resetIn));
        }
        return this;
    }

    /** The next {@code n} matching requests are answered (normally) only after {@code delay}. */
    public synchronized CleverStandIn delayNext(String pathPart, int n, Duration delay) {
        for (int i = 0; i < n; i++) {
            faults.add(new Fault(pathPart, 0, delay, null));
        }
        return this;
    }

    /**
     * Pages of {@code kind} loop: every next link after the first page's leads back to the records after the list's first
     * id (pages A, B, A, B, ...), as a broken server's cursor might.
     */
    public CleverStandIn loop(Kind kind) {
        this.looping = kind;
        return this;
    }

    /**
     * Pages of {@code kind} never end: a page that would not be full is filled with made-up records of ever greater ids,
     * each with a next link (endless distinct pages).
     */
    public CleverStandIn endless(Kind kind) {
        this.endless = kind;
        return this;
    }

    /**
     * The next request whose path contains {@code pathPart} gets its status and headers at once, then a body that never
     * ends: one byte every {@code every} (the start of a JSON object, then spaces), until the client drops the connection.
     */
    public CleverStandIn trickle(String pathPart, Duration every) {
        return trickle(pathPart, 1, every);
    }

    /** As {@link #trickle(String, Duration)} for the next {@code n} matching requests. */
    public CleverStandIn trickle(String pathPart, int n, Duration every) {
        this.trickle = new Fault(pathPart, 200, every, null);
        this.trickles.set(n);
        return this;
    }

    /** How many trickled answers ended because the client dropped the connection (a write failed). */
    public long tricklesDropped() {
        return tricklesDropped.get();
    }

    /** How many trickled answers are being written now. */
    public long tricklesRunning() {
        return tricklesRunning.get();
    }

    /** Runs before every request is answered, with its path and query (e.g. to change the district while it is pulled). */
    public CleverStandIn beforeRequest(Consumer<String> hook) {
        this.beforeRequest = hook;
        return this;
    }

    /** Requests received (faulty ones included). */
    public long requestCount() {
        return requestCount.get();
    }

    /** Requests received whose path and query contain the text. */
    public long requestCount(String pathPart) {
        return requests.stream().filter(r -> r.contains(pathPart)).count();
    }

    /** Every request's path and query, in order (never its headers). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Bytes of response bodies written. */
    public long bytesServed() {
        return bytesServed.get();
    }

    /** Time spent answering requests (building and writing pages, waits of injected delays included), all threads together. */
    public Duration servingTime() {
        return Duration.ofNanos(servingNanos.get());
    }

    /** Forgets the requests counted so far. */
    public void resetCounts() {
        requests.clear();
        requestCount.set(0);
        bytesServed.set(0);
        servingNanos.set(0);
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        try (exchange) {
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            requests.add(target);
            requestCount.incrementAndGet();
            beforeRequest.accept(target);
            Fault slow = trickle;
            if (slow != null && target.contains(slow.pathPart()) && trickles.getAndDecrement() > 0) {
                trickleBody(exchange, slow.delay());
                return;
            }
            Fault fault = takeFault(target);
            if (fault != null && fault.delay() != null) {
                sleep(fault.delay());
            }
            if (fault != null && fault.status() != 0) {
                if (fault.resetIn() != null) {
                    long reset = (Instant.now().plus(fault.resetIn()).toEpochMilli() + 999) / 1000;
                    exchange.getResponseHeaders().set("X-RateLimit-Reset", Long.toString(reset));
                    exchange.getResponseHeaders().set("X-RateLimit-Limit", "1200");
                    exchange.getResponseHeaders().set("X-RateLimit-Remaining", "0");
                }
                send(exchange, fault.status(), error(fault.status()));
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, message("Method Not Allowed"));
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.equals("Bearer " + token)) {
                send(exchange, 401, message("Unauthorized"));
                return;
            }
            Answer answer = answer(exchange.getRequestURI().getRawPath(), query(exchange.getRequestURI().getRawQuery()), target);
            send(exchange, answer.status(), answer.body());
        } catch (RuntimeException e) {
            send(exchange, 500, message("Internal Error"));
        } finally {
            servingNanos.addAndGet(System.nanoTime() - started);
        }
    }

    private void trickleBody(HttpExchange exchange, Duration every) {
        tricklesRunning.incrementAndGet();
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write('{');
            out.flush();
            while (!Thread.currentThread().isInterrupted()) {
                sleep(every);
                out.write(' ');
                out.flush();
            }
        } catch (IOException e) {
            tricklesDropped.incrementAndGet();
        } finally {
            tricklesRunning.decrementAndGet();
        }
    }

    private record Answer(int status, byte[] body) {}

    private synchronized Answer answer(String path, Map<String, String> query, String target) {
        String[] parts = path.split("/");
        if (parts.length < 3 || !(parts[1].equals("v3.0") || parts[1].equals("v3.1"))) {
            return new Answer(404, message("Not Found"));
        }
        String version = parts[1];
        if (parts[2].equals("districts")) {
            if (parts.length == 3) {
                ObjectNode page = json.createObjectNode();
                page.putArray("data").addObject().<ObjectNode>set("data", district.deepCopy())
                        .put("uri", "/" + version + "/districts/" + districtId());
                page.putArray("links").addObject().put("rel", "self").put("uri", target);
                return new Answer(200, json.writeValueAsBytes(page));
            }
            if (parts.length == 4 && parts[3].equals(districtId())) {
                ObjectNode one = json.createObjectNode();
                one.set("data", district.deepCopy());
                return new Answer(200, json.writeValueAsBytes(one));
            }
            return new Answer(404, message("Not Found"));
        }
        if (parts[2].equals("events")) {
            return events(version, parts, query, target);
        }
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.path.equals(parts[2])) {
                kind = k;
            }
        }
        if (kind != null && parts.length == 4) {
            Supplier<ObjectNode> one = data.get(kind).get(URLDecoder.decode(parts[3], StandardCharsets.UTF_8));
            if (one == null) {
                return new Answer(404, message("Not Found"));
            }
            ObjectNode body = json.createObjectNode();
            body.set("data", one.get());
            return new Answer(200, json.writeValueAsBytes(body));
        }
        if (kind == null || parts.length != 3) {
            return new Answer(404, message("Not Found"));
        }
        int limit;
        try {
            limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : DEFAULT_LIMIT;
        } catch (NumberFormatException e) {
            return new Answer(400, message("limit must be an integer"));
        }
        if (limit > MAX_LIMIT) {
            return new Answer(413, message("limit may be at most " + MAX_LIMIT));
        }
        if (limit < 1) {
            return new Answer(400, message("limit must be at least 1"));
        }
        return new Answer(200, page(version, kind, limit, query));
    }

    private byte[] page(String version, Kind kind, int limit, Map<String, String> query) {
        String role = kind == Kind.USERS ? query.get("role") : null;
        String after = query.get("starting_after");
        String before = query.get("ending_before");
        NavigableMap<String, Supplier<ObjectNode>> all = data.get(kind);
        NavigableMap<String, Supplier<ObjectNode>> range = before != null ? all.headMap(before, false).descendingMap()
                : after != null ? all.tailMap(after, false) : all;
        List<ObjectNode> records = new ArrayList<>(Math.min(limit, 1024));
        Iterator<Map.Entry<String, Supplier<ObjectNode>>> it = range.entrySet().iterator();
        while (records.size() < limit && it.hasNext()) {
            ObjectNode r = it.next().getValue().get();
            if (role == null || r.path("roles").has(role)) {
                records.add(r);
            }
        }
        if (before != null) {
            Collections.reverse(records);
        }
        if (kind == endless && before == null) {
            String last = records.isEmpty() ? after : records.get(records.size() - 1).get("id").asString();
            while (records.size() < limit) {
                String id = (last == null ? "" : last) + "~" + madeUp.incrementAndGet();
                last = id;
                records.add(madeUp(kind, id));
            }
        }
        String base = "/" + version + "/" + kind.path + "?limit=" + limit + (role == null ? "" : "&role=" + role);
        ObjectNode page = json.createObjectNode();
        ArrayNode items = page.putArray("data");
        for (ObjectNode r : records) {
            items.addObject().<ObjectNode>set("data", r).put("uri", "/" + version + "/" + kind.path + "/" + r.get("id").asString());
        }
        ArrayNode links = page.putArray("links");
        links.addObject().put("rel", "self").put("uri", base + (after != null ? "&starting_after=" + after : "")
                + (before != null ? "&ending_before=" + before : ""));
        if (!records.isEmpty() && (after != null || before != null)) {
            links.addObject().put("rel", "prev").put("uri", base + "&ending_before=" + records.get(0).get("id").asString());
        }
        if (records.size() == limit) {
            String next = kind == looping && after != null && !all.isEmpty() ? all.firstKey()
                    : records.get(records.size() - 1).get("id").asString();
            links.addObject().put("rel", "next").put("uri", base + "&starting_after=" + next);
        }
        return json.writeValueAsBytes(page);
    }

    // ---- the Events API ----

    /**
     * {@code GET /v3.x/events} and {@code /v3.x/events/{id}} as ../shared/specs/clever/v3.0-events.yml shapes them:
     * {@code {"data":[{"data":<event>}],"links":[…]}} in ascending id order after {@code starting_after} (a forgotten id
     * reads from the oldest kept), before {@code ending_before} ({@code last}: the newest, Clever's way to ask for the
     * most recent event), {@code limit} as for lists, {@code record_type} (repeatable, or {@code record_type[]}) keeping
     * only events of those resources. An event is {@code {"id","type","created","data":{"object":…}}} with
     * {@code previous_attributes} on updates.
     */
    private Answer events(String version, String[] parts, Map<String, String> query, String target) {
        if (parts.length == 4) {
            ObjectNode event = events.get(parts[3]);
            if (event == null) {
                return new Answer(404, message("Not Found"));
            }
            ObjectNode one = json.createObjectNode();
            one.set("data", event.deepCopy());
            return new Answer(200, json.writeValueAsBytes(one));
        }
        if (parts.length != 3) {
            return new Answer(404, message("Not Found"));
        }
        int limit;
        try {
            limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : DEFAULT_LIMIT;
        } catch (NumberFormatException e) {
            return new Answer(400, message("limit must be an integer"));
        }
        if (limit > MAX_LIMIT) {
            return new Answer(413, message("limit may be at most " + MAX_LIMIT));
        }
        if (limit < 1) {
            return new Answer(400, message("limit must be at least 1"));
        }
        Set<String> types = new TreeSet<>();
        String raw = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            if (eq > 0 && (key.equals("record_type") || key.equals("record_type[]"))) {
                types.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String after = query.get("starting_after");
        String before = query.get("ending_before");
        NavigableMap<String, ObjectNode> range = "last".equals(before) ? events.descendingMap()
                : before != null ? events.headMap(before, false).descendingMap() : after != null ? events.tailMap(after, false) : events;
        List<ObjectNode> page = new ArrayList<>();
        for (ObjectNode e : range.values()) {
            if (page.size() >= limit) {
                break;
            }
            String type = e.get("type").asString();
            if (types.isEmpty() || types.contains(type.substring(0, type.indexOf('.')))) {
                page.add(e);
            }
        }
        if (before != null) {
            Collections.reverse(page);
        }
        String last = page.isEmpty() ? null : page.get(page.size() - 1).get("id").asString();
        if (eventsReversed) {
            Collections.reverse(page);
        }
        String base = "/" + version + "/events?limit=" + limit + types.stream().map(t -> "&record_type=" + t).reduce("", String::concat);
        ObjectNode body = json.createObjectNode();
        ArrayNode items = body.putArray("data");
        page.forEach(e -> items.addObject().set("data", e.deepCopy()));
        ArrayNode links = body.putArray("links");
        links.addObject().put("rel", "self").put("uri", base + (after != null ? "&starting_after=" + after : "")
                + (before != null ? "&ending_before=" + before : ""));
        if (page.size() == limit && before == null) {
            links.addObject().put("rel", "next").put("uri", base + "&starting_after=" + last);
        }
        return new Answer(200, json.writeValueAsBytes(body));
    }

    /**
     * Serves each page of events newest first (the pages still follow each other in ascending id order), as Clever's
     * older event samples (../shared/samples/clever-ruby-events-v1.2) are not in chronological order.
     */
    public CleverStandIn eventPagesReversed(boolean reversed) {
        this.eventsReversed = reversed;
        return this;
    }

    /**
     * Logs an event as given, e.g. one in the style of Clever's older API whose {@code data.object} carries only the
     * fields that changed ({@code previous} may be null), without changing the district.
     */
    public synchronized CleverStandIn logEvent(String type, ObjectNode object, ObjectNode previous) {
        recordEvent(type, object, previous);
        return this;
    }

    /** Events logged so far and kept (not forgotten). */
    public synchronized int eventCount() {
        return events.size();
    }

    /** The newest event's id, null when none is kept. */
    public synchronized String newestEventId() {
        return events.isEmpty() ? null : events.lastKey();
    }

    /** The kept events' ids, ascending. */
    public synchronized List<String> eventIds() {
        return List.copyOf(events.keySet());
    }

    /** A copy of a kept event, null when not kept. */
    public synchronized ObjectNode event(String id) {
        ObjectNode e = events.get(id);
        return e == null ? null : e.deepCopy();
    }

    /**
     * Forgets every event before {@code id} (that one kept), as Clever forgets events after 30 days: {@code GET
     * /events/{id}} of a forgotten one answers 404.
     */
    public synchronized CleverStandIn forgetEventsBefore(String id) {
        events.headMap(id, false).clear();
        forgottenBefore = id;
        return this;
    }

    /** Forgets every event logged so far (all expired); later changes are logged as usual. */
    public synchronized CleverStandIn forgetAllEvents() {
        events.clear();
        forgottenBefore = id(9, eventNumber + 1);
        return this;
    }

    /**
     * Logs an event for a record that changed: {@code <resource>.created} when there was none, {@code .updated} with
     * {@code previous_attributes} (the earlier value of each top-level field that changed) when it differs, nothing when
     * it is the same.
     */
    private void recordChange(String resource, ObjectNode before, ObjectNode after) {
        if (!recording) {
            return;
        }
        if (before == null) {
            recordEvent(resource + ".created", after, null);
            return;
        }
        if (before.equals(after)) {
            return;
        }
        ObjectNode previous = json.createObjectNode();
        for (Map.Entry<String, JsonNode> f : before.properties()) {
            if (!f.getValue().equals(after.get(f.getKey()))) {
                previous.set(f.getKey(), f.getValue().deepCopy());
            }
        }
        for (Map.Entry<String, JsonNode> f : after.properties()) {
            if (!before.has(f.getKey())) {
                previous.putNull(f.getKey());
            }
        }
        recordEvent(resource + ".updated", after, previous);
    }

    /** Appends an event of {@code type} carrying the whole {@code object} (as v3 events do), the next id in order. */
    private void recordEvent(String type, ObjectNode object, ObjectNode previous) {
        if (!recording) {
            return;
        }
        String id = id(9, ++eventNumber);
        ObjectNode e = json.createObjectNode();
        e.put("id", id).put("type", type).put("created", CREATED.format(Instant.now()));
        e.putObject("data").set("object", object.deepCopy());
        if (previous != null) {
            e.set("previous_attributes", previous);
        }
        events.put(id, e);
    }

    /** Logs {@code sections.updated} for each generated section that named a user now removed (previous members included). */
    private void generatedSectionsLosing(String userId) {
        long user = Long.parseLong(userId.substring(8), 16);
        int students = generated[0];
        int teachers = generated[1];
        int sections = generated[2];
        int perSection = generated[3];
        NavigableMap<String, Supplier<ObjectNode>> secs = data.get(Kind.SECTIONS);
        List<Integer> losing = new ArrayList<>();
        boolean teacher = user >= students;
        if (!teacher) {
            for (long i = user; i < (long) sections * perSection; i += students) {
                int n = (int) (i / perSection);
                if (losing.isEmpty() || losing.get(losing.size() - 1) != n) {
                    losing.add(n);
                }
            }
        } else if (teachers > 0) {
            for (long n = user - students; n < sections; n += teachers) {
                losing.add((int) n);
            }
        }
        for (int n : losing) {
            Supplier<ObjectNode> s = secs.get(id(5, n));
            if (s == null || s instanceof Stored) {
                continue;
            }
            ObjectNode now = s.get();
            ObjectNode previous = json.createObjectNode();
            if (teacher) {
                previous.putArray("teachers").add(userId);
                previous.put("teacher", userId);
            } else {
                ArrayNode was = ((ArrayNode) now.get("students")).deepCopy();
                was.add(userId);
                previous.set("students", was);
            }
            recordEvent("sections.updated", now, previous);
        }
    }

    /** A made-up record of a kind (an endless list), shaped as the kind's own. */
    private ObjectNode madeUp(Kind kind, String id) {
        ObjectNode r = json.createObjectNode();
        r.put("id", id).put("district", districtId()).put("name", "Made-up " + id);
        if (kind == Kind.USERS) {
            ObjectNode u = user(id, "Made", "Up", null, "teacher", json.createObjectNode());
            return u;
        }
        return r;
    }

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

    private void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        bytesServed.addAndGet(body.length);
    }

    private byte[] error(int status) {
        return message(switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Internal Error";
        });
    }

    private byte[] message(String message) {
        return json.writeValueAsBytes(json.createObjectNode().put("message", message));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                q.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- records ----

    private CleverStandIn put(Kind kind, ObjectNode record) {
        Supplier<ObjectNode> before = data.get(kind).put(record.get("id").asString(), new Stored(record));
        recordChange(kind.path, before == null ? null : before.get(), record.deepCopy());
        return this;
    }

    /** A record held as given (a generated one is a lambda that builds it on each request). */
    private record Stored(ObjectNode record) implements Supplier<ObjectNode> {
        @Override
        public ObjectNode get() {
            return record.deepCopy();
        }
    }

    /** The ids of the records of a kind that are held, not generated. */
    private List<String> storedIds(Kind kind) {
        return data.get(kind).entrySet().stream().filter(e -> e.getValue() instanceof Stored).map(Map.Entry::getKey).toList();
    }

    private ObjectNode user(String id, String first, String last, String email, String roleName, ObjectNode role) {
        ObjectNode u = json.createObjectNode();
        u.put("id", id).put("district", districtId()).put("email", email).put("created", NOW).put("last_modified", NOW);
        u.putObject("name").put("first", first).put("last", last).put("middle", "");
        u.putObject("roles").set(roleName, role);
        return u;
    }

    private static void schoolsOf(ObjectNode role, String... schools) {
        role.put("school", schools.length == 0 ? null : schools[0]);
        ArrayNode s = role.putArray("schools");
        for (String school : schools) {
            s.add(school);
        }
    }

    private ObjectNode districtRecord(String id, String name) {
        ObjectNode d = json.createObjectNode();
        d.put("id", id).put("name", name).put("state", "running").put("pause_start", (String) null).put("pause_end", (String) null)
                .put("last_sync", NOW).put("launch_date", "2026-01-15").put("sis_type", "api").put("error", "")
                .put("portal_url", "https://clever.com/in/stand-in").put("nces_id", (String) null).put("mdr_number", (String) null);
        d.putArray("login_methods").add("Clever Badges");
        return d;
    }

    private ObjectNode generatedStudent(int n, int schools) {
        ObjectNode role = json.createObjectNode();
        role.put("grade", Integer.toString(1 + n % 12)).put("sis_id", "s" + n).put("student_number", "s" + n)
                .put("state_id", (String) null).put("dob", (String) null).put("gender", "");
        role.putObject("credentials").put("district_username", "s" + n);
        role.putArray("enrollments");
        schoolsOf(role, id(1, n % schools));
        return user(id(2, n), "Student" + n, "Generated", "student" + n + "@generated.example.org", "student", role);
    }

    private ObjectNode generatedTeacher(int n, int schools) {
        ObjectNode role = json.createObjectNode();
        role.put("sis_id", "t" + n).put("teacher_number", "t" + n).put("title", "Teacher").put("district", districtId());
        role.putObject("credentials").put("district_username", "t" + n);
        schoolsOf(role, id(1, n % schools));
        return user(id(2, n), "Teacher" + n, "Generated", "teacher" + n + "@generated.example.org", "teacher", role);
    }

    private ObjectNode generatedSection(int n, int schools, int students, int teachers, int sections, int perSection, int courses) {
        ObjectNode s = json.createObjectNode();
        String teacher = id(2, students + n % Math.max(1, teachers));
        s.put("id", id(5, n)).put("district", districtId()).put("name", "Section " + n).put("school", id(1, n % schools))
                .put("course", id(4, n % Math.max(1, courses))).put("term_id", id(3, 0)).put("sis_id", "c" + n)
                .put("section_number", "").put("period", "1").put("subject", "math").put("grade", "").put("created", NOW)
                .put("last_modified", NOW);
        if (teachers > 0 && !removedGenerated.contains(teacher)) {
            s.put("teacher", teacher);
            s.putArray("teachers").add(teacher);
        } else {
            s.put("teacher", (String) null);
            s.putArray("teachers");
        }
        ArrayNode st = s.putArray("students");
        for (int k = 0; k < perSection; k++) {
            long student = ((long) n * perSection + k) % students;
            String sid = id(2, student);
            if (!removedGenerated.contains(sid)) {
                st.add(sid);
            }
        }
        return s;
    }

    private static boolean remove(ArrayNode ids, String id) {
        if (ids == null) {
            return false;
        }
        for (int i = 0; i < ids.size(); i++) {
            if (id.equals(ids.get(i).asString())) {
                ids.remove(i);
                return true;
            }
        }
        return false;
    }

    private static boolean replace(ArrayNode ids, String oldId, String newId) {
        if (ids == null) {
            return false;
        }
        boolean changed = false;
        for (int i = 0; i < ids.size(); i++) {
            if (oldId.equals(ids.get(i).asString())) {
                ids.set(i, ids.stringNode(newId));
                changed = true;
            }
        }
        return changed;
    }
}
