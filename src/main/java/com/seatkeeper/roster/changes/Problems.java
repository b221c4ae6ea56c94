package com.seatkeeper.roster.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The problems of one run: at most {@link #LISTED} are kept (errors before warnings when the list is full), the rest
 * only counted ({@link #omitted()}). Not thread-safe: one run is read by one thread.
 */
public final class Problems {
    /** How many problems a report lists (issue 9 §2). */
    public static final int LISTED = 1000;

    private final List<Problem> listed = new ArrayList<>();
    private long omitted;
    private long errors;
    private long warnings;

    public void add(Problem p) {
        if (p.severity() == Severity.ERROR) {
            errors++;
        } else {
            warnings++;
        }
        if (listed.size() < LISTED) {
            listed.add(p);
            return;
        }
        if (p.severity() == Severity.ERROR) {
            for (int i = listed.size() - 1; i >= 0; i--) {
                if (listed.get(i).severity() == Severity.WARNING) {
                    listed.remove(i);
                    listed.add(p);
                    omitted++;
                    return;
                }
            }
        }
        omitted++;
    }

    /**
     * Counts problems that were found but not listed (a check that stopped reading after {@link #LISTED} rows): they
     * count as errors or warnings and as omitted.
     */
    public void addUnlisted(Severity severity, long count) {
        if (count <= 0) {
            return;
        }
        if (severity == Severity.ERROR) {
            errors += count;
        } else {
            warnings += count;
        }
        omitted += count;
    }

    /** Adds the other's problems: its listed ones as {@link #add} does, and its totals (errors, warnings, omitted) in full. */
    public void addAll(Problems other) {
        long e = errors + other.errors;
        long w = warnings + other.warnings;
        other.listed.forEach(this::add);
        errors = e;
        warnings = w;
        omitted += other.omitted;
    }

    /**
     * Adds the other's listed problems except those {@code skip} accepts (e.g. a second problem at a place already refused),
     * and the problems it only counted, in full: the other's unlisted errors and warnings count as this one's.
     */
    public void addAllExcept(Problems other, Predicate<Problem> skip) {
        long listedErrors = other.listed.stream().filter(p -> p.severity() == Severity.ERROR).count();
        long unlistedErrors = other.errors - listedErrors;
        long unlistedWarnings = other.warnings - (other.listed.size() - listedErrors);
        other.listed.stream().filter(skip.negate()).forEach(this::add);
        addUnlisted(Severity.ERROR, unlistedErrors);
        addUnlisted(Severity.WARNING, unlistedWarnings);
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    public long errors() {
        return errors;
    }

    public long warnings() {
        return warnings;
    }

    /** The listed problems, in the order found. */
    public List<Problem> listed() {
        return List.copyOf(listed);
    }

    /** How many problems were found beyond those listed. */
    public long omitted() {
        return omitted;
    }
}
