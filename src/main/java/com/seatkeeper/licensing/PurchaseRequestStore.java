package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of purchase requests (table purchase_requests, V2). */
@Repository
class PurchaseRequestStore {
    private static final String SELECT = """
            select r.*, p.name as product_name, lp.seat_type, lp.seats as pool_seats, lp.assigned as pool_assigned
            from purchase_requests r
            join license_pools lp on lp.id = r.pool_id
            join products p on p.id = lp.product_id
            """;

    private final JdbcClient jdbc;

    PurchaseRequestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, LicensePool pool, int seats, String note, String by, UUID byUser, Instant now) {
        jdbc.sql("""
                insert into purchase_requests (id, district_id, pool_id, seats, note, status, requested_by, requested_by_user, requested_at)
                values (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)""")
                .params(id, pool.districtId().value(), pool.id().value(), seats, note, by, byUser, Timestamp.from(now))
                .update();
    }

    Optional<PurchaseRequest> find(UUID id) {
        return jdbc.sql(SELECT + " where r.id = ?").param(id).query(PurchaseRequestStore::row).optional();
    }

    /** Locks the request row so that two fulfilments of one request serialize (the second sees FULFILLED). */
    Optional<PurchaseRequest> lock(UUID id) {
        return jdbc.sql(SELECT + " where r.id = ? for update of r").param(id).query(PurchaseRequestStore::row).optional();
    }

    void markFulfilled(UUID id, String by, String reference, Instant now) {
        jdbc.sql("update purchase_requests set status = 'FULFILLED', fulfilled_by = ?, fulfilled_at = ?, purchase_reference = ? where id = ?")
                .params(by, Timestamp.from(now), reference, id).update();
    }

    void markDeclined(UUID id, String by, String reason, Instant now) {
        jdbc.sql("update purchase_requests set status = 'DECLINED', declined_by = ?, declined_at = ?, decline_reason = ? where id = ?")
                .params(by, Timestamp.from(now), reason, id).update();
    }

    List<PurchaseRequest> open(int limit) {
        return jdbc.sql(SELECT + " where r.status = 'OPEN' order by r.requested_at, r.id limit ?").param(limit)
                .query(PurchaseRequestStore::row).list();
    }

    List<PurchaseRequest> recentlyFulfilled(int limit) {
        return jdbc.sql(SELECT + " where r.status = 'FULFILLED' order by r.fulfilled_at desc, r.id limit ?").param(limit)
                .query(PurchaseRequestStore::row).list();
    }

    List<PurchaseRequest> recentlyDeclined(int limit) {
        return jdbc.sql(SELECT + " where r.status = 'DECLINED' order by r.declined_at desc, r.id limit ?").param(limit)
                .query(PurchaseRequestStore::row).list();
    }

    List<PurchaseRequest> ofPool(PoolId pool, int limit) {
        return jdbc.sql(SELECT + " where r.pool_id = ? order by r.requested_at desc, r.id limit ?").params(pool.value(), limit)
                .query(PurchaseRequestStore::row).list();
    }

    List<PurchaseRequest> ofDistrict(DistrictId district, int limit) {
        return jdbc.sql(SELECT + " where r.district_id = ? order by r.requested_at desc, r.id limit ?").params(district.value(), limit)
                .query(PurchaseRequestStore::row).list();
    }

    private static PurchaseRequest row(ResultSet rs, int n) throws SQLException {
        return new PurchaseRequest(rs.getObject("id", UUID.class), new DistrictId(rs.getObject("district_id", UUID.class)),
                new PoolId(rs.getObject("pool_id", UUID.class)), rs.getString("product_name"), SeatType.valueOf(rs.getString("seat_type")),
                rs.getInt("seats"), rs.getString("note"), PurchaseRequest.Status.valueOf(rs.getString("status")),
                rs.getString("requested_by"), instant(rs, "requested_at"), rs.getString("fulfilled_by"), instant(rs, "fulfilled_at"),
                rs.getString("purchase_reference"), rs.getString("declined_by"), instant(rs, "declined_at"), rs.getString("decline_reason"),
                rs.getInt("pool_seats"), rs.getInt("pool_assigned"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
