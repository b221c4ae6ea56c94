package com.seatkeeper.console.licenses;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.licensing.ManyPeople;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console reads every list's parameters one way ({@code console.ListParams}): a position or filter the list cannot
 * take shows the first page (or the list unfiltered) with an inline message in console words, never a silent coercion,
 * an error page or API words; the type-ahead pickers say inline what is wrong with a text they cannot search for.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListInputConsoleTest {
    private static final Pattern ROW = Pattern.compile("<tr data-user-id=\"([0-9a-f-]{36})\"");
    private static final Pattern RANGE = Pattern.compile("class=\"pager-range\">([^<]+)<");
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"");

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    Scenario s;
    ConsoleClient admin;
    Fixtures.Pool pool;

    @BeforeAll
    void setUp() {
        s = new Scenario(port, accounts);
        admin = ConsoleClient.signedIn(port, s.adminEmail, Scenario.PASSWORD);
        pool = s.fx.aPool(s.district, "STUDENT", 500);
        List<String> students = ManyPeople.students(jdbc, s.district.id(), s.district.schoolId(), 60, "Paging");
        ManyPeople.seat(jdbc, pool.id(), students);
    }

    @Test
    void a_position_the_list_does_not_serve_shows_the_first_page_and_says_so_in_console_words() {
        String firstRow = firstRow("/licenses/" + pool.id() + "/holders");
        for (String query : List.of("?offset=abc", "?offset=-1", "?offset=1001", "?offset=2147483647", "?offset=99999999999",
                "?after=forged", "?offset=5&after=x")) {
            String path = "/licenses/" + pool.id() + "/holders" + query;
            ConsoleClient.Response page = admin.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("role=\"alert\"").contains("Showing the first page").doesNotContain("Link header")
                    .doesNotContain("rel=\\\"next\\\"").doesNotContain("-2,147,483,648");
            assertThat(firstRow(page)).as(path).isEqualTo(firstRow);
        }
        String ledger = "/licenses/" + pool.id() + "/ledger?offset=2147483647";
        assertThat(admin.get(ledger).body()).as(ledger).contains("Showing the first page").doesNotContain("-2,147,483,648");
        assertThat(admin.get("/people?after=forged").body()).contains("Showing the first page");
        assertThat(admin.get("/classes?before=forged").body()).contains("Showing the first page");
        for (String path : List.of("/educators?offset=-1", "/educators?offset=999999999", "/educators?offset=abc")) {
            ConsoleClient.Response page = admin.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("role=\"alert\"").contains("Showing the first page");
        }
    }

    @Test
    void the_range_shown_comes_from_the_list_not_from_the_address() {
        ConsoleClient.Response first = admin.get("/licenses/" + pool.id() + "/holders?from=99999");
        assertThat(range(first)).isEqualTo("50 shown of 60");
        Matcher next = NEXT.matcher(first.body());
        assertThat(next.find()).isTrue();
        assertThat(next.group(1)).doesNotContain("from=");
        assertThat(range(admin.get(next.group(1).replace("&amp;", "&") + "&from=99999"))).isEqualTo("10 shown of 60");
    }

    @Test
    void a_filter_value_that_is_none_of_the_choices_is_named_not_silently_dropped() {
        ConsoleClient.Response ledger = admin.get("/licenses/" + pool.id() + "/ledger?action=HACK");
        assertThat(ledger.status()).isEqualTo(200);
        assertThat(ledger.body()).contains("Action “HACK” is not one of the choices");
        ConsoleClient.Response people = admin.get("/people?role=WIZ");
        assertThat(people.status()).isEqualTo(200);
        assertThat(people.body()).contains("Role “WIZ” is not one of the choices");
        ConsoleClient.Response educators = admin.get("/educators?role=WIZ");
        assertThat(educators.body()).contains("Role “WIZ” is not one of the choices");
        assertThat(admin.get("/licenses/" + pool.id() + "/ledger?action=ASSIGNED").body()).doesNotContain("is not one of the choices");
    }

    @Test
    void a_picker_says_inline_what_is_wrong_with_a_long_text_and_its_field_limits_the_length() {
        String longText = "x".repeat(201);
        for (String path : List.of("/licenses/" + pool.id() + "/holder-choices?fromQ=" + longText,
                "/licenses/" + pool.id() + "/candidates?picker=TO&toQ=" + longText, "/licenses/" + pool.id() + "/ledger-people?userQ=" + longText,
                "/educators/holder-choices?fromQ=" + longText)) {
            ConsoleClient.Response fragment = admin.htmxGet(path);
            assertThat(fragment.status()).as(path).isEqualTo(200);
            assertThat(fragment.body()).as(path).startsWith("<fieldset").contains("at most 200 characters")
                    .doesNotContain("fromQ").doesNotContain("toQ").doesNotContain("userQ").doesNotContain("<html");
        }
        assertThat(admin.get("/licenses/" + pool.id() + "/holders?fromQ=" + longText).body()).contains("at most 200 characters");
        assertThat(admin.get("/people?q=" + longText).body()).contains("at most 200 characters");
        assertThat(admin.get("/licenses/" + pool.id() + "/holders").body()).contains("maxlength=\"200\"");
    }

    private String firstRow(String path) {
        return firstRow(admin.get(path));
    }

    private static String firstRow(ConsoleClient.Response page) {
        Matcher m = ROW.matcher(page.body());
        assertThat(m.find()).as("a row").isTrue();
        return m.group(1);
    }

    private static String range(ConsoleClient.Response page) {
        Matcher m = RANGE.matcher(page.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
