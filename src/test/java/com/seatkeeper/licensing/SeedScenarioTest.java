package com.seatkeeper.licensing;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The seed scenario of the "Seat core" issue, over HTTP against the real server and database. */
@ApiTest
class SeedScenarioTest {
    @LocalServerPort
    int port;
    Http http;
    Fixtures fx;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
    }

    @Test
    void aPoolOfTwoEducatorLicensesRefusesTheThirdTeacherUntilOneIsFreed() {
        var d = fx.aDistrict();
        var pool = fx.anEducatorPool(d, 2);
        String first = fx.aTeacher(d), second = fx.aTeacher(d), third = fx.aTeacher(d), fourth = fx.aTeacher(d);

        assertThat(fx.assign(pool, first).status()).isEqualTo(201);
        assertThat(fx.assign(pool, second).status()).isEqualTo(201);
        long ledgerBefore = ledgerCount(pool, "ASSIGNED");

        var refused = fx.assign(pool, third);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("code")).isEqualTo("no_licenses_available");
        assertThat(refused.number("available")).isZero();
        assertThat(refused.text("detail")).contains("unassign").contains("reassign").contains("purchase");
        // nothing else changed
        var afterRefusal = fx.pool(pool);
        assertThat(afterRefusal.number("assigned")).isEqualTo(2);
        assertThat(afterRefusal.number("available")).isZero();
        assertThat(holderIds(pool)).containsExactlyInAnyOrder(first, second);
        assertThat(ledgerCount(pool, "ASSIGNED")).isEqualTo(ledgerBefore);
        assertThat(ledgerCount(pool, "REFUSED")).isEqualTo(1);

        assertThat(fx.unassign(pool, first).status()).isEqualTo(204);
        assertThat(fx.available(pool)).isEqualTo(1);
        assertThat(fx.assign(pool, third).status()).isEqualTo(201);
        assertThat(fx.available(pool)).isZero();

        // reassignment while the pool is full
        var moved = http.post("/api/v1/license-pools/" + pool.id() + "/reassignments", ADMIN, map("fromUserId", second, "toUserId", fourth));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.text("userId")).isEqualTo(fourth);
        assertThat(holderIds(pool)).containsExactlyInAnyOrder(third, fourth);
        assertThat(fx.available(pool)).isZero();

        var bought = http.post("/api/v1/license-pools/" + pool.id() + "/purchases", ADMIN, map("seats", 5, "reference", "PO-1"));
        assertThat(bought.status()).isEqualTo(201);
        assertThat(bought.number("available")).isEqualTo(5);
        assertThat(fx.available(pool)).isEqualTo(5);
        assertThat(fx.pool(pool).number("seats")).isEqualTo(7);

        // a second PUT of a held license: 200 and no seat taken
        var again = fx.assign(pool, third);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("userId")).isEqualTo(third);
        assertThat(fx.available(pool)).isEqualTo(5);
    }

    @Test
    void theUserLicensesListShowsWhatAPersonHolds() {
        var d = fx.aDistrict();
        var educators = fx.anEducatorPool(d, 3);
        String teacher = fx.aTeacher(d);
        fx.assign(educators, teacher);

        var licenses = http.get("/api/v1/users/" + teacher + "/licenses", ADMIN);
        assertThat(licenses.status()).isEqualTo(200);
        assertThat(licenses.body().size()).isEqualTo(1);
        assertThat(licenses.body().get(0).get("poolId").asString()).isEqualTo(educators.id());
        assertThat(licenses.body().get(0).get("seatType").asString()).isEqualTo("EDUCATOR");

        // the teacher may read their own licenses with their own token
        var own = http.get("/api/v1/users/" + teacher + "/licenses", fx.tokenFor(teacher));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().size()).isEqualTo(1);

        fx.unassign(educators, teacher);
        assertThat(http.get("/api/v1/users/" + teacher + "/licenses", ADMIN).body().size()).isZero();
    }

    private java.util.List<String> holderIds(Fixtures.Pool pool) {
        var r = http.get("/api/v1/license-pools/" + pool.id() + "/assignments", ADMIN);
        assertThat(r.status()).isEqualTo(200);
        java.util.List<String> ids = new java.util.ArrayList<>();
        r.body().forEach(n -> ids.add(n.get("userId").asString()));
        assertThat(r.headers().firstValue("X-Total-Count")).contains(Integer.toString(ids.size()));
        return ids;
    }

    private long ledgerCount(Fixtures.Pool pool, String action) {
        var r = http.get("/api/v1/license-pools/" + pool.id() + "/ledger?action=" + action, ADMIN);
        assertThat(r.status()).isEqualTo(200);
        return Long.parseLong(r.headers().firstValue("X-Total-Count").orElseThrow());
    }
}
