package com.seatkeeper.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Baseline (a) of the import benchmark: the rows of the benchmark's district ({@link RosterShape}), exactly those the
 * OneRoster files carry, written with PostgreSQL {@code COPY} (PgJDBC's copy API) straight into the roster tables
 * ({@code schools}, {@code users}, {@code user_schools}, {@code classes}, {@code enrollments}) of an empty district,
 * with every index, constraint and foreign key of the schema in place, in one transaction. No parsing, no comparison,
 * no staging: the least work that leaves the same roster in the database, for the import to be measured against.
 *
 * <p>Ids are made up from the index of each row, so that user_schools and enrollments can name people, schools and
 * classes without a lookup. Values follow the import's mapping of OneRoster (issue 9 §2): administrators at a school
 * are SCHOOL_ADMIN, at the district DISTRICT_ADMIN; the source is UPLOAD; the sourcedIds are the files'.
 */
final class RosterCopyBaseline {
    private final RosterShape shape;
    private final UUID district;
    private final long base = UUID.randomUUID().getMostSignificantBits();

    RosterCopyBaseline(RosterShape shape, UUID district) {
        this.shape = shape;
        this.district = district;
    }

    /** What the baseline wrote: per table the rows and the time (ms) of its COPY, in order, and the commit. */
    record Outcome(Map<String, long[]> tables, long commitMillis, long wallNanos) {
        long rows() {
            return tables.values().stream().mapToLong(t -> t[0]).sum();
        }
    }

    /** Copies the district's roster in one transaction and commits it. */
    Outcome copy(String jdbcUrl, String user) throws SQLException, IOException {
        Map<String, long[]> tables = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "")) {
            c.setAutoCommit(false);
            PGConnection pg = c.unwrap(PGConnection.class);
            tables.put("schools", timed(pg, "schools (id, district_id, name, source, sourced_id, created_at)", this::schools));
            tables.put("users", timed(pg, "users (id, district_id, given_name, family_name, email, role, status, source, sourced_id, "
                    + "created_at, updated_at)", this::users));
            tables.put("user_schools", timed(pg, "user_schools (district_id, user_id, school_id)", this::userSchools));
            tables.put("classes", timed(pg, "classes (id, district_id, school_id, name, course, term, source, sourced_id, created_at)",
                    this::classes));
            tables.put("enrollments", timed(pg, "enrollments (district_id, class_id, user_id, role)", this::enrollments));
            long commit = System.nanoTime();
            c.commit();
            return new Outcome(tables, (System.nanoTime() - commit) / 1_000_000, System.nanoTime() - t0);
        }
    }

    private interface Rows {
        long write(Row out) throws IOException;
    }

    private long[] timed(PGConnection pg, String target, Rows rows) throws SQLException, IOException {
        long t0 = System.nanoTime();
        long n;
        try (OutputStream copy = new PGCopyOutputStream(pg, "copy " + target + " from stdin", 1 << 16);
             Row out = new Row(new BufferedOutputStream(copy, 1 << 16))) {
            n = rows.write(out);
        }
        return new long[] {n, (System.nanoTime() - t0) / 1_000_000};
    }

    private long schools(Row out) throws IOException {
        for (int s = 0; s < shape.schools(); s++) {
            out.row(schoolId(s), district, shape.schoolName(s), "UPLOAD", RosterShape.schoolId(s), OneRosterFiles.BULK_MODIFIED);
        }
        return shape.schools();
    }

    private long users(Row out) throws IOException {
        for (int p = 0; p < shape.people(); p++) {
            out.row(personId(p), district, RosterShape.givenName(p), RosterShape.familyName(p), shape.email(p), role(p), "ACTIVE", "UPLOAD",
                    RosterShape.personId(p), OneRosterFiles.BULK_MODIFIED, OneRosterFiles.BULK_MODIFIED);
        }
        return shape.people();
    }

    private long userSchools(Row out) throws IOException {
        long n = 0;
        for (int p = RosterShape.DISTRICT_ADMINS; p < shape.people(); p++) {
            out.row(district, personId(p), schoolId(shape.school(p)));
            n++;
            int second = OneRosterFiles.secondSchool(shape, p);
            if (second >= 0) {
                out.row(district, personId(p), schoolId(second));
                n++;
            }
        }
        return n;
    }

    private long classes(Row out) throws IOException {
        for (int k = 0; k < shape.classes(); k++) {
            out.row(classId(k), district, schoolId(k / RosterShape.CLASSES_PER_SCHOOL), shape.classTitle(k),
                    RosterShape.COURSES[k % RosterShape.COURSES.length], "Fall 2026", "UPLOAD", RosterShape.classId(k),
                    OneRosterFiles.BULK_MODIFIED);
        }
        return shape.classes();
    }

    private long enrollments(Row out) throws IOException {
        for (int k = 0; k < shape.classes(); k++) {
            out.row(district, classId(k), personId(shape.teacherOf(k)), "TEACHER");
        }
        for (int s = 0; s < shape.students(); s++) {
            UUID student = personId(shape.firstStudent() + s);
            shape.classesOfStudent(s, k -> out.rowUnchecked(district, classId(k), student, "STUDENT"));
        }
        return shape.enrollments();
    }

    private String role(int p) {
        return switch (shape.role(p)) {
            case "administrator" -> p < RosterShape.DISTRICT_ADMINS ? "DISTRICT_ADMIN" : "SCHOOL_ADMIN";
            case "teacher" -> "TEACHER";
            default -> "STUDENT";
        };
    }

    private UUID schoolId(int s) {
        return new UUID(base, 1L << 40 | s);
    }

    private UUID personId(int p) {
        return new UUID(base, 2L << 40 | p);
    }

    private UUID classId(int k) {
        return new UUID(base, 3L << 40 | k);
    }

    /** One COPY stream in PostgreSQL's text format (tab-separated; the benchmark's values hold no tab, newline or backslash). */
    private static final class Row implements AutoCloseable {
        private final OutputStream out;

        Row(OutputStream out) {
            this.out = out;
        }

        void row(Object... values) throws IOException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.write('\t');
                }
                out.write(values[i].toString().getBytes(StandardCharsets.UTF_8));
            }
            out.write('\n');
        }

        void rowUnchecked(Object... values) {
            try {
                row(values);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
