package com.seatkeeper.rostersync;

import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RosterKind;
import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.RowAt;
import com.seatkeeper.roster.changes.Severity;
import com.seatkeeper.roster.changes.Staged;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One incremental pull of a Clever district from its Events API (../shared/specs/clever/v3.0-events.yml and
 * v3.1-events.yml; docs/design.md "Clever incremental syncs"): {@code GET /events?starting_after=<cursor>} page by page,
 * then what changed staged as a DELTA run: {@code users.*}, {@code sections.*} and {@code schools.*} upserted from the
 * event's {@code data.object} (Clever's v3 events carry the whole record; one that does not is read again with
 * {@code GET /users/{id}} etc.), {@code *.deleted} staged as {@link Staged.Deletion}s, a section's members that its
 * {@code previous_attributes} name and it no longer lists staged as enrollment deletions and those it lists and did not
 * as enrollments (all of a section created since), and {@code districts.updated} read for the pause state.
 *
 * <p>Events are not assumed to come in order, nor one per record: for each record the event with the greatest id (Clever's
 * event ids ascend with time, as its pages do) wins, whatever the order read, and a section's earlier members are
 * gathered from all its update events. Applying an event twice changes nothing (an upsert of the same values), which is
 * what makes the cursor of a full pull safe to take before that pull reads anything. Memory: the newest event of each
 * record changed since the last sync (not the district), and the term and course names when sections changed.
 */
final class CleverEvents {
    /** How long Clever keeps events (its Events API documentation: 30 days). */
    static final Duration KEPT = Duration.ofDays(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> ROSTERED = Set.of("users", "sections", "schools");

    /**
     * Where the next delta of a connection starts, stored as {@link PullState#cursor()} (a small JSON object, the
     * connector's own): the newest event id Clever kept when the last applied pull began ({@code after}; null when the
     * log held none, so the next delta reads every event kept), and the district's pause state as then known
     * ({@code state}, {@code pause_start}, {@code pause_end}, moved by {@code districts.updated} events) so that a delta
     * needs no request besides the events.
     */
    record Cursor(String after, String state, String pauseStart, String pauseEnd) {
        /** The cursor of a pull that began at event {@code after} (or none) and read the district record {@code district}. */
        static Cursor of(String after, JsonNode district) {
            return new Cursor(after, CleverRecords.text(district, "state"), CleverRecords.text(district, "pause_start"),
                    CleverRecords.text(district, "pause_end"));
        }

        /** The stored form. */
        String encode() {
            ObjectNode o = JSON.createObjectNode();
            o.put("after", after).put("state", state).put("pause_start", pauseStart).put("pause_end", pauseEnd);
            return JSON.writeValueAsString(o);
        }

        /** A stored cursor; empty when there is none or it is not one of these (a full pull then starts again). */
        static Optional<Cursor> decode(String stored) {
            if (stored == null || stored.isBlank()) {
                return Optional.empty();
            }
            try {
                JsonNode o = JSON.readTree(stored);
                if (!o.isObject() || !o.has("after")) {
                    return Optional.empty();
                }
                return Optional.of(new Cursor(CleverRecords.text(o, "after"), CleverRecords.text(o, "state"),
                        CleverRecords.text(o, "pause_start"), CleverRecords.text(o, "pause_end")));
            } catch (JacksonException e) {
                return Optional.empty();
            }
        }

        /** The district's pause fields as a Clever district record, for {@link CleverRecords#paused}. */
        JsonNode district() {
            ObjectNode d = JSON.createObjectNode();
            d.put("state", state).put("pause_start", pauseStart).put("pause_end", pauseEnd);
            return d;
        }
    }

    /** The newest event read of one record. */
    private record Latest(String eventId, String action, JsonNode object) {}

    /** A field's value before the earliest event that changed it. */
    private record Earliest(String eventId, JsonNode value) {}

    private static final List<String> MEMBER_FIELDS = List.of("students", "teachers", "teacher");

    private final CleverClient client;
    private final RosterStaging staging;
    private final PullProgress progress;
    private final int pageSize;
    private final Cursor from;
    /** Per "resource:id", the newest event read. */
    private final Map<String, Latest> latest = new HashMap<>();
    /** Per section id, the users its update events' {@code previous_attributes} name. */
    private final Map<String, Set<String>> earlierMembers = new HashMap<>();
    /**
     * Per section id and member field ({@code students}, {@code teachers}, {@code teacher}), the earliest event's
     * {@code previous_attributes} value: the section's members as the last sync left them.
     */
    private final Map<String, Map<String, Earliest>> membersBefore = new HashMap<>();
    /** Sections created since the cursor: all their members are new. */
    private final Set<String> created = new HashSet<>();
    private final List<Problem> warnings = new ArrayList<>();
    private JsonNode district;
    private String districtEvent;
    private String newest;
    private boolean namesChanged;
    private long events;
    private long records;
    private long contacts;
    private long refetched;

    CleverEvents(CleverClient client, RosterStaging staging, PullProgress progress, int pageSize, Cursor from) {
        this.client = client;
        this.staging = staging;
        this.progress = progress;
        this.pageSize = pageSize;
        this.from = from;
    }

    /**
     * Reads the events after the cursor and stages what they changed; {@code today} and {@code zone} decide whether the
     * district's pause window (as the cursor or a newer {@code districts.updated} event gives it) covers today.
     *
     * @return what was read; its cursor is the newest event read (the old one when none), with the pause state; while
     *         the district is paused, the old cursor (the events are read again once it runs, their removals applied)
     */
    PullResult run(LocalDate today, ZoneId zone) throws PullFailure {
        client.list("events", pageSize, from.after(), this::event, this::page);
        Map<String, String> terms = new HashMap<>();
        Map<String, String> courses = new HashMap<>();
        boolean sectionsChanged = latest.keySet().stream().anyMatch(k -> k.startsWith("sections:"));
        if (sectionsChanged || namesChanged) {
            // a section's class names its course and term by title: read those lists (a few pages) to name them
            client.list("terms", pageSize, (t, n) -> terms.put(CleverRecords.text(t, "id"), CleverRecords.termName(t)), this::page);
            client.list("courses", pageSize, (c, n) -> courses.put(CleverRecords.text(c, "id"), CleverRecords.courseName(c)), this::page);
        }
        long line = 0;
        for (Map.Entry<String, Latest> e : new TreeMap<>(latest).entrySet()) {
            String resource = e.getKey().substring(0, e.getKey().indexOf(':'));
            String id = e.getKey().substring(resource.length() + 1);
            stage(resource, id, e.getValue(), terms, courses, ++line);
        }
        if (namesChanged) {
            // a term or course renamed or deleted renames the classes of its sections: those are staged again, current
            client.list("sections", pageSize, (s, n) -> {
                records++;
                section(CleverRecords.text(s, "id"), s, terms, courses, new RowAt("sections", n), true);
            }, this::page);
        }
        if (contacts > 0) {
            staging.skippedPeople(contacts);
        }
        JsonNode pause = district != null ? district : from.district();
        Optional<String> paused = CleverRecords.paused(pause, today, zone);
        // while the district is paused the run holds removals back: the position stays, so that the sync after the pause
        // reads these events again (upserts change nothing twice) and applies the removals then
        Cursor next = paused.isPresent() ? from
                : district != null ? Cursor.of(newest != null ? newest : from.after(), district)
                : new Cursor(newest != null ? newest : from.after(), from.state(), from.pauseStart(), from.pauseEnd());
        if (refetched > 0) {
            warnings.add(new Problem("events", null, null, Severity.WARNING, "clever_event_incomplete", refetched
                    + (refetched == 1 ? " event" : " events") + " from Clever did not carry the whole record; "
                    + (refetched == 1 ? "it was" : "they were") + " read again from the Data API."));
        }
        return new PullResult(client.requests(), client.pages(), records, paused.isPresent(), paused.orElse(null), warnings,
                next.encode(), PullState.DeltaSupport.HONOURED);
    }

    /** How many events this pull read. */
    long events() {
        return events;
    }

    private void event(JsonNode event, long n) {
        events++;
        String id = CleverRecords.text(event, "id");
        String type = CleverRecords.text(event, "type");
        if (id != null && (newest == null || id.compareTo(newest) > 0)) {
            newest = id;
        }
        if (type == null || type.indexOf('.') < 0) {
            return;
        }
        String resource = type.substring(0, type.indexOf('.'));
        String action = type.substring(type.indexOf('.') + 1);
        JsonNode object = event.path("data").path("object");
        if ("districts".equals(resource)) {
            if (!"deleted".equals(action) && object.isObject() && (districtEvent == null || id.compareTo(districtEvent) > 0)) {
                district = object;
                districtEvent = id;
            }
            return;
        }
        if ("terms".equals(resource) || "courses".equals(resource)) {
            namesChanged |= !"created".equals(action);
            return;
        }
        String objectId = CleverRecords.text(object, "id");
        if (!ROSTERED.contains(resource) || objectId == null || id == null) {
            return;
        }
        if ("sections".equals(resource)) {
            if ("created".equals(action)) {
                created.add(objectId);
            }
            JsonNode before = event.path("previous_attributes");
            for (String field : MEMBER_FIELDS) {
                if (before.has(field)) {
                    Map<String, Earliest> fields = membersBefore.computeIfAbsent(objectId, k -> new HashMap<>());
                    Earliest known = fields.get(field);
                    if (known == null || id.compareTo(known.eventId()) < 0) {
                        fields.put(field, new Earliest(id, before.get(field)));
                    }
                }
            }
            Set<String> members = earlierMembers.computeIfAbsent(objectId, k -> new HashSet<>());
            before.path("students").values().forEach(s -> members.add(s.asString()));
            before.path("teachers").values().forEach(s -> members.add(s.asString()));
            String teacher = CleverRecords.text(before, "teacher");
            if (teacher != null) {
                members.add(teacher);
            }
        }
        String key = resource + ":" + objectId;
        Latest known = latest.get(key);
        if (known == null || id.compareTo(known.eventId()) > 0) {
            latest.put(key, new Latest(id, action, object));
        }
    }

    private void stage(String resource, String id, Latest event, Map<String, String> terms, Map<String, String> courses, long line)
            throws PullFailure {
        RowAt at = new RowAt(resource, line);
        records++;
        JsonNode object = event.object();
        boolean reread = false;
        if (!"deleted".equals(event.action()) && !whole(resource, object)) {
            // an event that does not carry the whole record (Clever's v1 events carried only what changed): read it again
            refetched++;
            Optional<JsonNode> current = client.one(resource, id);
            if (current.isEmpty()) {
                deleted(resource, id, at);
                return;
            }
            object = current.get();
            reread = true;
        }
        if ("deleted".equals(event.action())) {
            deleted(resource, id, at);
            return;
        }
        switch (resource) {
            case "schools" -> staging.school(CleverRecords.school(object, at));
            case "users" -> {
                Optional<Staged.Person> person = CleverRecords.person(object, at);
                if (person.isEmpty()) {
                    // a user who is now only a contact is no longer rostered: as a full pull would, remove them
                    contacts++;
                    staging.deletion(new Staged.Deletion(RosterKind.USERS, id, null, at));
                    return;
                }
                Optional<CleverRecords.Unusable> unusable = CleverRecords.unusableEmail(person.get());
                unusable.ifPresent(u -> warnings.add(u.warning()));
                staging.person(unusable.map(CleverRecords.Unusable::person).orElse(person.get()));
            }
            default -> section(id, object, terms, courses, at, reread || created.contains(id));
        }
    }

    /**
     * A section as a class; its enrollments: all of them when {@code all} (a section created since the cursor, or read
     * again), else only the members its events added (those listed now and not before the earliest event that changed
     * the field: an unchanged member is not staged again, which keeps a delta proportional to what changed); and
     * deletions of the members any of its update events say it had and it no longer lists.
     */
    private void section(String id, JsonNode section, Map<String, String> terms, Map<String, String> courses, RowAt at, boolean all) {
        staging.rosterClass(CleverRecords.section(section, courses, terms, at));
        List<Staged.Enrollment> now = CleverRecords.enrollments(section, at);
        Map<String, Earliest> before = membersBefore.remove(id);
        if (all) {
            now.forEach(staging::enrollment);
        } else {
            Set<String> students = before == null || !before.containsKey("students") ? ids(section.path("students"))
                    : ids(before.get("students").value());
            Set<String> teachers = before == null || !before.containsKey("teachers") ? ids(section.path("teachers"))
                    : ids(before.get("teachers").value());
            JsonNode teacher = before == null || !before.containsKey("teacher") ? section.path("teacher") : before.get("teacher").value();
            if (teacher != null && teacher.isString()) {
                teachers.add(teacher.asString());
            }
            for (Staged.Enrollment e : now) {
                Set<String> had = e.role() == Staged.EnrollmentRole.STUDENT ? students : teachers;
                if (!had.contains(e.userSourcedId())) {
                    staging.enrollment(e);
                }
            }
        }
        Set<String> earlier = earlierMembers.remove(id);
        if (earlier != null) {
            Set<String> gone = new LinkedHashSet<>(earlier);
            now.forEach(e -> gone.remove(e.userSourcedId()));
            gone.forEach(user -> staging.deletion(new Staged.Deletion(RosterKind.ENROLLMENTS, id, user, at)));
        }
    }

    private static Set<String> ids(JsonNode list) {
        Set<String> ids = new HashSet<>();
        if (list != null) {
            list.values().forEach(v -> ids.add(v.asString()));
        }
        return ids;
    }

    private void deleted(String resource, String id, RowAt at) {
        RosterKind kind = switch (resource) {
            case "schools" -> RosterKind.SCHOOLS;
            case "users" -> RosterKind.USERS;
            default -> RosterKind.CLASSES;
        };
        staging.deletion(new Staged.Deletion(kind, id, null, at));
    }

    /** Whether an event's object is the whole record (v3 events carry it; a partial one lacks what a record always has). */
    static boolean whole(String resource, JsonNode object) {
        if (object == null || !object.isObject() || !object.has("id")) {
            return false;
        }
        return switch (resource) {
            case "users" -> object.has("roles") && object.has("name");
            case "sections" -> object.has("school") && object.has("students") && object.has("teachers") && object.has("name");
            default -> object.has("name");
        };
    }

    private void page() {
        staging.rowsRead(records);
        progress.page(client.pages(), records);
    }
}
