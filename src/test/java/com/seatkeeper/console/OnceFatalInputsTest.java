package com.seatkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The three inputs issue 8 found raising a 500 through the console stay refusals with the designed answer, and change
 * nothing: a NUL in a purchase request's note, a NUL in a person's name (new and edited), and adding a seat to a pool
 * that already has the largest count (10,000,000).
 */
@ApiTest
class OnceFatalInputsTest {
    private static final String NUL = "\u0000";
    private static final String PW = "once fatal pw";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    private ConsoleClient signedIn(String userId) {
        accounts.ensurePersonAccount(UserId.of(userId), PW);
        String email = jdbc.sql("select email from users where id = ?").param(UUID.fromString(userId)).query(String.class).single();
        return ConsoleClient.signedIn(port, email, PW);
    }

    private static void refusedNot500(ConsoleClient.Response r, String says) {
        assertThat(r.status()).as("%s", r).isBetween(200, 499);
        assertThat(r.body()).as("%s", r).contains(says).doesNotContain("Something went wrong").doesNotContain("Whitelabel");
    }

    @Test
    void aNulInAPurchaseNoteOrAPersonsNameIsRefusedAndChangesNothing() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        String student = fx.aStudent(d);
        var pool = fx.aStudentPool(d, 3);
        ConsoleClient admin = signedIn(fx.aDistrictAdmin(d));
        int people = jdbc.sql("select count(*) from users where district_id = ?::uuid").param(d.id()).query(Integer.class).single();
        String name = jdbc.sql("select given_name from users where id = ?::uuid").param(student).query(String.class).single();

        refusedNot500(admin.post("/licenses/" + pool.id() + "/purchase", Map.of("seats", "2", "note", "PO" + NUL)), "note");
        refusedNot500(admin.post("/people", Map.of("givenName", "Ana" + NUL, "familyName", "Ruiz", "role", "STUDENT",
                "schoolId", d.schoolId())), "control character");
        refusedNot500(admin.post("/people/" + student, Map.of("givenName", "Kim" + NUL, "familyName", "Lee", "role", "STUDENT",
                "schoolId", d.schoolId())), "control character");

        assertThat(jdbc.sql("select count(*) from purchase_requests where pool_id = ?::uuid").param(pool.id()).query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from users where district_id = ?::uuid").param(d.id()).query(Integer.class).single())
                .isEqualTo(people);
        assertThat(jdbc.sql("select given_name from users where id = ?::uuid").param(student).query(String.class).single()).isEqualTo(name);
    }

    @Test
    void aSeatAddedToAPoolAtTheLargestCountIsRefusedAndChangesNothing() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 10_000_000);
        String vendorEmail = "vendor-" + UUID.randomUUID() + "@example.test";
        accounts.ensureVendorAccount(vendorEmail, PW);
        ConsoleClient vendor = ConsoleClient.signedIn(port, vendorEmail, PW);
        DbState before = DbState.ofDistrict(jdbc, d.id());

        refusedNot500(vendor.post("/vendor/pools/" + pool.id() + "/purchases", Map.of("seats", "1")), "10,000,000");
        var api = fx.purchase(pool, 1);
        assertThat(api.status()).as("%s", api).isBetween(400, 499);
        assertThat(api.text("code")).isEqualTo("seat_limit_exceeded");

        assertThat(fx.pool(pool).number("seats")).isEqualTo(10_000_000);
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }
}
