package com.seatkeeper.roster.changes;

/**
 * Streams a snapshot of one run into the engine's staging tables with PostgreSQL COPY (PgJDBC CopyManager), so a
 * million rows never sit in memory. Rows may come in any order and kind; the engine checks references when the run is
 * completed. Also reports progress: the run's rows read are visible to {@link RosterChanges#progress} while staging.
 * One staging per run, used by one thread; {@link #close()} flushes (call it before {@link RosterChanges#complete}).
 */
public interface RosterStaging extends AutoCloseable {
    void school(Staged.School row);

    void person(Staged.Person row);

    void rosterClass(Staged.Class row);

    void enrollment(Staged.Enrollment row);

    void deletion(Staged.Deletion row);

    void license(Staged.License row);

    /** People the producer skipped on purpose (guardians, parents, relatives): counted in {@code counts.users.skipped}. */
    void skippedPeople(long count);

    /** The producer has read this many input rows in all (progress only). */
    void rowsRead(long rows);

    @Override
    void close();
}
