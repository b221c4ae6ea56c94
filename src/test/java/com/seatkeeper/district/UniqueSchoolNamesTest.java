package com.seatkeeper.district;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.ConstraintRefusal;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A district's schools have distinct names, ignoring case: adding or renaming a school to a name another school of the
 * district has is 409 {@code duplicate_school_name} naming the field, by the API and inline in the console, and the
 * unique index gives the same problem when a race gets past the service's check.
 */
@ApiTest
class UniqueSchoolNamesTest {
    static final String PW = "schools-pw-" + UUID.randomUUID();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Accounts accounts;
    Http http;
    Fixtures fx;
    Fixtures.District d;
    String lincoln;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        d = fx.aDistrict();
        var created = http.post("/api/v1/districts/" + d.id() + "/schools", ADMIN, map("name", "Lincoln Elementary"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        lincoln = created.text("id");
    }

    private List<String> schoolNames() {
        return jdbc.sql("select name from schools where district_id = ?::uuid order by id").param(d.id()).query(String.class).list();
    }

    @Test
    void theApiRefusesAddingOrRenamingToANameTakenInTheDistrictIgnoringCaseAndSpaces() {
        DbState before = DbState.ofDistrict(jdbc, d.id());
        List<String> names = schoolNames();
        for (String name : List.of("Lincoln Elementary", "LINCOLN elementary", "  Lincoln\u00a0\u00a0Elementary ")) {
            var add = http.post("/api/v1/districts/" + d.id() + "/schools", ADMIN, map("name", name));
            assertThat(add.status()).as("%s: %s", name, add).isEqualTo(409);
            assertThat(add.text("code")).isEqualTo("duplicate_school_name");
            assertThat(add.text("field")).isEqualTo("name");
            assertThat(add.text("detail")).contains("another school of this district");

            var rename = http.send("PATCH", "/api/v1/schools/" + d.schoolId(), ADMIN, map("name", name));
            assertThat(rename.status()).as("%s: %s", name, rename).isEqualTo(409);
            assertThat(rename.text("code")).isEqualTo("duplicate_school_name");
            assertThat(rename.text("field")).isEqualTo("name");
        }
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        assertThat(schoolNames()).isEqualTo(names);
    }

    @Test
    void theSameNameIsFineInAnotherDistrictAndASchoolMayChangeTheCaseOfItsOwnName() {
        var other = fx.aDistrict();
        assertThat(http.post("/api/v1/districts/" + other.id() + "/schools", ADMIN, map("name", "Lincoln Elementary")).status())
                .isEqualTo(201);
        var recased = http.send("PATCH", "/api/v1/schools/" + lincoln, ADMIN, map("name", "LINCOLN Elementary"));
        assertThat(recased.status()).as("%s", recased).isEqualTo(200);
        assertThat(recased.text("name")).isEqualTo("LINCOLN Elementary");
    }

    @Test
    void theConsoleShowsTheRefusalAtTheNameFieldAndChangesNothing() {
        String adminId = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(adminId), PW);
        ConsoleClient admin = ConsoleClient.signedIn(port, http.get("/api/v1/users/" + adminId, ADMIN).text("email"), PW);
        DbState before = DbState.ofDistrict(jdbc, d.id());
        List<String> names = schoolNames();

        for (var page : List.of(admin.post("/schools", Map.of("name", "lincoln ELEMENTARY")),
                admin.post("/schools/" + d.schoolId(), Map.of("name", "Lincoln Elementary")))) {
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            assertThat(page.body()).contains("id=\"name-error\"").contains("aria-invalid=\"true\"")
                    .contains("already the name of another school of this district").contains("Nothing was changed.");
        }
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
        assertThat(schoolNames()).isEqualTo(names);
    }

    @Test
    void theUniqueIndexCatchesARaceAndMeansTheSameProblem() {
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into schools (id, district_id, name, source, created_at) values (?, ?::uuid, 'LINCOLN ELEMENTARY', 'MANUAL', now())
                        """).params(UUID.randomUUID(), d.id()).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .satisfies(e -> {
                    ConstraintRefusal refusal = ConstraintRefusal.of(e).orElseThrow();
                    assertThat(refusal.code()).isEqualTo("duplicate_school_name");
                    assertThat(refusal.status()).isEqualTo(409);
                    assertThat(refusal.properties()).containsEntry("field", "name");
                });
    }
}
