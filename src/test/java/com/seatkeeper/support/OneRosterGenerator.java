package com.seatkeeper.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the records of {@link OneRosterData#generate}: each record is a pure function of its kind and number, so a
 * generated district costs its ids, and the same arguments always give the same records. Field names and shapes follow the
 * OneRoster 1.2 OpenAPI definition (../shared/specs/oneroster, {@code UserDType}, {@code ClassDType}, ...) and, for 1.1, the
 * same records with a user's single {@code role} and {@code orgs} instead of {@code roles[]}.
 */
final class OneRosterGenerator {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String[] GRADES = {"KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"};
    private static final String[] SUBJECTS = {"math", "english", "science", "history", "art"};

    /** Receives each generated record's collection, sourcedId and builder. */
    @FunctionalInterface
    interface Sink {
        void add(String collection, String sourcedId, Supplier<ObjectNode> build);
    }

    private final boolean v12;
    private final String hrefBase;
    private final int schools;
    private final int students;
    private final int teachers;
    private final int classes;
    private final int perStudent;
    private final int courses;

    OneRosterGenerator(String version, int schools, int students, int teachers, int classes, int perStudent) {
        this.v12 = version.equals("1.2");
        this.hrefBase = OneRosterData.HREF_HOST + (v12 ? "/ims/oneroster/rostering/v1p2/" : "/ims/oneroster/v1p1/");
        this.schools = schools;
        this.students = students;
        this.teachers = teachers;
        this.classes = classes;
        this.perStudent = perStudent;
        this.courses = Math.max(1, classes / 20);
    }

    /** Hands every record's id and builder to the sink, collection by collection. */
    void each(Sink sink) {
        sink.add("orgs", "org-d0", this::district);
        for (int i = 0; i < schools; i++) {
            int n = i;
            sink.add("orgs", schoolId(n), () -> school(n));
        }
        sink.add("academicSessions", "as-sy", this::schoolYear);
        sink.add("academicSessions", "as-t1", this::term);
        for (int i = 0; i < courses; i++) {
            int n = i;
            sink.add("courses", courseId(n), () -> course(n));
        }
        for (int i = 0; i < students; i++) {
            int n = i;
            sink.add("users", studentId(n), () -> student(n));
        }
        for (int i = 0; i < teachers; i++) {
            int n = i;
            sink.add("users", teacherId(n), () -> teacher(n));
        }
        for (int i = 0; i < classes; i++) {
            int n = i;
            sink.add("classes", classId(n), () -> clazz(n));
        }
        for (int s = 0; s < students; s++) {
            for (int k = 0; k < perStudent; k++) {
                long n = (long) s * perStudent + k;
                sink.add("enrollments", pad("enr-s", n, 9), () -> studentEnrollment(n));
            }
        }
        for (int c = 0; c < classes; c++) {
            int n = c;
            sink.add("enrollments", pad("enr-t", n, 6), () -> teacherEnrollment(n));
        }
    }

    static String iso(Instant instant) {
        return ISO.format(instant);
    }

    /** {@code prefix} and {@code n} with leading zeros to {@code width} digits (ids sort as their numbers do). */
    static String pad(String prefix, long n, int width) {
        String digits = Long.toString(n);
        StringBuilder b = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits).toString();
    }

    static String schoolId(int n) {
        return pad("org-s", n, 4);
    }

    static String studentId(int n) {
        return pad("usr-s", n, 7);
    }

    static String teacherId(int n) {
        return pad("usr-t", n, 7);
    }

    static String classId(int n) {
        return pad("cls-", n, 6);
    }

    static String courseId(int n) {
        return pad("crs-", n, 5);
    }

    /** The class a student's k-th enrollment is in: one of their school's classes, spread round-robin. */
    int classOf(int student, int k) {
        int school = student % schools;
        int atSchool = (classes - school + schools - 1) / schools;
        int j = (int) (((long) (student / schools) * perStudent + k) % atSchool);
        return school + j * schools;
    }

    private ObjectNode base(String id) {
        ObjectNode r = OneRosterData.object();
        r.put("sourcedId", id).put("status", "active").put("dateLastModified", OneRosterData.GENERATED_AT);
        return r;
    }

    private ObjectNode ref(String collection, String type, String id) {
        ObjectNode r = OneRosterData.object();
        r.put("href", hrefBase + collection + "/" + id).put("sourcedId", id).put("type", type);
        return r;
    }

    private ObjectNode district() {
        ObjectNode d = base("org-d0").put("name", "Generated District").put("type", "district").put("identifier", "D0");
        ArrayNode children = d.putArray("children");
        for (int i = 0; i < schools; i++) {
            children.add(ref("orgs", "org", schoolId(i)));
        }
        return d;
    }

    private ObjectNode school(int n) {
        ObjectNode s = base(schoolId(n)).put("name", "Generated School " + n).put("type", "school").put("identifier", "S" + n);
        s.set("parent", ref("orgs", "org", "org-d0"));
        return s;
    }

    private ObjectNode schoolYear() {
        ObjectNode y = base("as-sy").put("title", "2026-2027").put("startDate", "2026-08-15").put("endDate", "2027-06-15")
                .put("type", "schoolYear").put("schoolYear", "2027");
        y.putArray("children").add(ref("academicSessions", "academicSession", "as-t1"));
        return y;
    }

    private ObjectNode term() {
        ObjectNode t = base("as-t1").put("title", "Fall 2026").put("startDate", "2026-08-15").put("endDate", "2026-12-20")
                .put("type", "term").put("schoolYear", "2027");
        t.set("parent", ref("academicSessions", "academicSession", "as-sy"));
        return t;
    }

    private ObjectNode course(int n) {
        ObjectNode c = base(courseId(n)).put("title", "Course " + n).put("courseCode", "C" + n);
        c.putArray("grades").add(GRADES[n % GRADES.length]);
        c.putArray("subjects").add(SUBJECTS[n % SUBJECTS.length]);
        c.set("schoolYear", ref("academicSessions", "academicSession", "as-sy"));
        c.set("org", ref("orgs", "org", "org-d0"));
        return c;
    }

    private ObjectNode clazz(int n) {
        ObjectNode c = base(classId(n)).put("title", "Class " + n).put("classCode", "K" + n).put("classType", "scheduled")
                .put("location", "Room " + (100 + n % 300));
        c.putArray("grades").add(GRADES[n % GRADES.length]);
        c.putArray("subjects").add(SUBJECTS[n % courses % SUBJECTS.length]);
        c.set("course", ref("courses", "course", courseId(n % courses)));
        c.set("school", ref("orgs", "org", schoolId(n % schools)));
        c.putArray("terms").add(ref("academicSessions", "academicSession", "as-t1"));
        c.putArray("periods").add(Integer.toString(1 + n % 7));
        return c;
    }

    private ObjectNode student(int n) {
        ObjectNode u = user(studentId(n), "Student" + n, "s" + n, "student", n % schools, false);
        u.putArray("grades").add(GRADES[n % GRADES.length]);
        return u;
    }

    private ObjectNode teacher(int n) {
        ObjectNode u = user(teacherId(n), "Teacher" + n, "t" + n, "teacher", n % schools, n % 10 == 0);
        u.putArray("grades");
        return u;
    }

    private ObjectNode user(String id, String given, String login, String role, int school, boolean districtRole) {
        ObjectNode u = base(id).put("username", login).put("enabledUser", "true").put("givenName", given).put("familyName", "Generated")
                .put("middleName", "");
        u.putArray("userIds").addObject().put("type", "SIS").put("identifier", login.toUpperCase());
        if (v12) {
            ArrayNode roles = u.putArray("roles");
            ObjectNode primary = roles.addObject().put("roleType", "primary").put("role", role);
            primary.set("org", ref("orgs", "org", schoolId(school)));
            if (districtRole) {
                ObjectNode secondary = roles.addObject().put("roleType", "secondary").put("role", "districtAdministrator");
                secondary.set("org", ref("orgs", "org", "org-d0"));
            }
            u.set("primaryOrg", ref("orgs", "org", schoolId(school)));
        } else {
            u.put("role", role);
            u.putArray("orgs").add(ref("orgs", "org", schoolId(school)));
        }
        u.put("identifier", login.toUpperCase()).put("email", login + "@generated.example.org");
        u.putArray("agents");
        return u;
    }

    private ObjectNode studentEnrollment(long n) {
        int student = (int) (n / perStudent);
        int clazz = classOf(student, (int) (n % perStudent));
        return enrollment(pad("enr-s", n, 9), studentId(student), clazz, "student", "false");
    }

    private ObjectNode teacherEnrollment(int clazz) {
        return enrollment(pad("enr-t", clazz, 6), teacherId(clazz % teachers), clazz, "teacher", "true");
    }

    private ObjectNode enrollment(String id, String user, int clazz, String role, String primary) {
        ObjectNode e = base(id);
        e.set("user", ref("users", "user", user));
        e.set("class", ref("classes", "class", classId(clazz)));
        e.set("school", ref("orgs", "org", schoolId(clazz % schools)));
        e.put("role", role).put("primary", primary).put("beginDate", "2026-08-15").put("endDate", "2027-06-15");
        return e;
    }
}
