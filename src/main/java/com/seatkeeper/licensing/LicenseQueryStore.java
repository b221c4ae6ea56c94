package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Read-only SQL for the console's license views. */
@Repository
class LicenseQueryStore {
    private final JdbcClient jdbc;

    LicenseQueryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<UserId, List<UserLicense>> licensesOf(DistrictId district, Collection<UserId> users, LocalDate today) {
        Map<UserId, List<UserLicense>> out = new LinkedHashMap<>();
        if (users.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        select a.user_id, a.pool_id, p.code, p.name, a.seat_type, a.assigned_at, lp.starts_on, lp.ends_on
                        from assignments a
                        join license_pools lp on lp.id = a.pool_id
                        join products p on p.id = a.product_id
                        where a.district_id = ? and a.user_id = any(?) and a.released_at is null
                        order by p.name, a.seat_type, lp.starts_on""")
                .params(district.value(), users.stream().map(UserId::value).distinct().toArray(UUID[]::new))
                .query(rs -> {
                    UserId u = new UserId(rs.getObject("user_id", UUID.class));
                    Timestamp at = rs.getTimestamp("assigned_at");
                    out.computeIfAbsent(u, k -> new java.util.ArrayList<>()).add(new UserLicense(
                            new PoolId(rs.getObject("pool_id", UUID.class)), rs.getString("code"), rs.getString("name"),
                            SeatType.valueOf(rs.getString("seat_type")), at == null ? null : at.toInstant(),
                            rs.getDate("starts_on").toLocalDate(), rs.getDate("ends_on").toLocalDate(),
                            SeatStatus.of(rs.getDate("starts_on").toLocalDate(), rs.getDate("ends_on").toLocalDate(), today)));
                });
        return out;
    }

    List<Purchase> purchases(DistrictId district, int limit) {
        return jdbc.sql("""
                        select pu.pool_id, p.name, lp.seat_type, pu.seats, pu.reference, pu.purchased_by, pu.purchased_at
                        from purchases pu
                        join license_pools lp on lp.id = pu.pool_id
                        join products p on p.id = lp.product_id
                        where pu.district_id = ?
                        order by pu.purchased_at desc, pu.id limit ?""")
                .params(district.value(), limit)
                .query((rs, n) -> new Purchase(new PoolId(rs.getObject("pool_id", UUID.class)), rs.getString("name"),
                        SeatType.valueOf(rs.getString("seat_type")), rs.getInt("seats"), rs.getString("reference"),
                        rs.getString("purchased_by"), rs.getTimestamp("purchased_at").toInstant()))
                .list();
    }

    static final String LEDGER_DAYS = """
            select day, seats::int as seats, assigned::int as assigned from seat_ledger_days where pool_id = :pool order by day""";

    /**
     * The pool's ledger summed per day in its district's time zone: the sums V26's trigger keeps with every ledger row
     * (table seat_ledger_days), one row per day with a change, read by primary key.
     */
    List<LedgerDay> ledgerDays(PoolId pool) {
        return jdbc.sql(LEDGER_DAYS).param("pool", pool.value())
                .query((rs, n) -> new LedgerDay(rs.getObject("day", LocalDate.class), rs.getInt("seats"), rs.getInt("assigned"))).list();
    }
}
