package com.seatkeeper.licensing;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The API's keyset-paged licensing lists (holders, ledger) over real HTTP: following the next links returns every row
 * exactly once while seats are assigned and unassigned between pages; cursors and offsets are validated; totals are exact
 * up to the count limit; a school admin sees their schools' holders only; another district's pool is 404.
 */
@ApiTest
class LicenseListsApiTest {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void followingTheHoldersNextLinksReturnsEveryHolderOnceWhileSeatsChangeBetweenPages() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        for (long seed = 1; seed <= 3; seed++) {
            Fixtures.District d = fx.aDistrict();
            Fixtures.Pool pool = fx.aPool(d, "STUDENT", 500);
            List<String> people = students(d, d.schoolId(), 70, "Keyset");
            // 45 seats in one statement share one assigned_at (the tie is broken by person), 5 more one by one
            assertThat(fx.bulkAssign(pool, "ALL_OR_NOTHING", people.subList(0, 45)).status()).isEqualTo(200);
            people.subList(45, 50).forEach(p -> assertThat(fx.assign(pool, p).status()).isEqualTo(201));
            Set<String> atStart = new LinkedHashSet<>(people.subList(0, 50));
            List<String> waiting = new ArrayList<>(people.subList(50, 70));

            Random random = new Random(seed);
            List<String> seen = new ArrayList<>();
            Set<String> removedUnseen = new HashSet<>();
            Set<String> removed = new HashSet<>();
            Set<String> added = new HashSet<>();
            String next = "/api/v1/license-pools/" + pool.id() + "/assignments?limit=7";
            while (next != null) {
                Http.Response page = http.get(next, ADMIN);
                assertThat(page.status()).as("%s", page).isEqualTo(200);
                page.body().forEach(h -> seen.add(h.get("userId").asString()));
                next = nextLink(page);
                // between pages: a holder not reached yet leaves, one already listed leaves, a newcomer gets a seat
                List<String> unseen = atStart.stream().filter(p -> !seen.contains(p) && !removed.contains(p)).toList();
                if (!unseen.isEmpty()) {
                    String gone = unseen.get(random.nextInt(unseen.size()));
                    assertThat(fx.unassign(pool, gone).status()).isEqualTo(204);
                    removedUnseen.add(gone);
                    removed.add(gone);
                }
                List<String> listed = seen.stream().filter(p -> !removed.contains(p)).toList();
                String leaving = listed.get(random.nextInt(listed.size()));
                assertThat(fx.unassign(pool, leaving).status()).isEqualTo(204);
                removed.add(leaving);
                if (!waiting.isEmpty()) {
                    String newcomer = waiting.remove(random.nextInt(waiting.size()));
                    assertThat(fx.assign(pool, newcomer).status()).isEqualTo(201);
                    added.add(newcomer);
                }
            }

            assertThat(seen).as("no holder twice (seed %s)", seed).doesNotHaveDuplicates();
            Set<String> stayed = new HashSet<>(atStart);
            stayed.removeAll(removedUnseen);
            assertThat(seen).as("every holder who stayed until reached (seed %s)", seed).containsAll(stayed);
            assertThat(seen).as("no one unassigned before their page").doesNotContainAnyElementsOf(removedUnseen);
            assertThat(seen).as("only holders").allMatch(p -> atStart.contains(p) || added.contains(p));
        }
    }

    @Test
    void followingTheLedgerNextLinksReturnsEveryRowOnceNewestFirstWhileRowsAreAdded() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        Fixtures.District d = fx.aDistrict();
        Fixtures.Pool pool = fx.aPool(d, "STUDENT", 500);
        List<String> people = students(d, d.schoolId(), 40, "Ledger");
        fx.bulkAssign(pool, "ALL_OR_NOTHING", people.subList(0, 25));
        people.subList(0, 5).forEach(p -> fx.unassign(pool, p));
        Set<Long> atStart = new HashSet<>(jdbc.sql("select id from seat_ledger where pool_id = ?").param(UUID.fromString(pool.id()))
                .query(Long.class).list());

        List<Long> seen = new ArrayList<>();
        List<String> times = new ArrayList<>();
        String next = "/api/v1/license-pools/" + pool.id() + "/ledger?limit=4";
        int i = 25;
        while (next != null) {
            Http.Response page = http.get(next, ADMIN);
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            page.body().forEach(r -> {
                seen.add(r.get("id").asLong());
                times.add(r.get("occurredAt").asString());
            });
            next = nextLink(page);
            if (i < people.size()) {
                fx.assign(pool, people.get(i++)); // a newer row: before the cursor, so not listed by later pages
            }
        }

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(atStart);
        List<String> newestFirst = times.stream().map(java.time.Instant::parse).sorted(java.util.Comparator.reverseOrder())
                .map(java.time.Instant::toString).toList();
        assertThat(times.stream().map(java.time.Instant::parse).map(java.time.Instant::toString).toList()).isEqualTo(newestFirst);

        // the person filter pages the same way: the rows about one person only
        String person = people.get(0);
        Http.Response theirs = http.get("/api/v1/license-pools/" + pool.id() + "/ledger?limit=1&userId=" + person, ADMIN);
        assertThat(theirs.body().get(0).get("action").asString()).isEqualTo("UNASSIGNED");
        Http.Response older = http.get(nextLink(theirs), ADMIN);
        assertThat(older.body().get(0).get("action").asString()).isEqualTo("ASSIGNED");
        assertThat(nextLink(older)).isNull();
        assertThat(theirs.headers().firstValue("X-Total-Count")).contains("2");
    }

    @Test
    void aCursorThatIsNotThisListsOrATooDeepOffsetIsRefusedWithTheFieldNamed() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        Fixtures.District d = fx.aDistrict();
        Fixtures.Pool pool = fx.aPool(d, "STUDENT", 50);
        Fixtures.Pool other = fx.aPool(d, "STUDENT", 50);
        List<String> people = students(d, d.schoolId(), 6, "Cursor");
        fx.bulkAssign(pool, "ALL_OR_NOTHING", people);
        fx.bulkAssign(other, "ALL_OR_NOTHING", people.subList(0, 1)); // another product: may hold both
        String holders = "/api/v1/license-pools/" + pool.id() + "/assignments";
        String cursor = http.get(holders + "?limit=2", ADMIN).headers().firstValue("X-Next-Cursor").orElseThrow();

        assertProblem(http.get(holders + "?after=not-a-cursor", ADMIN), "invalid_cursor", "after");
        assertProblem(http.get(holders + "?after=" + cursor.substring(0, cursor.length() - 2), ADMIN), "invalid_cursor", "after");
        assertProblem(http.get("/api/v1/license-pools/" + other.id() + "/assignments?after=" + cursor, ADMIN), "invalid_cursor", "after");
        assertProblem(http.get("/api/v1/license-pools/" + pool.id() + "/ledger?after=" + cursor, ADMIN), "invalid_cursor", "after");
        String ledgerCursor = http.get("/api/v1/license-pools/" + pool.id() + "/ledger?limit=1", ADMIN).headers()
                .firstValue("X-Next-Cursor").orElseThrow();
        assertProblem(http.get("/api/v1/license-pools/" + pool.id() + "/ledger?action=ASSIGNED&after=" + ledgerCursor, ADMIN),
                "invalid_cursor", "after");
        assertProblem(http.get(holders + "?offset=1001", ADMIN), "offset_not_supported", "offset");
        assertProblem(http.get(holders + "?offset=2&after=" + cursor, ADMIN), "invalid_request", "offset");

        // a small offset still works, and the cursor unchanged goes on where the page ended
        assertThat(http.get(holders + "?offset=2&limit=2", ADMIN).body().toString())
                .isEqualTo(http.get(holders + "?after=" + cursor + "&limit=2", ADMIN).body().toString());
    }

    @Test
    void aSchoolAdminListsTheirSchoolsHoldersOnlyWithACountThatStopsPastTheLimit() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        Fixtures.District d = fx.aDistrict();
        String otherSchool = fx.aSchool(d);
        Fixtures.Pool pool = fx.aPool(d, "STUDENT", 20_000);
        List<String> mine = students(d, d.schoolId(), Listing.Total.COUNT_LIMIT + 5, "Mine");
        List<String> theirs = students(d, otherSchool, 30, "Theirs");
        seatBySql(pool, mine);
        seatBySql(pool, theirs);
        String schoolAdmin = fx.tokenFor(fx.aPerson(d, "SCHOOL_ADMIN"));

        Http.Response page = http.get("/api/v1/license-pools/" + pool.id() + "/assignments?limit=1000", schoolAdmin);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("X-Total-Count")).isEmpty();
        assertThat(page.headers().firstValue("X-Total-Count-Exceeds")).contains(String.valueOf(Listing.Total.COUNT_LIMIT));
        Set<String> listed = new HashSet<>();
        String next = "/api/v1/license-pools/" + pool.id() + "/assignments?limit=1000";
        while (next != null) {
            Http.Response p = http.get(next, schoolAdmin);
            p.body().forEach(h -> listed.add(h.get("userId").asString()));
            next = nextLink(p);
        }
        assertThat(listed).hasSize(mine.size()).doesNotContainAnyElementsOf(theirs);

        Http.Response all = http.get("/api/v1/license-pools/" + pool.id() + "/assignments?limit=1", ADMIN);
        assertThat(all.headers().firstValue("X-Total-Count")).contains(String.valueOf(mine.size() + theirs.size()));
        assertThat(all.headers().firstValue("X-Total-Count-Exceeds")).isEmpty();

        // another district's admin: the pool does not exist for them
        String stranger = fx.aDistrictAdminTokenOf(fx.aDistrict());
        assertThat(http.get("/api/v1/license-pools/" + pool.id() + "/assignments", stranger).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/license-pools/" + pool.id() + "/ledger", stranger).status()).isEqualTo(404);
    }

    private List<String> students(Fixtures.District d, String schoolId, int n, String family) {
        return ManyPeople.students(jdbc, d.id(), schoolId, n, family);
    }

    private void seatBySql(Fixtures.Pool pool, List<String> people) {
        ManyPeople.seat(jdbc, pool.id(), people);
    }

    private static String nextLink(Http.Response page) {
        return page.headers().firstValue("Link").map(link -> {
            Matcher m = NEXT.matcher(link);
            assertThat(m.find()).as(link).isTrue();
            assertThat(m.group(1)).as("a relative reference: no Host header in it").startsWith("/api/v1/");
            return m.group(1);
        }).orElse(null);
    }

    private static void assertProblem(Http.Response r, String code, String field) {
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("code")).isEqualTo(code);
        assertThat(r.text("field")).isEqualTo(field);
        assertThat(r.text("detail")).isNotBlank();
    }
}
