package com.seatkeeper.console.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's Schools list pages by name, 50 a page, and searches by part of a name (issue 12: a district of 400 schools
 * rendered 400 rows of three forms each, 0.8 MB and over a second): every school once across the pages, the search literal
 * ({@code %} is a character), a bad page start said inline, a school admin's page only their schools.
 */
@ApiTest
class SchoolsPageTest {
    static final String PW = "schools-page-pw-123";
    private static final Pattern ROW = Pattern.compile("id=\"teacher-enrollment-([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void schoolsArePagedByNameSearchedLiterallyAndScopedToTheSchoolAdmin() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        Fixtures.District d = fx.aDistrict();
        for (int i = 0; i < 60; i++) {
            fx.aSchool(d);
        }
        String odd = jdbc.sql("insert into schools (id, district_id, name, source, status, created_at) values (gen_random_uuid(), ?, "
                + "'Zeta 100% Academy', 'MANUAL', 'ACTIVE', now()) returning id").param(UUID.fromString(d.id())).query(String.class).single();
        long all = jdbc.sql("select count(*) from schools where district_id = ?").param(UUID.fromString(d.id())).query(Long.class).single();
        ConsoleClient admin = signedIn(fx.aDistrictAdmin(d));

        var first = admin.get("/schools");
        assertThat(first.status()).isEqualTo(200);
        assertThat(rows(first.body())).hasSize(50);
        assertThat(first.body()).contains("1–50 of " + all).contains("rel=\"next\"");
        var second = admin.get("/schools?offset=50");
        java.util.Set<String> seen = new java.util.HashSet<>(rows(first.body()));
        seen.addAll(rows(second.body()));
        assertThat(seen).as("every school once over the two pages").hasSize((int) all);

        var percent = admin.get("/schools?q=" + java.net.URLEncoder.encode("100%", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(rows(percent.body())).containsExactly(odd);
        assertThat(admin.get("/schools?q=nothing-like-this").body()).contains("No school’s name contains");

        for (String bad : new String[] {"-5", "abc", "2147483648", "10001"}) {
            var refused = admin.get("/schools?offset=" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(200);
            assertThat(refused.body()).as(bad).contains("is not a whole number from 0 to");
            assertThat(rows(refused.body())).as("the first page instead").hasSize(50);
        }

        String schoolB = fx.aSchool(d);
        String principalB = fx.aPerson(d, "SCHOOL_ADMIN");
        jdbc.sql("delete from user_schools where user_id = ?").param(UUID.fromString(principalB)).update();
        jdbc.sql("insert into user_schools (district_id, user_id, school_id) values (?, ?, ?)")
                .params(UUID.fromString(d.id()), UUID.fromString(principalB), UUID.fromString(schoolB)).update();
        assertThat(rows(signedIn(principalB).get("/schools").body())).containsExactly(schoolB);
    }

    private static java.util.List<String> rows(String html) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private ConsoleClient signedIn(String userId) {
        accounts.ensurePersonAccount(UserId.of(userId), PW);
        String email = jdbc.sql("select email from users where id = ?").param(UUID.fromString(userId)).query(String.class).single();
        return ConsoleClient.signedIn(port, email, PW);
    }
}
