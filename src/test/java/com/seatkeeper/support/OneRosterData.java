package com.seatkeeper.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The records a {@link OneRosterStandIn} serves: collections ({@code orgs}, {@code academicSessions}, {@code courses},
 * {@code classes}, {@code users}, {@code enrollments}, and whatever else a sample holds) of JSON records keyed by
 * {@code sourcedId}, listed in ascending {@code sourcedId} order as a SQL-backed server would ({@code ORDER BY sourcedId},
 * then {@code OFFSET}/{@code LIMIT} over the data as it is at the moment of each request).
 *
 * <p>Mutable while served and thread-safe (one lock). Records are {@linkplain #fromSample loaded verbatim} from a REST
 * sample, {@linkplain #put put} in code, or {@linkplain #generate generated}: a generated record is built when a page asks for
 * it (only its id, {@code status} and {@code dateLastModified} are held), so 100,000 users and 300,000 enrollments cost a
 * few tens of megabytes. Changes through {@link #put}, {@link #edit} and {@link #markDeleted} stamp
 * {@code dateLastModified} from the {@linkplain #clock clock}, strictly increasing by at least a millisecond, so a
 * {@code dateLastModified>'<instant>'} delta never misses or repeats a change made after the instant.
 */
public final class OneRosterData {
    /** The rostering collections the stand-in serves (OneRoster 1.1 §4 / 1.2 rostering service endpoints). */
    public static final List<String> COLLECTIONS = List.of("orgs", "academicSessions", "courses", "classes", "users", "enrollments");
    /** The {@code dateLastModified} of every generated record until it is changed. */
    public static final String GENERATED_AT = "2026-08-01T00:00:00.000Z";
    /** The host that generated {@code href}s point at (the data does not know the port it will be served on). */
    public static final String HREF_HOST = "https://sis.example.org";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A served record: what filters on {@code sourcedId}, {@code status} and {@code dateLastModified} need without building
     * it, and how to build it (a copy each time).
     */
    record Entry(String sourcedId, String status, String dateLastModified, Instant modified, Supplier<ObjectNode> record) {
        static Entry of(ObjectNode r, Supplier<ObjectNode> build) {
            String modified = r.path("dateLastModified").asString(null);
            return new Entry(r.path("sourcedId").asString(), r.path("status").asString(null), modified, instant(modified), build);
        }
    }

    private final Map<String, NavigableMap<String, Entry>> collections = new HashMap<>();
    private final Map<String, List<Entry>> orderCache = new HashMap<>();
    private Supplier<Instant> clock = Instant::now;
    private Instant lastStamp = Instant.EPOCH;
    private volatile PageHook onPage = (collection, offset) -> { };
    private String generatedVersion;

    /** Called before each list request is answered: the collection asked and the request's {@code offset}. */
    @FunctionalInterface
    public interface PageHook {
        void before(String collection, int offset);
    }

    /** An empty data set (no records in any collection). */
    public OneRosterData() {
        COLLECTIONS.forEach(c -> collections.put(c, new TreeMap<>()));
    }

    // ---- building ----

    /**
     * Loads a OneRoster REST sample directory as it is: every {@code *.json} file is an envelope
     * ({@code {"users":[…]}}, several keys allowed) whose arrays are added to the collections of those names, records
     * untouched (odd types, misspelt hrefs, empty {@code roles} and all: ../shared/samples/PROVENANCE.md lists each sample's
     * quirks). For ../shared/samples/jp-da2022-or12-rest, fint-or11-rest and libre-or11-rest (read in place, never copied).
     *
     * @throws UncheckedIOException when a file cannot be read; IllegalArgumentException when a file is not an envelope of arrays
     */
    public static OneRosterData fromSample(Path dir) {
        OneRosterData data = new OneRosterData();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode envelope = JSON.readTree(Files.readString(file));
                for (Map.Entry<String, JsonNode> collection : envelope.properties()) {
                    if (!collection.getValue().isArray()) {
                        throw new IllegalArgumentException(file + ": " + collection.getKey() + " is not an array");
                    }
                    for (JsonNode r : collection.getValue()) {
                        data.store(collection.getKey(), ((ObjectNode) r).deepCopy());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return data;
    }

    /**
     * A deterministic district of OneRoster {@code version} ("1.1" or "1.2"): one district org {@code org-d0} and
     * {@code schools} school orgs ({@code org-s0000…}); a school year and one term; a course per 20 classes (at least one);
     * {@code students} students ({@code usr-s0000000…}, each at school {@code n % schools}) and {@code teachers} teachers
     * ({@code usr-t0000000…}); {@code classes} classes ({@code cls-000000…}, class {@code c} at school {@code c % schools}, with
     * {@code school}, {@code course} and {@code terms}); each student enrolled in {@code enrollmentsPerStudent} classes of their
     * school and each class's teacher (teacher {@code c % teachers}) enrolled once. 1.1 users carry one {@code role} and
     * {@code orgs}; 1.2 users carry {@code roles[]} with a primary school role, every tenth teacher also a secondary
     * {@code districtAdministrator} role at the district. Records are built on request, not held.
     *
     * @throws IllegalArgumentException for an unknown version, no schools, or classes but no teachers
     */
    public static OneRosterData generate(String version, int schools, int students, int teachers, int classes, int enrollmentsPerStudent) {
        if (!version.equals("1.1") && !version.equals("1.2")) {
            throw new IllegalArgumentException("version must be 1.1 or 1.2, not " + version);
        }
        if (schools < 1 || (classes > 0 && teachers < 1) || (enrollmentsPerStudent > 0 && classes < schools)) {
            throw new IllegalArgumentException("need at least one school, a teacher for classes, and a class per school for enrollments");
        }
        OneRosterData data = new OneRosterData();
        OneRosterGenerator g = new OneRosterGenerator(version, schools, students, teachers, classes, enrollmentsPerStudent);
        synchronized (data) {
            data.generatedVersion = version;
            g.each(data::generated);
        }
        return data;
    }

    private void generated(String collection, String id, Supplier<ObjectNode> build) {
        collection(collection).put(id, new Entry(id, "active", GENERATED_AT, GENERATED, build));
        orderCache.remove(collection);
    }

    private static final Instant GENERATED = Instant.parse(GENERATED_AT);

    /** The OneRoster version this data was generated for, or null for a sample or records built in code. */
    public synchronized String generatedVersion() {
        return generatedVersion;
    }

    /** Where changed records' {@code dateLastModified} comes from (default the system clock), e.g. a {@link MutableClock}. */
    public synchronized OneRosterData clock(Supplier<Instant> clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    // ---- changing ----

    /**
     * Adds or replaces a record (it must have a {@code sourcedId}); {@code dateLastModified} is set to now if absent and
     * {@code status} to {@code active} if absent. The record is copied.
     */
    public synchronized OneRosterData put(String collection, ObjectNode record) {
        ObjectNode r = record.deepCopy();
        if (!r.hasNonNull("sourcedId")) {
            throw new IllegalArgumentException("a record needs a sourcedId: " + r);
        }
        if (!r.hasNonNull("status")) {
            r.put("status", "active");
        }
        if (!r.hasNonNull("dateLastModified")) {
            r.put("dateLastModified", stamp());
        }
        store(collection, r);
        return this;
    }

    /** Changes a served record and sets its {@code dateLastModified} to now. @throws IllegalArgumentException if not served */
    public synchronized OneRosterData edit(String collection, String sourcedId, Consumer<ObjectNode> change) {
        ObjectNode r = record(collection, sourcedId);
        if (r == null) {
            throw new IllegalArgumentException(collection + " " + sourcedId + " is not served");
        }
        change.accept(r);
        r.put("dateLastModified", stamp());
        store(collection, r);
        return this;
    }

    /** Sets a record's {@code status} to {@code tobedeleted} (it stays served, as OneRoster deltas deliver deletions). */
    public synchronized OneRosterData markDeleted(String collection, String sourcedId) {
        return edit(collection, sourcedId, r -> r.put("status", "tobedeleted"));
    }

    /** Removes a record entirely (a server that forgets instead of marking: a delta cannot see it). */
    public synchronized OneRosterData remove(String collection, String sourcedId) {
        if (collection(collection).remove(sourcedId) != null) {
            orderCache.remove(collection);
        }
        return this;
    }

    /**
     * Runs before each list request is answered, with the collection asked ({@code users}, also for {@code students}) and the
     * request's offset: change the data between pages (insert or delete records ahead of or behind the offset) to see what
     * offset paging over a changing data set delivers.
     */
    public OneRosterData onPage(PageHook hook) {
        this.onPage = Objects.requireNonNull(hook);
        return this;
    }

    /** As {@link #onPage(PageHook)} with the offset only. */
    public OneRosterData onPage(Consumer<Integer> hook) {
        return onPage((collection, offset) -> hook.accept(offset));
    }

    // ---- reading ----

    /** How many records a collection holds (any status). */
    public synchronized int size(String collection) {
        return collection(collection).size();
    }

    /** The sourcedIds of a collection, ascending. */
    public synchronized List<String> ids(String collection) {
        return List.copyOf(collection(collection).keySet());
    }

    /** A copy of a record, or null when not served. */
    public synchronized ObjectNode record(String collection, String sourcedId) {
        Entry e = collection(collection).get(sourcedId);
        return e == null ? null : e.record().get();
    }

    /** The collections that hold at least one record or are rostering collections. */
    public synchronized List<String> collections() {
        return collections.keySet().stream().sorted().toList();
    }

    void beforePage(String collection, int offset) {
        onPage.before(collection, offset);
    }

    /**
     * The entries of a collection that {@code keep} accepts, in ascending sourcedId order or sorted by {@code sort} (a
     * record's field; null for sourcedId), as they are now. The unfiltered default order is cached until the next change.
     */
    synchronized List<Entry> select(String collection, Predicate<Entry> keep, Comparator<Entry> sort) {
        List<Entry> all = orderCache.get(collection);
        if (all == null) {
            all = List.copyOf(collection(collection).values());
            orderCache.put(collection, all);
        }
        if (keep == null && sort == null) {
            return all;
        }
        List<Entry> out = new ArrayList<>();
        for (Entry e : all) {
            if (keep == null || keep.test(e)) {
                out.add(e);
            }
        }
        if (sort != null) {
            out.sort(sort);
        }
        return out;
    }

    // ---- internals ----

    private void store(String collection, ObjectNode r) {
        ObjectNode held = r;
        collection(collection).put(r.path("sourcedId").asString(), Entry.of(held, held::deepCopy));
        orderCache.remove(collection);
    }

    private NavigableMap<String, Entry> collection(String name) {
        return collections.computeIfAbsent(name, n -> new TreeMap<>());
    }

    /** Now from the clock, in milliseconds, after every stamp given before. */
    private String stamp() {
        Instant now = clock.get().truncatedTo(ChronoUnit.MILLIS);
        if (!now.isAfter(lastStamp)) {
            now = lastStamp.plusMillis(1);
        }
        lastStamp = now;
        return OneRosterGenerator.iso(now);
    }

    static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
