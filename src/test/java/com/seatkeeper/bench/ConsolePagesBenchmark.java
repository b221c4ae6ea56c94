package com.seatkeeper.bench;

import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Server time of the license, educator and vendor console pages with a district of 5,000
 * students, 250 educators and 200 classes, whose student pool has 4,500 holders (and as many
 * ledger rows). Each page is requested {@value #RUNS} times, one request at a time, after
 * {@value #WARMUP} warm-up requests; the time is the round trip on loopback (an upper bound of
 * the server time). Target: every page under 300 ms. Appends a section to docs/benchmarks.md.
 *
 * <p>Run with {@code mvn -B -Pbench verify} (tagged {@code bench}, not in the normal run). The
 * people, classes and seats are inserted with SQL (setup only); every measured request goes
 * through HTTP with a signed-in console session.
 */
@ApiTest
@Tag("bench")
class ConsolePagesBenchmark {
    static final int STUDENTS = 5_000;
    static final int EDUCATORS = 250;
    static final int CLASSES = 200;
    static final int STUDENT_HOLDERS = 4_500;
    static final int EDUCATOR_HOLDERS = 200;
    static final int RUNS = 30;
    static final int WARMUP = 10;
    static final long TARGET_MS = 300;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Accounts accounts;

    record Result(String page, double p50, double p95, double max, int bytes) {}

    @Test
    void consolePagesStayUnder300msInALargeDistrict() throws IOException {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        Fixtures.District d = fx.aDistrict();
        String school2 = fx.aSchool(d);
        String admin = fx.aDistrictAdmin(d);
        String password = "bench-" + UUID.randomUUID();
        accounts.ensurePersonAccount(UserId.of(admin), password);
        String adminEmail = http.get("/api/v1/users/" + admin, Fixtures.ADMIN).text("email");
        String vendorEmail = "bench-vendor-" + UUID.randomUUID() + "@example.test";
        accounts.ensureVendorAccount(vendorEmail, password);

        String product = fx.aProduct();
        Fixtures.Pool studentPool = fx.aPool(d, product, "STUDENT", STUDENTS, LocalDate.now().minusDays(30), LocalDate.now().plusDays(300));
        Fixtures.Pool educatorPool = fx.aPool(d, product, "EDUCATOR", EDUCATOR_HOLDERS + 20, LocalDate.now().minusDays(30),
                LocalDate.now().plusDays(300));
        Fixtures.Pool fullPool = fx.anEducatorPool(d, 10);
        seed(UUID.fromString(d.id()), UUID.fromString(d.schoolId()), UUID.fromString(school2), UUID.fromString(studentPool.id()),
                UUID.fromString(educatorPool.id()), UUID.fromString(fullPool.id()));
        assertThat(fx.available(studentPool)).isEqualTo(STUDENTS - STUDENT_HOLDERS);
        assertThat(fx.available(fullPool)).isZero();

        ConsoleClient da = ConsoleClient.signedIn(port, adminEmail, password);
        ConsoleClient vendor = ConsoleClient.signedIn(port, vendorEmail, password);
        // a few open purchase requests for the vendor's list
        for (int i = 0; i < 5; i++) {
            assertThat(da.post("/licenses/" + fullPool.id() + "/purchase", map("seats", "5", "note", "bench " + i)).status()).isEqualTo(200);
        }
        String someStudent = jdbc.sql("select user_id from assignments where pool_id = ? and released_at is null limit 1")
                .param(UUID.fromString(studentPool.id())).query(UUID.class).single().toString();

        Map<String, Supplier<ConsoleClient.Response>> pages = new LinkedHashMap<>();
        pages.put("GET /licenses", () -> da.get("/licenses"));
        pages.put("GET /educators", () -> da.get("/educators"));
        pages.put("GET /educators?product=…&has=lacks", () -> da.get("/educators?product=" + product + "&has=lacks"));
        pages.put("GET /educators?product=…&has=has&q=e", () -> da.get("/educators?product=" + product + "&has=has&q=e"));
        pages.put("GET /licenses/{student pool}/holders (4,500 holders)", () -> da.get("/licenses/" + studentPool.id() + "/holders"));
        pages.put("GET /licenses/{student pool}/holders?offset=4450", () -> da.get("/licenses/" + studentPool.id() + "/holders?offset=4450"));
        pages.put("GET /licenses/{student pool}/holders.csv (4,500 rows)", () -> da.get("/licenses/" + studentPool.id() + "/holders.csv"));
        pages.put("GET /licenses/{educator pool}/holders", () -> da.get("/licenses/" + educatorPool.id() + "/holders"));
        pages.put("GET /licenses/{student pool}/ledger", () -> da.get("/licenses/" + studentPool.id() + "/ledger"));
        pages.put("GET /licenses/{student pool}/ledger?action=ASSIGNED&user=…",
                () -> da.get("/licenses/" + studentPool.id() + "/ledger?action=ASSIGNED&user=" + someStudent));
        pages.put("POST /licenses/{student pool}/holders/unassign (htmx)", () -> da.htmxPost("/licenses/" + studentPool.id()
                + "/holders/unassign", map("userId", someStudent)));
        pages.put("POST /licenses/{student pool}/holders/assign (htmx)", () -> da.htmxPost("/licenses/" + studentPool.id()
                + "/holders/assign", map("userId", someStudent)));
        pages.put("POST /educators/actions (refused: pool full)", () -> da.htmxPost("/educators/actions",
                map("action", "assign", "poolId", fullPool.id(), "userIds", List.of(admin))));
        pages.put("GET /licenses/{pool}/purchase", () -> da.get("/licenses/" + fullPool.id() + "/purchase"));
        pages.put("GET /vendor", () -> vendor.get("/vendor"));
        pages.put("GET /vendor/districts/{id}", () -> vendor.get("/vendor/districts/" + d.id()));
        pages.put("GET /vendor/purchase-requests", () -> vendor.get("/vendor/purchase-requests"));

        List<Result> results = new ArrayList<>();
        for (var page : pages.entrySet()) {
            for (int i = 0; i < WARMUP; i++) {
                assertThat(page.getValue().get().status()).as(page.getKey()).isEqualTo(200);
            }
            long[] nanos = new long[RUNS];
            int bytes = 0;
            for (int i = 0; i < RUNS; i++) {
                long t0 = System.nanoTime();
                ConsoleClient.Response r = page.getValue().get();
                nanos[i] = System.nanoTime() - t0;
                assertThat(r.status()).as(page.getKey()).isEqualTo(200);
                bytes = r.body().length();
            }
            Arrays.sort(nanos);
            results.add(new Result(page.getKey(), ms(nanos[RUNS / 2]), ms(nanos[(int) Math.ceil(RUNS * 0.95) - 1]), ms(nanos[RUNS - 1]), bytes));
        }
        String report = report(results);
        System.out.println(report);
        append(report);
        for (Result r : results) {
            assertThat(r.p50()).as("median of " + r.page()).isLessThan(TARGET_MS);
        }
    }

    private void seed(UUID district, UUID school1, UUID school2, UUID studentPool, UUID educatorPool, UUID fullPool) {
        jdbc.sql("""
                insert into users (id, district_id, given_name, family_name, email, role, status, source, sourced_id, created_at, updated_at)
                select gen_random_uuid(), :d, 'Student' || g, 'Family' || (g % 400), null, 'STUDENT', 'ACTIVE', 'UPLOAD', 'bench-s-' || g, now(), now()
                from generate_series(1, :n) g""").param("d", district).param("n", STUDENTS).update();
        jdbc.sql("""
                insert into users (id, district_id, given_name, family_name, email, role, status, source, sourced_id, created_at, updated_at)
                select gen_random_uuid(), :d, 'Teacher' || g, 'Educator' || g, 'bench-t' || g || '-' || :d || '@example.test',
                       case when g % 25 = 0 then 'STAFF' when g % 50 = 1 then 'SCHOOL_ADMIN' else 'TEACHER' end,
                       'ACTIVE', 'UPLOAD', 'bench-t-' || g, now(), now()
                from generate_series(1, :n) g""").param("d", district).param("n", EDUCATORS).update();
        jdbc.sql("""
                insert into user_schools (district_id, user_id, school_id)
                select :d, u.id, case when row_number() over (order by u.id) % 2 = 0 then :s1 else :s2 end
                from users u where u.district_id = :d and u.sourced_id like 'bench-%'""")
                .param("d", district).param("s1", school1).param("s2", school2).update();
        jdbc.sql("""
                insert into classes (id, district_id, school_id, name, source, sourced_id, created_at)
                select gen_random_uuid(), :d, case when g % 2 = 0 then :s1 else :s2 end, 'Class ' || g, 'UPLOAD', 'bench-c-' || g, now()
                from generate_series(1, :n) g""").param("d", district).param("s1", school1).param("s2", school2).param("n", CLASSES).update();
        // 25 students and one teacher per class
        jdbc.sql("""
                with c as (select id, row_number() over (order by id) - 1 as n from classes where district_id = :d),
                     s as (select id, row_number() over (order by id) - 1 as n from users where district_id = :d and role = 'STUDENT'),
                     t as (select id, row_number() over (order by id) - 1 as n from users where district_id = :d and role = 'TEACHER')
                insert into enrollments (district_id, class_id, user_id, role)
                select :d, c.id, s.id, 'STUDENT' from c join s on s.n / 25 = c.n
                union all
                select :d, c.id, t.id, 'TEACHER' from c join t on t.n = c.n % (select count(*) from t)""").param("d", district).update();
        seat(district, studentPool, "STUDENT", STUDENT_HOLDERS);
        seat(district, educatorPool, "EDUCATOR", EDUCATOR_HOLDERS);
        seat(district, fullPool, "EDUCATOR", 10);
        jdbc.sql("analyze").update(); // as autovacuum would soon after a bulk load: plans from real statistics
    }

    /** {@code n} people of the role hold a seat of the pool, each with an ASSIGNED ledger row (as the service writes them). */
    private void seat(UUID district, UUID pool, String seatType, int n) {
        String roles = seatType.equals("STUDENT") ? "('STUDENT')" : "('TEACHER', 'STAFF', 'SCHOOL_ADMIN')";
        jdbc.sql("""
                insert into assignments (id, district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by)
                select gen_random_uuid(), :d, lp.id, lp.product_id, lp.seat_type, u.id, now() - (random() * interval '60 days'), 'bench-seed'
                from license_pools lp, (select u.id from users u where u.district_id = :d and u.role in %s
                                        and not exists (select 1 from assignments a join license_pools p2 on p2.id = a.pool_id
                                                        where a.user_id = u.id and a.released_at is null and p2.product_id =
                                                              (select product_id from license_pools where id = :p) and a.seat_type = :t)
                                        order by u.id limit :n) u
                where lp.id = :p""".formatted(roles))
                .param("d", district).param("p", pool).param("t", seatType).param("n", n).update();
        jdbc.sql("""
                insert into seat_ledger (district_id, pool_id, action, user_id, assigned_delta, seats_delta, actor, source, occurred_at)
                select district_id, pool_id, 'ASSIGNED', user_id, 1, 0, 'bench-seed', 'UPLOAD', assigned_at
                from assignments where pool_id = :p order by assigned_at""").param("p", pool).update();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String report(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n## Console pages (licenses, educators, holders, ledger, vendor): server time\n\n");
        sb.append("Run: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" · ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores · Java ").append(System.getProperty("java.version"))
                .append(" · ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(" · load average at the end: ").append(loadAverage()).append("\n\n");
        sb.append("`ConsolePagesBenchmark` (`mvn -B -Pbench verify`): one district with ").append(STUDENTS).append(" students, ")
                .append(EDUCATORS).append(" educators, ").append(CLASSES).append(" classes; a student pool with ").append(STUDENT_HOLDERS)
                .append(" holders (and ledger rows), an educator pool with ").append(EDUCATOR_HOLDERS)
                .append(" holders, a full pool. Signed-in console session, one request at a time, ").append(WARMUP)
                .append(" warm-up then ").append(RUNS).append(" measured requests per page; time = loopback round trip ")
                .append("(an upper bound of server time). Target: under ").append(TARGET_MS)
                .append(" ms (the run fails when a median is over it; p95 is reported).\n\n");
        sb.append("| page | p50 ms | p95 ms | max ms | body bytes | p95 under target |\n|---|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            sb.append(String.format(java.util.Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %d | %s |%n", r.page(), r.p50(), r.p95(), r.max(), r.bytes(),
                    r.p95() < TARGET_MS ? "yes" : "NO"));
        }
        return sb.toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static void append(String report) throws IOException {
        Path file = Path.of("docs", "benchmarks.md");
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.writeString(file, "# Benchmarks\n");
        }
        Files.writeString(file, report, StandardOpenOption.APPEND);
        Files.writeString(Path.of(System.getProperty("build.dir", "target"), "console-benchmark-results.md"), report,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
