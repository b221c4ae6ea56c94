package com.seatkeeper.console.rostering;

import com.seatkeeper.console.ConsoleWords;
import com.seatkeeper.console.imports.RunPage;
import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.rostersync.ConnectionCheck;
import com.seatkeeper.shared.BusinessRefusal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the Rostering page says, as plain functions of what the services answer (tested without Spring,
 * {@code RosteringWordsTest}): a connection test's result, a refused sync request, a run's duration and one row of the
 * run history.
 */
public final class RosteringWords {
    /** The order of the kinds a connection test counts, as Clever names them; other kinds follow alphabetically. */
    private static final List<String> KINDS = List.of("districts", "orgs", "schools", "users", "students", "teachers", "staff", "sections",
            "terms", "courses");

    private RosteringWords() {
    }

    /**
     * A connection test's answer for the page.
     *
     * @param ok    the test read everything it tried
     * @param title the lead, "Clever answered" or "The connection does not work"
     * @param text  what was found, or the problem and what to do
     */
    public record Check(boolean ok, String title, String text) {}

    /** A connection test's result in words: the counts found on the first page of each kind, or the plain problem. */
    public static Check check(ConnectionCheck check, String provider) {
        if (!check.ok()) {
            String problem = check.problem() == null ? provider + " did not answer as expected. Try again in a few minutes."
                    : ConsoleWords.apiFree(check.problem());
            return new Check(false, "The connection does not work.", problem);
        }
        String found = found(check.found());
        String works = "ClassLink".equals(provider) ? "The client id and secret work" : "The district token works";
        return new Check(true, provider + " answered.", works + (found.isEmpty() ? "." : "; the first page of each kind holds " + found
                + "."));
    }

    /** A refusal of the test (no connection yet, say) in the same shape. */
    public static Check check(BusinessRefusal refusal) {
        return new Check(false, refusal.title() + ".", ConsoleWords.detail(refusal));
    }

    /** "3 schools, 100 users and 20 sections" in a stable order; empty for no counts. */
    public static String found(Map<String, Long> counts) {
        List<String> parts = counts.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Long> e) -> rank(e.getKey())).thenComparing(Map.Entry::getKey))
                .map(e -> RunPage.number(e.getValue()) + " " + kind(e.getKey(), e.getValue())).toList();
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static int rank(String kind) {
        int i = KINDS.indexOf(kind);
        return i < 0 ? KINDS.size() : i;
    }

    /** The kind's word for a count: "1 school", "2 schools"; "staff" stays as it is. */
    private static String kind(String kind, long n) {
        if (n != 1 || !kind.endsWith("s")) {
            return kind;
        }
        return kind.substring(0, kind.length() - 1);
    }

    /**
     * A refused same-day sync request in words, with the run it names (already queued: that run, to follow it).
     *
     * @param text  what happened and what to do
     * @param runId the queued or running sync to open, or null
     */
    public record SyncRefusal(String title, String text, SyncRunId runId) {}

    /**
     * A refused sync request for the page: already queued (a link to that run), the daily limit reached (when the next is
     * allowed, written by {@code time} in the district's zone), or any other refusal's own words.
     */
    public static SyncRefusal syncRefusal(BusinessRefusal refusal, Function<Instant, String> time) {
        return switch (refusal.code()) {
            case "sync_already_queued" -> new SyncRefusal("A sync is already queued.", "A sync of this district is already queued "
                    + "or running; it brings every change made so far. Follow it instead of requesting another.",
                    runId(refusal.properties().get("syncRunId")).orElse(null));
            case "sync_limit_reached" -> new SyncRefusal("No more same-day syncs today.", nextAllowedAt(refusal)
                    .map(at -> "This district has used all its same-day syncs for today. The next one can be requested from "
                            + time.apply(at) + "; the nightly sync brings every change before that.")
                    .orElse(ConsoleWords.detail(refusal)), null);
            default -> new SyncRefusal(refusal.title() + ".", ConsoleWords.detail(refusal), null);
        };
    }

    /** The moment a refused request names as the next allowed one (property {@code nextAllowedAt}, an instant or its text). */
    static Optional<Instant> nextAllowedAt(BusinessRefusal refusal) {
        Object at = refusal.properties().get("nextAllowedAt");
        if (at instanceof Instant i) {
            return Optional.of(i);
        }
        if (at instanceof TemporalAccessor t) {
            try {
                return Optional.of(Instant.from(t));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        if (at instanceof CharSequence text) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<SyncRunId> runId(Object id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SyncRunId.of(id.toString()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** How many same-day syncs are left today: "2 of 3 same-day syncs left today", "No same-day syncs left today (3 a day)". */
    public static String left(long remaining, int limit) {
        if (remaining <= 0) {
            return "No same-day syncs left today (" + limit + " a day); the nightly sync still runs.";
        }
        return remaining + " of " + limit + " same-day " + (limit == 1 ? "sync" : "syncs") + " left today.";
    }

    /** How long a run took: "45 s", "3 min 5 s", "2 h 10 min"; "running" while it runs, empty before it starts. */
    public static String duration(Instant start, Instant end, RunStatus status) {
        if (status == RunStatus.QUEUED || start == null) {
            return "";
        }
        if (end == null) {
            return status == RunStatus.RUNNING ? "running" : "";
        }
        long s = Math.max(0, Duration.between(start, end).toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        return (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + (s % 3600) / 60 + " min");
    }

    /**
     * One run of the history table.
     *
     * @param trigger     "Nightly sync", "Same-day sync" or "Upload"
     * @param started     when it started (or was queued), in the district's time
     * @param ended       when it ended, in the district's time; empty while it has not
     * @param status      the status as a word ("Applied")
     * @param statusClass the status's CSS class suffix ({@code applied})
     * @param people      added / updated / removed, e.g. "12 / 3 / 0"
     * @param peopleBesides people reactivated, matched by email and skipped, e.g. "600 reactivated"; empty when the run has
     *                    none (see {@link RunPage#peopleBesides})
     * @param licenses    released / assigned / people left without one, e.g. "4 / 2 / 0"
     */
    public record HistoryRow(SyncRunId id, String trigger, String requestedBy, String started, String ended, String duration,
                             String status, String statusClass, String people, String peopleBesides, String classes, String enrollments, String licenses,
                             boolean live) {}

    /** The history row of a run's report (a list's report: counts, no problems), its moments written by {@code time}. */
    public static HistoryRow row(ImportReport r, Function<Instant, String> time) {
        ImportReport.Counts c = r.counts() == null ? ImportReport.Counts.NONE : r.counts();
        ImportReport.Licenses l = r.licenses() == null ? ImportReport.Licenses.NONE : r.licenses();
        ImportReport.UserCounts u = c.users();
        boolean live = r.status() == RunStatus.QUEUED || r.status() == RunStatus.RUNNING;
        return new HistoryRow(r.id(), RunPage.trigger(r.trigger()), r.requestedBy(), r.startedAt() == null ? "" : time.apply(r.startedAt()),
                r.endedAt() == null ? "" : time.apply(r.endedAt()),
                duration(r.startedAt(), r.endedAt(), r.status()), RunPage.status(r.status()), r.status().name().toLowerCase(Locale.ROOT),
                triple(u.added(), u.updated(), u.removed()), RunPage.peopleBesides(u), triple(c.classes()), triple(c.enrollments()),
                RunPage.number(l.released()) + " / " + RunPage.number(l.assigned()) + " / " + RunPage.number(l.leftWithout()), live);
    }

    private static String triple(ImportReport.KindCounts k) {
        return triple(k.added(), k.updated(), k.removed());
    }

    private static String triple(long added, long updated, long removed) {
        return RunPage.number(added) + " / " + RunPage.number(updated) + " / " + RunPage.number(removed);
    }

    /** The source in words for the page's heading: "Clever", "ClassLink", or "kept here (by hand or upload)". */
    public static String source(RosteringSource source) {
        return switch (source) {
            case CLEVER -> "Clever";
            case CLASSLINK -> "ClassLink";
            case MANUAL -> "kept here (by hand or upload)";
        };
    }
}
