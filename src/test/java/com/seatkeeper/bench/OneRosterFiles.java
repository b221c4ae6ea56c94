package com.seatkeeper.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the benchmark's district ({@link RosterShape}) as a OneRoster 1.1 CSV set, streamed row by row to disk (a
 * million people never sit in memory): the bulk set (manifest, orgs, academicSessions, courses, classes, users,
 * enrollments, every file {@code bulk}) and a delta set that removes 1% of the students (users.csv rows with status
 * {@code tobedeleted} and the same for their enrollments; the other files {@code absent}). Lines end in CRLF (RFC 4180,
 * as OneRoster's CSV binding asks); dates are ISO 8601; one teacher in ten works at two schools (a quoted multi-value
 * {@code orgSourcedIds}). The same shape always gives byte-identical files.
 */
final class OneRosterFiles {
    static final String BULK_MODIFIED = "2026-08-14T09:30:00.000Z";
    static final String DELTA_MODIFIED = "2026-11-20T14:05:00.000Z";
    private static final String CRLF = "\r\n";
    private static final String USERS_HEADER = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
            + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password";
    private static final String ENROLLMENTS_HEADER = "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,"
            + "role,primary,beginDate,endDate";
    private static final List<String> ABSENT = List.of("categories", "classResources", "courseResources", "demographics", "lineItems",
            "resources", "results");

    private final RosterShape shape;

    OneRosterFiles(RosterShape shape) {
        this.shape = shape;
    }

    /**
     * The bulk set in {@code dir} (created; files are reused when a marker says they were completed for this shape).
     * Returns the files, manifest first.
     */
    List<Path> bulk(Path dir) throws IOException {
        if (!completed(dir)) {
            Files.createDirectories(dir);
            write(dir.resolve("manifest.csv"), this::bulkManifest);
            write(dir.resolve("orgs.csv"), this::orgs);
            write(dir.resolve("academicSessions.csv"), OneRosterFiles::academicSessions);
            write(dir.resolve("courses.csv"), OneRosterFiles::courses);
            write(dir.resolve("classes.csv"), this::classes);
            write(dir.resolve("users.csv"), w -> users(w, false));
            write(dir.resolve("enrollments.csv"), w -> enrollments(w, false));
            markCompleted(dir);
        }
        return Stream.of("manifest", "orgs", "academicSessions", "courses", "classes", "users", "enrollments")
                .map(f -> dir.resolve(f + ".csv")).toList();
    }

    /** The delta set (manifest, users.csv, enrollments.csv) that removes every {@value RosterShape#REMOVED_EVERY}th student. */
    List<Path> delta(Path dir) throws IOException {
        if (!completed(dir)) {
            Files.createDirectories(dir);
            write(dir.resolve("manifest.csv"), this::deltaManifest);
            write(dir.resolve("users.csv"), w -> users(w, true));
            write(dir.resolve("enrollments.csv"), w -> enrollments(w, true));
            markCompleted(dir);
        }
        return Stream.of("manifest", "users", "enrollments").map(f -> dir.resolve(f + ".csv")).toList();
    }

    /** The files as one zip (entries at its root, as districts' exports are), fast compression; reused when complete. */
    static Path zip(List<Path> files, Path zip) throws IOException {
        Path done = zip.resolveSibling(zip.getFileName() + ".complete");
        if (Files.exists(done) && Files.exists(zip)) {
            return zip;
        }
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(Deflater.BEST_SPEED);
            for (Path f : files) {
                z.putNextEntry(new ZipEntry(f.getFileName().toString()));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        Files.writeString(done, "");
        return zip;
    }

    // ---------------------------------------------------------------- files

    private void bulkManifest(Writer w) throws IOException {
        line(w, "propertyName,value");
        line(w, "manifest.version,1.0");
        line(w, "oneroster.version,1.1");
        for (String f : List.of("academicSessions", "classes", "courses", "enrollments", "orgs", "users")) {
            line(w, "file." + f + ",bulk");
        }
        for (String f : ABSENT) {
            line(w, "file." + f + ",absent");
        }
        line(w, "source.systemName,Seatkeeper benchmark generator");
        line(w, "source.systemCode,bench");
    }

    private void deltaManifest(Writer w) throws IOException {
        line(w, "propertyName,value");
        line(w, "manifest.version,1.0");
        line(w, "oneroster.version,1.1");
        for (String f : List.of("academicSessions", "classes", "courses", "orgs")) {
            line(w, "file." + f + ",absent");
        }
        line(w, "file.enrollments,delta");
        line(w, "file.users,delta");
        for (String f : ABSENT) {
            line(w, "file." + f + ",absent");
        }
        line(w, "source.systemName,Seatkeeper benchmark generator");
        line(w, "source.systemCode,bench");
    }

    private void orgs(Writer w) throws IOException {
        line(w, "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId");
        line(w, RosterShape.DISTRICT_ORG + ",active," + BULK_MODIFIED + ",Maplewood Unified School District,district,MUSD,");
        for (int s = 0; s < shape.schools(); s++) {
            line(w, String.join(",", RosterShape.schoolId(s), "active", BULK_MODIFIED, shape.schoolName(s), "school",
                    Integer.toString(1000 + s), RosterShape.DISTRICT_ORG));
        }
    }

    private static void academicSessions(Writer w) throws IOException {
        line(w, "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear");
        line(w, RosterShape.SCHOOL_YEAR + ",active," + BULK_MODIFIED + ",2026-2027 School Year,schoolYear,2026-08-01,2027-07-31,,2027");
        line(w, RosterShape.TERM + ",active," + BULK_MODIFIED + ",Fall 2026,term,2026-08-24,2027-01-15," + RosterShape.SCHOOL_YEAR + ",2027");
    }

    private static void courses(Writer w) throws IOException {
        line(w, "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes");
        for (int c = 0; c < RosterShape.COURSES.length; c++) {
            line(w, String.join(",", RosterShape.courseId(c), "active", BULK_MODIFIED, RosterShape.SCHOOL_YEAR, RosterShape.COURSES[c],
                    "C" + (100 + c), "", RosterShape.DISTRICT_ORG, RosterShape.COURSES[c], ""));
        }
    }

    private void classes(Writer w) throws IOException {
        line(w, "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,"
                + "termSourcedIds,subjects,subjectCodes,periods");
        for (int k = 0; k < shape.classes(); k++) {
            int course = k % RosterShape.COURSES.length;
            line(w, String.join(",", RosterShape.classId(k), "active", BULK_MODIFIED, shape.classTitle(k), "",
                    RosterShape.courseId(course), "SEC-" + (k + 1), "scheduled", "Room " + (100 + k % RosterShape.CLASSES_PER_SCHOOL),
                    RosterShape.schoolId(k / RosterShape.CLASSES_PER_SCHOOL), RosterShape.TERM, RosterShape.COURSES[course], "",
                    Integer.toString(1 + k % 7)));
        }
    }

    /** Every person (bulk), or only the removed students as {@code tobedeleted} (delta). */
    private void users(Writer w, boolean delta) throws IOException {
        line(w, USERS_HEADER);
        if (delta) {
            for (int s = 0; s < shape.students(); s += RosterShape.REMOVED_EVERY) {
                line(w, user(shape.firstStudent() + s, "tobedeleted", DELTA_MODIFIED));
            }
            return;
        }
        for (int p = 0; p < shape.people(); p++) {
            line(w, user(p, "active", BULK_MODIFIED));
        }
    }

    private String user(int p, String status, String modified) {
        String role = shape.role(p);
        return String.join(",", RosterShape.personId(p), status, modified, "true", orgsOf(p), role, shape.username(p),
                "{SIS:" + (200000 + p) + "}", RosterShape.givenName(p), RosterShape.familyName(p), "", Integer.toString(200000 + p),
                shape.email(p), "", "", "", role.equals("student") ? shape.grade(p) : "", "");
    }

    /** A person's orgs: the district for district administrators; one teacher in ten also at the next school (quoted). */
    private String orgsOf(int p) {
        int school = shape.school(p);
        if (school < 0) {
            return RosterShape.DISTRICT_ORG;
        }
        int second = secondSchool(shape, p);
        return second < 0 ? RosterShape.schoolId(school) : "\"" + RosterShape.schoolId(school) + "," + RosterShape.schoolId(second) + "\"";
    }

    /** The second school of a teacher who works at two (one teacher in ten), or -1. */
    static int secondSchool(RosterShape shape, int person) {
        boolean teacher = person >= shape.firstTeacher() && person < shape.firstStudent();
        return teacher && (person - shape.firstTeacher()) % 10 == 0 ? (shape.school(person) + 1) % shape.schools() : -1;
    }

    /** Every enrollment (bulk: the teachers', then the students'), or the removed students' as {@code tobedeleted} (delta). */
    private void enrollments(Writer w, boolean delta) throws IOException {
        line(w, ENROLLMENTS_HEADER);
        String status = delta ? "tobedeleted" : "active";
        String modified = delta ? DELTA_MODIFIED : BULK_MODIFIED;
        if (!delta) {
            for (int k = 0; k < shape.classes(); k++) {
                line(w, enrollment(k, shape.teacherOf(k), "teacher", status, modified));
            }
        }
        for (int s = 0; s < shape.students(); s++) {
            if (delta && !shape.removedByDelta(s)) {
                continue;
            }
            int person = shape.firstStudent() + s;
            shape.classesOfStudent(s, k -> uncheck(() -> line(w, enrollment(k, person, "student", status, modified))));
        }
    }

    private static String enrollment(int klass, int person, String role, String status, String modified) {
        return String.join(",", enrollmentId(klass, person), status, modified, RosterShape.classId(klass),
                RosterShape.schoolId(klass / RosterShape.CLASSES_PER_SCHOOL), RosterShape.personId(person), role,
                role.equals("teacher") ? "true" : "false", "2026-08-24", "2027-01-15");
    }

    static String enrollmentId(int klass, int person) {
        return "enr-" + (klass + 1) + "-" + (person + 1);
    }

    // ---------------------------------------------------------------- writing

    private interface Rows {
        void write(Writer w) throws IOException;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void uncheck(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, Rows rows) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            rows.write(w);
        }
    }

    private static void line(Writer w, String line) throws IOException {
        w.write(line);
        w.write(CRLF);
    }

    private boolean completed(Path dir) {
        try {
            return Files.readString(dir.resolve(".complete")).equals(Integer.toString(shape.people()));
        } catch (IOException e) {
            return false;
        }
    }

    private void markCompleted(Path dir) throws IOException {
        Files.writeString(dir.resolve(".complete"), Integer.toString(shape.people()));
    }
}
