package com.seatkeeper.rostersync;

import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.RowAt;
import com.seatkeeper.roster.changes.Severity;
import com.seatkeeper.roster.changes.Staged;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * One pull of a Clever district into the engine's staging: the district (its pause state), then schools, terms and
 * courses (names kept in two small maps), users and sections, each list page by page straight into {@link RosterStaging}.
 * Only one page and the term and course names are ever in memory. One pull, one thread.
 */
final class CleverPull {
    /** At most this many ids are named in a warning about records Clever did not serve. */
    private static final int NAMED = 5;

    private final CleverClient client;
    private final RosterStaging staging;
    private final PullProgress progress;
    private final int pageSize;
    private final Map<String, String> terms = new HashMap<>();
    private final Map<String, String> courses = new HashMap<>();
    private final Set<String> missingTerms = new TreeSet<>();
    private final Set<String> missingCourses = new TreeSet<>();
    private final List<Problem> warnings = new ArrayList<>();
    private long sectionsWithoutTerm;
    private long sectionsWithoutCourse;
    private long contacts;
    private long records;

    CleverPull(CleverClient client, RosterStaging staging, PullProgress progress, int pageSize) {
        this.client = client;
        this.staging = staging;
        this.progress = progress;
        this.pageSize = pageSize;
    }

    /** Pulls everything; {@code today} and {@code zone} decide whether Clever's pause window covers today. */
    PullResult run(LocalDate today, ZoneId zone) throws PullFailure {
        return run(today, zone, false);
    }

    /**
     * As {@link #run(LocalDate, ZoneId)}; with {@code cursor}, first asks Clever for its newest event (before reading
     * anything else, so that no change made during the pull is missed by the next delta) and returns the position to
     * resume from ({@link CleverEvents.Cursor}), {@link #NO_EVENTS} when the app has no events for the district, or
     * {@link #PAUSED} when the district is paused.
     */
    PullResult run(LocalDate today, ZoneId zone, boolean cursor) throws PullFailure {
        Optional<String> newest = Optional.empty();
        boolean events = cursor;
        if (cursor) {
            try {
                newest = client.newestEvent();
            } catch (CleverClient.Failed f) {
                if (f.kind != CleverClient.Kind.FORBIDDEN && f.kind != CleverClient.Kind.NOT_FOUND) {
                    throw f;
                }
                events = false;
                warnings.add(new Problem("events", null, null, Severity.WARNING, "clever_events_unavailable", "Clever did not give "
                        + "the app the district's events (" + (f.kind == CleverClient.Kind.FORBIDDEN ? "403" : "404") + "), so each "
                        + "sync reads the whole district. Enable events for the app in Clever to make syncs read only what changed."));
            }
        }
        JsonNode district = district();
        Optional<String> paused = CleverRecords.paused(district, today, zone);
        client.list("schools", pageSize, (s, n) -> {
            records++;
            staging.school(CleverRecords.school(s, new RowAt("schools", n)));
        }, this::page);
        client.list("terms", pageSize, (t, n) -> {
            records++;
            terms.put(CleverRecords.text(t, "id"), CleverRecords.termName(t));
        }, this::page);
        client.list("courses", pageSize, (c, n) -> {
            records++;
            courses.put(CleverRecords.text(c, "id"), CleverRecords.courseName(c));
        }, this::page);
        client.list("users", pageSize, this::user, this::page);
        client.list("sections", pageSize, this::section, this::page);
        if (contacts > 0) {
            staging.skippedPeople(contacts);
            warnings.add(new Problem("users", null, "roles", Severity.WARNING, "contacts_skipped", count(contacts, "contact", "contacts")
                    + " (guardians and other family members) in Clever " + (contacts == 1 ? "was" : "were") + " skipped: Seatkeeper "
                    + "rosters students, teachers, staff and district admins only."));
        }
        missing("term", "term_id", missingTerms, sectionsWithoutTerm, "clever_term_not_served");
        missing("course", "course", missingCourses, sectionsWithoutCourse, "clever_course_not_served");
        if (!cursor) {
            return new PullResult(client.requests(), client.pages(), records, paused.isPresent(), paused.orElse(null), warnings);
        }
        return new PullResult(client.requests(), client.pages(), records, paused.isPresent(), paused.orElse(null), warnings,
                !events ? NO_EVENTS : paused.isPresent() ? PAUSED : CleverEvents.Cursor.of(newest.orElse(null), district).encode(),
                events ? PullState.DeltaSupport.HONOURED : null);
    }

    /** The cursor of a full pull for which Clever gave no events: the next sync pulls in full again. */
    static final String NO_EVENTS = "no-events";
    /**
     * The cursor of a full pull of a paused district: it held removals back, which no event will name again, so the next
     * sync pulls in full again (and removes them once the district runs).
     */
    static final String PAUSED = "paused";

    private JsonNode district() throws PullFailure {
        List<JsonNode> districts = new ArrayList<>(1);
        client.list("districts", 0, (d, n) -> {
            records++;
            districts.add(d);
        }, this::page);
        if (districts.size() != 1) {
            throw new PullFailure(districts.isEmpty()
                    ? "Clever shows the district token no district: the district may have disconnected the app in Clever. Reconnect it "
                    + "and paste the new token." : "Clever shows this token " + districts.size() + " districts, where a district-app token "
                    + "sees one: paste the district's own token.", client.requests());
        }
        return districts.get(0);
    }

    private void user(JsonNode user, long n) {
        records++;
        Optional<Staged.Person> person = CleverRecords.person(user, new RowAt("users", n));
        if (person.isEmpty()) {
            contacts++;
            return;
        }
        Optional<CleverRecords.Unusable> unusable = CleverRecords.unusableEmail(person.get());
        unusable.ifPresent(u -> warnings.add(u.warning()));
        staging.person(unusable.map(CleverRecords.Unusable::person).orElse(person.get()));
    }

    private void section(JsonNode section, long n) {
        records++;
        RowAt at = new RowAt("sections", n);
        String term = CleverRecords.text(section, "term_id");
        if (term != null && !terms.containsKey(term)) {
            missingTerms.add(term);
            sectionsWithoutTerm++;
        }
        String course = CleverRecords.text(section, "course");
        if (course != null && !courses.containsKey(course)) {
            missingCourses.add(course);
            sectionsWithoutCourse++;
        }
        staging.rosterClass(CleverRecords.section(section, courses, terms, at));
        CleverRecords.enrollments(section, at).forEach(staging::enrollment);
    }

    private void page() {
        staging.rowsRead(records);
        progress.page(client.pages(), records);
    }

    /** One WARNING for all the sections that name a term (or course) Clever did not serve: their classes have none. */
    private void missing(String what, String column, Set<String> ids, long sections, String code) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> named = ids.stream().limit(NAMED).toList();
        warnings.add(new Problem("sections", null, column, Severity.WARNING, code, count(sections, "section", "sections") + " name "
                + count(ids.size(), what, what + "s") + " that Clever did not serve (" + String.join(", ", named)
                + (ids.size() > NAMED ? ", …" : "") + "): their classes are kept without a " + what + ". Check the " + what
                + "s shared with the app in Clever."));
    }

    private static String count(long n, String one, String many) {
        return String.format(Locale.US, "%,d %s", n, n == 1 ? one : many);
    }
}
