package com.seatkeeper.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Checks of the seat books that race tests share: a pool's counts against its rows and its ledger; leavers' seats. */
public final class SeatBooks {
    private SeatBooks() {}

    /** The pool's assigned count is within its seats, equals its active seats and the sum of its ledger's assigned deltas. */
    public static void assertBalanced(JdbcClient jdbc, String poolId) {
        var row = jdbc.sql("""
                select lp.seats, lp.assigned,
                       (select count(*) from assignments a where a.pool_id = lp.id and a.released_at is null) as active,
                       (select coalesce(sum(assigned_delta), 0) from seat_ledger l where l.pool_id = lp.id) as ledger
                from license_pools lp where lp.id = ?""").param(UUID.fromString(poolId)).query().singleRow();
        int assigned = ((Number) row.get("assigned")).intValue();
        assertThat(assigned).as("assigned within seats").isLessThanOrEqualTo(((Number) row.get("seats")).intValue());
        assertThat(((Number) row.get("active")).intValue()).as("active seats").isEqualTo(assigned);
        assertThat(((Number) row.get("ledger")).intValue()).as("the ledger balances").isEqualTo(assigned);
    }

    /** No inactive person of the district holds an unreleased seat. */
    public static void assertNoLeaverHoldsASeat(JdbcClient jdbc, String districtId) {
        assertThat(jdbc.sql("""
                select count(*) from assignments a join users u on u.id = a.user_id
                where u.district_id = ? and u.status = 'INACTIVE' and a.released_at is null""")
                .param(UUID.fromString(districtId)).query(Integer.class).single()).as("no leaver holds a seat").isZero();
    }
}
