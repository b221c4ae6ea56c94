package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the licensing module: pools, purchases, reads of seats and the ledger rows that take or release no seat. Seats
 * are taken and released only by {@link SeatChanges}. Seat counts live on the pool row and are kept by database triggers
 * on assignments (statement-level, V21) and purchases, with a CHECK (assigned <= seats): see V1__core_schema.sql.
 */
@Repository
class LicenseStore {
    private static final String POOL_SELECT = """
            select lp.id, lp.district_id, lp.product_id, p.code as product_code, p.name as product_name, lp.seat_type,
                   lp.school_id, lp.seats, lp.assigned, lp.starts_on, lp.ends_on
            from license_pools lp join products p on p.id = lp.product_id
            """;

    private final JdbcClient jdbc;

    LicenseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertPool(PoolId id, DistrictId district, UUID productId, SeatType seatType, SchoolId school,
                    LocalDate startsOn, LocalDate endsOn, Instant now) {
        jdbc.sql("""
                insert into license_pools (id, district_id, product_id, seat_type, school_id, starts_on, ends_on, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id.value(), district.value(), productId, seatType.name(), school == null ? null : school.value(),
                        Date.valueOf(startsOn), Date.valueOf(endsOn), Timestamp.from(now))
                .update();
    }

    Optional<LicensePool> pool(PoolId id) {
        return jdbc.sql(POOL_SELECT + " where lp.id = ?").param(id.value()).query(LicenseStore::pool).optional();
    }

    List<LicensePool> pools(DistrictId district) {
        return jdbc.sql(POOL_SELECT + " where lp.district_id = ? order by p.name, lp.seat_type, lp.starts_on")
                .param(district.value()).query(LicenseStore::pool).list();
    }

    /**
     * Locks the pool row for a seat change and returns its current counts. Every seat change of
     * a pool passes here (or through the trigger's update of the same row), so they serialize.
     */
    LicensePool lockPool(PoolId id) {
        return jdbc.sql(POOL_SELECT + " where lp.id = ? for no key update of lp").param(id.value()).query(LicenseStore::pool).single();
    }

    /** Locks the pools in id order (the order of every seat change) and returns them with their current counts. */
    List<LicensePool> lockPools(List<PoolId> ids) {
        return jdbc.sql(POOL_SELECT + " where lp.id = any(?) order by lp.id for no key update of lp")
                .param(ids.stream().map(PoolId::value).toArray(UUID[]::new)).query(LicenseStore::pool).list();
    }

    /** An unreleased seat of a person: the product's code, the pool, and whether its term ended before the day. */
    record ProductSeat(UserId userId, String productCode, PoolId poolId, boolean ended) {}

    /** The people's unreleased seats (current and pending) of the products with these codes, read by person. */
    List<ProductSeat> seatsOfProducts(List<UserId> people, Set<String> codes, LocalDate today) {
        return jdbc.sql("""
                select a.user_id, p.code, a.pool_id, lp.ends_on < ? as ended
                from assignments a join products p on p.id = a.product_id join license_pools lp on lp.id = a.pool_id
                where a.user_id = any(?) and a.released_at is null and p.code = any(?)""")
                .params(Date.valueOf(today), people.stream().map(UserId::value).toArray(UUID[]::new), codes.toArray(String[]::new))
                .query((rs, n) -> new ProductSeat(new UserId(rs.getObject(1, UUID.class)), rs.getString(2),
                        new PoolId(rs.getObject(3, UUID.class)), rs.getBoolean(4)))
                .list();
    }

    void insertPurchase(PoolId pool, DistrictId district, int seats, String reference, String by, Instant now) {
        jdbc.sql("""
                insert into purchases (id, district_id, pool_id, seats, reference, purchased_by, purchased_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), district.value(), pool.value(), seats, reference, by, Timestamp.from(now))
                .update();
    }

    /**
     * The person's unreleased seats of the pool's product and seat type (at most one current and one pending, by the
     * unique indexes), each with its pool's term; read by person (index assignments_active_by_user).
     */
    Holdings seatsOf(LicensePool pool, UserId user) {
        return new Holdings(jdbc.sql("""
                select a.pool_id, lp.starts_on, lp.ends_on from assignments a join license_pools lp on lp.id = a.pool_id
                where a.user_id = ? and a.released_at is null and a.district_id = ? and a.product_id = ? and a.seat_type = ?""")
                .params(user.value(), pool.districtId().value(), pool.productId(), pool.seatType().name())
                .query((rs, n) -> new Holdings.HeldSeat(new PoolId(rs.getObject(1, UUID.class)), rs.getDate(2).toLocalDate(),
                        rs.getDate(3).toLocalDate()))
                .list());
    }

    /** The people's unreleased seats of a product and seat type, with their pools' terms (index assignments_active_by_user). */
    static final String SEATS_OF_MANY = """
            select a.user_id, a.pool_id, lp.starts_on, lp.ends_on from assignments a join license_pools lp on lp.id = a.pool_id
            where a.user_id = any(:people) and a.released_at is null and a.district_id = :district and a.product_id = :product
              and a.seat_type = :seatType""";

    /**
     * As {@link #seatsOf} for many people at once, in one statement (for bulk assignment): each person's unreleased seats
     * of the pool's product and seat type; people without any map to empty holdings.
     */
    Map<UserId, Holdings> seatsOf(LicensePool pool, List<UserId> users) {
        Map<UserId, List<Holdings.HeldSeat>> seats = new HashMap<>();
        users.forEach(u -> seats.put(u, new ArrayList<>(1)));
        jdbc.sql(SEATS_OF_MANY)
                .param("people", users.stream().map(UserId::value).toArray(UUID[]::new)).param("district", pool.districtId().value())
                .param("product", pool.productId()).param("seatType", pool.seatType().name())
                .query(rs -> {
                    seats.computeIfAbsent(new UserId(rs.getObject(1, UUID.class)), k -> new ArrayList<>(1)).add(new Holdings.HeldSeat(
                            new PoolId(rs.getObject(2, UUID.class)), rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate()));
                });
        Map<UserId, Holdings> out = new HashMap<>();
        seats.forEach((u, list) -> out.put(u, new Holdings(List.copyOf(list))));
        return out;
    }

    /**
     * A pool of the same district, product, seat type and school (or district-wide, when {@code school} is null) whose
     * term shares a day with the given one, other than {@code except}. Concurrent pool openings of the same product and
     * seat type in a district are serialized by a transaction-level advisory lock first, so two cannot both pass.
     */
    Optional<LicensePool> overlapping(DistrictId district, UUID product, SeatType seatType, SchoolId school, LocalDate startsOn,
                                      LocalDate endsOn, PoolId except) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param("license_pools:" + district.value() + ":" + product + ":" + seatType.name()).query((rs, n) -> 1).list();
        return jdbc.sql(POOL_SELECT + """
                 where lp.district_id = :district and lp.product_id = :product and lp.seat_type = :seatType
                   and lp.school_id is not distinct from :school and lp.starts_on <= :endsOn and lp.ends_on >= :startsOn
                   and lp.id <> :except
                 order by lp.starts_on limit 1""")
                .param("district", district.value()).param("product", product).param("seatType", seatType.name())
                .param("school", school == null ? null : school.value()).param("endsOn", Date.valueOf(endsOn))
                .param("startsOn", Date.valueOf(startsOn)).param("except", except == null ? new UUID(0, 0) : except.value())
                .query(LicenseStore::pool).optional();
    }

    /** Records that a pool continues another one (its renewal). */
    void markRenewalOf(PoolId renewal, PoolId renewed) {
        jdbc.sql("update license_pools set renewal_of = ? where id = ?").params(renewed.value(), renewal.value()).update();
    }

    /** Every holder of the pool, in the stable order of a renewal: assigned date, then id. */
    List<HolderRow> allHolders(PoolId pool) {
        return jdbc.sql("""
                select user_id, assigned_at, assigned_by, last_active_at from assignments
                where pool_id = ? and released_at is null order by assigned_at, user_id""")
                .param(pool.value()).query(LicenseStore::holderRow).list();
    }

    /** Of the given people, those who already hold a pending seat of the pool's product and seat type. */
    List<UserId> withPendingSeat(LicensePool pool, List<UserId> users) {
        return jdbc.sql("""
                select user_id from assignments where user_id = any(?) and released_at is null and pending
                  and district_id = ? and product_id = ? and seat_type = ?""")
                .params(users.stream().map(UserId::value).toArray(UUID[]::new), pool.districtId().value(), pool.productId(),
                        pool.seatType().name())
                .query((rs, n) -> new UserId(rs.getObject(1, UUID.class))).list();
    }

    /*
     * Finding one person's active seat in a pool. "pool_id = ? and user_id = ? and released_at is
     * null" lets PostgreSQL walk all active seats of the pool (index assignments_holders_by_pool)
     * and filter by person, which it chose for pools filled since the last ANALYZE: thousands of
     * rows read for every unassignment of a large pool. So these queries (and SeatChanges.Seats.InPool)
     * find the row by person instead (the unique index of active seats, or the index of a person's
     * active seats) and compare the pool only on that row.
     */

    Optional<HolderRow> holder(PoolId pool, UserId user) {
        // a person holds a few licenses at most: read them by person, pick the pool's here
        return jdbc.sql("""
                select pool_id, user_id, assigned_at, assigned_by, last_active_at from assignments
                where user_id = ? and released_at is null""")
                .param(user.value())
                .query((rs, n) -> pool.value().equals(rs.getObject("pool_id", UUID.class)) ? holderRow(rs, n) : null)
                .list().stream().filter(Objects::nonNull).findFirst();
    }

    /** Of the people, those holding an unreleased seat of the pool (read by person: {@link SeatChanges.Seats#BY_PERSON}). */
    List<UserId> holdersAmong(PoolId pool, List<UserId> users) {
        return jdbc.sql("select a.user_id from " + SeatChanges.Seats.BY_PERSON + " where a.pool_id = :pool")
                .param("people", users.stream().map(UserId::value).toArray(UUID[]::new)).param("pool", pool.value())
                .query((rs, n) -> new UserId(rs.getObject(1, UUID.class))).list();
    }

    record HolderRow(UserId userId, Instant assignedAt, String assignedBy, Instant lastActiveAt) {}

    /** A license someone holds, with the district of the seat (always the holder's: a foreign key keeps them equal). */
    record HeldLicense(DistrictId districtId, UserLicense license) {}

    /**
     * The person's unreleased seats, each with its status on today's date in the district's time zone: one statement (the
     * district row is joined for its time zone; the date is computed here from the injected clock's instant).
     */
    List<HeldLicense> licensesOf(UserId user, Instant now) {
        Map<String, LocalDate> todayIn = new HashMap<>(2);
        return jdbc.sql("""
                select a.district_id, a.pool_id, p.code, p.name, a.seat_type, a.assigned_at, lp.starts_on, lp.ends_on, d.timezone
                from assignments a
                join license_pools lp on lp.id = a.pool_id
                join products p on p.id = a.product_id
                join districts d on d.id = a.district_id
                where a.user_id = ? and a.released_at is null
                order by p.code, a.seat_type, lp.starts_on""")
                .param(user.value())
                .query((rs, n) -> {
                    LocalDate startsOn = rs.getDate("starts_on").toLocalDate();
                    LocalDate endsOn = rs.getDate("ends_on").toLocalDate();
                    LocalDate today = todayIn.computeIfAbsent(rs.getString("timezone"), tz -> LocalDate.ofInstant(now, ZoneId.of(tz)));
                    return new HeldLicense(new DistrictId(rs.getObject("district_id", UUID.class)),
                            new UserLicense(new PoolId(rs.getObject("pool_id", UUID.class)), rs.getString("code"),
                                    rs.getString("name"), SeatType.valueOf(rs.getString("seat_type")), instant(rs, "assigned_at"),
                                    startsOn, endsOn, SeatStatus.of(startsOn, endsOn, today)));
                })
                .list();
    }

    /**
     * Writes a ledger row about the pool itself or a refused change (POOL_OPENED, PURCHASED, REFUSED): no seat is taken or
     * released, so {@code assigned_delta} is 0. Seats taken and released write their rows through {@link SeatChanges}.
     *
     * @param user       the person a refusal was about, or null
     * @param seatsDelta seats added by the row (an opening's or a purchase's), else 0
     */
    void note(LicensePool pool, LedgerWrite write, UserId user, int seatsDelta) {
        jdbc.sql("""
                insert into seat_ledger (district_id, pool_id, action, user_id, assigned_delta, seats_delta, reason, actor, source,
                                         occurred_at)
                values (?, ?, ?, ?, 0, ?, ?, ?, ?, ?)""")
                .params(pool.districtId().value(), pool.id().value(), write.action().name(), user == null ? null : user.value(),
                        seatsDelta, write.reason(), write.actor(), write.source().name(), Timestamp.from(write.at()))
                .update();
    }

    /**
     * As {@link #note} for several people with one reason each (a bulk assignment's refusals), in one statement: one
     * REFUSED-style row per person, {@code assigned_delta} and {@code seats_delta} 0.
     */
    void noteEach(LicensePool pool, LedgerWrite write, List<UserId> users, List<String> reasons) {
        if (users.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into seat_ledger (district_id, pool_id, action, user_id, assigned_delta, seats_delta, reason, actor, source,
                                         occurred_at)
                select ?, ?, ?, u.id, 0, 0, u.reason, ?, ?, ? from unnest(?::uuid[], ?::text[]) with ordinality as u(id, reason, ord)
                order by u.ord""")
                .params(pool.districtId().value(), pool.id().value(), write.action().name(), write.actor(), write.source().name(),
                        Timestamp.from(write.at()), users.stream().map(UserId::value).toArray(UUID[]::new), reasons.toArray(String[]::new))
                .update();
    }

    private static LicensePool pool(ResultSet rs, int n) throws SQLException {
        UUID school = rs.getObject("school_id", UUID.class);
        return new LicensePool(new PoolId(rs.getObject("id", UUID.class)), new DistrictId(rs.getObject("district_id", UUID.class)),
                rs.getObject("product_id", UUID.class), rs.getString("product_code"), rs.getString("product_name"),
                SeatType.valueOf(rs.getString("seat_type")), school == null ? null : new SchoolId(school),
                rs.getInt("seats"), rs.getInt("assigned"), rs.getDate("starts_on").toLocalDate(), rs.getDate("ends_on").toLocalDate());
    }

    private static HolderRow holderRow(ResultSet rs, int n) throws SQLException {
        return new HolderRow(new UserId(rs.getObject("user_id", UUID.class)), instant(rs, "assigned_at"), rs.getString("assigned_by"),
                instant(rs, "last_active_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
