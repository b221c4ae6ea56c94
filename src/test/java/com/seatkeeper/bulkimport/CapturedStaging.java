package com.seatkeeper.bulkimport;

import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.Staged;
import java.util.ArrayList;
import java.util.List;

/** A staging that keeps the rows a reader gives it, for the readers' unit tests (no database). */
final class CapturedStaging implements RosterStaging {
    final List<Staged.School> schools = new ArrayList<>();
    final List<Staged.Person> people = new ArrayList<>();
    final List<Staged.Class> classes = new ArrayList<>();
    final List<Staged.Enrollment> enrollments = new ArrayList<>();
    final List<Staged.Deletion> deletions = new ArrayList<>();
    final List<Staged.License> licenses = new ArrayList<>();
    long skipped;
    long rowsRead;
    boolean closed;

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

    Staged.Person person(String sourcedId) {
        return people.stream().filter(p -> p.sourcedId().equals(sourcedId)).findFirst().orElseThrow();
    }
}
