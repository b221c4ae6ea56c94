package com.seatkeeper.licensing;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one seat primitive: every seat taken or released goes through here, whatever asked for it (assign, bulk assign,
 * reassign, unassign, renewal carry-over, expiry, deactivation, roster changes and bulk roster applies). Set-based: a
 * list of people in, one statement per pool for seats taken and one statement for a release over any number of pools,
 * each writing its ledger rows in the same statement. Counting is the database's: the statement-level triggers of V21
 * add each pool's summed delta to {@code license_pools.assigned}, whose CHECK (assigned &lt;= seats) refuses a statement
 * that would oversubscribe a pool as a whole. Lock order, as in every seat change: the caller has locked the people's
 * roster rows; pools are locked in id order (a seat statement locks its pool first; a release's trigger locks the
 * pools it changed, in id order, at the end of the statement).
 */
@Repository
class SeatChanges {
    private final JdbcClient jdbc;

    SeatChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A seat ended by a release: its district, pool and holder. */
    record Released(DistrictId districtId, PoolId poolId, UserId userId) {}

    /** The outcome of {@link #seat}: the pool's counts when it was locked (before the seats), and who got a seat. */
    record Seating(LicensePool lockedPool, List<UserId> seated) {}

    /**
     * Which unreleased seats a release ends, each with its own reason or {@code null} for the write's: a query over
     * {@code assignments a} that selects {@code id} and {@code reason}.
     */
    sealed interface Seats {
        /**
         * The unreleased seats of {@code :people} (each person once), as {@code a}, read person by person through the index
         * assignments_active_by_user; a FROM clause to filter further (by pool). A LATERAL subquery with {@code OFFSET 0}
         * cannot be turned into a join: for a long list of people PostgreSQL's estimate is far off and it would otherwise
         * walk a pool's whole holders index (10,000 people among 750,000 holders: 0.5–0.8 s that way, 15–40 ms by person).
         */
        String BY_PERSON = """
                (select distinct id from unnest(cast(:people as uuid[])) as l(id)) people
                cross join lateral (select * from assignments s where s.user_id = people.id and s.released_at is null offset 0) a""";

        /** The selection: a query selecting {@code id} (an assignment's) and {@code reason} (text, may be null). */
        String sql();

        /** The selection's named parameters. */
        Map<String, Object> params();

        /** Every unreleased seat (current or pending) of the people. */
        record OfPeople(List<UserId> people) implements Seats {
            public String sql() {
                return "select a.id, null::text as reason from assignments a where a.user_id = any(:people) and a.released_at is null";
            }

            public Map<String, Object> params() {
                return Map.of("people", ids(people));
            }
        }

        /**
         * The person's unreleased seat in the pool. Found by person (the unique index of their seats of the product and
         * seat type), not by pool: a large pool's index would be walked for one row otherwise.
         */
        record InPool(LicensePool pool, UserId person) implements Seats {
            public String sql() {
                return """
                        select a.id, null::text as reason from assignments a
                        where a.id in (select id from assignments where district_id = :district and product_id = :product
                                       and seat_type = :seatType and user_id = :person and released_at is null)
                          and a.pool_id = :pool""";
            }

            public Map<String, Object> params() {
                return Map.of("district", pool.districtId().value(), "product", pool.productId(), "seatType", pool.seatType().name(),
                        "person", person.value(), "pool", pool.id().value());
            }
        }

        /**
         * The people's unreleased seats in the pool (a bulk unassignment): found by person ({@link #BY_PERSON}), the pool
         * compared on those rows only, as {@link InPool} does for one person.
         */
        record OfPeopleInPool(LicensePool pool, List<UserId> people) implements Seats {
            public String sql() {
                return "select a.id, null::text as reason from " + BY_PERSON + " where a.pool_id = :pool";
            }

            public Map<String, Object> params() {
                return Map.of("people", ids(people), "pool", pool.id().value());
            }
        }

        /** The people's unreleased seats in the given pools (whose terms ended), each with the reason naming the term. */
        record Ended(List<UserId> people, List<PoolId> pools) implements Seats {
            public String sql() {
                return """
                        select a.id, 'term ' || lp.starts_on || ' to ' || lp.ends_on || ' ended' as reason
                        from %s join license_pools lp on lp.id = a.pool_id
                        where a.pool_id = any(:pools)""".formatted(BY_PERSON);
            }

            public Map<String, Object> params() {
                return Map.of("people", ids(people), "pools", pools.stream().map(PoolId::value).toArray(UUID[]::new));
            }
        }

        /** Every unreleased seat of the district's pools whose term ended before the day, with the reason naming the term. */
        record EndedInDistrict(DistrictId district, LocalDate today) implements Seats {
            public String sql() {
                return """
                        select a.id, 'term ' || lp.starts_on || ' to ' || lp.ends_on || ' ended' as reason
                        from assignments a join license_pools lp on lp.id = a.pool_id
                        where lp.district_id = :district and lp.ends_on < :today and a.released_at is null""";
            }

            public Map<String, Object> params() {
                return Map.of("district", district.value(), "today", Date.valueOf(today));
            }
        }

        /** Of the people, those now inactive in the district: every unreleased seat of theirs. */
        record OfInactive(DistrictId district, List<UserId> people) implements Seats {
            public String sql() {
                return """
                        select a.id, null::text as reason from assignments a join users u on u.id = a.user_id
                        where a.user_id = any(:people) and a.released_at is null and u.district_id = :district
                          and u.status = 'INACTIVE'""";
            }

            public Map<String, Object> params() {
                return Map.of("district", district.value(), "people", ids(people));
            }
        }

        /**
         * Of the people, those active in the district: the seats they no longer qualify for. The SQL form of
         * {@link SeatQualification#misfits} (seat type against role; a school pool's school among the person's schools),
         * with the reason {@link RosterChangeReleases#reason} gives when the role before the change is not known
         * ("role STUDENT does not fit this license", "no longer at Lincoln", or both joined by "; "). SeatMisfitSqlTest
         * checks the two agree for every role, seat type and school case.
         */
        record Misfits(DistrictId district, List<UserId> people) implements Seats {
            public String sql() {
                return """
                        select id, reason from (
                            select a.id,
                                   (a.seat_type = 'STUDENT') <> (u.role = 'STUDENT') as role_misfit,
                                   lp.school_id is not null
                                       and not exists (select 1 from user_schools us
                                                       where us.user_id = u.id and us.school_id = lp.school_id) as school_misfit,
                                   u.role, s.name as school_name
                            from assignments a
                            join users u on u.id = a.user_id
                            join license_pools lp on lp.id = a.pool_id
                            left join schools s on s.id = lp.school_id
                            where a.user_id = any(:people) and a.released_at is null and u.district_id = :district
                              and u.status = 'ACTIVE'
                        ) m
                        cross join lateral (select concat_ws('; ',
                                case when role_misfit then 'role ' || m.role || ' does not fit this license' end,
                                case when school_misfit then 'no longer at ' || m.school_name end) as reason) r
                        where role_misfit or school_misfit""";
            }

            public Map<String, Object> params() {
                return Map.of("district", district.value(), "people", ids(people));
            }
        }

        /** The seats with these ids, each with its reason (same order, same length). */
        record Listed(List<UUID> assignmentIds, List<String> reasons) implements Seats {
            public String sql() {
                return "select * from unnest(cast(:ids as uuid[]), cast(:reasons as text[])) as s(id, reason)";
            }

            public Map<String, Object> params() {
                return Map.of("ids", assignmentIds.toArray(UUID[]::new), "reasons", reasons.toArray(String[]::new));
            }
        }
    }

    /**
     * Locks, in id order, every pool in which one of the people holds an unreleased seat: before a change that releases
     * seats with several statements, so all of them together still lock pools in id order.
     */
    void lockPoolsOf(List<UserId> people) {
        jdbc.sql("""
                select id from license_pools
                where id in (select pool_id from assignments where user_id = any(:people) and released_at is null)
                order by id for no key update""")
                .param("people", ids(people)).query(UUID.class).list();
    }

    /**
     * Ends the selected seats and writes one ledger row each ({@code assigned_delta} -1, the write's action, source, actor
     * and time; each seat's own reason or else the write's), in one statement. Returns the seats ended.
     */
    List<Released> release(Seats seats, LedgerWrite write) {
        return releaseQuery(seats, write, true, "select district_id, pool_id, user_id from r")
                .query((rs, n) -> new Released(new DistrictId(rs.getObject(1, UUID.class)), new PoolId(rs.getObject(2, UUID.class)),
                        new UserId(rs.getObject(3, UUID.class))))
                .list();
    }

    /** As {@link #release}, for any number of seats: answers only how many were ended. */
    long releaseCounting(Seats seats, LedgerWrite write) {
        return releaseQuery(seats, write, true, "select count(*) from r").query(Long.class).single();
    }

    /** Seats the selection would end, with their reasons, changing nothing (previews and tests): assignment id to reason. */
    Map<UUID, String> wouldRelease(Seats seats) {
        Map<UUID, String> out = new LinkedHashMap<>();
        jdbc.sql(seats.sql()).params(seats.params()).query((rs, n) -> out.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        return out;
    }

    private JdbcClient.StatementSpec releaseQuery(Seats seats, LedgerWrite write, boolean ledger, String result) {
        return jdbc.sql("with s as (" + seats.sql() + """
                ), r as (
                    update assignments a set released_at = :now, released_by = :actor, release_reason = :action
                    from s where a.id = s.id and a.released_at is null
                    returning a.district_id, a.pool_id, a.user_id, coalesce(s.reason, cast(:reason as text)) as reason
                ), l as (
                    insert into seat_ledger (district_id, pool_id, action, user_id, assigned_delta, seats_delta, reason, actor, source,
                                             occurred_at)
                    select district_id, pool_id, :action, user_id, -1, 0, reason, :actor, :source, :now from r where :ledger
                )
                """ + result)
                .params(seats.params()).param("now", Timestamp.from(write.at())).param("actor", write.actor())
                .param("action", write.action().name()).param("reason", write.reason()).param("source", write.source().name())
                .param("ledger", ledger);
    }

    /**
     * Gives the people seats of the pool, in list order, as many as the pool has left (the rest get none), with one ledger
     * row each ({@code assigned_delta} 1): one statement that locks the pool row first. {@code pending}: seats of a term
     * that has not started (renewal carry-over). The caller has locked the people and checked their eligibility.
     */
    Seating seat(LicensePool pool, List<UserId> people, boolean pending, LedgerWrite write) {
        return seat(pool, people, pending, write, null);
    }

    /**
     * Moves the seat of {@code from} in the pool to {@code to}: releases it (no ledger row of its own), then seats
     * {@code to} with one REASSIGNED ledger row naming both ({@code assigned_delta} 0). Released first, so the count never
     * passes the seats, even for a moment; works while the pool is full. False when {@code from} holds no seat there.
     */
    boolean reassign(LicensePool pool, UserId from, UserId to, LedgerWrite write) {
        LedgerWrite w = write.as(SeatAction.REASSIGNED);
        if (releaseQuery(new Seats.InPool(pool, from), w, false, "select count(*) from r").query(Long.class).single() == 0) {
            return false;
        }
        return !seat(pool, List.of(to), false, w, from).seated().isEmpty();
    }

    private Seating seat(LicensePool pool, List<UserId> people, boolean pending, LedgerWrite write, UserId from) {
        List<UserId> seated = new ArrayList<>();
        int[] counts = {pool.seats(), pool.assigned()};
        jdbc.sql("""
                with p as materialized (
                    select seats, assigned from license_pools where id = :pool for no key update
                ), a as (
                    insert into assignments (id, district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by, pending)
                    select uuid_v7(), :district, :pool, :product, :seatType, u.id, :now, :actor, :pending
                    from unnest(cast(:people as uuid[])) with ordinality as u(id, ord), p
                    where u.ord <= p.seats - p.assigned
                    returning user_id
                ), l as (
                    insert into seat_ledger (district_id, pool_id, action, user_id, from_user_id, assigned_delta, seats_delta, reason,
                                             actor, source, occurred_at)
                    select :district, :pool, :action, user_id, cast(:from as uuid), :delta, 0, :reason, :actor, :source, :now from a
                )
                select p.seats, p.assigned, a.user_id from p left join a on true""")
                .param("pool", pool.id().value()).param("district", pool.districtId().value()).param("product", pool.productId())
                .param("seatType", pool.seatType().name()).param("now", Timestamp.from(write.at())).param("actor", write.actor())
                .param("pending", pending).param("people", ids(people)).param("action", write.action().name())
                .param("from", from == null ? null : from.value()).param("delta", from == null ? 1 : 0)
                .param("reason", write.reason()).param("source", write.source().name())
                .query((rs, n) -> {
                    counts[0] = rs.getInt(1);
                    counts[1] = rs.getInt(2);
                    UUID user = rs.getObject(3, UUID.class);
                    if (user != null) {
                        seated.add(new UserId(user));
                    }
                    return n;
                }).list();
        LicensePool locked = new LicensePool(pool.id(), pool.districtId(), pool.productId(), pool.productCode(), pool.productName(),
                pool.seatType(), pool.schoolId(), counts[0], counts[1], pool.startsOn(), pool.endsOn());
        return new Seating(locked, List.copyOf(seated));
    }

    private static UUID[] ids(List<UserId> people) {
        return people.stream().map(UserId::value).toArray(UUID[]::new);
    }
}
