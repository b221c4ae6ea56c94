package com.seatkeeper.licensing;

import com.seatkeeper.roster.changes.RosterSeatEffects;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of auto-assignment (table {@code auto_assign_rules}, V24): a pool's rules, and who matches them. Who matches is one
 * SQL condition, {@link #MATCHES}, used by every query here, so the people seated, the people left without and the
 * pool's "waiting" count cannot disagree. Nothing loops over people: each query works on all of a pool's people at once.
 */
@Repository
class AutoAssignStore {
    /**
     * Person {@code u} matches pool {@code lp}: active in the pool's district; qualified for its seats (the SQL form of
     * {@link SeatQualification}: the seat type fits the role, a school pool's school is among theirs); named by one of its
     * rules (the rule's role; its school among theirs; enrolled, as that role, in a class of its course, ignoring case;
     * of its grade, read as a CEDS code by {@code ceds_grade}); and holding no current (not pending) unreleased seat of
     * the pool's product and seat type in any pool (the unique index {@code assignments_one_active_seat} answers that),
     * nor a pending seat of this pool (carried over to it by a renewal: one seat per person and pool).
     */
    static final String MATCHES = """
            u.district_id = lp.district_id and u.status = 'ACTIVE'
            and (lp.seat_type = 'STUDENT') = (u.role = 'STUDENT')
            and (lp.school_id is null
                 or exists (select 1 from user_schools us where us.user_id = u.id and us.school_id = lp.school_id))
            and exists (select 1 from auto_assign_rules r
                        where r.district_id = lp.district_id and r.pool_id = lp.id and r.person_role = u.role
                          and (r.school_id is null
                               or exists (select 1 from user_schools us where us.user_id = u.id and us.school_id = r.school_id))
                          and (r.course is null
                               or exists (select 1 from enrollments e join classes c on c.id = e.class_id
                                          where e.user_id = u.id and e.role = r.person_role and lower(c.course) = lower(r.course)))
                          and (r.grade is null or ceds_grade(u.grade) = r.grade))
            and not exists (select 1 from assignments a
                            where a.district_id = lp.district_id and a.product_id = lp.product_id and a.seat_type = lp.seat_type
                              and a.user_id = u.id and a.released_at is null and (not a.pending or a.pool_id = lp.id))""";

    /** The stable order in which matching people get seats: the roster's oldest first, then by name, then id. */
    static final String STABLE_ORDER = "u.created_at, u.family_name, u.given_name, u.id";

    private final JdbcClient jdbc;

    AutoAssignStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The pool's rules in their order. */
    List<AutoAssignRule> rules(LicensePool pool) {
        return jdbc.sql("""
                        select kind, school_id, course, grade from auto_assign_rules
                        where district_id = :d and pool_id = :pool order by position""")
                .param("d", pool.districtId().value()).param("pool", pool.id().value())
                .query((rs, n) -> {
                    UUID school = rs.getObject("school_id", UUID.class);
                    return new AutoAssignRule(AutoAssignRule.Kind.valueOf(rs.getString("kind")),
                            school == null ? null : new SchoolId(school), rs.getString("course"), rs.getString("grade"));
                }).list();
    }

    /** Replaces the pool's rules (the caller has locked the pool row, so two replacements run one after the other). */
    void replace(LicensePool pool, List<AutoAssignRule> rules, String actor, Instant now) {
        jdbc.sql("delete from auto_assign_rules where district_id = :d and pool_id = :pool")
                .param("d", pool.districtId().value()).param("pool", pool.id().value()).update();
        for (int i = 0; i < rules.size(); i++) {
            AutoAssignRule r = rules.get(i);
            jdbc.sql("""
                            insert into auto_assign_rules (district_id, pool_id, position, kind, school_id, course, grade,
                                                           created_by, created_at)
                            values (:d, :pool, :position, :kind, :school, :course, :grade, :actor, :now)""")
                    .param("d", pool.districtId().value()).param("pool", pool.id().value()).param("position", i)
                    .param("kind", r.kind().name()).param("school", r.schoolId() == null ? null : r.schoolId().value())
                    .param("course", r.course()).param("grade", r.grade()).param("actor", actor).param("now", Timestamp.from(now))
                    .update();
        }
    }

    /** Gives the renewal {@code next} (same district, product, seat type and school) the rules of the pool it renews. */
    void copy(LicensePool renewed, PoolId next, String actor, Instant now) {
        jdbc.sql("""
                        insert into auto_assign_rules (district_id, pool_id, position, kind, school_id, course, grade,
                                                       created_by, created_at)
                        select district_id, :next, position, kind, school_id, course, grade, :actor, :now from auto_assign_rules
                        where district_id = :d and pool_id = :renewed""")
                .param("d", renewed.districtId().value()).param("renewed", renewed.id().value()).param("next", next.value())
                .param("actor", actor).param("now", Timestamp.from(now)).update();
    }

    /** The district's pools that have rules and whose term covers the day (the district's date). */
    List<PoolId> currentPoolsWithRules(DistrictId district, LocalDate today) {
        return jdbc.sql("""
                        select lp.id from license_pools lp
                        where lp.district_id = :d and lp.starts_on <= :today and lp.ends_on >= :today
                          and exists (select 1 from auto_assign_rules r where r.district_id = lp.district_id and r.pool_id = lp.id)
                        order by lp.id""")
                .param("d", district.value()).param("today", Date.valueOf(today))
                .query((rs, n) -> new PoolId(rs.getObject(1, UUID.class))).list();
    }

    /**
     * Locks up to {@code n} people who match the pool, in the stable order, skipping people whose row another
     * transaction holds (a console change of them in progress; they are matched again at the next apply). Skipping
     * rather than waiting is what keeps the lock order deadlock-free: this runs after the pools are locked, and a
     * transaction holding a person may be waiting for one of those pools.
     */
    List<UserId> lockMatching(LicensePool pool, int n) {
        return jdbc.sql("""
                        select u.id from license_pools lp join users u on u.district_id = lp.district_id
                        where lp.id = :pool and %s
                        order by %s limit :n for no key update of u skip locked""".formatted(MATCHES, STABLE_ORDER))
                .param("pool", pool.id().value()).param("n", n)
                .query((rs, i) -> new UserId(rs.getObject(1, UUID.class))).list();
    }

    /**
     * Of the people (locked by {@link #lockMatching}), those who match the pool as they are now, in the stable order.
     * A statement of its own: the locking statement judged them on what it read before it waited for nothing but the lock.
     */
    List<UserId> stillMatching(LicensePool pool, List<UserId> people) {
        return jdbc.sql("""
                        select u.id from license_pools lp join users u on u.district_id = lp.district_id
                        where lp.id = :pool and u.id = any(:people) and %s
                        order by %s""".formatted(MATCHES, STABLE_ORDER))
                .param("pool", pool.id().value()).param("people", people.stream().map(UserId::value).toArray(UUID[]::new))
                .query((rs, i) -> new UserId(rs.getObject(1, UUID.class))).list();
    }

    /**
     * Everyone who matches one of the pools and holds no seat: each once, with the pool they would take last (a
     * district-wide pool after school pools, the higher id after the lower), in the stable order.
     */
    List<RosterSeatEffects.LeftWithout> leftWithout(List<PoolId> pools) {
        return jdbc.sql("""
                        select id, pool_id, code from (
                            select distinct on (u.id) u.id, lp.id as pool_id, p.code, u.created_at, u.family_name, u.given_name
                            from license_pools lp join products p on p.id = lp.product_id
                            join users u on u.district_id = lp.district_id
                            where lp.id = any(:pools) and %s
                            order by u.id, lp.school_id is null desc, lp.id desc
                        ) u order by %s""".formatted(MATCHES, STABLE_ORDER))
                .param("pools", pools.stream().map(PoolId::value).toArray(UUID[]::new))
                .query((rs, n) -> new RosterSeatEffects.LeftWithout(new UserId(rs.getObject(1, UUID.class)), rs.getString(3),
                        new PoolId(rs.getObject(2, UUID.class))))
                .list();
    }

    /** Per pool of the district whose term covers the day and that has rules: how many match it and hold no seat. */
    Map<PoolId, Long> waiting(DistrictId district, LocalDate today) {
        Map<PoolId, Long> out = new HashMap<>();
        jdbc.sql("""
                        select lp.id, (select count(*) from users u where %s)
                        from license_pools lp
                        where lp.district_id = :d and lp.starts_on <= :today and lp.ends_on >= :today
                          and exists (select 1 from auto_assign_rules r where r.district_id = lp.district_id and r.pool_id = lp.id)
                        """.formatted(MATCHES))
                .param("d", district.value()).param("today", Date.valueOf(today))
                .query(rs -> {
                    out.put(new PoolId(rs.getObject(1, UUID.class)), rs.getLong(2));
                });
        return out;
    }

    /** The course titles the district's classes carry, by their lower-case form (one spelling each). */
    Map<String, String> courses(DistrictId district) {
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.sql("""
                        select distinct on (lower(course)) lower(course), course from classes
                        where district_id = :d and course is not null order by lower(course), course""")
                .param("d", district.value())
                .query(rs -> {
                    out.put(rs.getString(1), rs.getString(2));
                });
        return out;
    }
}
