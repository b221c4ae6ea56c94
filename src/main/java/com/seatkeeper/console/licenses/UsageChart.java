package com.seatkeeper.console.licenses;

import com.seatkeeper.licensing.LedgerDay;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A pool's seats bought and licenses assigned over time as a step chart, computed from its seat ledger summed per day
 * ({@link LedgerDay}) and drawn by the holders page as inline SVG; the same numbers as a table and a sentence for
 * those who do not see the picture. Coordinates are SVG user units in a {@value #WIDTH} × {@value #HEIGHT} box.
 *
 * @param seatsPath the SVG path of seats bought (a step line: the count holds until the day it changes)
 * @param assignedPath the SVG path of licenses assigned
 * @param xTicks dates on the time axis (the first day, the last and up to two between)
 * @param yTicks counts on the vertical axis, 0 first
 * @param days each day the ledger has rows: the totals after that day
 * @param summary one sentence of what the chart shows
 */
public record UsageChart(String seatsPath, String assignedPath, List<Tick> xTicks, List<Tick> yTicks, List<Totals> days,
                         String summary) {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 220;
    static final int LEFT = 48;
    static final int RIGHT = 16;
    static final int TOP = 12;
    static final int BOTTOM = 30;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);

    /** A labelled position on an axis: {@code at} is x for the time axis, y for the count axis. */
    public record Tick(double at, String label) {}

    /** The pool's totals at the end of a day (the district's date). */
    public record Totals(LocalDate day, String label, int seats, int assigned) {}

    /** The left edge of the plot. */
    public int left() {
        return LEFT;
    }

    /** The right edge of the plot. */
    public int right() {
        return WIDTH - RIGHT;
    }

    /** The bottom edge of the plot (the time axis). */
    public int bottom() {
        return HEIGHT - BOTTOM;
    }

    /** The top edge of the plot. */
    public int top() {
        return TOP;
    }

    /**
     * The chart of a pool's ledger days (oldest first, as {@code LicenseQueries#ledgerDays} answers them) up to
     * {@code until} (today, or the last day of an ended term); a later ledger day extends the axis to that day.
     * Answers null when the ledger has no row yet.
     */
    public static UsageChart of(List<LedgerDay> ledger, LocalDate until) {
        if (ledger.isEmpty()) {
            return null;
        }
        List<Totals> days = totals(ledger);
        LocalDate first = days.get(0).day();
        LocalDate last = days.get(days.size() - 1).day();
        LocalDate end = until != null && until.isAfter(last) ? until : last;
        if (!end.isAfter(first)) {
            end = first.plusDays(1); // one day still gets a width
        }
        long span = ChronoUnit.DAYS.between(first, end);
        int top = niceCeiling(days.stream().mapToInt(t -> Math.max(t.seats(), t.assigned())).max().orElse(0));
        Scale scale = new Scale(first, span, top);
        return new UsageChart(path(days, end, scale, true), path(days, end, scale, false), xTicks(first, end, span, scale),
                yTicks(top, scale), days, summary(days, end));
    }

    /** Running totals after each ledger day. */
    static List<Totals> totals(List<LedgerDay> ledger) {
        List<Totals> days = new ArrayList<>();
        int seats = 0;
        int assigned = 0;
        for (LedgerDay d : ledger) {
            seats += d.seatsDelta();
            assigned += d.assignedDelta();
            days.add(new Totals(d.day(), DAY.format(d.day()), seats, assigned));
        }
        return days;
    }

    /** The smallest of 1, 2, 2.5 or 5 × 10ⁿ at least {@code max} (at least 1), so the axis ends on a round count. */
    static int niceCeiling(int max) {
        for (long step = 1; ; step *= 10) {
            long[] candidates = step == 1 ? new long[] {1, 2, 5} : new long[] {step, 2 * step, 25 * step / 10, 5 * step};
            for (long candidate : candidates) {
                if (candidate >= max) {
                    return (int) candidate;
                }
            }
        }
    }

    private record Scale(LocalDate first, long span, int top) {
        double x(LocalDate day) {
            return LEFT + (double) ChronoUnit.DAYS.between(first, day) / span * (WIDTH - LEFT - RIGHT);
        }

        double y(int count) {
            return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (double) count / top);
        }
    }

    /** A step line: each total holds from its day to the next day with rows, the last one to {@code end}. */
    private static String path(List<Totals> days, LocalDate end, Scale s, boolean seats) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
            Totals t = days.get(i);
            double y = s.y(seats ? t.seats() : t.assigned());
            d.append(i == 0 ? "M" + n(s.x(t.day())) + " " + n(y) : " V" + n(y));
            LocalDate next = i + 1 < days.size() ? days.get(i + 1).day() : end;
            d.append(" H").append(n(s.x(next)));
        }
        return d.toString();
    }

    private static List<Tick> xTicks(LocalDate first, LocalDate end, long span, Scale s) {
        List<Tick> ticks = new ArrayList<>();
        int parts = span >= 3 ? 3 : (int) span;
        for (int i = 0; i <= parts; i++) {
            LocalDate day = first.plusDays(Math.round((double) span * i / parts));
            ticks.add(new Tick(s.x(day), DAY.format(day)));
        }
        return ticks;
    }

    private static List<Tick> yTicks(int top, Scale s) {
        int parts = top % 4 == 0 ? 4 : top % 2 == 0 ? 2 : 1;
        return IntStream.rangeClosed(0, parts).map(i -> top * i / parts)
                .mapToObj(v -> new Tick(s.y(v), Integer.toString(v))).toList();
    }

    private static String summary(List<Totals> days, LocalDate end) {
        Totals first = days.get(0);
        Totals last = days.get(days.size() - 1);
        int peak = days.stream().mapToInt(Totals::assigned).max().orElse(0);
        return "From " + first.label() + " to " + DAY.format(end) + ": seats bought went from " + first.seats() + " to "
                + last.seats() + "; licenses assigned from " + first.assigned() + " to " + last.assigned()
                + (peak > last.assigned() ? " (at most " + peak + ")." : ".");
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
