package com.seatkeeper.roster;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.Cursor;
import com.seatkeeper.shared.Cursors;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12, the roster lists of the API: keyset paging that returns every person once while people come and go between
 * pages, the cursor and offset checks, the capped count, and the caller's scope.
 */
@ApiTest
class RosterListsApiTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Http http;
    Fixtures fx;
    Fixtures.District d;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        d = fx.aDistrict();
    }

    /**
     * People are added and removed between the pages, before and after the reading position, with namesakes (ties broken by
     * id): every person there from the first page to the last is read exactly once, nobody twice, and nobody who was gone.
     */
    @Test
    void keyset_paging_reads_everyone_once_while_people_are_added_and_removed_between_pages() {
        for (long seed : new long[] {1, 2, 3}) {
            Fixtures.District district = fx.aDistrict();
            Random random = new Random(seed);
            Set<UUID> present = new HashSet<>();
            for (int i = 0; i < 60; i++) {
                present.add(insertPerson(district, random));
            }
            Set<UUID> throughout = new HashSet<>(present);
            Set<UUID> everPresent = new HashSet<>(present);
            List<UUID> read = new ArrayList<>();
            String after = null;
            int pages = 0;
            do {
                var page = http.get(users(district) + "?limit=7" + (after == null ? "" : "&after=" + after), Fixtures.ADMIN);
                assertThat(page.status()).as("%s", page).isEqualTo(200);
                for (JsonNode u : page.body()) {
                    UUID id = UUID.fromString(u.get("id").asString());
                    assertThat(present).as("seed %d: a person read is there when the page is read", seed).contains(id);
                    read.add(id);
                }
                after = page.headers().firstValue("X-Next-Cursor").orElse(null);
                // between pages: two people come (anywhere in name order), one person goes (read already or not)
                for (int i = 0; i < 2; i++) {
                    UUID added = insertPerson(district, random);
                    present.add(added);
                    everPresent.add(added);
                }
                UUID gone = new ArrayList<>(present).stream().sorted().toList().get(random.nextInt(present.size()));
                jdbc.sql("delete from users where id = ?").param(gone).update();
                present.remove(gone);
                throughout.remove(gone);
                pages++;
            } while (after != null && pages < 100);
            assertThat(after).as("seed %d: the walk ends", seed).isNull();
            assertThat(read).as("seed %d: nobody twice", seed).doesNotHaveDuplicates();
            assertThat(read).as("seed %d: everyone there throughout", seed).containsAll(throughout);
            assertThat(everPresent).containsAll(read);
        }
    }

    @Test
    void the_pages_follow_name_order_and_the_class_list_pages_the_same_way() {
        List<String> names = List.of("Zeta", "alpha", "Beta", "Beta", "Ñuñez", "de la Cruz", "Østergaard", "Müller");
        for (String family : names) {
            person(d, "Ana", family, null);
        }
        List<String> expected = jdbc.sql("select family_name from users where district_id = ? order by family_name, given_name, id")
                .param(UUID.fromString(d.id())).query(String.class).list();
        assertThat(familyNames(walk(users(d) + "?limit=3"))).isEqualTo(expected);

        for (int i = 0; i < 7; i++) {
            fx.aClass(d, List.of(), List.of());
        }
        List<JsonNode> classes = walk("/api/v1/districts/" + d.id() + "/classes?limit=2");
        assertThat(classes).hasSize(7);
        assertThat(classes.stream().map(c -> c.get("id").asString()).distinct()).hasSize(7);
        assertThat(classes.stream().map(c -> c.get("name").asString()).toList()).isSorted();
    }

    @Test
    void a_cursor_that_the_list_did_not_give_is_refused_naming_after_and_offsets_past_1000_say_to_use_after() {
        fx.students(d, 3);
        var first = http.get(users(d) + "?limit=1", Fixtures.ADMIN);
        String next = first.headers().firstValue("X-Next-Cursor").orElseThrow();
        assertThat(first.headers().firstValue("X-Total-Count")).contains("3");
        assertThat(http.get(users(d) + "?limit=1&after=" + next, Fixtures.ADMIN).status()).isEqualTo(200);

        Cursors guessedKey = new Cursors(new byte[32]);
        String plainOld = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("1,people,Lopez,Ana," + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        String otherKey = guessedKey.seal(new Cursor("people", List.of("Lopez", "Ana", UUID.randomUUID().toString())));
        char[] edited = next.toCharArray();
        edited[next.length() / 2] = edited[next.length() / 2] == 'A' ? 'B' : 'A';
        for (String forged : List.of("garbage!", "AAAA", next.substring(0, next.length() - 3), new String(edited), plainOld, otherKey,
                "x".repeat(3000))) {
            var r = http.get(users(d) + "?after=" + URLEncoder.encode(forged, StandardCharsets.UTF_8), Fixtures.ADMIN);
            assertThat(r.status()).as("%s → %s", forged, r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.text("code")).isEqualTo("invalid_cursor");
            assertThat(r.text("field")).isEqualTo("after");
            assertThat(r.text("detail")).contains("unchanged");
        }
        var classes = http.get("/api/v1/districts/" + d.id() + "/classes?after=" + next, Fixtures.ADMIN);
        assertThat(classes.text("code")).as("a people cursor is not a class cursor").isEqualTo("invalid_cursor");

        assertThat(http.get(users(d) + "?offset=1000", Fixtures.ADMIN).status()).isEqualTo(200);
        var deep = http.get(users(d) + "?offset=1001", Fixtures.ADMIN);
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.text("code")).isEqualTo("offset_not_supported");
        assertThat(deep.text("field")).isEqualTo("offset");
        assertThat(deep.text("detail")).contains("after");
        var both = http.get(users(d) + "?offset=1&after=" + next, Fixtures.ADMIN);
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.text("field")).isEqualTo("offset");
    }

    @Test
    void the_count_is_exact_up_to_10000_and_more_is_said_so() {
        Fixtures.District big = fx.aDistrict();
        jdbc.sql("""
                insert into users (id, district_id, given_name, family_name, email, role, status, source, created_at, updated_at)
                select gen_random_uuid(), ?, 'Kid', 'Many' || n, null, 'STUDENT', 'ACTIVE', 'UPLOAD', now(), now()
                from generate_series(1, 10001) n""").param(UUID.fromString(big.id())).update();
        var page = http.get(users(big) + "?limit=5", Fixtures.ADMIN);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).hasSize(5);
        assertThat(page.headers().firstValue("X-Total-Count")).isEmpty();
        assertThat(page.headers().firstValue("X-Total-Count-Exceeds")).contains("10000");
        var few = http.get(users(big) + "?q=Many10001", Fixtures.ADMIN);
        assertThat(few.headers().firstValue("X-Total-Count")).contains("1");
        assertThat(few.headers().firstValue("X-Next-Cursor")).isEmpty();
    }

    @Test
    void a_school_admin_lists_only_their_schools_people_a_teacher_their_classes_and_another_district_is_404() {
        String schoolB = fx.aSchool(d);
        String atA = person(d, "Ana", "Atschool", d.schoolId());
        String atB = person(d, "Bea", "Elsewhere", schoolB);
        String principal = createdAt(d, "SCHOOL_ADMIN", schoolB);
        String asPrincipal = fx.tokenFor(principal);
        List<String> seen = ids(walk(users(d) + "?limit=2", asPrincipal));
        assertThat(seen).contains(atB, principal).doesNotContain(atA);
        assertThat(ids(walk(users(d) + "?q=Atschool", asPrincipal))).isEmpty();
        assertThat(ids(walk(users(d) + "?schoolId=" + d.schoolId(), asPrincipal))).isEmpty();

        String teacher = fx.aTeacher(d);
        String student = fx.aStudent(d);
        fx.aClass(d, List.of(teacher), List.of(student));
        assertThat(ids(walk(users(d) + "?limit=1", fx.tokenFor(teacher)))).containsExactlyInAnyOrder(teacher, student);

        Fixtures.District other = fx.aDistrict();
        var foreign = http.get(users(other), asPrincipal);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.text("code")).isEqualTo("not_found");
        assertThat(http.get("/api/v1/districts/" + other.id() + "/classes", asPrincipal).status()).isEqualTo(404);
    }

    @Test
    void search_finds_a_part_of_a_name_or_email_ignoring_case_with_accents_as_written() {
        String jose = person(d, "JOSÉ", "Ibáñez", null);
        String zoe = person(d, "Zoë", "O'Brien-Østergaard", null);
        String percent = person(d, "Ana", "Fifty%Off", null);
        person(d, "Jose", "Plain", null);
        assertThat(ids(walk(users(d) + "?q=" + enc("josé")))).containsExactly(jose);
        assertThat(ids(walk(users(d) + "?q=" + enc("IBÁÑ")))).containsExactly(jose);
        assertThat(ids(walk(users(d) + "?q=" + enc("ibáñez, josé")))).containsExactly(jose);
        assertThat(ids(walk(users(d) + "?q=" + enc("zoë o'brien")))).containsExactly(zoe);
        assertThat(ids(walk(users(d) + "?q=" + enc("østergaard")))).containsExactly(zoe);
        assertThat(ids(walk(users(d) + "?q=" + enc("%")))).as("% is a character, not a wildcard").containsExactly(percent);
        String emailed = http.post(users(d), Fixtures.ADMIN, map("givenName", "Mail", "familyName", "Person", "email",
                "unusual.address@lincoln.example.org", "role", "TEACHER", "schoolIds", List.of(d.schoolId()))).text("id");
        assertThat(ids(walk(users(d) + "?q=" + enc("ual.addr")))).containsExactly(emailed);
        assertThat(ids(walk(users(d) + "?q=" + enc("Ibáñez JOSÉ")))).as("family then given needs the comma, as before").isEmpty();
    }

    // --- helpers ---

    private String users(Fixtures.District district) {
        return "/api/v1/districts/" + district.id() + "/users";
    }

    private List<JsonNode> walk(String path) {
        return walk(path, Fixtures.ADMIN);
    }

    /** Every page of the list, following X-Next-Cursor. */
    private List<JsonNode> walk(String path, String token) {
        List<JsonNode> out = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 200; pages++) {
            var page = http.get(path + (path.contains("?") ? "&" : "?") + (after == null ? "" : "after=" + after), token);
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            page.body().forEach(out::add);
            after = page.headers().firstValue("X-Next-Cursor").orElse(null);
            if (after == null) {
                return out;
            }
        }
        throw new AssertionError("more than 200 pages");
    }

    private static List<String> ids(List<JsonNode> rows) {
        return rows.stream().map(r -> r.get("id").asString()).toList();
    }

    private static List<String> familyNames(List<JsonNode> rows) {
        return rows.stream().map(r -> r.get("familyName").asString()).toList();
    }

    private static String enc(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    private String person(Fixtures.District district, String given, String family, String school) {
        var r = http.post(users(district), Fixtures.ADMIN, map("givenName", given, "familyName", family, "role", "STUDENT",
                "schoolIds", List.of(school == null ? district.schoolId() : school)));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.text("id");
    }

    private String createdAt(Fixtures.District district, String role, String school) {
        String n = UUID.randomUUID().toString().substring(0, 8);
        var r = http.post(users(district), Fixtures.ADMIN, map("givenName", "G" + n, "familyName", "F" + n, "email", n + "@example.test",
                "role", role, "schoolIds", List.of(school)));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.text("id");
    }

    /** A person straight into the table (the walk's churn must not wait for HTTP): a random name from a few, so namesakes abound. */
    private UUID insertPerson(Fixtures.District district, Random random) {
        UUID id = new UUID(random.nextLong(), random.nextLong());
        List<String> family = List.of("Lopez", "García", "Nguyen", "Smith", "Abe", "Zed");
        List<String> given = List.of("Ana", "José", "Kai");
        Map<String, Object> row = new HashMap<>(map("id", id, "district", UUID.fromString(district.id()),
                "given", given.get(random.nextInt(given.size())), "family", family.get(random.nextInt(family.size())),
                "now", java.sql.Timestamp.from(Instant.now())));
        jdbc.sql("""
                insert into users (id, district_id, given_name, family_name, role, status, source, created_at, updated_at)
                values (:id, :district, :given, :family, 'STUDENT', 'ACTIVE', 'UPLOAD', :now, :now)""").params(row).update();
        jdbc.sql("insert into user_schools (district_id, user_id, school_id) values (?, ?, ?)")
                .params(UUID.fromString(district.id()), id, UUID.fromString(district.schoolId())).update();
        return id;
    }
}
