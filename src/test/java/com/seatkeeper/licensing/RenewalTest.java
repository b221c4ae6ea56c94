package com.seatkeeper.licensing;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Renewal with carry-over (issue 7 §2), with the outcome to hold at every instant: on the last day of the old term the
 * carried-over people still have the old seat, from the first minute of the new term they have the new one without
 * anyone acting (before and after the nightly job), and nobody ever has two seats of the product that cover one day.
 */
@ApiTest
@Import(MutableClock.Config.class)
class RenewalTest {
    // New York: 2026-06-10 12:00, weeks before the term ends
    static final Instant WEEKS_BEFORE = Instant.parse("2026-06-10T16:00:00Z");
    // New York: 2026-06-30 23:59, the last minute of the old term
    static final Instant LAST_MINUTE = Instant.parse("2026-07-01T03:59:00Z");
    // New York: 2026-07-01 00:00, the first minute of the new term
    static final Instant FIRST_MINUTE = Instant.parse("2026-07-01T04:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    Http http;
    Fixtures fx;
    TermsTestSupport terms;
    Fixtures.District d;
    String product;
    Fixtures.Pool old;
    List<String> holders;

    @BeforeEach
    void setUp() {
        clock.set(WEEKS_BEFORE);
        http = new Http(port);
        fx = new Fixtures(http);
        terms = new TermsTestSupport(http, fx, jdbc);
        d = terms.district("America/New_York");
        product = fx.aProduct();
        old = terms.pool(d, product, 5, "2025-07-01", "2026-06-30");
        holders = fx.students(d, 3);
        for (int i = 0; i < holders.size(); i++) {
            clock.set(WEEKS_BEFORE.plusSeconds(i)); // renewal order: assigned date, then id
            assertThat(fx.assign(old, holders.get(i)).status()).isEqualTo(201);
        }
    }

    @Test
    void aDryRunPreviewsWhoIsCarriedOverAndWhoIsLeftOutAndChangesNothing() {
        DbState before = DbState.of(jdbc);

        var preview = terms.renew(old, 2, "2026-07-01", "2027-06-30", true, true);

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.body().get("dryRun").asBoolean()).isTrue();
        assertThat(preview.number("carriedOver")).isEqualTo(2);
        assertThat(ids(preview, "carried")).containsExactly(holders.get(0), holders.get(1));
        assertThat(ids(preview, "leftOut")).containsExactly(holders.get(2));
        assertThat(preview.body().get("leftOut").get(0).get("code").asString()).isEqualTo("no_seat_left");
        assertThat(preview.body().get("pool").get("id").isNull()).isTrue();
        assertThat(DbState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void carriedOverHoldersKeepTheOldSeatToTheLastMinuteAndHaveTheNewOneFromTheFirstMinute() throws Exception {
        var renewal = terms.renew(old, 2, "2026-07-01", "2027-06-30", true, false);

        assertThat(renewal.status()).as(renewal.toString()).isEqualTo(201);
        var next = new Fixtures.Pool(renewal.body().get("pool").get("id").asString(), d.id());
        assertThat(renewal.body().get("pool").get("assigned").asInt()).isEqualTo(2);
        assertThat(ids(renewal, "carried")).containsExactly(holders.get(0), holders.get(1));
        assertThat(ids(renewal, "leftOut")).containsExactly(holders.get(2));
        assertThat(terms.ledger(next, "RENEWED")).isEqualTo(2);
        assertThat(jdbc.sql("select distinct reason from seat_ledger where pool_id = ?::uuid and action = 'RENEWED'").param(next.id())
                .query(String.class).single()).startsWith("renewal of Product " + product + " student licenses 2025-07-01 to 2026-06-30");
        String carried = holders.get(0);
        assertThat(terms.seats(carried)).containsExactly(old.id() + ":ACTIVE", next.id() + ":NOT_STARTED");

        clock.set(LAST_MINUTE);
        assertThat(terms.seats(carried)).containsExactly(old.id() + ":ACTIVE", next.id() + ":NOT_STARTED");
        assertThat(terms.seats(holders.get(2))).containsExactly(old.id() + ":ACTIVE");

        clock.set(FIRST_MINUTE);
        // access switches at local midnight whether or not the job has run yet: one active seat, the new one
        assertThat(terms.seats(carried)).filteredOn(s -> s.endsWith(":ACTIVE")).containsExactly(next.id() + ":ACTIVE");

        awaitNoSeatsIn(old);
        assertThat(terms.seats(carried)).containsExactly(next.id() + ":ACTIVE");
        assertThat(terms.seats(holders.get(1))).containsExactly(next.id() + ":ACTIVE");
        assertThat(terms.seats(holders.get(2))).isEmpty();
        assertThat(terms.ledger(old, "EXPIRED")).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from assignments where pool_id = ?::uuid and released_at is null and not pending")
                .param(next.id()).query(Long.class).single()).isEqualTo(2);
        assertThat(fx.pool(next).number("assigned")).isEqualTo(2);
        assertThat(terms.balances(old)).isTrue();
        assertThat(terms.balances(next)).isTrue();
        // the person left out can be given a seat of the new term once one is bought
        fx.purchase(next, 1);
        assertThat(fx.assign(next, holders.get(2)).status()).isEqualTo(201);
    }

    @Test
    void aRenewalMayNotOverlapAnotherPoolNorStartBeforeTheOldTermEnds() {
        assertThat(terms.renew(old, 2, "2026-07-01", "2027-06-30", false, false).status()).isEqualTo(201);

        var second = terms.renew(old, 2, "2027-01-01", "2027-12-31", true, false);
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.text("code")).isEqualTo("overlapping_pool");

        var early = terms.renew(old, 2, "2026-06-30", "2027-06-30", true, false);
        assertThat(early.status()).as(early.toString()).isEqualTo(400);
        assertThat(early.text("field")).isEqualTo("startsOn");
    }

    @Test
    void onlyVendorAdminsRenewAndOtherDistrictsSeeNoPool() {
        String admin = fx.tokenFor(fx.aDistrictAdmin(d));
        var byDistrictAdmin = http.post("/api/v1/license-pools/" + old.id() + "/renewals", admin,
                Http.map("seats", 2, "startsOn", "2026-07-01", "endsOn", "2027-06-30", "carryOverHolders", true));
        assertThat(byDistrictAdmin.status()).isEqualTo(403);

        var other = terms.district("America/New_York");
        String otherAdmin = fx.tokenFor(fx.aDistrictAdmin(other));
        var fromOtherDistrict = http.post("/api/v1/license-pools/" + old.id() + "/renewals", otherAdmin,
                Http.map("seats", 2, "startsOn", "2026-07-01", "endsOn", "2027-06-30", "carryOverHolders", true));
        assertThat(fromOtherDistrict.status()).isEqualTo(404);
        assertThat(http.get("/api/v1/license-pools/" + old.id(), ADMIN).number("assigned")).isEqualTo(3);
    }

    private void awaitNoSeatsIn(Fixtures.Pool pool) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (fx.pool(pool).number("assigned") > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(fx.pool(pool).number("assigned")).isZero();
    }

    private static List<String> ids(Http.Response r, String list) {
        List<String> out = new ArrayList<>();
        r.body().get(list).forEach(l -> out.add(l.get("userId").asString()));
        return out;
    }
}
