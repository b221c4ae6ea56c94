package com.seatkeeper.licensing;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seatkeeper.SeatkeeperApplication;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Invariant 1 (assigned <= seats) and 5 (the ledger balances) under concurrent requests, over
 * real HTTP, against one and against two application instances sharing one database.
 */
@ApiTest
class SeatRaceTest {
    private static final int CLIENTS = 32;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    Http http;
    Fixtures fx;
    ExecutorService clients;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        clients = Executors.newFixedThreadPool(CLIENTS);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        clients.shutdownNow();
        clients.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Test
    void thirtyTwoClientsRacingTwoHundredStudentsIntoFiftySeatsGetExactlyFiftyLicenses() throws Exception {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 50);
        List<String> students = fx.students(d, 200);

        List<Http.Response> answers = race(students, student -> fx.assign(pool, student));

        assertThat(statuses(answers)).containsOnlyKeys(201, 409);
        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(50);
        assertThat(answers).filteredOn(r -> r.status() == 409).hasSize(150)
                .allSatisfy(r -> {
                    assertThat(r.text("code")).isEqualTo("no_licenses_available");
                    assertThat(r.number("available")).isZero();
                });
        var counts = fx.pool(pool);
        assertThat(counts.number("seats")).isEqualTo(50);
        assertThat(counts.number("assigned")).isEqualTo(50);
        assertThat(counts.number("available")).isZero();
        assertThat(activeAssignments(pool)).isEqualTo(50).isEqualTo(assignedColumn(pool));
        assertThat(fx.holderIds(pool)).hasSize(50).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(answers.stream().filter(r -> r.status() == 201).map(r -> r.text("userId")).toList());
        assertLedgerBalances(pool);
    }

    @Test
    void assignUnassignReassignAndPurchaseInterleavedNeverOversubscribeAndTheLedgerBalances() throws Exception {
        var d = fx.aDistrict();
        int initialSeats = 10;
        var pool = fx.aStudentPool(d, initialSeats);
        List<String> students = fx.students(d, 40);
        AtomicInteger purchasedSeats = new AtomicInteger();
        Queue<String> samplingProblems = new ConcurrentLinkedQueue<>();
        AtomicInteger samples = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);

        // a sampler reads the pool's counts, its active assignments and its ledger in one statement, again and again
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                try {
                    sampleOnce(pool, samplingProblems);
                } catch (RuntimeException e) {
                    samplingProblems.add("sampling failed: " + e);
                }
                samples.incrementAndGet();
            }
        }, "seat-sampler");
        sampler.start();

        List<Integer> operations = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            operations.add(i);
        }
        List<Op> done;
        try {
            done = race(operations, i -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                String someone = students.get(rnd.nextInt(students.size()));
                int dice = rnd.nextInt(100);
                if (dice < 50) {
                    return new Op("assign", fx.assign(pool, someone), 0);
                } else if (dice < 70) {
                    return new Op("unassign", fx.unassign(pool, someone), 0);
                } else if (dice < 95) {
                    String other = students.get(rnd.nextInt(students.size()));
                    while (other.equals(someone)) {
                        other = students.get(rnd.nextInt(students.size()));
                    }
                    return new Op("reassign", fx.reassign(pool, someone, other), 0);
                } else {
                    int seats = 1 + rnd.nextInt(2);
                    Op op = new Op("purchase", fx.purchase(pool, seats), seats);
                    if (op.response().status() == 201) {
                        purchasedSeats.addAndGet(seats);
                    }
                    return op;
                }
            });
        } finally {
            running.set(false);
            sampler.join(30_000);
        }

        for (Op op : done) {
            assertThat(expected(op)).as("%s answered %s", op.kind(), op.response()).isTrue();
        }
        assertThat(samplingProblems).as("invariant broken while running").isEmpty();
        assertThat(samples.get()).as("the sampler really sampled while the clients ran").isGreaterThan(5);
        // the contest really was contested: some assignments were refused for want of seats
        assertThat(done).filteredOn(op -> op.kind().equals("assign") && op.response().status() == 409).isNotEmpty();

        long assignedByApi = done.stream().filter(op -> op.kind().equals("assign") && op.response().status() == 201).count()
                - done.stream().filter(op -> op.kind().equals("unassign") && op.response().status() == 204).count();
        var counts = fx.pool(pool);
        assertThat(counts.number("seats")).isEqualTo(initialSeats + purchasedSeats.get());
        assertThat(counts.number("assigned")).isEqualTo(assignedByApi).isLessThanOrEqualTo(counts.number("seats"));
        assertThat(counts.number("available")).isEqualTo(counts.number("seats") - counts.number("assigned"));
        assertThat(activeAssignments(pool)).isEqualTo(counts.number("assigned")).isEqualTo(assignedColumn(pool));
        assertThat(fx.holderIds(pool)).hasSize(counts.number("assigned")).doesNotHaveDuplicates();
        assertLedgerBalances(pool);
    }

    @Test
    void thirtyTwoClientsAssigningOneStudentAtOnceTakeOneSeatOnly() throws Exception {
        var d = fx.aDistrict();
        String product = fx.aProduct();
        var pool = fx.aPool(d, product, "STUDENT", 10, java.time.LocalDate.now().minusDays(30), java.time.LocalDate.now().plusDays(300));
        // pools of one product and kind overlap only when one is the school's own (overlapping_pool otherwise)
        var samePoolOfTheSameProduct = new Fixtures.Pool(http.post("/api/v1/districts/" + d.id() + "/license-pools", ADMIN,
                map("productCode", product, "seatType", "STUDENT", "seats", 10, "startsOn", java.time.LocalDate.now().minusDays(30).toString(),
                        "endsOn", java.time.LocalDate.now().plusDays(300).toString(), "schoolId", d.schoolId())).text("id"), d.id());
        String student = fx.aStudent(d);

        List<Integer> clientsAtOnce = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            clientsAtOnce.add(i);
        }
        List<Http.Response> answers = race(clientsAtOnce, i -> fx.assign(i % 2 == 0 ? pool : samePoolOfTheSameProduct, student));

        // invariant 2: one active seat per product and kind; the winner's pool answers 200 (already held), the other 409
        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> assertThat(r.status() == 200 || (r.status() == 409 && "license_held_elsewhere".equals(r.text("code"))))
                        .as(r.toString()).isTrue());
        assertThat(jdbc.sql("select count(*) from assignments where user_id = ? and released_at is null")
                .param(UUID.fromString(student)).query(Long.class).single()).isEqualTo(1);
        assertThat(fx.pool(pool).number("assigned") + fx.pool(samePoolOfTheSameProduct).number("assigned")).isEqualTo(1);
        assertLedgerBalances(pool);
        assertLedgerBalances(samePoolOfTheSameProduct);
    }

    @Test
    void twoApplicationInstancesOnOneDatabaseTogetherGiveOutExactlyTheSeats() throws Exception {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        // command-line arguments win over application-test.properties (SpringApplicationBuilder#properties only sets defaults)
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(SeatkeeperApplication.class).profiles("test")
                .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                        "--seatkeeper.embedded-db.enabled=false")) {
            int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
            assertThat(secondPort).isNotEqualTo(port);
            assertThat(second.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
            assertThat(((HikariDataSource) second.getBean(DataSource.class)).getJdbcUrl()).isEqualTo(url);
            Http other = new Http(secondPort);

            var d = fx.aDistrict();
            var pool = fx.aStudentPool(d, 30);
            List<String> students = fx.students(d, 120);
            // the second instance sees what the first wrote: one database
            assertThat(other.get("/api/v1/license-pools/" + pool.id(), ADMIN).number("seats")).isEqualTo(30);

            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < students.size(); i++) {
                indexes.add(i);
            }
            List<Http.Response> answers = race(indexes, i -> (i % 2 == 0 ? http : other)
                    .put("/api/v1/license-pools/" + pool.id() + "/assignments/" + students.get(i), ADMIN));

            assertThat(statuses(answers)).containsOnlyKeys(201, 409);
            assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(30);
            assertThat(answers).filteredOn(r -> r.status() == 409).hasSize(90)
                    .allSatisfy(r -> assertThat(r.text("code")).isEqualTo("no_licenses_available"));
            // both instances took part in handing out the seats
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i).status() == 201) {
                    winners.add(i % 2);
                }
            }
            assertThat(winners).contains(0, 1);
            assertThat(fx.pool(pool).number("assigned")).isEqualTo(30);
            assertThat(other.get("/api/v1/license-pools/" + pool.id(), ADMIN).number("available")).isZero();
            assertThat(activeAssignments(pool)).isEqualTo(30).isEqualTo(assignedColumn(pool));
            assertLedgerBalances(pool);
        }
    }

    @Test
    void theDatabaseItselfRefusesMoreAssignmentsThanSeatsWhateverTheJavaCodeDoes() {
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 1);
        List<String> students = fx.students(d, 2);
        assertThat(fx.assign(pool, students.get(0)).status()).isEqualTo(201);

        // an insert that bypasses the service: the trigger counts it and the CHECK constraint refuses it
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into assignments (id, district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by)
                        select ?, district_id, id, product_id, seat_type, ?, now(), 'sql' from license_pools where id = ?""")
                .params(UUID.randomUUID(), UUID.fromString(students.get(1)), UUID.fromString(pool.id())).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("pool_assigned_within_seats");
        assertThatThrownBy(() -> jdbc.sql("update license_pools set assigned = seats + 1 where id = ?")
                .param(UUID.fromString(pool.id())).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("pool_assigned_within_seats");
        // and one person cannot hold two seats of one product and kind, even written by hand
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into assignments (id, district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by)
                        select ?, district_id, id, product_id, seat_type, ?, now(), 'sql' from license_pools where id = ?""")
                .params(UUID.randomUUID(), UUID.fromString(students.get(0)), UUID.fromString(pool.id())).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        // the seat history cannot be rewritten
        assertThatThrownBy(() -> jdbc.sql("delete from seat_ledger where pool_id = ?").param(UUID.fromString(pool.id())).update())
                .hasMessageContaining("append-only");
        assertThat(activeAssignments(pool)).isEqualTo(1).isEqualTo(assignedColumn(pool));
    }

    // ------------------------------------------------------------------ helpers

    record Op(String kind, Http.Response response, int seats) {}

    /** The answers a well-behaved service may give to each kind of operation in the mixed race. */
    private static boolean expected(Op op) {
        int s = op.response().status();
        String code = op.response().text("code");
        switch (op.kind()) {
            case "assign":
                return s == 201 || s == 200 || (s == 409 && "no_licenses_available".equals(code));
            case "unassign":
                return s == 204 || (s == 404 && "not_found".equals(code));
            case "reassign":
                // 404: the giver holds none; 409: the receiver already holds one of this pool, or of this product and kind elsewhere
                return s == 200 || (s == 404 && "not_found".equals(code))
                        || (s == 409 && ("already_holds_license".equals(code) || "license_held_elsewhere".equals(code)));
            case "purchase":
                return s == 201;
            default:
                return false;
        }
    }

    /** Runs the work for every item on {@link #CLIENTS} threads released at once; answers in item order. */
    private <T, R> List<R> race(List<T> items, Function<T, R> work) throws Exception {
        CountDownLatch ready = new CountDownLatch(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        Queue<Integer> todo = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < items.size(); i++) {
            todo.add(i);
        }
        Map<Integer, R> results = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            futures.add(clients.submit(() -> {
                ready.countDown();
                go.await();
                Integer i;
                while ((i = todo.poll()) != null) {
                    results.put(i, work.apply(items.get(i)));
                }
                return null;
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        for (Future<?> f : futures) {
            f.get(3, TimeUnit.MINUTES);
        }
        List<R> ordered = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ordered.add(results.get(i));
        }
        return Collections.unmodifiableList(ordered);
    }

    private static Map<Integer, Long> statuses(List<Http.Response> answers) {
        Map<Integer, Long> m = new java.util.TreeMap<>();
        answers.forEach(r -> m.merge(r.status(), 1L, Long::sum));
        return m;
    }

    /** One look at the pool while clients run: in the database (one snapshot) and through the API. */
    private void sampleOnce(Fixtures.Pool pool, Queue<String> problems) {
        Map<String, Object> s = sample(pool);
        long seats = ((Number) s.get("seats")).longValue(), assigned = ((Number) s.get("assigned")).longValue();
        if (assigned > seats || assigned != ((Number) s.get("active")).longValue()
                || assigned != ((Number) s.get("ledger_assigned")).longValue() || seats != ((Number) s.get("ledger_seats")).longValue()) {
            problems.add(s.toString());
        }
        var viaApi = fx.pool(pool);
        if (viaApi.status() != 200 || viaApi.number("assigned") > viaApi.number("seats") || viaApi.number("available") < 0) {
            problems.add("API: " + viaApi);
        }
    }

    private Map<String, Object> sample(Fixtures.Pool pool) {
        return jdbc.sql("""
                select lp.seats, lp.assigned,
                       (select count(*) from assignments a where a.pool_id = lp.id and a.released_at is null) as active,
                       (select coalesce(sum(l.assigned_delta), 0) from seat_ledger l where l.pool_id = lp.id) as ledger_assigned,
                       (select coalesce(sum(l.seats_delta), 0) from seat_ledger l where l.pool_id = lp.id) as ledger_seats
                from license_pools lp where lp.id = ?""").param(UUID.fromString(pool.id())).query().singleRow();
    }

    private long activeAssignments(Fixtures.Pool pool) {
        return jdbc.sql("select count(*) from assignments where pool_id = ? and released_at is null")
                .param(UUID.fromString(pool.id())).query(Long.class).single();
    }

    private long assignedColumn(Fixtures.Pool pool) {
        return jdbc.sql("select assigned from license_pools where id = ?").param(UUID.fromString(pool.id())).query(Long.class).single();
    }

    /** Invariant 5: replaying the seat ledger gives the pool's counts, and the counts match the rows they count. */
    private void assertLedgerBalances(Fixtures.Pool pool) {
        Map<String, Object> s = sample(pool);
        assertThat(((Number) s.get("ledger_assigned")).longValue()).as("sum(assigned_delta) = assigned")
                .isEqualTo(((Number) s.get("assigned")).longValue());
        assertThat(((Number) s.get("ledger_seats")).longValue()).as("sum(seats_delta) = seats")
                .isEqualTo(((Number) s.get("seats")).longValue());
        assertThat(((Number) s.get("active")).longValue()).as("active assignments = assigned")
                .isEqualTo(((Number) s.get("assigned")).longValue());
        long purchased = jdbc.sql("select coalesce(sum(seats), 0) from purchases where pool_id = ?")
                .param(UUID.fromString(pool.id())).query(Long.class).single();
        assertThat(purchased).as("sum(purchases) = seats").isEqualTo(((Number) s.get("seats")).longValue());
    }
}
