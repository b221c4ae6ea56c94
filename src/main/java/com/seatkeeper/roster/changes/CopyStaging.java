package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.Text;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link RosterStaging} over PostgreSQL COPY (text format) into the run's {@code staged_rows} (its schema, {@link SyncRunId#stagingSchema()}): one COPY stream for the whole
 * snapshot ({@link CopyStream}: a connection of its own from the pool, auto-commit, never the caller's transaction;
 * opened with the first rows, ended by {@link #close}). Rows are encoded into chunks of about {@value #FLUSH_BYTES}
 * bytes, at most {@value #IN_FLIGHT} waiting, so memory stays flat whatever the snapshot's size, and PostgreSQL inserts
 * (and indexes) the rows sent while the producer reads and encodes the next ones, instead of the two taking turns.
 * Progress goes to the run's row at most once a second through {@link RunStore#progress}.
 */
final class CopyStaging implements RosterStaging {
    static final int FLUSH_BYTES = 1 << 20;
    /** Chunks encoded and waiting for the COPY stream at most (memory: this many times {@link #FLUSH_BYTES}). */
    static final int IN_FLIGHT = 4;
    private static final String COPY = "copy %s.staged_rows (run_id, district_id, kind, sourced_id, ref, ref_id, name, role, active, "
            + "given_name, family_name, email, course, term, file, line) from stdin";
    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

    private final DataSource dataSource;
    private final RunStore runs;
    private final SyncRunId run;
    private final DistrictId district;
    private final String prefix;
    private final Runnable alive;
    private final ReferenceColumns columns;
    private final Problems problems = new Problems();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES + 64 * 1024);
    private final StringBuilder line = new StringBuilder(256);
    private long skipped;
    private long rowsRead;
    private long lastProgress;
    private boolean closed;
    private CopyStream stream;

    /** {@code alive} is told whenever progress is written (the engine keeps the run's heartbeat up while it hears from the producer). */
    CopyStaging(DataSource dataSource, RunStore runs, SyncRunId run, DistrictId district, ReferenceColumns columns, Runnable alive) {
        this.alive = alive;
        this.columns = columns.withDefaults();
        this.dataSource = dataSource;
        this.runs = runs;
        this.run = run;
        this.district = district;
        this.prefix = run + "\t" + district + "\t";
        this.lastProgress = System.nanoTime() - PROGRESS_EVERY_NANOS;
    }

    @Override
    public void school(Staged.School row) {
        StagedValues.school(row, columns).forEach(problems::add);
        write("SCHOOL", row.sourcedId(), null, null, Text.normalize(row.name()), null, null, null, null, null, null, null, row.at());
    }

    @Override
    public void person(Staged.Person row) {
        StagedValues.person(row, columns).forEach(problems::add);
        write("PERSON", row.sourcedId(), null, null, Text.normalizeOptional(row.grade()), row.role() == null ? null : row.role().name(), row.active(),
                Text.normalize(row.givenName()), Text.normalize(row.familyName()), Text.normalizeOptional(row.email()), null, null, row.at());
        if (row.schoolSourcedIds() != null) {
            for (String school : row.schoolSourcedIds()) {
                write("PERSON_SCHOOL", row.sourcedId(), school, null, null, null, null, null, null, null, null, null, row.at());
            }
        }
        if (row.schoolIds() != null) {
            for (SchoolId school : row.schoolIds()) {
                write("PERSON_SCHOOL", row.sourcedId(), null, school.value(), null, null, null, null, null, null, null, null, row.at());
            }
        }
    }

    @Override
    public void rosterClass(Staged.Class row) {
        StagedValues.rosterClass(row, columns).forEach(problems::add);
        write("CLASS", row.sourcedId(), row.schoolSourcedId(), row.schoolId() == null ? null : row.schoolId().value(),
                Text.normalize(row.title()), null,
                null, null, null, null, row.course(), row.term(), row.at());
    }

    @Override
    public void enrollment(Staged.Enrollment row) {
        write("ENROLLMENT", row.classSourcedId(), row.userSourcedId(), null, null, row.role() == null ? null : row.role().name(), null,
                null, null, null, null, null, row.at());
    }

    @Override
    public void deletion(Staged.Deletion row) {
        write("DELETE_" + row.kind().name(), row.sourcedId(), row.userSourcedId(), null, null, null, null, null, null, null, null, null,
                row.at());
    }

    @Override
    public void license(Staged.License row) {
        write("LICENSE", null, row.userSourcedId(), null, row.productCode(), null, null, null, null, null, null, null, row.at());
    }

    @Override
    public void skippedPeople(long count) {
        skipped += count;
    }

    @Override
    public void rowsRead(long rows) {
        rowsRead = rows;
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
            lastProgress = now;
            alive.run();
            runs.progress(run, RunPhase.READING, rowsRead);
        }
    }

    /** The problems of the staged values ({@link StagedValues}): ERRORs that reject the run when it is completed. */
    Problems problems() {
        return problems;
    }

    /** How many people the producer skipped (guardians), for the report. */
    long skipped() {
        return skipped;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        flush();
        if (stream != null) {
            try {
                stream.finish();
            } catch (IllegalStateException e) {
                throw new IllegalStateException("could not stage rows of run " + run + ": " + e.getMessage(), e);
            }
        }
        runs.staged(run, rowsRead, skipped);
    }

    private void write(String kind, String sourcedId, String ref, UUID refId, String name, String role, Boolean active, String given,
                       String family, String email, String course, String term, RowAt at) {
        if (closed) {
            throw new IllegalStateException("staging of run " + run + " is closed");
        }
        line.setLength(0);
        line.append(prefix).append(kind);
        field(sourcedId);
        field(ref);
        field(refId == null ? null : refId.toString());
        field(name);
        field(role);
        field(active == null ? null : active.toString());
        field(given);
        field(family);
        field(email);
        field(course);
        field(term);
        field(at == null ? null : at.file());
        field(at == null ? null : Long.toString(at.line()));
        line.append('\n');
        buffer.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        if (buffer.size() >= FLUSH_BYTES) {
            flush();
        }
    }

    /** One column in COPY's text format: {@code \N} for null; backslash, tab, newline and carriage return escaped. */
    private void field(String value) {
        line.append('\t');
        if (value == null) {
            line.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\0' -> { }
                default -> line.append(c);
            }
        }
    }

    private void flush() {
        if (buffer.size() == 0) {
            return;
        }
        if (stream == null) {
            stream = new CopyStream(dataSource, COPY.formatted(run.stagingSchema()), "roster-staging-" + run, IN_FLIGHT);
        }
        try {
            stream.send(buffer.toByteArray());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("could not stage rows of run " + run + ": " + e.getMessage(), e);
        }
        buffer.reset();
    }
}
