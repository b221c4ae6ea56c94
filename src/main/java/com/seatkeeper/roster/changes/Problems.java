package com.seatkeeper.roster.changes;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The problems of one run: at most {@link #LISTED} are kept (errors before warnings when the list is full), the rest
 * only counted ({@link #omitted()}). Also the kinds the producer could not read whole ({@link #notReadWhole(RosterKind)}:
 * a file that stopped being UTF-8 or CSV, or whose header has errors), whose absent records the engine's checks then do
 * not report as unknown. Not thread-safe: one run is read by one thread.
 */
public final class Problems {
    /** How many problems a report lists (issue 9 §2). */
    public static final int LISTED = 1000;

    private final List<Problem> listed = new ArrayList<>();
    private long omitted;
    private long errors;
    private long warnings;
    private final Set<RosterKind> notReadWhole = EnumSet.noneOf(RosterKind.class);

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

    /**
     * Records that the input of this kind was not read whole (its producer said why, with an ERROR): a record missing from
     * it may be on a line never read, so the engine does not report references to records of this kind as unknown, nor
     * compare the kind's values with the district's records that were not staged (see {@code RosterChecks}).
     */
    public void notReadWhole(RosterKind kind) {
        notReadWhole.add(kind);
    }

    /** The kinds not read whole ({@link #notReadWhole(RosterKind)}). */
    public Set<RosterKind> notReadWhole() {
        return Set.copyOf(notReadWhole);
    }

    /** Adds the other's problems: its listed ones as {@link #add} does, its totals (errors, warnings, omitted) in full, its kinds not read whole. */
    public void addAll(Problems other) {
        notReadWhole.addAll(other.notReadWhole);
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
