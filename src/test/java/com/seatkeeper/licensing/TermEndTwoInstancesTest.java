package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.SeatkeeperApplication;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.MutableClock;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The nightly term end with two application instances on one database: each district's seats expire shortly after its
 * own local midnight (Pacific/Auckland 12 hours before America/New_York), exactly once per district and night, even
 * when both instances' schedulers tick and both also run the job by hand at the same moment.
 */
@ApiTest
@Import(MutableClock.Config.class)
@Tag("multi-instance")
class TermEndTwoInstancesTest {
    // New York 06:00 and Auckland 22:00 on 2026-06-30, the last day of the term
    static final Instant LAST_DAY = Instant.parse("2026-06-30T10:00:00Z");
    // Auckland 00:30 on 2026-07-01; New York still 08:30 on 2026-06-30
    static final Instant AUCKLAND_AFTER_MIDNIGHT = Instant.parse("2026-06-30T12:30:00Z");
    // New York 00:30 on 2026-07-01
    static final Instant NEW_YORK_AFTER_MIDNIGHT = Instant.parse("2026-07-01T04:30:00Z");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    MutableClock clock;
    @Autowired
    TermEnds termEnds;

    @Test
    void eachDistrictsSeatsExpireOnceShortlyAfterItsOwnLocalMidnight() throws Exception {
        clock.set(LAST_DAY);
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        TermsTestSupport terms = new TermsTestSupport(http, fx, jdbc);
        var newYork = terms.district("America/New_York");
        var auckland = terms.district("Pacific/Auckland");
        String product = fx.aProduct();
        var newYorkPool = terms.pool(newYork, product, 5, "2025-07-01", "2026-06-30");
        var aucklandPool = terms.pool(auckland, product, 5, "2025-07-01", "2026-06-30");
        fx.students(newYork, 2).forEach(s -> assertThat(fx.assign(newYorkPool, s).status()).isEqualTo(201));
        fx.students(auckland, 3).forEach(s -> assertThat(fx.assign(aucklandPool, s).status()).isEqualTo(201));

        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(SeatkeeperApplication.class, MutableClock.Config.class)
                .profiles("test")
                .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                        "--seatkeeper.embedded-db.enabled=false")) {
            MutableClock secondClock = second.getBean(MutableClock.class);
            TermEnds secondTermEnds = second.getBean(TermEnds.class);
            setBoth(secondClock, LAST_DAY);

            setBoth(secondClock, AUCKLAND_AFTER_MIDNIGHT);
            runOnBothAtOnce(secondTermEnds);
            await(fx, aucklandPool);
            Thread.sleep(1_000); // several ticks of both schedulers
            assertThat(fx.pool(newYorkPool).number("assigned")).isEqualTo(2);

            setBoth(secondClock, NEW_YORK_AFTER_MIDNIGHT);
            runOnBothAtOnce(secondTermEnds);
            await(fx, newYorkPool);
            Thread.sleep(1_000);
            runOnBothAtOnce(secondTermEnds);
        }

        assertThat(terms.ledger(aucklandPool, "EXPIRED")).isEqualTo(3);
        assertThat(terms.ledger(newYorkPool, "EXPIRED")).isEqualTo(2);
        assertThat(expiredAt(aucklandPool)).containsExactly(AUCKLAND_AFTER_MIDNIGHT.toString());
        assertThat(expiredAt(newYorkPool)).containsExactly(NEW_YORK_AFTER_MIDNIGHT.toString());
        // one run per district for the night of 2026-07-01 (earlier dates ran while the clocks were set up)
        assertThat(runs(auckland)).filteredOn(r -> r.startsWith("2026-07-01")).containsExactly("2026-07-01:3");
        assertThat(runs(newYork)).filteredOn(r -> r.startsWith("2026-07-01")).containsExactly("2026-07-01:2");
        assertThat(terms.balances(aucklandPool)).isTrue();
        assertThat(terms.balances(newYorkPool)).isTrue();
    }

    private void setBoth(MutableClock secondClock, Instant at) {
        clock.set(at);
        secondClock.set(at);
    }

    /** Both instances run the job by hand at the same moment, besides their schedulers' ticks. */
    private void runOnBothAtOnce(TermEnds secondTermEnds) {
        CompletableFuture.allOf(CompletableFuture.runAsync(termEnds::run), CompletableFuture.runAsync(secondTermEnds::run)).join();
    }

    private static void await(Fixtures fx, Fixtures.Pool pool) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (fx.pool(pool).number("assigned") > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(fx.pool(pool).number("assigned")).isZero();
    }

    private List<String> expiredAt(Fixtures.Pool pool) {
        return jdbc.sql("select distinct occurred_at from seat_ledger where pool_id = ? and action = 'EXPIRED'")
                .param(UUID.fromString(pool.id())).query((rs, n) -> rs.getTimestamp(1).toInstant().toString()).list();
    }

    private List<String> runs(Fixtures.District d) {
        return jdbc.sql("select local_date, expired_seats from term_end_runs where district_id = ? order by local_date")
                .param(UUID.fromString(d.id())).query((rs, n) -> rs.getDate(1).toLocalDate() + ":" + rs.getInt(2)).list();
    }
}
