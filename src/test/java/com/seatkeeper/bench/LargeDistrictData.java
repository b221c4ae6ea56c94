package com.seatkeeper.bench;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * The large districts of the million-student benchmark ({@link LargeDistrictBenchmark}, issue 12 "Acceptance"), written
 * with PostgreSQL {@code COPY} (PgJDBC's copy API) straight into the server's database, every index, constraint, foreign
 * key and trigger of the schema in place.
 *
 * <p>A district of {@code students} students has {@code students / 25} teachers and as many classes (one teacher each),
 * one school per 2,500 students (100 classes and 100 teachers each, one school administrator), every student at one school
 * and in 3 of its classes (about 75 students a class). Its student pool holds a seat for three students in four (every
 * student whose index is not 3 mod 4: 750,000 of 1,000,000) and has 50,000 seats more; one student in eight of the
 * others held a seat once, released 150 days later (history). Its educator pool holds a seat for four teachers in five.
 * The seat ledger has one {@code ASSIGNED} row per assignment (released ones included) and one {@code UNASSIGNED} row per
 * released one, in time order, after the rows the API wrote when it opened the pools.
 *
 * <p>What the API does well enough at any size (the district, its two district administrators, the product, the pools,
 * an API token) goes through the API; the rest is COPY. The seat counts: {@code assignments}' statement-level triggers of
 * V21 fire for {@code COPY FROM} as for an {@code INSERT} (one statement), so {@code license_pools.assigned} follows the
 * copied rows; {@link #check} verifies it against the table and the ledger.
 *
 * <p>Names come from a hash of the person's index: 180 given names and 2,500 family names made of syllables, so that a
 * family name matches about 1 person in 2,500 (400 in the 1M district) and a search has something to find.
 */
final class LargeDistrictData {
    static final int STUDENTS_PER_TEACHER = 25;
    static final int STUDENTS_PER_SCHOOL = 2_500;
    static final int CLASSES_PER_STUDENT = 3;
    static final int EXTRA_SEATS = 50_000;
    static final String PASSWORD = "bench-large-district-password";

    private static final String[] GIVEN = ("Aaliyah Aaron Abigail Adam Adrian Aiden Alexander Alice Amara Amelia Ana Andrew Angel Anna "
            + "Anthony Aria Ariana Asher Aubrey Aurora Austin Ava Avery Axel Bella Benjamin Brayden Brooklyn Caleb Cameron Camila Carlos "
            + "Carter Charles Charlotte Chloe Christian Christopher Claire Colton Connor Cooper Daniel David Delilah Diego Dominic Dylan "
            + "Easton Eleanor Elena Eli Elijah Eliana Elizabeth Ella Ellie Emilia Emily Emma Ethan Eva Evelyn Ezra Gabriel Gabriella "
            + "Genesis Gianna Grace Grayson Hailey Hannah Harper Hazel Henry Hudson Hunter Ian Isaac Isabella Isaiah Isla Jack Jackson "
            + "Jacob James Jaxon Jayden Jeremiah John Jonathan Jordan Jose Joseph Joshua Josiah Julia Julian Kai Kayla Kennedy Layla Leah "
            + "Leo Levi Liam Lillian Lily Lincoln Logan Lucas Lucy Luis Luke Luna Madelyn Madison Mason Mateo Matthew Maya Mia Michael "
            + "Mila Miles Naomi Natalie Nathan Noah Nolan Nora Nova Oliver Olivia Owen Paisley Penelope Riley Robert Ryan Sadie Samantha "
            + "Samuel Santiago Sarah Savannah Scarlett Sebastian Skylar Sofia Sophia Stella Theodore Thomas Valentina Victoria Violet "
            + "Wesley William Willow Wyatt Xavier Zoe Zoey").split(" ");
    private static final String[] SYLLABLE = ("Al Ba Ca Da El Fa Ga Ha Ib Ja Ka La Ma Na Ob Pa Qu Ra Sa Ta Ul Va Wa Xi Ya Ze Bo Cu Di Fe "
            + "Go Hu Ki Lo Mu Ni Po Ri Su To Vo Wu Yo Zu Be Ce De Fi Gi Ho").split(" ");
    private static final String[] ENDING = ("ton son ley ford man well ridge wood field more".split(" "));

    /** What the benchmark needs to know of a generated district; saved with the data so a later run can reuse it. */
    record District(String label, int students, String id, String studentPool, String educatorPool, String product, String adminId,
                    String adminEmail, String adminToken, String otherAdminId) {
        int teachers() {
            return students / STUDENTS_PER_TEACHER;
        }

        int classes() {
            return teachers();
        }

        int schools() {
            return Math.max(2, students / STUDENTS_PER_SCHOOL);
        }

        int heldSeats() {
            return students - students / 4;
        }

        int studentSeats() {
            return heldSeats() + EXTRA_SEATS;
        }

        int educatorHolders() {
            return teachers() - teachers() / 5;
        }

        Map<String, String> toProperties() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("label", label);
            m.put("students", Integer.toString(students));
            m.put("id", id);
            m.put("studentPool", studentPool);
            m.put("educatorPool", educatorPool);
            m.put("product", product);
            m.put("adminId", adminId);
            m.put("adminEmail", adminEmail);
            m.put("adminToken", adminToken);
            m.put("otherAdminId", otherAdminId);
            return m;
        }

        static District fromProperties(Map<String, String> m) {
            return new District(m.get("label"), Integer.parseInt(m.get("students")), m.get("id"), m.get("studentPool"), m.get("educatorPool"),
                    m.get("product"), m.get("adminId"), m.get("adminEmail"), m.get("adminToken"), m.get("otherAdminId"));
        }
    }

    /** Per table: rows copied and milliseconds. */
    final Map<String, long[]> copied = new LinkedHashMap<>();

    private final Http http;
    private final String jdbcUrl;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    LargeDistrictData(Http http, String jdbcUrl) {
        this.http = http;
        this.jdbcUrl = jdbcUrl;
    }

    /** Creates the district through the API (district, two district administrators with a console account, pools, token), then COPYs the rest. */
    District generate(String label, int students) throws SQLException, IOException {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String name = label + " " + tag;
        String districtId = created(http.post("/api/v1/districts", Fixtures.ADMIN, map("name", name, "rosteringSource", "MANUAL",
                "timezone", "America/Chicago"))).text("id");
        String code = "BENCH" + tag.toUpperCase();
        created(http.post("/api/v1/products", Fixtures.ADMIN, map("code", code, "name", "Reading Plus " + tag, "seatTypes",
                List.of("EDUCATOR", "STUDENT"))));
        int heldSeats = students - students / 4;
        LocalDate starts = LocalDate.now().minusDays(365);
        LocalDate ends = LocalDate.now().plusDays(365);
        String studentPool = created(http.post("/api/v1/districts/" + districtId + "/license-pools", Fixtures.ADMIN, map("productCode", code,
                "seatType", "STUDENT", "seats", heldSeats + EXTRA_SEATS, "startsOn", starts.toString(), "endsOn", ends.toString()))).text("id");
        int teachers = students / STUDENTS_PER_TEACHER;
        String educatorPool = created(http.post("/api/v1/districts/" + districtId + "/license-pools", Fixtures.ADMIN, map("productCode", code,
                "seatType", "EDUCATOR", "seats", teachers, "startsOn", starts.toString(), "endsOn", ends.toString()))).text("id");
        String adminEmail = "admin-" + tag + "@" + slug(label) + ".example.test";
        String adminId = created(http.post("/api/v1/districts/" + districtId + "/users", Fixtures.ADMIN, map("givenName", "Dana",
                "familyName", "Administrator", "email", adminEmail, "role", "DISTRICT_ADMIN"))).text("id");
        String otherAdminId = created(http.post("/api/v1/districts/" + districtId + "/users", Fixtures.ADMIN, map("givenName", "Morgan",
                "familyName", "Administrator", "email", "admin2-" + tag + "@" + slug(label) + ".example.test", "role", "DISTRICT_ADMIN"))).text("id");
        String token = created(http.post("/api/v1/api-tokens", Fixtures.ADMIN, map("userId", adminId, "name", "large district benchmark")))
                .text("token");
        District d = new District(label, students, districtId, studentPool, educatorPool, code, adminId, adminEmail, token, otherAdminId);
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            account(c, d);
            c.setAutoCommit(false);
            copyRoster(c, d);
            c.commit();
            copySeats(c, d);
            c.commit();
        }
        return d;
    }

    /** A console account with a known password for the district administrator (as {@code Accounts.ensurePersonAccount} writes it). */
    private static void account(Connection c, District d) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into accounts (id, district_id, user_id, vendor_admin, email, password_hash, "
                + "label, created_at) values (?, ?, ?, false, ?, ?, ?, now()) on conflict (user_id) do update set password_hash = excluded.password_hash")) {
            s.setObject(1, UUID.randomUUID());
            s.setObject(2, UUID.fromString(d.id()));
            s.setObject(3, UUID.fromString(d.adminId()));
            s.setString(4, d.adminEmail());
            s.setString(5, PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD));
            s.setString(6, d.adminEmail());
            s.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- ids and names (pure functions of the index)

    /** Person numbering: teachers 0..T-1, school administrators T..T+K-1, students T+K.. */
    static UUID personId(District d, int p) {
        return new UUID(salt(d), 2L << 40 | p);
    }

    static UUID schoolId(District d, int s) {
        return new UUID(salt(d), 1L << 40 | s);
    }

    static UUID classId(District d, int k) {
        return new UUID(salt(d), 3L << 40 | k);
    }

    static UUID student(District d, int s) {
        return personId(d, d.teachers() + d.schools() + s);
    }

    /** Whether student {@code s} holds a seat of the student pool. */
    static boolean holdsSeat(int s) {
        return s % 4 != 3;
    }

    private static long salt(District d) {
        return UUID.fromString(d.id()).getMostSignificantBits() ^ 0x5EA7_0000_0000_0000L;
    }

    static String givenName(int p) {
        return GIVEN[Math.floorMod(mix(p), GIVEN.length)];
    }

    static String familyName(int p) {
        int h = Math.floorMod(mix(p * 31 + 7), SYLLABLE.length * SYLLABLE.length);
        int e = Math.floorMod(mix(p * 17 + 3), ENDING.length);
        return SYLLABLE[h / SYLLABLE.length] + SYLLABLE[h % SYLLABLE.length].toLowerCase() + ENDING[e];
    }

    private static int mix(int x) {
        int h = x * 0x9E3779B1;
        h ^= h >>> 15;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }

    private static String slug(String label) {
        return label.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    // ---------------------------------------------------------------- roster

    private void copyRoster(Connection c, District d) throws SQLException, IOException {
        PGConnection pg = c.unwrap(PGConnection.class);
        String ts = Timestamp.from(now.minus(400, ChronoUnit.DAYS)).toInstant().toString();
        int schools = d.schools();
        int teachers = d.teachers();
        int classesPerSchool = d.classes() / schools;
        String domain = slug(d.label()) + ".example.test";
        copy(pg, "schools", "schools (id, district_id, name, source, sourced_id, created_at)", out -> {
            for (int s = 0; s < schools; s++) {
                out.row(schoolId(d, s), d.id(), SYLLABLE[s % SYLLABLE.length] + SYLLABLE[(s / SYLLABLE.length) % SYLLABLE.length].toLowerCase()
                        + " " + (s % 3 == 0 ? "Elementary" : s % 3 == 1 ? "Middle" : "High") + " School " + (s + 1), "UPLOAD", "sch-" + s, ts);
            }
            return schools;
        });
        int people = teachers + schools + d.students();
        copy(pg, "users", "users (id, district_id, given_name, family_name, email, role, status, source, sourced_id, grade, created_at, updated_at)",
                out -> {
                    for (int p = 0; p < people; p++) {
                        String role = p < teachers ? "TEACHER" : p < teachers + schools ? "SCHOOL_ADMIN" : "STUDENT";
                        String given = givenName(p);
                        String family = familyName(p);
                        String grade = role.equals("STUDENT") ? Integer.toString(1 + p % 12) : null;
                        out.row(personId(d, p), d.id(), given, family, given.toLowerCase() + "." + family.toLowerCase() + "." + p + "@" + domain,
                                role, "ACTIVE", "UPLOAD", (role.equals("STUDENT") ? "s-" : "t-") + p, grade, ts, ts);
                    }
                    return people;
                });
        copy(pg, "user_schools", "user_schools (district_id, user_id, school_id)", out -> {
            for (int t = 0; t < teachers; t++) {
                out.row(d.id(), personId(d, t), schoolId(d, Math.min(schools - 1, t / classesPerSchool)));
            }
            for (int a = 0; a < schools; a++) {
                out.row(d.id(), personId(d, teachers + a), schoolId(d, a));
            }
            for (int s = 0; s < d.students(); s++) {
                out.row(d.id(), student(d, s), schoolId(d, s % schools));
            }
            return people;
        });
        copy(pg, "classes", "classes (id, district_id, school_id, name, course, term, source, sourced_id, created_at)", out -> {
            for (int k = 0; k < d.classes(); k++) {
                int school = Math.min(schools - 1, k / classesPerSchool);
                String course = new String[] {"Math", "Reading", "Science", "History", "Art"}[k % 5];
                out.row(classId(d, k), d.id(), schoolId(d, school), course + " " + (1 + k % 12) + " – " + familyName(k) + " " + (k + 1),
                        course, "2026-27", "UPLOAD", "cls-" + k, ts);
            }
            return d.classes();
        });
        copy(pg, "enrollments", "enrollments (district_id, class_id, user_id, role)", out -> {
            long n = 0;
            for (int k = 0; k < d.classes(); k++) {
                out.row(d.id(), classId(d, k), personId(d, k), "TEACHER");
                n++;
            }
            for (int s = 0; s < d.students(); s++) {
                UUID id = student(d, s);
                int school = s % schools;
                int local = s / schools;
                for (int j = 0; j < CLASSES_PER_STUDENT; j++) {
                    // offsets j*31 apart: three distinct classes of the school's
                    int k = school * classesPerSchool + (local * 7 + j * 31) % classesPerSchool;
                    out.row(d.id(), classId(d, k), id, "STUDENT");
                    n++;
                }
            }
            return n;
        });
    }

    // ---------------------------------------------------------------- seats and ledger

    private void copySeats(Connection c, District d) throws SQLException, IOException {
        PGConnection pg = c.unwrap(PGConnection.class);
        UUID pool = UUID.fromString(d.studentPool());
        UUID edPool = UUID.fromString(d.educatorPool());
        UUID product = productOf(c, pool);
        Instant historyAssigned = now.minus(300, ChronoUnit.DAYS);
        Instant historyReleased = now.minus(150, ChronoUnit.DAYS);
        Instant current = now.minus(120, ChronoUnit.DAYS);
        int students = d.students();
        long step = 100L * 86_400_000L / Math.max(1, students); // current seats spread over 100 days, in index order
        copy(pg, "assignments", "assignments (id, district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by, "
                + "last_active_at, released_at, released_by, release_reason)", out -> {
            long n = 0;
            for (int s = 0; s < students; s++) {
                if (!holdsSeat(s) && s % 8 == 7) {
                    Instant at = historyAssigned.plusMillis(s * step / 4);
                    out.row(UUID.randomUUID(), d.id(), pool, product, "STUDENT", student(d, s), at, "import", null,
                            historyReleased.plusMillis(s * step / 4), "Dana Administrator", "UNASSIGNED");
                    n++;
                }
            }
            for (int s = 0; s < students; s++) {
                if (holdsSeat(s)) {
                    Instant at = current.plusMillis(s * step);
                    out.row(UUID.randomUUID(), d.id(), pool, product, "STUDENT", student(d, s), at, "Dana Administrator",
                            s % 3 == 0 ? null : at.plus(1 + s % 90, ChronoUnit.DAYS), null, null, null);
                    n++;
                }
            }
            for (int t = 0; t < d.teachers(); t++) {
                if (t % 5 != 4) {
                    out.row(UUID.randomUUID(), d.id(), edPool, product, "EDUCATOR", personId(d, t), current.plusSeconds(t), "Dana Administrator",
                            null, null, null, null);
                    n++;
                }
            }
            return n;
        });
        copy(pg, "seat_ledger", "seat_ledger (district_id, pool_id, action, user_id, assigned_delta, seats_delta, reason, actor, source, occurred_at)",
                out -> {
                    long n = 0;
                    for (int s = 0; s < students; s++) {
                        if (!holdsSeat(s) && s % 8 == 7) {
                            out.row(d.id(), pool, "ASSIGNED", student(d, s), 1, 0, null, "import", "UPLOAD", historyAssigned.plusMillis(s * step / 4));
                            n++;
                        }
                    }
                    for (int s = 0; s < students; s++) {
                        if (!holdsSeat(s) && s % 8 == 7) {
                            out.row(d.id(), pool, "UNASSIGNED", student(d, s), -1, 0, "left the program", "Dana Administrator", "MANUAL",
                                    historyReleased.plusMillis(s * step / 4));
                            n++;
                        }
                    }
                    for (int t = 0; t < d.teachers(); t++) {
                        if (t % 5 != 4) {
                            out.row(d.id(), edPool, "ASSIGNED", personId(d, t), 1, 0, null, "Dana Administrator", "MANUAL", current.plusSeconds(t));
                            n++;
                        }
                    }
                    for (int s = 0; s < students; s++) {
                        if (holdsSeat(s)) {
                            out.row(d.id(), pool, "ASSIGNED", student(d, s), 1, 0, null, "Dana Administrator", "MANUAL", current.plusMillis(s * step));
                            n++;
                        }
                    }
                    return n;
                });
    }

    private static UUID productOf(Connection c, UUID pool) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select product_id from license_pools where id = ?")) {
            s.setObject(1, pool);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    /**
     * Verifies what the benchmark relies on: the roster's sizes, and each pool's {@code assigned} equal to its active
     * seats and to the sum of its ledger's {@code assigned_delta}. Returns a one-line summary.
     */
    static String check(Connection c, District d) throws SQLException {
        UUID id = UUID.fromString(d.id());
        long students = count(c, "select count(*) from users where district_id = ? and role = 'STUDENT'", id);
        long teachers = count(c, "select count(*) from users where district_id = ? and role = 'TEACHER'", id);
        long classes = count(c, "select count(*) from classes where district_id = ?", id);
        long enrollments = count(c, "select count(*) from enrollments where district_id = ?", id);
        assertThat(students).as("students of %s", d.label()).isEqualTo(d.students());
        assertThat(teachers).as("teachers of %s", d.label()).isEqualTo(d.teachers());
        assertThat(classes).as("classes of %s", d.label()).isEqualTo(d.classes());
        StringBuilder s = new StringBuilder(String.format("%,d students, %,d teachers, %,d classes, %,d schools, %,d enrollments", students,
                teachers, classes, d.schools(), enrollments));
        for (String pool : List.of(d.studentPool(), d.educatorPool())) {
            UUID p = UUID.fromString(pool);
            long assigned = count(c, "select assigned from license_pools where id = ?", p);
            long active = count(c, "select count(*) from assignments where pool_id = ? and released_at is null", p);
            long ledger = count(c, "select coalesce(sum(assigned_delta), 0) from seat_ledger where pool_id = ?", p);
            long ledgerRows = count(c, "select count(*) from seat_ledger where pool_id = ?", p);
            long seats = count(c, "select seats from license_pools where id = ?", p);
            assertThat(assigned).as("license_pools.assigned of pool %s = its active seats", pool).isEqualTo(active);
            assertThat(ledger).as("the ledger of pool %s balances with its assigned count", pool).isEqualTo(assigned);
            s.append(String.format("; pool %s: %,d of %,d seats assigned (= active assignments = ledger sum), %,d ledger rows",
                    pool.equals(d.studentPool()) ? "students" : "educators", assigned, seats, ledgerRows));
        }
        return s.toString();
    }

    static long count(Connection c, String sql, Object param) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, param);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void analyze(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("vacuum analyze");
        }
    }

    // ---------------------------------------------------------------- COPY

    private interface Rows {
        long write(Row out) throws IOException;
    }

    private void copy(PGConnection pg, String table, String target, Rows rows) throws SQLException, IOException {
        long t0 = System.nanoTime();
        long n;
        try (OutputStream copy = new PGCopyOutputStream(pg, "copy " + target + " from stdin", 1 << 16);
             Row out = new Row(new BufferedOutputStream(copy, 1 << 16))) {
            n = rows.write(out);
        }
        long[] before = copied.getOrDefault(table, new long[2]);
        copied.put(table, new long[] {before[0] + n, before[1] + (System.nanoTime() - t0) / 1_000_000});
    }

    /** One COPY stream in PostgreSQL's text format; null is {@code \N}; the values hold no tab, newline or backslash. */
    private static final class Row implements AutoCloseable {
        private final OutputStream out;

        Row(OutputStream out) {
            this.out = out;
        }

        void row(Object... values) {
            try {
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) {
                        out.write('\t');
                    }
                    out.write(values[i] == null ? "\\N".getBytes(StandardCharsets.US_ASCII) : values[i].toString().getBytes(StandardCharsets.UTF_8));
                }
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static Http.Response created(Http.Response r) {
        assertThat(r.status()).as("creating the benchmark's district: %s", r).isEqualTo(201);
        return r;
    }
}
