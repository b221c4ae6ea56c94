package com.seatkeeper.licensing;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;

import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Districts in a time zone, pools with a term and reads of seats for the term tests. */
final class TermsTestSupport {
    private final Http http;
    private final Fixtures fx;
    private final JdbcClient jdbc;

    TermsTestSupport(Http http, Fixtures fx, JdbcClient jdbc) {
        this.http = http;
        this.fx = fx;
        this.jdbc = jdbc;
    }

    Fixtures.District district(String timezone) {
        var d = http.post("/api/v1/districts", ADMIN, map("name", "District " + UUID.randomUUID(), "rosteringSource", "MANUAL",
                "timezone", timezone));
        var s = http.post("/api/v1/districts/" + d.text("id") + "/schools", ADMIN, map("name", "School"));
        return new Fixtures.District(d.text("id"), s.text("id"));
    }

    Http.Response openPool(Fixtures.District d, String product, int seats, String startsOn, String endsOn) {
        return http.post("/api/v1/districts/" + d.id() + "/license-pools", ADMIN, map("productCode", product, "seatType", "STUDENT",
                "seats", seats, "startsOn", startsOn, "endsOn", endsOn));
    }

    Fixtures.Pool pool(Fixtures.District d, String product, int seats, String startsOn, String endsOn) {
        var r = openPool(d, product, seats, startsOn, endsOn);
        if (r.status() != 201) {
            throw new AssertionError(r.toString());
        }
        return new Fixtures.Pool(r.text("id"), d.id());
    }

    Http.Response renew(Fixtures.Pool p, int seats, String startsOn, String endsOn, boolean carryOver, boolean dryRun) {
        return http.post("/api/v1/license-pools/" + p.id() + "/renewals" + (dryRun ? "?dryRun=true" : ""), ADMIN,
                map("seats", seats, "startsOn", startsOn, "endsOn", endsOn, "carryOverHolders", carryOver));
    }

    /** "poolId:STATUS" of each seat the person holds, as GET /users/{id}/licenses answers. */
    List<String> seats(String userId) {
        var r = http.get("/api/v1/users/" + userId + "/licenses", ADMIN);
        if (r.status() != 200) {
            throw new AssertionError(r.toString());
        }
        List<String> out = new ArrayList<>();
        r.body().forEach(l -> out.add(l.get("poolId").asString() + ":" + l.get("status").asString()));
        return out;
    }

    long ledger(Fixtures.Pool p, String action) {
        return jdbc.sql("select count(*) from seat_ledger where pool_id = ? and action = ?").params(UUID.fromString(p.id()), action)
                .query(Long.class).single();
    }

    /** Holds the term-end job off a district for a local date, as if it had not run yet (its run row is taken). */
    void holdOffTermEnd(Fixtures.District d, LocalDate localDate) {
        jdbc.sql("insert into term_end_runs (district_id, local_date, ran_at, expired_seats, started_seats) values (?, ?, now(), 0, 0)")
                .params(UUID.fromString(d.id()), Date.valueOf(localDate)).update();
    }

    /** The ledger balances: sum(assigned_delta) = assigned and sum(seats_delta) = seats. */
    boolean balances(Fixtures.Pool p) {
        return jdbc.sql("""
                select lp.assigned = coalesce(sum(l.assigned_delta), 0) and lp.seats = coalesce(sum(l.seats_delta), 0)
                from license_pools lp left join seat_ledger l on l.pool_id = lp.id where lp.id = ? group by lp.id""")
                .param(UUID.fromString(p.id())).query(Boolean.class).single();
    }
}
