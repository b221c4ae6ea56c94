package com.seatkeeper.roster.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.Role;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.SeatBooks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What an apply does to seats, with licensing's real {@link RosterSeatEffects}: a removed license holder's seat is
 * freed in the apply's own transaction with the run in the ledger's reason; a preview shows the same impact and changes
 * nothing; an adopted person keeps their license; a role change releases what no longer fits; requested licenses stop
 * at the seats available; and an apply racing 32 seat changes over HTTP neither oversubscribes nor deadlocks.
 */
@ApiTest
class RosterSeatEffectsTest {
    @LocalServerPort
    int port;
    @Autowired
    RosterChanges changes;
    @Autowired
    JdbcClient jdbc;

    Fixtures fx;
    Runs runs;
    Fixtures.District d;
    String tag;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(new Http(port));
        runs = new Runs(changes);
        d = fx.aDistrict();
        tag = RosterChangesTest.tag();
        assertThat(runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 20, r -> { })).status()).isEqualTo(RunStatus.APPLIED);
    }

    static Map<RosterKind, FileMode> usersDelta() {
        Map<RosterKind, FileMode> modes = Runs.all(FileMode.ABSENT);
        modes.put(RosterKind.USERS, FileMode.DELTA);
        return modes;
    }

    @Test
    void aDeltaDeletingALicenseHolderFreesTheSeatInTheSameTransactionWithTheRunInTheLedger() {
        var pool = fx.aStudentPool(d, 30);
        String s5 = id("s5");
        assertThat(fx.assign(pool, s5).status()).isEqualTo(201);

        var report = runs.run(d.id(), false, usersDelta(), r -> r.delete(RosterKind.USERS, "s5", null));

        assertThat(report.status()).as("%s", report).isEqualTo(RunStatus.APPLIED);
        assertThat(report.licenses().released()).isEqualTo(1);
        assertThat(fx.available(pool)).isEqualTo(30);
        var ledger = jdbc.sql("""
                        select l.reason, l.action, l.assigned_delta, cast(l.xmin as text) as ledger_tx, cast(u.xmin as text) as person_tx
                        from seat_ledger l join users u on u.id = l.user_id
                        where l.pool_id = ? and l.user_id = ? and l.assigned_delta = -1
                        """).params(UUID.fromString(pool.id()), UUID.fromString(s5)).query().singleRow();
        assertThat(ledger).containsEntry("action", "RELEASED_BY_UPLOAD").containsEntry("reason", "removed by upload " + report.id());
        assertThat(ledger.get("ledger_tx")).as("the release and the person's deactivation: one transaction").isEqualTo(ledger.get("person_tx"));
    }

    @Test
    void aPreviewShowsTheSeatImpactAndChangesNothing() {
        var pool = fx.aStudentPool(d, 30);
        assertThat(fx.assign(pool, id("s5")).status()).isEqualTo(201);
        var before = DbState.ofDistrict(jdbc, d.id());

        var preview = runs.run(d.id(), true, usersDelta(), r -> r.delete(RosterKind.USERS, "s5", null));

        assertThat(preview.status()).isEqualTo(RunStatus.PREVIEW);
        assertThat(preview.licenses().released()).isEqualTo(1);
        assertThat(preview.counts().users().removed()).isEqualTo(1);
        assertThat(DbState.ofDistrict(jdbc, d.id())).isEqualTo(before);
    }

    @Test
    void anAdoptedPersonKeepsTheirLicenseAndARoleChangeReleasesWhatNoLongerFits() {
        var educators = fx.anEducatorPool(d, 5);
        String manual = fx.aTeacher(d);
        assertThat(fx.assign(educators, manual).status()).isEqualTo(201);
        String email = fx.emailOf(manual);

        var adopted = runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 20,
                r -> r.person("t9", Role.TEACHER, "Ann", "Adopted", email, "sch-1")));

        assertThat(adopted.counts().users().adopted()).isEqualTo(1);
        assertThat(adopted.licenses().released()).isZero();
        assertThat(fx.holderIds(educators)).containsExactly(manual);

        var demoted = runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 20,
                r -> r.person("t9", Role.STUDENT, "Ann", "Adopted", email, "sch-1")));

        assertThat(demoted.status()).as("%s", demoted).isEqualTo(RunStatus.APPLIED);
        assertThat(demoted.counts().users().updated()).isEqualTo(1);
        assertThat(demoted.licenses().released()).isEqualTo(1);
        assertThat(fx.holderIds(educators)).isEmpty();
        assertThat(jdbc.sql("select action from seat_ledger where pool_id = ? and assigned_delta = -1")
                .param(UUID.fromString(educators.id())).query(String.class).single()).isEqualTo("RELEASED_BY_ROSTER_CHANGE");
    }

    @Test
    void requestedLicensesStopAtTheSeatsAvailableAndTheShortPoolIsReported() {
        String product = fx.aProduct();
        var pool = fx.aPool(d, product, "STUDENT", 1, LocalDate.now().minusDays(5), LocalDate.now().plusDays(100));

        var report = runs.run(d.id(), false, Runs.all(FileMode.ABSENT), r -> r.license("s1", product).license("s2", product));

        assertThat(report.status()).as("%s", report).isEqualTo(RunStatus.APPLIED);
        assertThat(report.licenses().assigned()).isEqualTo(1);
        assertThat(report.licenses().leftWithout()).isEqualTo(1);
        var stored = changes.run(Runs.VENDOR, report.id()).licenses();
        assertThat(stored.shortPools()).singleElement().satisfies(s -> {
            assertThat(s.poolId().toString()).isEqualTo(pool.id());
            assertThat(s.productCode()).isEqualTo(product);
            assertThat(s.available()).isEqualTo(1);
            assertThat(s.needed()).isEqualTo(2);
        });
        assertThat(fx.available(pool)).isZero();
        var holder = jdbc.sql("select u.sourced_id from assignments s join users u on u.id = s.user_id where s.pool_id = ? and s.released_at is null")
                .param(UUID.fromString(pool.id())).query(String.class).single();
        var without = holder.equals("s1") ? "s2" : "s1";
        assertThat(stored.leftWithout()).isEqualTo(1);
        assertThat(changes.run(Runs.VENDOR, report.id()).problems()).filteredOn(p -> p.code().equals("left_without_license"))
                .singleElement().satisfies(p -> {
                    assertThat(p.severity()).isEqualTo(Severity.WARNING);
                    assertThat(p.file()).isEqualTo("users.csv");
                    assertThat(p.line()).as("the row that asked for the license").isEqualTo(without.equals("s1") ? 2L : 3L);
                    assertThat(p.message()).contains("(" + without + ")").contains(product).contains(pool.id()).contains("no seat left");
                });
    }

    @Test
    void anApplyRacingThirtyTwoSeatChangesNeverOversubscribesNorDeadlocks() throws Exception {
        int clients = 32;
        var first = fx.aStudentPool(d, 40);
        var second = fx.aStudentPool(d, 40);
        // 300 students so that 20 leaving stays under the deletion guard
        assertThat(runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 300, r -> { })).status()).isEqualTo(RunStatus.APPLIED);
        List<String> leavers = new ArrayList<>();
        for (int i = 281; i <= 300; i++) {
            leavers.add(id("s" + i));
        }
        List<String> others = new ArrayList<>();
        for (int i = 1; i <= clients; i++) {
            others.add(id("s" + i));
        }
        for (String l : leavers) {
            assertThat(fx.assign(first, l).status()).isEqualTo(201);
            assertThat(fx.assign(second, l).status()).isEqualTo(201);
        }
        ExecutorService threads = Executors.newFixedThreadPool(clients + 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            Future<ImportReport> applied = threads.submit(() -> {
                start.await();
                return runs.bulk(d.id(), false, RosterChangesTest.snapshot(tag, 280, r -> { }));
            });
            for (int i = 0; i < clients; i++) {
                int n = i;
                answers.add(threads.submit(() -> {
                    start.await();
                    String other = others.get(n);
                    String leaver = leavers.get(n % leavers.size());
                    return switch (n % 4) {
                        case 0 -> fx.assign(first, other).status();
                        case 1 -> fx.assign(second, other).status();
                        case 2 -> fx.unassign(n % 8 == 2 ? first : second, leaver).status();
                        default -> fx.reassign(first, leaver, other).status();
                    };
                }));
            }
            start.countDown();
            ImportReport report = applied.get(120, TimeUnit.SECONDS);
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> a : answers) {
                statuses.add(a.get(120, TimeUnit.SECONDS));
            }

            assertThat(report.status()).as("%s", report).isEqualTo(RunStatus.APPLIED);
            assertThat(report.counts().users().removed()).isEqualTo(20);
            assertThat(statuses).as("answers").allMatch(s -> s == 200 || s == 201 || s == 204 || s == 404 || s == 409 || s == 422);
            SeatBooks.assertNoLeaverHoldsASeat(jdbc, d.id());
            for (var p : List.of(first, second)) {
                SeatBooks.assertBalanced(jdbc, p.id());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private String id(String sourcedId) {
        return jdbc.sql("select id from users where district_id = ? and sourced_id = ?").params(UUID.fromString(d.id()), sourcedId)
                .query(UUID.class).single().toString();
    }
}
