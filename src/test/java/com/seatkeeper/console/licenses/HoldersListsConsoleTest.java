package com.seatkeeper.console.licenses;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.licensing.ManyPeople;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The holders page of a large pool in the console: keyset pages with a next link, the CSV streamed from one ordered
 * query equal to the rows, the type-ahead pickers' searches (never a silent cap), and unassigning several at once.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HoldersListsConsoleTest {
    private static final Pattern ROW = Pattern.compile("<tr data-user-id=\"([0-9a-f-]{36})\"");
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"");
    private static final Pattern RADIO = Pattern.compile("type=\"radio\"[^>]*name=\"(\\w+)\" value=\"([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    Scenario s;
    ConsoleClient admin;
    Fixtures.Pool pool;
    List<String> students;

    @BeforeAll
    void setUp() {
        s = new Scenario(port, accounts);
        admin = ConsoleClient.signedIn(port, s.adminEmail, Scenario.PASSWORD);
        pool = s.fx.aPool(s.district, "STUDENT", 500);
        students = ManyPeople.students(jdbc, s.district.id(), s.district.schoolId(), 130, "Lists");
        ManyPeople.seat(jdbc, pool.id(), students.subList(0, 100));
    }

    @Test
    void theNextLinksWalkEveryHolderOnceInTheListsOrder() {
        List<String> listed = new ArrayList<>();
        String path = "/licenses/" + pool.id() + "/holders";
        List<String> ranges = new ArrayList<>();
        while (path != null) {
            ConsoleClient.Response page = admin.get(path);
            assertThat(page.status()).isEqualTo(200);
            Matcher rows = ROW.matcher(page.body());
            while (rows.find()) {
                listed.add(rows.group(1));
            }
            Matcher range = Pattern.compile("class=\"pager-range\">([^<]+)<").matcher(page.body());
            ranges.add(range.find() ? range.group(1) : "");
            Matcher next = NEXT.matcher(page.body());
            path = next.find() ? next.group(1).replace("&amp;", "&") : null;
        }
        assertThat(listed).isEqualTo(holdersInOrder());
        assertThat(ranges).containsExactly("50 shown of 100", "50 shown of 100");
    }

    @Test
    void aForgedCursorShowsTheFirstPageWithAMessageNotAnErrorPage() {
        ConsoleClient.Response page = admin.get("/licenses/" + pool.id() + "/holders?after=forged");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("out of date or was changed").contains("Showing the first page");
        Matcher rows = ROW.matcher(page.body());
        assertThat(rows.find()).isTrue();
        assertThat(rows.group(1)).isEqualTo(holdersInOrder().get(0));
    }

    @Test
    void theCsvIsEveryHolderInTheListsOrderWithTheirDetails() {
        ConsoleClient.Response csv = admin.get("/licenses/" + pool.id() + "/holders.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = Arrays.asList(csv.body().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("\"Name\",\"Role\",\"Email\",\"Assigned at\",\"Assigned by\",\"Last active\",\"User id\"");
        List<String> ids = lines.subList(1, lines.size()).stream().map(l -> l.substring(l.lastIndexOf(",\"") + 2, l.length() - 1)).toList();
        assertThat(ids).isEqualTo(holdersInOrder());
        String first = lines.get(1);
        var row = jdbc.sql("select u.given_name || ' ' || u.family_name as name from users u where u.id = ?")
                .param(UUID.fromString(ids.get(0))).query().singleRow();
        assertThat(first).startsWith("\"" + row.get("name") + "\",\"STUDENT\",\"\",\"").contains("\"sql\"");

        // the times in the district's time zone, to the second, with its offset (written by PostgreSQL, checked here with java.time)
        jdbc.sql("update assignments set last_active_at = assigned_at + interval '36 days 1.5 seconds' where pool_id = ? and user_id = ?")
                .params(UUID.fromString(pool.id()), UUID.fromString(ids.get(0))).update();
        var seat = jdbc.sql("""
                        select a.assigned_at, a.last_active_at, d.timezone from assignments a join districts d on d.id = a.district_id
                        where a.pool_id = ? and a.user_id = ? and a.released_at is null""")
                .params(UUID.fromString(pool.id()), UUID.fromString(ids.get(0))).query().singleRow();
        ZoneId zone = ZoneId.of((String) seat.get("timezone"));
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
        String assignedAt = iso.format(((Timestamp) seat.get("assigned_at")).toInstant().atZone(zone));
        String lastActive = iso.format(((Timestamp) seat.get("last_active_at")).toInstant().atZone(zone));
        String again = Arrays.asList(admin.get("/licenses/" + pool.id() + "/holders.csv").body().split("\r\n")).get(1);
        assertThat(again).contains("\",\"" + assignedAt + "\",\"sql\",\"" + lastActive + "\",\"" + ids.get(0) + "\"");
        assertThat(lines.get(2)).as("never used: empty").contains("\"sql\",\"\",\"");
    }

    @Test
    void theGiveALicensePickerOffersOnlyPeopleWithoutOneAndSaysWhenToTypeMore() {
        ConsoleClient.Response all = admin.htmxGet("/licenses/" + pool.id() + "/candidates?q=Lists");
        List<String> offered = radios(all.body(), "userId");
        assertThat(offered).hasSize(LicensesController.CHOICES).isSubsetOf(students.subList(100, 130));
        assertThat(all.body()).contains("type more of the name or email");

        String last = students.get(129);
        String family = jdbc.sql("select family_name from users where id = ?").param(UUID.fromString(last)).query(String.class).single();
        ConsoleClient.Response one = admin.htmxGet("/licenses/" + pool.id() + "/candidates?q=" + family.replace(" ", "+"));
        assertThat(radios(one.body(), "userId")).containsExactly(last);
        assertThat(one.body()).doesNotContain("type more");

        ConsoleClient.Response to = admin.htmxGet("/licenses/" + pool.id() + "/candidates?picker=TO&toQ=" + family.replace(" ", "+"));
        assertThat(radios(to.body(), "toUserId")).containsExactly(last);

        String holder = students.get(0);
        String holderFamily = jdbc.sql("select family_name from users where id = ?").param(UUID.fromString(holder)).query(String.class).single();
        assertThat(radios(admin.htmxGet("/licenses/" + pool.id() + "/candidates?q=" + holderFamily.replace(" ", "+")).body(), "userId"))
                .as("a holder is no candidate").isEmpty();
        assertThat(radios(admin.htmxGet("/licenses/" + pool.id() + "/holder-choices?fromQ=" + holderFamily.replace(" ", "+")).body(),
                "fromUserId")).containsExactly(holder);

        // without JS the page itself shows the matches of what was typed
        assertThat(radios(admin.get("/licenses/" + pool.id() + "/holders?q=" + family.replace(" ", "+")).body(), "userId"))
                .containsExactly(last);
    }

    @Test
    void aSchoolAdminsHoldersPageAndCsvShowTheirSchoolsHoldersOnly() {
        String otherSchool = s.fx.aSchool(s.district);
        Fixtures.Pool shared = s.fx.aPool(s.district, "STUDENT", 50);
        List<String> mine = ManyPeople.students(jdbc, s.district.id(), s.district.schoolId(), 3, "Mine");
        List<String> theirs = ManyPeople.students(jdbc, s.district.id(), otherSchool, 3, "Theirs");
        ManyPeople.seat(jdbc, shared.id(), mine);
        ManyPeople.seat(jdbc, shared.id(), theirs);
        ConsoleClient schoolAdmin = ConsoleClient.signedIn(port, s.personWithPassword("SCHOOL_ADMIN", accounts), Scenario.PASSWORD);

        String page = schoolAdmin.get("/licenses/" + shared.id() + "/holders").body();
        List<String> listed = new ArrayList<>();
        Matcher rows = ROW.matcher(page);
        while (rows.find()) {
            listed.add(rows.group(1));
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(mine);
        String csv = schoolAdmin.get("/licenses/" + shared.id() + "/holders.csv").body();
        mine.forEach(id -> assertThat(csv).contains(id));
        theirs.forEach(id -> assertThat(csv).doesNotContain(id));
        String theirFamily = jdbc.sql("select family_name from users where id = ?").param(UUID.fromString(theirs.get(0)))
                .query(String.class).single();
        assertThat(radios(schoolAdmin.htmxGet("/licenses/" + shared.id() + "/holder-choices?fromQ=" + theirFamily.replace(" ", "+"))
                .body(), "fromUserId")).as("another school's holder is not offered").isEmpty();
    }

    @Test
    void unassigningSeveralAtOnceIsAllOrNothing() {
        Fixtures.Pool small = s.fx.aPool(s.district, "STUDENT", 10);
        List<String> people = ManyPeople.students(jdbc, s.district.id(), s.district.schoolId(), 4, "Unassign");
        ManyPeople.seat(jdbc, small.id(), people.subList(0, 3));

        ConsoleClient.Response refused = admin.post("/licenses/" + small.id() + "/holders/unassign", map("userId", people));
        assertThat(refused.body()).contains("does not hold this license").contains("nothing was unassigned");
        assertThat(s.fx.available(small)).isEqualTo(7);

        ConsoleClient.Response done = admin.post("/licenses/" + small.id() + "/holders/unassign", map("userId", people.subList(0, 3)));
        assertThat(done.body()).contains("The license is available again");
        assertThat(s.fx.available(small)).isEqualTo(10);
        assertThat(jdbc.sql("select count(*) from seat_ledger where pool_id = ? and action = 'UNASSIGNED'")
                .param(UUID.fromString(small.id())).query(Integer.class).single()).isEqualTo(3);
    }

    private List<String> holdersInOrder() {
        return jdbc.sql("select user_id from assignments where pool_id = ? and released_at is null order by assigned_at, user_id")
                .param(UUID.fromString(pool.id())).query(UUID.class).list().stream().map(UUID::toString).toList();
    }

    private static List<String> radios(String html, String field) {
        List<String> ids = new ArrayList<>();
        Matcher m = RADIO.matcher(html);
        while (m.find()) {
            if (m.group(1).equals(field)) {
                ids.add(m.group(2));
            }
        }
        return ids;
    }
}
