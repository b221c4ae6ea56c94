package com.seatkeeper;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.Problems;
import com.seatkeeper.roster.changes.ReferenceColumns;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.roster.changes.SyncTrigger;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every write endpoint of the API × every caller role × where the call is aimed (own scope, another
 * school of the same district, another district): the expected status, and, for every refusal, a
 * database that did not change ({@link DbState} plus school settings, class names and token
 * revocations, which it does not cover). Over real HTTP against the real embedded PostgreSQL.
 *
 * <p>The callers are of district A and its school A1 (the teacher teaches the students of the own
 * scope; staff and student belong to A1), and the vendor admin. The places: {@link Scope#OWN} is
 * school A1 of district A (students of the teacher's classes, a district-wide pool),
 * {@link Scope#OTHER_SCHOOL} school A2 of district A (students in no class, a pool for A2 only),
 * {@link Scope#OTHER_DISTRICT} school B1 of district B (a district-wide pool). Each call gets fresh
 * people, made by the vendor admin, so no call depends on another.
 *
 * <p><b>Adding a row</b> (one per new endpoint, in {@link #table()}): {@code row("PATCH /api/v1/...", place -> call(...), own,
 * otherSchool, otherDistrict)}, where the function builds the request for a {@link Place} (use its
 * helpers for fresh students, holders, pools, tokens; add one there if needed), and each of the three
 * strings lists the expected statuses in the order of {@link Caller}: vendor, district admin, school
 * admin, teacher, staff, student. A status of 400 or more must leave the database unchanged; write
 * {@code 200=} (or {@code 201=}) for a success that must change nothing (e.g. a bulk answer whose
 * lines were all refused). Endpoints without a district or school in them (products, districts)
 * repeat the same expectations in all three columns.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiWriteAccessTest {
    enum Caller { VENDOR, DISTRICT_ADMIN, SCHOOL_ADMIN, TEACHER, STAFF, STUDENT }

    enum Scope { OWN, OTHER_SCHOOL, OTHER_DISTRICT }

    record Call(String method, String path, Object body) {}

    /** A multipart body: files (name → bytes) in parts named {@code file}, as the imports endpoint takes them. */
    record Upload(Map<String, byte[]> files) {}

    record Row(String endpoint, Function<Place, Call> call, Map<Scope, String> expected) {}

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RosterChanges changes;

    Http http;
    Fixtures fx;
    Fixtures.District a;
    Fixtures.District b;
    String teacher;
    final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
    final Map<Scope, Place> places = new EnumMap<>(Scope.class);

    @BeforeAll
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        a = fx.aDistrict();
        b = fx.aDistrict();
        teacher = fx.aTeacher(a);
        tokens.put(Caller.VENDOR, Fixtures.ADMIN);
        tokens.put(Caller.DISTRICT_ADMIN, fx.tokenFor(fx.aDistrictAdmin(a)));
        tokens.put(Caller.SCHOOL_ADMIN, fx.tokenFor(fx.aPerson(a, "SCHOOL_ADMIN")));
        tokens.put(Caller.TEACHER, fx.tokenFor(teacher));
        tokens.put(Caller.STAFF, fx.tokenFor(fx.aPerson(a, "STAFF")));
        tokens.put(Caller.STUDENT, aStudentsToken());
        places.put(Scope.OWN, new Place(a, a.schoolId(), true, null));
        String a2 = fx.aSchool(a);
        places.put(Scope.OTHER_SCHOOL, new Place(a, a2, false, a2));
        places.put(Scope.OTHER_DISTRICT, new Place(b, b.schoolId(), false, null));
    }

    /**
     * Students get no API token: this one was issued to a teacher who became a student since, so it is refused on use
     * (401, the student column's expectations are what a student would get if it were not).
     */
    private String aStudentsToken() {
        String person = fx.aTeacher(a);
        String token = fx.tokenFor(person);
        assertThat(http.send("PATCH", "/api/v1/users/" + person, Fixtures.ADMIN, map("role", "STUDENT")).status()).isEqualTo(200);
        return token;
    }

    List<Row> table() {
        List<Row> rows = new ArrayList<>();
        //                                                                         vendor d.admin s.admin teacher staff student
        rows.add(row("POST /api/v1/products", p -> post("/api/v1/products", map("code", "W" + n(), "name", "Product", "seatTypes", List.of("STUDENT"))),
                "201 403 403 403 403 403", "201 403 403 403 403 403", "201 403 403 403 403 403"));
        rows.add(row("POST /api/v1/districts", p -> post("/api/v1/districts", map("name", "D" + n(), "rosteringSource", "MANUAL",
                        "timezone", "America/Chicago")),
                "201 403 403 403 403 403", "201 403 403 403 403 403", "201 403 403 403 403 403"));
        rows.add(row("POST /api/v1/districts/{d}/schools", p -> post(p.districtPath("/schools"), map("name", "School " + n())),
                "201 201 403 403 403 403", "201 201 403 403 403 403", "201 404 404 404 404 404"));
        rows.add(row("PATCH /api/v1/schools/{s}", p -> new Call("PATCH", "/api/v1/schools/" + p.school,
                        map("name", "Renamed " + n(), "teachersMayEnrollAnyStudent", true)),
                "200 200 200 403 403 403", "200 200 404 403 403 403", "200 404 404 404 404 404"));
        rows.add(row("POST /api/v1/districts/{d}/users", p -> post(p.districtPath("/users"), map("givenName", "New", "familyName", "Person" + n(),
                        "role", "STUDENT", "schoolIds", List.of(p.school))),
                "201 201 201 201 403 403", "201 201 422 422 403 403", "201 404 404 404 404 404"));
        rows.add(row("POST /api/v1/districts/{d}/classes", p -> post(p.districtPath("/classes"), map("name", "Class " + n(),
                        "schoolId", p.school, "teacherIds", List.of(), "studentIds", List.of(p.student()))),
                "201 201 201 201 403 403", "201 201 422 422 403 403", "201 404 404 404 404 404"));
        rows.add(row("POST /api/v1/users/{u}/deactivate", p -> post("/api/v1/users/" + p.student() + "/deactivate", null),
                "200 200 200 403 404 404", "200 200 404 404 404 404", "200 404 404 404 404 404"));
        rows.add(row("POST /api/v1/users/{u}/reactivate", p -> post("/api/v1/users/" + p.inactiveStudent() + "/reactivate", null),
                "200 200 200 403 404 404", "200 200 404 404 404 404", "200 404 404 404 404 404"));
        rows.add(row("PATCH /api/v1/users/{u}", p -> new Call("PATCH", "/api/v1/users/" + p.student(), map("familyName", "Renamed" + n())),
                "200 200 200 403 404 404", "200 200 404 404 404 404", "200 404 404 404 404 404"));
        rows.add(row("PATCH /api/v1/classes/{c}", p -> new Call("PATCH", "/api/v1/classes/" + p.aClass(), map("name", "Renamed " + n())),
                "200 200 200 200 404 404", "200 200 404 404 404 404", "200 404 404 404 404 404"));
        rows.add(row("POST /api/v1/users/{u}/invitations", p -> post("/api/v1/users/" + p.educator() + "/invitations", null),
                "202 202 202 404 404 404", "202 202 404 404 404 404", "202 404 404 404 404 404"));
        rows.add(row("POST /api/v1/api-tokens", p -> post("/api/v1/api-tokens", map("userId", p.educator(), "name", "t")),
                "201 201 403 403 403 403", "201 201 403 403 403 403", "201 404 403 403 403 403"));
        rows.add(row("DELETE /api/v1/api-tokens/{t}", p -> new Call("DELETE", "/api/v1/api-tokens/" + p.tokenId(), null),
                "204 204 403 403 403 403", "204 204 403 403 403 403", "204 404 403 403 403 403"));
        rows.add(row("POST /api/v1/districts/{d}/license-pools", p -> post(p.districtPath("/license-pools"), map("productCode", product(),
                        "seatType", "STUDENT", "seats", 5, "startsOn", LocalDate.now().minusDays(1).toString(),
                        "endsOn", LocalDate.now().plusDays(100).toString(), "schoolId", p.school)),
                "201 403 403 403 403 403", "201 403 403 403 403 403", "201 404 404 404 404 404"));
        rows.add(row("POST /api/v1/license-pools/{p}/purchases", p -> post(p.poolPath("/purchases"), map("seats", 1, "reference", "PO-" + n())),
                "201 403 403 403 403 403", "201 403 404 403 403 403", "201 404 404 404 404 404"));
        rows.add(row("POST /api/v1/license-pools/{p}/renewals", p -> post(p.poolPath("/renewals"), map("seats", 5,
                        "startsOn", LocalDate.now().plusDays(301).toString(), "endsOn", LocalDate.now().plusDays(600).toString(),
                        "carryOverHolders", true)),
                "201 403 403 403 403 403", "201 403 404 403 403 403", "201 404 404 404 404 404"));
        rows.add(row("PUT /api/v1/license-pools/{p}/assignments/{u}", p -> new Call("PUT", p.poolPath("/assignments/" + p.student()), null),
                "201 201 201 201 403 403", "201 201 404 404 403 403", "201 404 404 404 404 404"));
        rows.add(row("DELETE /api/v1/license-pools/{p}/assignments/{u}", p -> new Call("DELETE", p.poolPath("/assignments/" + p.holder()), null),
                "204 204 204 204 403 403", "204 204 404 404 403 403", "204 404 404 404 404 404"));
        rows.add(row("POST /api/v1/license-pools/{p}/unassignments:bulk", p -> post(p.poolPath("/unassignments:bulk"),
                        map("userIds", List.of(p.holder()))),
                // a holder outside the caller's scope is listed as unknown, as an id of no one is (409 not_holders)
                "200 200 200 200 403 403", "200 200 404 409 403 403", "200 404 404 404 404 404"));
        rows.add(row("POST /api/v1/license-pools/{p}/reassignments", p -> post(p.poolPath("/reassignments"),
                        map("fromUserId", p.holder(), "toUserId", p.student())),
                "200 200 200 200 403 403", "200 200 404 404 403 403", "200 404 404 404 404 404"));
        rows.add(row("POST /api/v1/license-pools/{p}/assignments:bulk", p -> post(p.poolPath("/assignments:bulk"),
                        map("userIds", List.of(p.student()), "mode", "AVAILABLE_SEATS")),
                "200 200 200 200 403 403", "200 200 404 200= 403 403", "200 404 404 404 404 404"));
        rows.add(row("POST /api/v1/sync-runs/{r}/confirm", p -> post("/api/v1/sync-runs/" + p.heldRun() + "/confirm", null),
                "200 200 403 403 403 403", "200 200 403 403 403 403", "200 404 404 404 404 404"));
        rows.add(row("POST /api/v1/sync-runs/{r}/apply", p -> post("/api/v1/sync-runs/" + p.previewedRun() + "/apply", null),
                "200 200 403 403 403 403", "200 200 403 403 403 403", "200 404 404 404 404 404"));
        rows.add(row("POST /api/v1/sync-runs/{r}/discard", p -> post("/api/v1/sync-runs/" + p.heldRun() + "/discard", null),
                "200 200 403 403 403 403", "200 200 403 403 403 403", "200 404 404 404 404 404"));
        // a preview of a OneRoster set that gives no file changes nothing (its run is recorded in sync_runs)
        rows.add(row("POST /api/v1/districts/{d}/imports", p -> post(p.districtPath("/imports") + "?dryRun=true", new Upload(Map.of(
                        "manifest.csv", "propertyName,value\noneroster.version,1.1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)))),
                "200= 200= 403 403 403 403", "200= 200= 403 403 403 403", "200= 404 404 404 404 404"));
        // all students of the pool's place get its seats at once (10,000 seats: there are fewer)
        rows.add(row("PUT /api/v1/license-pools/{p}/auto-assign", p -> new Call("PUT", p.poolPath("/auto-assign"),
                        map("rules", List.of(map("kind", "ALL_STUDENTS")))),
                "200 200 403 403 403 403", "200 200 404 403 403 403", "200 404 404 404 404 404"));
        // rostering (issue 10): each call starts from a MANUAL district (Place.manual); the PUT row comes last so that the
        // districts are MANUAL again after the table. The connection points at a closed port: a test answers ok=false, a
        // sync ends FAILED, and nothing in the roster changes.
        rows.add(row("POST /api/v1/districts/{d}/rostering:test", p -> post(p.connected("/rostering:test"), null),
                "200= 200= 403 403 403 403", "200= 200= 403 403 403 403", "200= 404 404 404 404 404"));
        rows.add(row("POST /api/v1/districts/{d}/sync-requests", p -> post(p.connected("/sync-requests"), null),
                "202 202 403 403 403 403", "202 202 403 403 403 403", "202 404 404 404 404 404"));
        rows.add(row("PUT /api/v1/districts/{d}/rostering", p -> new Call("PUT", p.manual("/rostering"), map("source", "CLEVER",
                        "clever", map("baseUrl", CLOSED_PORT, "districtToken", "token-" + n()), "nightlyAt", "02:00")),
                "200 200 403 403 403 403", "200 200 403 403 403 403", "200 404 404 404 404 404"));
        return rows;
    }

    @Test
    void everyWriteEndpointAnswersEveryRoleInEveryScopeAsExpectedAndRefusalsChangeNothing() {
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        for (Row row : table()) {
            for (Scope scope : Scope.values()) {
                String[] expected = row.expected().get(scope).trim().split("\\s+");
                assertThat(expected).as("%s %s: one expectation per caller", row.endpoint(), scope).hasSize(Caller.values().length);
                for (Caller caller : Caller.values()) {
                    // a token of someone made a student acts as no one (Accounts.mayHaveToken on every use): 401 everywhere,
                    // whatever a student would be answered
                    String want = caller == Caller.STUDENT ? "401" : expected[caller.ordinal()];
                    int status = Integer.parseInt(want.replace("=", ""));
                    boolean unchanged = status >= 400 || want.endsWith("=");
                    Call call = row.call().apply(places.get(scope));
                    Map<String, Object> before = unchanged ? snapshot() : null;
                    Http.Response r = send(call, tokens.get(caller));
                    cells++;
                    String where = row.endpoint() + " as " + caller + " in " + scope;
                    if (r.status() != status) {
                        mismatches.add(where + ": expected " + want + ", got " + r);
                    } else if (unchanged && !before.equals(snapshot())) {
                        mismatches.add(where + ": answered " + r.status() + " but changed the database");
                    }
                }
            }
        }
        assertThat(mismatches).as("of %d calls", cells).isEmpty();
        assertThat(cells).isEqualTo(table().size() * Scope.values().length * Caller.values().length);
    }

    @Test
    void theTableHasARowForEveryWriteEndpointOfTheApiAndNoOther() {
        var docs = http.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        List<String> documented = new ArrayList<>();
        docs.body().get("paths").properties().forEach(path -> {
            for (String method : List.of("post", "put", "patch", "delete")) {
                if (path.getValue().has(method) && path.getKey().startsWith("/api/v1/")) {
                    documented.add(method.toUpperCase() + " " + path.getKey().replaceAll("\\{([a-z])[A-Za-z]*}", "{$1}"));
                }
            }
        });
        assertThat(table().stream().map(Row::endpoint).toList()).as("one row per write endpoint of /v3/api-docs")
                .containsExactlyInAnyOrderElementsOf(documented);
    }

    /**
     * Every free-text field of every write endpoint (each string of the table's request bodies that is not
     * an id, a date or an enumeration value), sent by the vendor admin in the own scope with a NUL, a
     * C1 control character or an escape appended: 400 naming that field, and nothing changed. A new row
     * of {@link #table()} brings its text fields into this test by itself.
     */
    @Test
    void everyTextFieldOfEveryWriteEndpointRefusesControlCharactersNamingTheField() {
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        for (Row row : table()) {
            Call sample = row.call().apply(places.get(Scope.OWN));
            if (!(sample.body() instanceof Map<?, ?> body)) {
                continue;
            }
            for (Object key : body.keySet()) {
                if (!(body.get(key) instanceof String value) || !isText(value)) {
                    continue;
                }
                for (String bad : List.of("\u0000", "\u0085", "\u001b[31m")) {
                    Call call = row.call().apply(places.get(Scope.OWN));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> tampered = new LinkedHashMap<>((Map<String, Object>) call.body());
                    tampered.put((String) key, tampered.get(key) + bad);
                    Map<String, Object> before = snapshot();
                    Http.Response r = http.send(call.method(), call.path(), Fixtures.ADMIN, tampered);
                    cells++;
                    String where = row.endpoint() + " field " + key + " with U+" + String.format("%04X", (int) bad.charAt(0));
                    if (r.status() != 400 || !key.equals(r.text("field"))) {
                        mismatches.add(where + ": expected 400 naming the field, got " + r);
                    } else if (!before.equals(snapshot())) {
                        mismatches.add(where + ": answered 400 but changed the database");
                    }
                }
            }
        }
        assertThat(mismatches).as("of %d calls", cells).isEmpty();
        assertThat(cells).as("text fields found").isGreaterThanOrEqualTo(3 * 8);
    }

    private Http.Response send(Call call, String token) {
        if (call.body() instanceof Upload upload) {
            return com.seatkeeper.bulkimport.Uploads.multipart(port, call.path(), token, upload.files());
        }
        return http.send(call.method(), call.path(), token, call.body());
    }

    private static boolean isText(String value) {
        return !value.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}") && !value.matches("\\d{4}-\\d{2}-\\d{2}")
                && !value.matches("[A-Z][A-Z_]+");
    }

    /** What a refusal must leave as it was: {@link DbState} and what it does not cover. */
    private Map<String, Object> snapshot() {
        Map<String, Object> s = new TreeMap<>(DbState.of(jdbc).values());
        s.putAll(jdbc.sql("""
                select (select md5(coalesce(string_agg(id || ':' || name || ':' || status || ':' || teachers_may_enroll_any_student, ','
                                order by id), '')) from schools) as school_settings,
                       (select md5(coalesce(string_agg(id || ':' || name, ',' order by id), '')) from classes) as class_names,
                       (select count(*) from api_tokens where revoked_at is not null) as revoked_tokens,
                       (select md5(coalesce(string_agg(pool_id || ':' || position || ':' || kind || ':' || coalesce(school_id::text, '')
                                || ':' || coalesce(course, '') || ':' || coalesce(grade, ''), ',' order by pool_id, position), ''))
                                from auto_assign_rules) as auto_assign_rules""").query().singleRow());
        return s;
    }

    // ------------------------------------------------------------------ places and calls

    /** Where a call is aimed, with fresh people and things made there by the vendor admin on demand. */
    final class Place {
        final Fixtures.District district;
        final String school;
        final boolean teachersClass;
        private final String poolSchool;
        private Fixtures.Pool pool;

        Place(Fixtures.District district, String school, boolean teachersClass, String poolSchool) {
            this.district = district;
            this.school = school;
            this.teachersClass = teachersClass;
            this.poolSchool = poolSchool;
        }

        String districtPath(String rest) {
            return "/api/v1/districts/" + district.id() + rest;
        }

        String poolPath(String rest) {
            return "/api/v1/license-pools/" + pool().id() + rest;
        }

        /** A student pool with seats to spare: district-wide, or for the place's school only when {@code poolSchool} is set. */
        Fixtures.Pool pool() {
            if (pool == null) {
                var r = http.post(districtPath("/license-pools"), Fixtures.ADMIN, map("productCode", product(), "seatType", "STUDENT",
                        "seats", 10_000, "startsOn", LocalDate.now().minusDays(30).toString(), "endsOn", LocalDate.now().plusDays(300).toString(),
                        "schoolId", poolSchool));
                assertThat(r.status()).as("%s", r).isEqualTo(201);
                pool = new Fixtures.Pool(r.text("id"), district.id());
            }
            return pool;
        }

        /** A new active student of the place's school (in the teacher's class in the own scope). */
        String student() {
            var r = http.post(districtPath("/users"), Fixtures.ADMIN, map("givenName", "Stu", "familyName", "Dent" + n(), "role", "STUDENT",
                    "schoolIds", List.of(school)));
            assertThat(r.status()).as("%s", r).isEqualTo(201);
            String id = r.text("id");
            if (teachersClass) {
                var c = http.post(districtPath("/classes"), Fixtures.ADMIN, map("name", "Class " + n(), "schoolId", school,
                        "teacherIds", List.of(teacher), "studentIds", List.of(id)));
                assertThat(c.status()).as("%s", c).isEqualTo(201);
            }
            return id;
        }

        /** A new class at the place's school (taught by the teacher in the own scope, by no one elsewhere). */
        String aClass() {
            var c = http.post(districtPath("/classes"), Fixtures.ADMIN, map("name", "Class " + n(), "schoolId", school,
                    "teacherIds", teachersClass ? List.of(teacher) : List.of(), "studentIds", List.of()));
            assertThat(c.status()).as("%s", c).isEqualTo(201);
            return c.text("id");
        }

        /** A new teacher of the place's school, with an email (in no class). */
        String educator() {
            var r = http.post(districtPath("/users"), Fixtures.ADMIN, map("givenName", "Ed", "familyName", "Ucator" + n(), "role", "TEACHER",
                    "email", "educator-" + UUID.randomUUID() + "@example.test", "schoolIds", List.of(school)));
            assertThat(r.status()).as("%s", r).isEqualTo(201);
            return r.text("id");
        }

        String inactiveStudent() {
            String id = student();
            assertThat(http.post("/api/v1/users/" + id + "/deactivate", Fixtures.ADMIN, null).status()).isEqualTo(200);
            return id;
        }

        /** A new student holding a seat of {@link #pool()}. */
        String holder() {
            String id = student();
            assertThat(http.put(poolPath("/assignments/" + id), Fixtures.ADMIN).status()).isEqualTo(201);
            return id;
        }

        /**
         * A HELD run of the place's district that changes nothing when confirmed: an empty upload (every kind ABSENT) whose
         * row is then marked HELD as the deletion guard would (the guard itself is RosterChanges' tests' subject).
         */
        String heldRun() {
            SyncRunId run = changes.start(VENDOR, DistrictId.of(district.id()), SyncTrigger.UPLOAD).value();
            changes.staging(run, Map.of(), ReferenceColumns.ONEROSTER).close();
            assertThat(changes.complete(run, new Problems(), false).status()).isEqualTo(RunStatus.APPLIED);
            jdbc.sql("update sync_runs set status = 'HELD', staged = true where id = ?").param(run.value()).update();
            return run.toString();
        }

        /**
         * The district path, with the district made MANUAL again first (its rostering connection and source as before any
         * PUT .../rostering) and its syncs out of the way (none queued or running, none counted today).
         */
        String manual(String rest) {
            UUID id = UUID.fromString(district.id());
            jdbc.sql("update sync_runs set status = 'FAILED', phase = 'DONE', ended_at = now() where district_id = ? and status in "
                    + "('QUEUED', 'RUNNING') and trigger <> 'UPLOAD'").param(id).update();
            jdbc.sql("update sync_runs set started_at = started_at - interval '2 days' where district_id = ? and trigger = 'SAME_DAY'")
                    .param(id).update();
            jdbc.sql("delete from rostering_connections where district_id = ?").param(id).update();
            jdbc.sql("update districts set rostering_source = 'MANUAL' where id = ?").param(id).update();
            return districtPath(rest);
        }

        /** The district path, with the district (made MANUAL first) connected to Clever at a closed port by the vendor admin. */
        String connected(String rest) {
            manual("");
            var r = http.send("PUT", districtPath("/rostering"), Fixtures.ADMIN, map("source", "CLEVER", "clever",
                    map("baseUrl", CLOSED_PORT, "districtToken", "token-" + n()), "nightlyAt", "02:00"));
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            return districtPath(rest);
        }

        /** A PREVIEW run of the place's district whose apply changes nothing: an empty upload (every kind ABSENT), previewed. */
        String previewedRun() {
            SyncRunId run = changes.start(VENDOR, DistrictId.of(district.id()), SyncTrigger.UPLOAD).value();
            changes.staging(run, Map.of(), ReferenceColumns.ONEROSTER).close();
            assertThat(changes.complete(run, new Problems(), true).status()).isEqualTo(RunStatus.PREVIEW);
            return run.toString();
        }

        /** The id of a new API token of a new educator of the place (students get none). */
        String tokenId() {
            var r = http.post("/api/v1/api-tokens", Fixtures.ADMIN, map("userId", educator(), "name", "t"));
            assertThat(r.status()).as("%s", r).isEqualTo(201);
            return r.text("id");
        }
    }

    /** A Clever base URL where nothing listens (port 9, discard): connection tests and syncs fail fast. */
    private static final String CLOSED_PORT = "http://127.0.0.1:9";

    private static final Actor VENDOR = new Actor(UUID.randomUUID(), null, ActorRole.VENDOR_ADMIN, null, Set.of(), "access test");

    private String product() {
        return fx.aProduct();
    }

    private static Row row(String endpoint, Function<Place, Call> call, String own, String otherSchool, String otherDistrict) {
        return new Row(endpoint, call, Map.of(Scope.OWN, own, Scope.OTHER_SCHOOL, otherSchool, Scope.OTHER_DISTRICT, otherDistrict));
    }

    private static Call post(String path, Object body) {
        return new Call("POST", path, body);
    }

    private static String n() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
