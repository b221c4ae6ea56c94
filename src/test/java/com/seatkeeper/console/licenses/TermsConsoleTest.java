package com.seatkeeper.console.licenses;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Terms in the console: pools that ended or have not started are labelled, ended pools are not offered in assignment
 * forms (class page, educators page, holders "give" form), and the vendor renews a pool with a preview first.
 */
@ApiTest
@Import(MutableClock.Config.class)
class TermsConsoleTest {
    static final String PASSWORD = "pw-" + UUID.randomUUID();
    // New York, 2026-06-30 12:00: the last day of the term
    static final Instant LAST_DAY = Instant.parse("2026-06-30T16:00:00Z");
    // New York, 2026-07-01 09:00
    static final Instant NEXT_DAY = Instant.parse("2026-07-01T13:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    Accounts accounts;

    Http http;
    Fixtures fx;
    Fixtures.District d;
    String product;
    String educatorPool;
    String studentPool;
    String nextStudentPool;
    String classId;
    List<String> students;
    ConsoleClient admin;

    @BeforeEach
    void setUp() {
        clock.set(LAST_DAY);
        http = new Http(port);
        fx = new Fixtures(http);
        d = fx.aDistrict(); // America/New_York
        product = fx.aProduct();
        educatorPool = pool("EDUCATOR", "2025-07-01", "2026-06-30");
        studentPool = pool("STUDENT", "2025-07-01", "2026-06-30");
        nextStudentPool = pool("STUDENT", "2026-07-01", "2027-06-30");
        students = fx.students(d, 2);
        students.forEach(s -> fx.assign(new Fixtures.Pool(studentPool, d.id()), s));
        String teacher = fx.aTeacher(d);
        classId = fx.aClass(d, List.of(teacher), students);
        String adminId = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(adminId), PASSWORD);
        admin = ConsoleClient.signedIn(port, http.get("/api/v1/users/" + adminId, ADMIN).text("email"), PASSWORD);
    }

    @Test
    void poolsThatHaveNotStartedOrHaveEndedAreLabelledAndEndedOnesAreNotOffered() {
        String overview = admin.get("/licenses").body();
        assertThat(overview).contains("Starts on Jul 1, 2026").doesNotContain("Ended on");
        assertThat(admin.get("/classes/" + classId).body()).contains(studentPool);
        assertThat(admin.get("/educators").body()).contains(educatorPool);
        assertThat(admin.get("/licenses/" + studentPool + "/holders").body()).contains("id=\"assign-form\"");

        jdbc.sql("insert into term_end_runs values (?::uuid, date '2026-07-01', now(), 0, 0)").param(d.id()).update(); // job not run yet
        clock.set(NEXT_DAY);

        overview = admin.get("/licenses").body();
        assertThat(overview).contains("Ended on Jun 30, 2026").doesNotContain("Starts on Jul 1, 2026");
        assertThat(admin.get("/classes/" + classId).body()).doesNotContain(studentPool).contains(nextStudentPool);
        assertThat(admin.get("/educators").body()).doesNotContain(educatorPool);
        String holders = admin.get("/licenses/" + studentPool + "/holders").body();
        assertThat(holders).contains("This term ended on Jun 30, 2026").doesNotContain("id=\"assign-form\"");
        assertThat(admin.get("/licenses/" + nextStudentPool + "/ledger").body()).doesNotContain("id=\"term-status\"");
        assertThat(admin.get("/licenses/" + studentPool + "/ledger").body()).contains("This term ended on Jun 30, 2026.");
    }

    @Test
    void theVendorPreviewsARenewalThenOpensItWithTheHoldersCarriedOver() {
        String email = "vendor-" + UUID.randomUUID() + "@example.test";
        accounts.ensureVendorAccount(email, PASSWORD);
        ConsoleClient vendor = ConsoleClient.signedIn(port, email, PASSWORD);
        String anotherProduct = fx.aProduct();
        String old = http.post("/api/v1/districts/" + d.id() + "/license-pools", ADMIN, map("productCode", anotherProduct, "seatType", "STUDENT",
                "seats", 5, "startsOn", "2025-07-01", "endsOn", "2026-06-30")).text("id");
        students.forEach(s -> fx.assign(new Fixtures.Pool(old, d.id()), s));

        assertThat(vendor.get("/vendor/districts/" + d.id()).body()).contains("/vendor/pools/" + old + "/renewal");
        var form = vendor.get("/vendor/pools/" + old + "/renewal");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("value=\"2026-07-01\"").contains("value=\"2027-06-30\"");

        DbState before = DbState.of(jdbc);
        Map<String, String> fields = Map.of("seats", "1", "startsOn", "2026-07-01", "endsOn", "2027-06-30", "carryOverHolders", "true",
                "action", "preview");
        var preview = vendor.post("/vendor/pools/" + old + "/renewal", fields);
        assertThat(preview.body()).contains("Preview: 1 holder (1 left out) would be carried over").contains("id=\"left-out\"");
        assertThat(DbState.of(jdbc)).isEqualTo(before);

        var renewed = vendor.post("/vendor/pools/" + old + "/renewal", Map.of("seats", "2", "startsOn", "2026-07-01", "endsOn", "2027-06-30",
                "carryOverHolders", "true", "action", "renew"));
        assertThat(renewed.body()).contains("Opened the next term 2026-07-01 to 2027-06-30 with 2 seats; 2 holders carried over.");
        assertThat(jdbc.sql("select count(*) from license_pools where renewal_of = ?::uuid").param(old).query(Long.class).single()).isEqualTo(1);

        var overlapping = vendor.post("/vendor/pools/" + old + "/renewal", Map.of("seats", "2", "startsOn", "2026-07-01", "endsOn",
                "2027-06-30", "carryOverHolders", "true", "action", "preview"));
        assertThat(overlapping.body()).contains("id=\"refusal\"").contains("Overlapping pool");

        var byAdmin = admin.get("/vendor/pools/" + old + "/renewal");
        assertThat(byAdmin.status()).isEqualTo(403);
    }

    private String pool(String seatType, String startsOn, String endsOn) {
        var r = http.post("/api/v1/districts/" + d.id() + "/license-pools", ADMIN, map("productCode", product, "seatType", seatType,
                "seats", 5, "startsOn", startsOn, "endsOn", endsOn));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.text("id");
    }
}
