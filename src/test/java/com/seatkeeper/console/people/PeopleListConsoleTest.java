package com.seatkeeper.console.people;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 12 in the console: the people and class lists page with "Previous"/"Next" links (keyset cursors), the name search
 * keeps its filters across pages, a school admin sees only their schools' people, a made-up cursor shows the first page with an inline message,
 * and the class page's "add existing students" picker pages its results and says when to type more.
 */
@ApiTest
class PeopleListConsoleTest {
    private static final String PW = "people-list-pw-1";
    private static final Pattern PERSON_LINK = Pattern.compile("/people/([0-9a-f-]{36})/edit");
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]*)\" rel=\"next\"");
    private static final Pattern PREV = Pattern.compile("href=\"([^\"]*)\" rel=\"prev\"");

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
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

    @Test
    void the_people_list_pages_forward_and_back_through_everyone_keeping_the_search() {
        for (int i = 0; i < 120; i++) {
            student(d.schoolId(), i % 2 == 0 ? "Pagewalk" + i : "Other" + i);
        }
        ConsoleClient admin = signedIn(fx.aDistrictAdmin(d));
        var first = admin.get("/people?q=pagewalk");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("60 people").contains("50 shown of 60").doesNotContain("rel=\"prev\"");
        List<String> firstIds = people(first.body());
        assertThat(firstIds).hasSize(50);
        String nextHref = link(NEXT, first.body());
        assertThat(nextHref).contains("q=pagewalk").contains("after=");
        var second = admin.get(nextHref);
        List<String> secondIds = people(second.body());
        assertThat(secondIds).hasSize(10).doesNotContainAnyElementsOf(firstIds);
        assertThat(second.body()).doesNotContain("rel=\"next\"");
        var back = admin.get(link(PREV, second.body()));
        assertThat(people(back.body())).isEqualTo(firstIds);

        var forged = admin.get("/people?q=pagewalk&after=made-up");
        assertThat(forged.status()).as("the first page with an inline message, as for a stale link").isEqualTo(200);
        assertThat(forged.body()).contains("role=\"alert\"").contains("out of date or was changed").contains("Showing the first page");
        assertThat(people(forged.body())).isEqualTo(firstIds);
    }

    @Test
    void a_school_admin_finds_only_people_of_their_schools() {
        String schoolB = fx.aSchool(d);
        String mine = student(schoolB, "Scopetest");
        String notMine = student(d.schoolId(), "Scopetest");
        String principal = http.post("/api/v1/districts/" + d.id() + "/users", Fixtures.ADMIN, map("givenName", "Pat", "familyName", "Principal",
                "email", "principal-" + UUID.randomUUID() + "@example.test", "role", "SCHOOL_ADMIN", "schoolIds", List.of(schoolB))).text("id");
        ConsoleClient console = signedIn(principal);
        String page = console.get("/people?q=scopetest").body();
        assertThat(people(page)).containsExactly(mine);
        assertThat(page).doesNotContain(notMine);
        // another school of the district is not one of the school admin's choices: said inline, the list unfiltered (their people)
        String other = console.get("/people?schoolId=" + d.schoolId() + "&q=scopetest").body();
        assertThat(other).contains("is not one of the choices");
        assertThat(people(other)).containsExactly(mine);
    }

    @Test
    void the_class_list_pages_by_name() {
        for (int i = 0; i < 55; i++) {
            fx.aClass(d, List.of(), List.of());
        }
        ConsoleClient admin = signedIn(fx.aDistrictAdmin(d));
        var first = admin.get("/classes");
        assertThat(first.body()).contains("50 shown of 55");
        List<String> firstIds = classes(first.body());
        List<String> secondIds = classes(admin.get(link(NEXT, first.body())).body());
        assertThat(firstIds).hasSize(50);
        assertThat(secondIds).hasSize(5).doesNotContainAnyElementsOf(firstIds);
    }

    @Test
    void the_class_picker_pages_the_students_not_in_the_class_and_says_to_type_more() {
        List<String> students = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            students.add(student(d.schoolId(), "Picker" + (100 + i)));
        }
        String klass = fx.aClass(d, List.of(), students.subList(0, 2));
        ConsoleClient admin = signedIn(fx.aDistrictAdmin(d));

        var first = admin.htmxGet("/classes/" + klass + "/candidates?q=picker");
        assertThat(first.status()).isEqualTo(200);
        List<String> shown = checkboxes(first.body());
        assertThat(shown).hasSize(25).doesNotContain(students.get(0), students.get(1));
        assertThat(first.body()).contains("28 students match; 25 are shown. Type more of a name or email to narrow the list");
        String fragmentNext = attribute(first.body(), "candidates-next", "hx-get");
        String plainNext = attribute(first.body(), "candidates-next", "href");
        assertThat(fragmentNext).startsWith("/classes/" + klass + "/candidates?q=picker&after=");
        assertThat(plainNext).startsWith("/classes/" + klass + "/edit?q=picker&after=");
        List<String> rest = checkboxes(admin.htmxGet(fragmentNext).body());
        assertThat(rest).hasSize(3).doesNotContainAnyElementsOf(shown);
        // without JavaScript the same page of results is on the class page itself
        assertThat(checkboxes(admin.get(plainNext).body())).isEqualTo(rest);

        // typing more narrows to one, with nothing more to say
        var narrowed = admin.htmxGet("/classes/" + klass + "/candidates?q=" + URLEncoder.encode("picker129", StandardCharsets.UTF_8));
        assertThat(checkboxes(narrowed.body())).containsExactly(students.get(29));
        assertThat(narrowed.body()).doesNotContain("candidates-more").doesNotContain("candidates-next");
        var forged = admin.htmxGet("/classes/" + klass + "/candidates?after=forged");
        assertThat(forged.status()).as("the picker's first page, saying why").isEqualTo(200);
        assertThat(forged.body()).contains("out of date or was changed").doesNotContain("<html");
        assertThat(admin.htmxGet("/classes/" + klass + "/candidates?q=" + "y".repeat(201)).body()).contains("at most 200 characters")
                .doesNotContain("<html");
    }

    // --- helpers ---

    private String student(String school, String family) {
        var r = http.post("/api/v1/districts/" + d.id() + "/users", Fixtures.ADMIN, map("givenName", "Kid", "familyName", family,
                "role", "STUDENT", "schoolIds", List.of(school)));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.text("id");
    }

    private ConsoleClient signedIn(String userId) {
        accounts.ensurePersonAccount(UserId.of(userId), PW);
        String email = jdbc.sql("select email from users where id = ?").param(UUID.fromString(userId)).query(String.class).single();
        return ConsoleClient.signedIn(port, email, PW);
    }

    private static List<String> people(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = PERSON_LINK.matcher(html.substring(html.indexOf("<table")));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static List<String> classes(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("href=\"/classes/([0-9a-f-]{36})\"").matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The students offered by the picker (the class page also lists the class's own students with checkboxes). */
    private static List<String> checkboxes(String html) {
        List<String> ids = new ArrayList<>();
        String picker = html.substring(html.indexOf("id=\"candidates\""));
        picker = picker.substring(0, picker.contains("</fieldset>") ? picker.indexOf("</fieldset>") : picker.length());
        Matcher m = Pattern.compile("name=\"studentId\" value=\"([0-9a-f-]{36})\"").matcher(picker);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String link(Pattern which, String html) {
        Matcher m = which.matcher(html);
        assertThat(m.find()).as("a link %s in the page", which).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    /** The value of an attribute of the element with the id. */
    private static String attribute(String html, String id, String name) {
        int at = html.indexOf("id=\"" + id + "\"");
        int start = html.lastIndexOf('<', at);
        String tag = html.substring(start, html.indexOf('>', at));
        Matcher m = Pattern.compile("\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(tag);
        assertThat(m.find()).as("%s of #%s in %s", name, id, tag).isTrue();
        return m.group(1).replace("&amp;", "&");
    }
}
