package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.RosterSeatEffects;
import com.seatkeeper.shared.ChangeSource;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.SeatBooks;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A bulk release (as a roster apply makes it: people locked in id order, made inactive, then
 * {@link RosterSeatEffects#releaseAfterApply}) racing 32 clients that assign, unassign and reassign seats of the same
 * pools over HTTP: nobody waits forever (no deadlock), nothing answers 500, no pool passes its seats, and every pool's
 * count equals its active seats and its ledger.
 */
@ApiTest
class BulkReleaseRaceTest {
    private static final int CLIENTS = 32;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    RosterSeatEffects effects;

    @Test
    void aBulkReleaseRacingThirtyTwoSeatChangesNeverOversubscribesNorDeadlocks() throws Exception {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        var d = fx.aDistrict();
        var first = fx.aStudentPool(d, 30);
        var second = fx.aStudentPool(d, 30);
        List<String> leavers = fx.students(d, 20);
        List<String> others = fx.students(d, CLIENTS);
        for (String l : leavers) {
            assertThat(fx.assign(first, l).status()).isEqualTo(201);
            assertThat(fx.assign(second, l).status()).isEqualTo(201);
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            Future<Long> released = pool.submit(() -> {
                start.await();
                return tx.execute(s -> {
                    UUID[] ids = leavers.stream().map(UUID::fromString).sorted().toArray(UUID[]::new);
                    jdbc.sql("select id from users where id = any(?) order by id for no key update").param(ids).query(UUID.class).list();
                    jdbc.sql("update users set status = 'INACTIVE' where id = any(?)").param(ids).update();
                    return effects.releaseAfterApply(DistrictId.of(d.id()), leavers.stream().map(l -> new UserId(UUID.fromString(l))).toList(),
                            ChangeSource.UPLOAD, "importer", "removed by upload race");
                });
            });
            for (int i = 0; i < CLIENTS; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    String other = others.get(n);
                    return switch (n % 4) {
                        case 0 -> fx.assign(first, other).status();
                        case 1 -> fx.assign(second, other).status();
                        case 2 -> fx.unassign(n % 8 == 2 ? first : second, leavers.get(n % leavers.size())).status();
                        default -> fx.reassign(first, leavers.get(n % leavers.size()), other).status();
                    };
                }));
            }
            start.countDown();
            long freed = released.get(60, TimeUnit.SECONDS);
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> a : answers) {
                statuses.add(a.get(60, TimeUnit.SECONDS));
            }

            assertThat(statuses).as("answers").allMatch(s -> s == 200 || s == 201 || s == 204 || s == 404 || s == 409 || s == 422);
            assertThat(freed).as("every seat the leavers still held when the release ran").isBetween(1L, 40L);
            SeatBooks.assertNoLeaverHoldsASeat(jdbc, d.id());
            for (var p : List.of(first, second)) {
                SeatBooks.assertBalanced(jdbc, p.id());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
