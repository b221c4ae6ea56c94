package com.seatkeeper.console.imports;

import com.seatkeeper.console.ConsoleWords;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.RunPhase;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.roster.changes.Severity;
import com.seatkeeper.roster.changes.SyncTrigger;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the run page shows of a run's report, in words: the status's headline and what to do next, the counts as table
 * rows, the seat impact as a sentence and one page of the problems. Plain functions of the report, tested without
 * Spring ({@code RunPageTest}).
 *
 * @param report   the run's report as {@code RosterChanges.run} answers it
 * @param problems the problems of this page of the table (a window of {@code report.problems()})
 * @param provider for a sync (NIGHTLY or SAME_DAY), the provider it reads ("Clever", "ClassLink"); null for an upload
 */
public record RunPage(ImportReport report, List<Problem> problems, String provider) {

    /** Problems per page of the run page's table. */
    public static final int PROBLEMS_PER_PAGE = 50;

    /** One row of the counts table. */
    public record CountRow(String kind, long added, long updated, long removed, long unchanged, String notes) {}

    /** The page for an upload's report, showing the problems from {@code offset} (clamped to the list). */
    public static RunPage of(ImportReport report, int offset) {
        return of(report, offset, null);
    }

    /**
     * The page for any run's report, showing the problems from {@code offset} (clamped to the list); {@code provider}
     * names the source a sync reads ("Clever"), null for an upload or when unknown.
     */
    public static RunPage of(ImportReport report, int offset, String provider) {
        List<Problem> all = report.problems() == null ? List.of() : report.problems();
        int from = Math.max(0, Math.min(offset, all.size()));
        String source = report.trigger() == SyncTrigger.UPLOAD ? null : provider == null ? "the provider" : provider;
        return new RunPage(report, all.subList(from, Math.min(all.size(), from + PROBLEMS_PER_PAGE)), source);
    }

    /** Whether the run is a sync (nightly or same-day) rather than an upload. */
    public boolean sync() {
        return report.trigger() != SyncTrigger.UPLOAD;
    }

    /** What the run is, for titles: "Upload", "Nightly sync", "Same-day sync". */
    public String kind() {
        return trigger(report.trigger());
    }

    /** A trigger in words: "Upload", "Nightly sync", "Same-day sync". */
    public static String trigger(SyncTrigger trigger) {
        return switch (trigger) {
            case UPLOAD -> "Upload";
            case NIGHTLY -> "Nightly sync";
            case SAME_DAY -> "Same-day sync";
        };
    }

    /** The noun for the run in sentences: "upload" or "sync". */
    public String noun() {
        return sync() ? "sync" : "upload";
    }

    /**
     * A problem's message for a console page or download: the reader's words without the API call some of them name
     * (the template's address, say), with the console's way to the same thing where the code has one.
     */
    public static String message(Problem problem) {
        String text = ConsoleWords.apiFree(problem.message());
        String step = switch (problem.code() == null ? "" : problem.code()) {
            case "unknown_format" -> " Download the template CSV from the Upload page, or upload the whole OneRoster export.";
            case "missing_manifest" -> " The Upload page offers the template CSV under “Use the template CSV”.";
            default -> "";
        };
        return text.equals(problem.message()) ? text : text + step;
    }

    /** The reason a run was held, without any API call in it (see {@link #message(Problem)}). */
    public String reason() {
        return report.reason() == null ? null : ConsoleWords.apiFree(report.reason());
    }

    /** Whether the run is still being read, compared or applied (the page polls its progress). */
    public boolean running() {
        return report.status() == RunStatus.RUNNING;
    }

    /** Whether the run has not ended yet: QUEUED (a sync waiting for the scheduler) or RUNNING; the page polls it. */
    public boolean live() {
        return report.status() == RunStatus.QUEUED || report.status() == RunStatus.RUNNING;
    }

    /** Whether Apply is offered: a preview without errors. */
    public boolean canApply() {
        return report.status() == RunStatus.PREVIEW && errors() == 0;
    }

    /** Whether Confirm and Discard are offered. */
    public boolean held() {
        return report.status() == RunStatus.HELD;
    }

    /** The listed problems that are errors. */
    public long errors() {
        return report.problems() == null ? 0 : report.problems().stream().filter(p -> p.severity() == Severity.ERROR).count();
    }

    /** The headline for the status, e.g. "Preview: nothing has changed yet". */
    public String headline() {
        return switch (report.status()) {
            case QUEUED -> "Queued: waiting to start";
            case RUNNING -> sync() ? "Working on the sync" : "Working on the upload";
            case PREVIEW -> "Preview: nothing has changed yet";
            case APPLIED -> "Applied";
            case HELD -> "Held: nothing has changed";
            case REJECTED -> "Rejected: nothing was changed";
            case FAILED -> "Failed: nothing was changed";
            case DISCARDED -> "Discarded: nothing was changed";
        };
    }

    /** What the status means and what to do next, in one or two sentences. */
    public String nextStep() {
        return sync() ? syncNextStep() : uploadNextStep();
    }

    private String syncNextStep() {
        return switch (report.status()) {
            case QUEUED -> "The sync waits for its turn and starts on its own; this page updates by itself.";
            case RUNNING -> "This page updates by itself; a large district takes a few minutes. You may leave and come back.";
            case PREVIEW -> "Check the counts, the seat impact and any warnings below.";
            case APPLIED -> "The district's roster now matches " + provider + "'s. Licenses of people who left were released with it.";
            case HELD -> "The sync would remove more than the district allows at once, so it waits for a district admin to confirm "
                    + "or discard it. Confirm only if these removals are expected in " + provider + ".";
            case REJECTED -> "Nothing was changed. The problems below are in " + provider + "'s data: correct them there, then "
                    + "request a same-day sync or wait for the nightly one.";
            case FAILED -> "The sync broke off before anything changed; its reason is shown above. Once it is fixed, request a "
                    + "same-day sync or wait for the nightly one.";
            case DISCARDED -> "This held sync was discarded and nothing changed. The next sync compares again with what " + provider
                    + " has then.";
        };
    }

    private String uploadNextStep() {
        return switch (report.status()) {
            case QUEUED -> "This page updates by itself when the run starts.";
            case RUNNING -> "This page updates by itself; a large upload takes a few minutes. You may leave and come back.";
            case PREVIEW -> errors() > 0 ? "The upload has errors, so it cannot be applied. Fix the files and upload them again."
                    : "Check the counts, the seat impact and any warnings below, then apply the upload to make these changes.";
            case APPLIED -> "The district's roster now matches the upload. Find the people on the People page, where you can also "
                    + "send the educators their invitations.";
            case HELD -> "The upload would remove more than the district allows at once, so it waits for a district admin to confirm "
                    + "or discard it. Confirm only if these removals are expected.";
            case REJECTED -> "Fix the problems listed below in your files (each names the file, line and column) and upload them again.";
            case FAILED -> "The run broke off before anything changed; its reason is shown above. Try again once it is fixed.";
            case DISCARDED -> "This held upload was discarded. Upload the files again if you need these changes.";
        };
    }

    /** The CSS class of the status's message. */
    public String tone() {
        return switch (report.status()) {
            case APPLIED -> "ok";
            case REJECTED, FAILED -> "error";
            case HELD, DISCARDED -> "warn";
            case QUEUED, RUNNING, PREVIEW -> errors() > 0 ? "error" : "info";
        };
    }

    /** The phase in words, e.g. "Reading rows". */
    public static String phase(RunPhase phase) {
        if (phase == null) {
            return "Starting";
        }
        return switch (phase) {
            case WAITING -> "Waiting to start";
            case PULLING -> "Reading pages from the provider";
            case RECEIVING -> "Receiving the files";
            case READING -> "Reading rows";
            case CHECKING -> "Checking references";
            case COMPARING -> "Comparing with the district's roster";
            case APPLYING -> "Applying the changes";
            case DONE -> "Done";
        };
    }

    /** "12,345 rows read" for an upload, "3 pages, 12,345 records read" for a sync. */
    public String rowsRead() {
        if (sync()) {
            return number(report.pagesRead()) + (report.pagesRead() == 1 ? " page, " : " pages, ") + number(report.rowsRead())
                    + (report.rowsRead() == 1 ? " record read" : " records read");
        }
        return number(report.rowsRead()) + (report.rowsRead() == 1 ? " row read" : " rows read");
    }

    /** The phase of this run in words: as {@link #phase(RunPhase)}, with "Reading from Clever" for a sync. */
    public String phaseText() {
        if (sync() && (report.phase() == RunPhase.PULLING || report.phase() == RunPhase.READING)) {
            return "Reading from " + provider;
        }
        return phase(report.phase());
    }

    /** The counts table: people, classes, enrollments, schools. */
    public List<CountRow> counts() {
        ImportReport.Counts c = report.counts() == null ? ImportReport.Counts.NONE : report.counts();
        ImportReport.UserCounts u = c.users();
        List<String> notes = new ArrayList<>();
        if (u.adopted() > 0) {
            notes.add(number(u.adopted()) + " matched by email to people created by hand");
        }
        if (u.reactivated() > 0) {
            notes.add(number(u.reactivated()) + " reactivated (their licenses are not given back)");
        }
        if (u.skipped() > 0) {
            notes.add(number(u.skipped()) + (sync() ? " skipped (contacts, guardians and parents)" : " skipped (guardians and parents)"));
        }
        return List.of(new CountRow("People", u.added(), u.updated(), u.removed(), u.unchanged(), String.join("; ", notes)),
                row("Classes", c.classes()), row("Enrollments", c.enrollments()), row("Schools", c.schools()));
    }

    /**
     * What a run did to people besides adding, updating and removing them, for a history table's cell: e.g. "600
     * reactivated, 2 matched by email, 5 skipped", each part only when it is not zero; empty when there is none.
     */
    public static String peopleBesides(ImportReport.UserCounts u) {
        List<String> parts = new ArrayList<>();
        if (u.reactivated() > 0) {
            parts.add(number(u.reactivated()) + " reactivated");
        }
        if (u.adopted() > 0) {
            parts.add(number(u.adopted()) + " matched by email");
        }
        if (u.skipped() > 0) {
            parts.add(number(u.skipped()) + " skipped");
        }
        return String.join(", ", parts);
    }

    private static CountRow row(String kind, ImportReport.KindCounts k) {
        return new CountRow(kind, k.added(), k.updated(), k.removed(), k.unchanged(), "");
    }

    /** The seat impact in words, in the tense of the run (see {@link #seatImpact(ImportReport.Licenses, boolean)}). */
    public String seatImpact() {
        return seatImpact(report.licenses(), report.status() != RunStatus.APPLIED);
    }

    /**
     * The seat impact in one sentence: "12 licenses would be released, 3 pools would be short." for a run not applied
     * ({@code wouldBe}), "12 licenses were released, …" for an applied one; "No licenses change." when nothing does.
     */
    public static String seatImpact(ImportReport.Licenses licenses, boolean wouldBe) {
        ImportReport.Licenses l = licenses == null ? ImportReport.Licenses.NONE : licenses;
        List<String> parts = new ArrayList<>();
        if (l.released() > 0) {
            parts.add(count(l.released(), "license", "licenses") + verb(l.released(), wouldBe, "released"));
        }
        if (l.assigned() > 0) {
            parts.add(count(l.assigned(), "license", "licenses") + verb(l.assigned(), wouldBe, "assigned"));
        }
        if (l.leftWithout() > 0) {
            parts.add(count(l.leftWithout(), "person", "people") + verb(l.leftWithout(), wouldBe, "left without a license"));
        }
        int shortPools = l.shortPools() == null ? 0 : l.shortPools().size();
        if (shortPools > 0) {
            parts.add(count(shortPools, "pool", "pools") + (wouldBe ? " would be" : (shortPools == 1 ? " was" : " were")) + " short");
        }
        if (parts.isEmpty()) {
            return wouldBe ? "No licenses would change." : "No licenses changed.";
        }
        return capitalize(String.join(", ", parts)) + ".";
    }

    private static String verb(long n, boolean wouldBe, String participle) {
        return (wouldBe ? " would be " : n == 1 ? " was " : " were ") + participle;
    }

    private static String count(long n, String one, String many) {
        return number(n) + " " + (n == 1 ? one : many);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A count with thousands separators, "1,000,000". */
    public static String number(long n) {
        return NumberFormat.getIntegerInstance(Locale.US).format(n);
    }

    /** A status as a word for a badge: "Applied". */
    public static String status(RunStatus s) {
        String n = s.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
