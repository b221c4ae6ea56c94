package com.seatkeeper.console.licenses;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.licensing.ManyPeople;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's lists and pickers read their parameters as the list is (docs/design.md "Paged lists"): a "Next" link of
 * one list followed with another filter or class shows the first page and says the link is out of date; a search text
 * given twice is searched for by no one and said inline; a filter naming no valid id is said inline on the list (never the
 * page-wide "Not found"); and a picker checks the pool and the caller before the text.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListBindingConsoleTest {
    private static final Pattern PERSON_LINK = Pattern.compile("/people/([0-9a-f-]{36})/edit");
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]*)\" rel=\"next\"");
    private static final Pattern AFTER = Pattern.compile("after=([A-Za-z0-9_-]+)");

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    Scenario s;
    ConsoleClient admin;
    Fixtures.Pool pool;
    String classA;
    String classB;

    @BeforeAll
    void setUp() {
        s = new Scenario(port, accounts);
        admin = ConsoleClient.signedIn(port, s.adminEmail, Scenario.PASSWORD);
        pool = s.fx.aPool(s.district, "STUDENT", 500);
        List<String> students = ManyPeople.students(jdbc, s.district.id(), s.district.schoolId(), 60, "Binding");
        ManyPeople.seat(jdbc, pool.id(), students);
        classA = s.fx.aClass(s.district, List.of(), List.of());
        classB = s.fx.aClass(s.district, List.of(), List.of());
    }

    @Test
    void a_people_link_followed_with_another_role_shows_that_lists_first_page_and_says_the_link_is_out_of_date() {
        ConsoleClient.Response students = admin.get("/people?role=STUDENT");
        String cursor = cursorOf(students.body());
        ConsoleClient.Response teachers = admin.get("/people?role=TEACHER&after=" + cursor);
        assertThat(teachers.status()).isEqualTo(200);
        assertThat(teachers.body()).contains("role=\"alert\"").contains("out of date or was changed").contains("Showing the first page");
        assertThat(people(teachers.body())).isEqualTo(people(admin.get("/people?role=TEACHER").body())).contains(s.holder1);
        assertThat(admin.get("/people?role=STUDENT&q=binding&after=" + cursor).body()).contains("out of date or was changed");
        assertThat(admin.get("/people?role=STUDENT&after=" + cursor).body()).doesNotContain("out of date");
    }

    @Test
    void a_class_picker_link_followed_on_another_class_or_text_shows_the_first_page_and_says_so() {
        ConsoleClient.Response first = admin.htmxGet("/classes/" + classA + "/candidates?q=binding");
        String cursor = cursorOf(first.body());
        assertThat(admin.htmxGet("/classes/" + classA + "/candidates?q=binding&after=" + cursor).body()).doesNotContain("out of date");
        for (String path : List.of("/classes/" + classB + "/candidates?q=binding&after=" + cursor,
                "/classes/" + classA + "/candidates?q=bindin&after=" + cursor, "/classes/" + classB + "/edit?q=binding&after=" + cursor)) {
            ConsoleClient.Response r = path.contains("/edit") ? admin.get(path) : admin.htmxGet(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).contains("out of date or was changed");
        }
    }

    /** The picker's cursor is bound to the caller's scope as the people list's is: a school admin cannot replay the district admin's. */
    @Test
    void a_class_picker_link_followed_by_a_caller_of_another_scope_shows_the_first_page_and_says_so() {
        String path = "/classes/" + classA + "/candidates?q=binding";
        String cursor = cursorOf(admin.htmxGet(path).body());
        ConsoleClient schoolAdmin = ConsoleClient.signedIn(port, s.personWithPassword("SCHOOL_ADMIN", accounts), Scenario.PASSWORD);
        ConsoleClient.Response own = schoolAdmin.htmxGet(path);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).contains("name=\"studentId\"").doesNotContain("out of date");
        ConsoleClient.Response replayed = schoolAdmin.htmxGet(path + "&after=" + cursor);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body()).contains("out of date or was changed");
        assertThat(schoolAdmin.htmxGet(path + "&after=" + cursorOf(own.body())).body()).doesNotContain("out of date");
    }

    @Test
    void a_search_text_given_twice_is_said_inline_and_searched_for_by_no_one() {
        String p = "/licenses/" + pool.id();
        for (String path : List.of(p + "/holder-choices?fromQ=binding&fromQ=b", p + "/candidates?picker=TO&toQ=a&toQ=b",
                p + "/candidates?q=a&q=b", p + "/ledger-people?userQ=binding&userQ=x", "/educators/holder-choices?fromQ=a&fromQ=b")) {
            ConsoleClient.Response fragment = admin.htmxGet(path);
            assertThat(fragment.status()).as(path).isEqualTo(200);
            assertThat(fragment.body()).as(path).startsWith("<fieldset").contains("more than once").doesNotContain("type=\"radio\"");
        }
        ConsoleClient.Response picker = admin.htmxGet("/classes/" + classA + "/candidates?q=binding&q=x");
        assertThat(picker.body()).contains("more than once").doesNotContain("name=\"studentId\"");
        for (String path : List.of("/people?q=binding&q=x", p + "/holders?fromQ=a&fromQ=b", p + "/ledger?userQ=a&userQ=b",
                "/educators?q=a&q=b", "/educators?fromQ=a&fromQ=b", "/schools?q=a&q=b", "/classes/" + classA + "/edit?q=a&q=b")) {
            ConsoleClient.Response page = admin.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("more than once");
        }
        assertThat(people(admin.get("/people?q=binding&q=x").body())).as("the list unsearched").hasSizeGreaterThan(40);
    }

    @Test
    void a_filter_naming_no_valid_id_is_said_on_the_list_not_the_not_found_page() {
        for (String path : List.of("/licenses/" + pool.id() + "/ledger?user=nope", "/licenses/" + pool.id() + "/ledger?user=1-1-1-1-1",
                "/people?schoolId=nope")) {
            ConsoleClient.Response page = admin.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("role=\"alert\"").contains("is not one of the choices").doesNotContain("Not found");
        }
        assertThat(admin.get("/licenses/" + pool.id() + "/ledger?user=" + s.holder1).body()).doesNotContain("is not one of the choices");
        assertThat(people(admin.get("/people?schoolId=nope").body())).hasSizeGreaterThan(40);
    }

    /**
     * A well-formed id that is not one of the choices (another district's school or person, an id of no one) gets the
     * same inline message as a malformed one, and the list is shown unfiltered, never "0 people" without a word.
     */
    @Test
    void a_filter_naming_a_well_formed_id_that_is_not_a_choice_is_said_on_the_list_and_the_list_is_unfiltered() {
        Fixtures.District other = s.fx.aDistrict();
        String outsider = s.fx.aStudent(other);
        for (String path : List.of("/people?role=STUDENT&schoolId=" + other.schoolId(), "/people?schoolId=" + java.util.UUID.randomUUID())) {
            ConsoleClient.Response page = admin.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("role=\"alert\"").contains("is not one of the choices").doesNotContain("Not found");
            assertThat(people(page.body())).as(path).hasSizeGreaterThan(40);
        }
        assertThat(admin.get("/people?schoolId=" + s.district.schoolId()).body()).doesNotContain("is not one of the choices");
        for (String user : List.of(outsider, java.util.UUID.randomUUID().toString())) {
            ConsoleClient.Response ledger = admin.get("/licenses/" + s.educatorPool.id() + "/ledger?user=" + user);
            assertThat(ledger.status()).isEqualTo(200);
            assertThat(ledger.body()).contains("role=\"alert\"").contains("is not one of the choices");
            assertThat(ledger.body()).as("unfiltered: both holders' seats are listed").contains(s.nameOf(s.holder1)).contains(s.nameOf(s.holder2));
        }
    }

    @Test
    void an_offset_paged_history_says_inline_what_is_wrong_with_its_offset_rather_than_taking_zero_or_an_error_page() {
        for (String page : List.of("/console/imports", "/console/rostering")) {
            for (String offset : List.of("-20", "abc", "99999999999", "10001")) {
                ConsoleClient.Response r = admin.get(page + "?offset=" + offset);
                assertThat(r.status()).as("%s %s", page, offset).isEqualTo(200);
                assertThat(r.body()).as("%s %s", page, offset).contains("role=\"alert\"").contains("(offset " + offset + ")")
                        .contains("Showing the first page");
            }
            assertThat(admin.get(page + "?offset=0").body()).as(page).doesNotContain("Showing the first page");
        }
    }

    @Test
    void a_picker_checks_the_pool_and_the_caller_before_the_text() {
        ConsoleClient teacher = ConsoleClient.signedIn(port, s.personWithPassword("TEACHER", accounts), Scenario.PASSWORD);
        Scenario other = new Scenario(port, accounts);
        Fixtures.Pool otherPool = other.fx.aPool(other.district, "STUDENT", 5);
        String p = "/licenses/" + pool.id();
        for (String text : List.of("binding", "y".repeat(201), "a%00b", "a&fromQ=b")) {
            ConsoleClient.Response asTeacher = teacher.htmxGet(p + "/holder-choices?fromQ=" + text);
            assertThat(asTeacher.status()).as("teacher, %s", text).isEqualTo(403);
            ConsoleClient.Response otherDistrict = admin.htmxGet("/licenses/" + otherPool.id() + "/holder-choices?fromQ=" + text);
            assertThat(otherDistrict.status()).as("another district's pool, %s", text).isEqualTo(404);
            assertThat(teacher.htmxGet(p + "/ledger-people?userQ=" + text).status()).as("teacher, ledger, %s", text).isEqualTo(403);
            assertThat(teacher.htmxGet(p + "/candidates?q=" + text.replace("fromQ", "q")).status()).as("teacher, candidates").isEqualTo(403);
        }
    }

    /** The cursor of the page's next link (the first cursor of a first page, which has no link back). */
    private static String cursorOf(String html) {
        Matcher next = NEXT.matcher(html);
        Matcher after = AFTER.matcher(next.find() ? next.group(1) : html);
        assertThat(after.find()).as("a next link in %s", html).isTrue();
        return after.group(1);
    }

    private static List<String> people(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = PERSON_LINK.matcher(html.substring(html.indexOf("<table")));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** A choice the page made (a person's id) that is no id at all is said in the page's words, never by its form field's name. */
    @Test
    void a_malformed_choice_is_said_in_the_pages_words_and_nothing_changes() {
        String p = "/licenses/" + s.educatorPool.id() + "/holders/";
        List<String> before = s.holders();
        for (var post : List.of(Map.entry(p + "unassign", Map.of("userId", "nope")),
                Map.entry(p + "reassign", Map.of("fromUserId", "nope", "toUserId", s.newcomer)))) {
            ConsoleClient.Response r = admin.post(post.getKey(), post.getValue());
            assertThat(r.status()).as(post.getKey()).isEqualTo(200);
            assertThat(r.body()).as(post.getKey()).contains("Nothing was changed").contains("not one it offers").contains("Reload the page")
                    .doesNotContain("userId)").doesNotContain("UserId)");
        }
        assertThat(s.holders()).containsExactlyInAnyOrderElementsOf(before);
    }
}
