package com.seatkeeper.rostersync;

import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RosterKind;
import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.RowAt;
import com.seatkeeper.roster.changes.Severity;
import com.seatkeeper.roster.changes.Staged;
import com.seatkeeper.shared.Text;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One pull of a OneRoster REST server into the engine's staging. Orgs, academic sessions and courses are read whole
 * every time (few records; their names and which orgs are schools or districts are needed to map the rest); users,
 * classes and enrollments are read page by page straight into staging, in a delta pull only what changed
 * ({@code filter=dateLastModified>'<since>'}), {@code tobedeleted} records then staged as deletions. The same sourcedId
 * served twice in one collection (offset paging over data that changes during the run) is staged once, the newest by
 * {@code dateLastModified}: {@link Latest} holds back one page and remembers a 64-bit hash and date per record (16 bytes
 * a record at most, never the records). One pull, one thread.
 */
final class OneRosterPull {
    /** At most this many sourcedIds are named in one warning. */
    private static final int NAMED = 5;
    private static final DateTimeFormatter FILTER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final OneRosterClient client;
    private final RosterStaging staging;
    private final PullProgress progress;
    private final int pageSize;
    private final Instant since;
    private final Set<String> schools = new HashSet<>();
    private final Set<String> districts = new HashSet<>();
    private final Map<String, String> terms = new HashMap<>();
    private final Map<String, String> courses = new HashMap<>();
    private final Set<String> skippedUsers = new HashSet<>();
    private final List<String> unroled = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Long> ignoredEnrollmentRoles = new LinkedHashMap<>();
    private long unroledCount;
    private long guardians;
    private long enabledUnreadable;
    private long records;
    private boolean filterRefused;

    /** @param since null for a full pull; else the delta's {@code dateLastModified} bound */
    OneRosterPull(OneRosterClient client, RosterStaging staging, PullProgress progress, int pageSize, Instant since) {
        this.client = client;
        this.staging = staging;
        this.progress = progress;
        this.pageSize = pageSize;
        this.since = since;
    }

    /** The delta filter for records changed after {@code since}: {@code dateLastModified>'2024-01-01T00:00:00.000Z'}. */
    static String filter(Instant since) {
        return "dateLastModified>'" + FILTER_TIME.format(since) + "'";
    }

    /** Whether a delta request was refused (400) during this pull, and that collection read whole instead. */
    boolean filterRefused() {
        return filterRefused;
    }

    /** Pulls as planned; the result's warnings hold the pull's problems (an ERROR among them rejects the run). */
    PullResult run() throws PullFailure {
        client.list("orgs", pageSize, null, this::org, this::page);
        client.list("academicSessions", pageSize, null, (s, n) -> {
            records++;
            terms.put(OneRosterRecords.sourcedId(s), OneRosterRecords.title(s));
        }, this::page);
        client.list("courses", pageSize, null, (c, n) -> {
            records++;
            courses.put(OneRosterRecords.sourcedId(c), OneRosterRecords.title(c));
        }, this::page);
        collection("users", RosterKind.USERS, this::user);
        collection("classes", RosterKind.CLASSES, (c, at) -> staging.rosterClass(OneRosterRecords.rosterClass(c, courses, terms, at)));
        collection("enrollments", RosterKind.ENROLLMENTS, this::enrollment);
        report();
        return new PullResult(client.requests(), client.pages(), records, false, null, problems);
    }

    @FunctionalInterface
    private interface Stage {
        void live(JsonNode record, RowAt at);
    }

    /** A collection into staging through {@link Latest}: live records staged, {@code tobedeleted} ones deleted in a delta. */
    private void collection(String name, RosterKind kind, Stage stage) throws PullFailure {
        Latest latest = new Latest((r, n) -> {
            RowAt at = new RowAt(name, n);
            if (OneRosterRecords.toBeDeleted(r)) {
                if (since != null) {
                    staging.deletion(OneRosterRecords.deletion(kind, r, at));
                }
            } else {
                stage.live(r, at);
            }
        });
        OneRosterClient.Listed listed;
        String filter = since == null ? null : filter(since);
        try {
            listed = client.list(name, pageSize, filter, (r, n) -> {
                records++;
                latest.offer(r, n);
            }, () -> {
                latest.endPage();
                page();
            });
        } catch (OneRosterClient.Failed f) {
            if (f.kind != OneRosterClient.Kind.FILTER_REFUSED || latest.distinct() > 0) {
                throw f;
            }
            // the server refused the filter: this collection whole (upserts; only tobedeleted records are removed)
            filterRefused = true;
            listed = client.list(name, pageSize, null, (r, n) -> {
                records++;
                latest.offer(r, n);
            }, () -> {
                latest.endPage();
                page();
            });
        }
        latest.finish();
        page();
        if (since == null && listed.total() >= 0 && latest.distinct() < listed.total()) {
            problems.add(new Problem(name, null, null, Severity.WARNING, "fewer_records_than_total", String.format(Locale.US,
                    "The server said %,d %s (X-Total-Count) but served %,d: records that moved while the sync paged through them "
                            + "were not read, and this full sync takes what it did not read as gone. Check the run's removals; the next "
                            + "sync reads them again.", listed.total(), name, latest.distinct())));
        }
        if (latest.duplicates() > 0) {
            problems.add(new Problem(name, null, "sourcedId", Severity.WARNING, "served_twice", String.format(Locale.US,
                    "%,d %s were served twice during the sync (paging over data that changed meanwhile): each was taken once, the "
                            + "newest by dateLastModified%s.", latest.duplicates(), name, latest.lateNewer() == 0 ? ""
                            : String.format(Locale.US, "; %,d newer copies came after the older one was kept and arrive with the next "
                                    + "sync", latest.lateNewer()))));
        }
    }

    private void org(JsonNode org, long n) {
        records++;
        String type = OneRosterRecords.orgType(org);
        String id = OneRosterRecords.sourcedId(org);
        RowAt at = new RowAt("orgs", n);
        boolean deleted = OneRosterRecords.toBeDeleted(org);
        if ("district".equals(type) && !deleted) {
            districts.add(id);
        }
        if (!"school".equals(type)) {
            return;
        }
        if (deleted) {
            Instant modified = OneRosterRecords.modified(org);
            if (since != null && (modified == null || modified.isAfter(since))) {
                staging.deletion(OneRosterRecords.deletion(RosterKind.SCHOOLS, org, at));
            }
            return;
        }
        schools.add(id);
        OneRosterRecords.school(org, at).ifPresent(staging::school);
    }

    private void user(JsonNode user, RowAt at) {
        OneRosterRecords.User mapped = OneRosterRecords.user(user, schools, districts, at);
        if (mapped instanceof OneRosterRecords.User.Person p) {
            if (p.enabledUnreadable()) {
                enabledUnreadable++;
            }
            var unusable = OneRosterRecords.unusableEmail(p.person());
            unusable.ifPresent(u -> problems.add(u.warning()));
            staging.person(unusable.map(OneRosterRecords.Unusable::person).orElse(p.person()));
        } else if (mapped instanceof OneRosterRecords.User.Skipped) {
            guardians++;
            skippedUsers.add(OneRosterRecords.sourcedId(user));
        } else if (mapped instanceof OneRosterRecords.User.Unroled u) {
            unroledCount++;
            if (unroled.size() < NAMED) {
                unroled.add(Text.excerpt(OneRosterRecords.sourcedId(user)) + (u.role().isEmpty() ? " (no role)" : " (role '" + Text.excerpt(u.role()) + "')"));
            }
            skippedUsers.add(OneRosterRecords.sourcedId(user));
        }
    }

    private void enrollment(JsonNode e, RowAt at) {
        if (skippedUsers.contains(OneRosterRecords.enrollmentUser(e))) {
            return; // a guardian's (or an unroled user's, reported) enrollment
        }
        var enrollment = OneRosterRecords.enrollment(e, at);
        if (enrollment.isPresent()) {
            staging.enrollment(enrollment.get());
        } else {
            ignoredEnrollmentRoles.merge(String.valueOf(OneRosterRecords.text(e, "role")), 1L, Long::sum);
        }
    }

    private void report() {
        if (guardians > 0) {
            staging.skippedPeople(guardians);
            problems.add(new Problem("users", null, "role", Severity.WARNING, "guardians_skipped", String.format(Locale.US,
                    "%,d guardians, parents or relatives were skipped: Seatkeeper rosters students, teachers, staff and administrators only.",
                    guardians)));
        }
        if (unroledCount > 0) {
            problems.add(new Problem("users", null, "role", Severity.ERROR, "user_without_role", String.format(Locale.US,
                    "%,d users have no role Seatkeeper knows (%s%s): OneRoster gives every user one (1.1 role; 1.2 roles[] with at least "
                            + "one entry: student, teacher, administrator, aide, ...). Nothing was changed; correct them in the district's "
                            + "SIS, then sync again.", unroledCount, String.join(", ", unroled), unroledCount > NAMED ? ", …" : "")));
        }
        if (enabledUnreadable > 0) {
            problems.add(new Problem("users", null, "enabledUser", Severity.WARNING, "enabled_user_unreadable", String.format(Locale.US,
                    "%,d users have an enabledUser that is neither true nor false: they are kept as enabled.", enabledUnreadable)));
        }
        ignoredEnrollmentRoles.forEach((role, n) -> problems.add(new Problem("enrollments", null, "role", Severity.WARNING,
                "enrollment_role_ignored", String.format(Locale.US, "%,d enrollments as %s are not kept (only the teachers and students of "
                        + "a class are).", n, Text.excerpt(role)))));
    }

    private void page() {
        staging.rowsRead(records);
        progress.page(client.pages(), records);
    }

    /**
     * Stages each sourcedId of one collection once, the newest by {@code dateLastModified}: records wait one page (a
     * record served again on the next page, as offset paging does when rows shift, replaces the held one when newer);
     * staged records are remembered as a 64-bit hash of the sourcedId with their date (an open-addressing table: 16
     * bytes a record), so a later copy is dropped, counted as {@link #lateNewer()} when it was newer. Records without a
     * sourcedId are passed on as they are (the engine reports them).
     */
    static final class Latest {
        @FunctionalInterface
        interface Sink {
            void stage(JsonNode record, long position);
        }

        private record Held(JsonNode record, long position, long modified) {}

        private final Sink sink;
        private LinkedHashMap<String, Held> previous = new LinkedHashMap<>();
        private LinkedHashMap<String, Held> current = new LinkedHashMap<>();
        private long[] keys = new long[1024];
        private long[] dates = new long[1024];
        private int size;
        private long duplicates;
        private long lateNewer;

        Latest(Sink sink) {
            this.sink = sink;
        }

        void offer(JsonNode record, long position) {
            String id = OneRosterRecords.sourcedId(record);
            if (id == null) {
                sink.stage(record, position);
                return;
            }
            Instant m = OneRosterRecords.modified(record);
            Held held = new Held(record, position, m == null ? Long.MIN_VALUE : m.toEpochMilli());
            for (LinkedHashMap<String, Held> waiting : List.of(current, previous)) {
                Held old = waiting.get(id);
                if (old != null) {
                    duplicates++;
                    if (held.modified() > old.modified()) {
                        waiting.put(id, held);
                    }
                    return;
                }
            }
            int slot = slot(hash(id));
            if (keys[slot] != 0) {
                duplicates++;
                if (held.modified() > dates[slot]) {
                    lateNewer++;
                }
                return;
            }
            current.put(id, held);
        }

        /** After a page: what waited since the page before is staged. */
        void endPage() {
            flush(previous);
            previous = current;
            current = new LinkedHashMap<>();
        }

        /** After the collection: everything still held is staged. */
        void finish() {
            flush(previous);
            flush(current);
            previous = new LinkedHashMap<>();
            current = new LinkedHashMap<>();
        }

        /** Distinct sourcedIds staged so far. */
        long distinct() {
            return size;
        }

        long duplicates() {
            return duplicates;
        }

        long lateNewer() {
            return lateNewer;
        }

        private void flush(Map<String, Held> held) {
            for (Map.Entry<String, Held> e : held.entrySet()) {
                long h = hash(e.getKey());
                int slot = slot(h);
                keys[slot] = h;
                dates[slot] = e.getValue().modified();
                if (++size * 4 > keys.length * 3) {
                    grow();
                }
                sink.stage(e.getValue().record(), e.getValue().position());
            }
        }

        private int slot(long h) {
            int mask = keys.length - 1;
            int i = (int) (h ^ (h >>> 32)) & mask;
            while (keys[i] != 0 && keys[i] != h) {
                i = (i + 1) & mask;
            }
            return i;
        }

        private void grow() {
            long[] oldKeys = keys;
            long[] oldDates = dates;
            keys = new long[oldKeys.length * 2];
            dates = new long[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    int slot = slot(oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    dates[slot] = oldDates[i];
                }
            }
        }

        /** 64-bit FNV-1a over the UTF-16 units, never 0 (0 marks an empty slot). */
        static long hash(String s) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < s.length(); i++) {
                h ^= s.charAt(i);
                h *= 0x100000001b3L;
            }
            h ^= h >>> 29;
            return h == 0 ? 1 : h;
        }
    }
}
