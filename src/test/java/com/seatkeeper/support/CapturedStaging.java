package com.seatkeeper.support;

import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.Staged;
import java.util.ArrayList;
import java.util.List;

/**
 * A staging that keeps the rows a producer gives it (a file reader, a connector's pull), for their unit tests (no
 * database). Open for tests that keep more (e.g. the pull's result).
 */
public class CapturedStaging implements RosterStaging {
    public final List<Staged.School> schools = new ArrayList<>();
    public final List<Staged.Person> people = new ArrayList<>();
    public final List<Staged.Class> classes = new ArrayList<>();
    public final List<Staged.Enrollment> enrollments = new ArrayList<>();
    public final List<Staged.Deletion> deletions = new ArrayList<>();
    public final List<Staged.License> licenses = new ArrayList<>();
    public long skipped;
    public long rowsRead;
    public boolean closed;

    @Override
    public void school(Staged.School row) {
        schools.add(row);
    }

    @Override
    public void person(Staged.Person row) {
        people.add(row);
    }

    @Override
    public void rosterClass(Staged.Class row) {
        classes.add(row);
    }

    @Override
    public void enrollment(Staged.Enrollment row) {
        enrollments.add(row);
    }

    @Override
    public void deletion(Staged.Deletion row) {
        deletions.add(row);
    }

    @Override
    public void license(Staged.License row) {
        licenses.add(row);
    }

    @Override
    public void skippedPeople(long count) {
        skipped += count;
    }

    @Override
    public void rowsRead(long rows) {
        rowsRead = rows;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The staged person with this sourcedId (the first); fails when none. */
    public Staged.Person person(String sourcedId) {
        return people.stream().filter(p -> p.sourcedId().equals(sourcedId)).findFirst().orElseThrow();
    }
}
