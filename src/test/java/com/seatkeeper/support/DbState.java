package com.seatkeeper.support;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a refusal must not change, read straight from the database in one statement (one
 * snapshot): row counts of every roster and seat table plus fingerprints of who holds which
 * seat, each pool's counts and each person's status. Refusal rows of the seat ledger are left
 * out: a refused change is recorded there on purpose.
 */
public record DbState(Map<String, Object> values) {

    /** The whole database. */
    public static DbState of(JdbcClient jdbc) {
        return read(jdbc, null);
    }

    /** One district's data. */
    public static DbState ofDistrict(JdbcClient jdbc, String districtId) {
        return read(jdbc, UUID.fromString(districtId));
    }

    private static DbState read(JdbcClient jdbc, UUID district) {
        String inDistrict = district == null ? "true" : "district_id = :d";
        String sql = """
                select
                  (select count(*) from districts where %2$s) as districts,
                  (select count(*) from schools where %1$s) as schools,
                  (select count(*) from users where %1$s) as users,
                  (select md5(coalesce(string_agg(id || ':' || role || ':' || status, ',' order by id), '')) from users where %1$s) as people,
                  (select count(*) from user_schools where %1$s) as user_schools,
                  (select count(*) from classes where %1$s) as classes,
                  (select count(*) from enrollments where %1$s) as enrollments,
                  (select count(*) from license_pools where %1$s) as pools,
                  (select md5(coalesce(string_agg(id || ':' || seats || ':' || assigned || ':' || starts_on || ':' || ends_on, ','
                          order by id), '')) from license_pools where %1$s) as pool_counts,
                  (select count(*) from purchases where %1$s) as purchases,
                  (select count(*) from assignments where %1$s) as assignments,
                  (select md5(coalesce(string_agg(pool_id || ':' || user_id, ',' order by pool_id, user_id), ''))
                          from assignments where released_at is null and %1$s) as holders,
                  (select count(*) from seat_ledger where action <> 'REFUSED' and %1$s) as seat_changes,
                  (select count(*) from products where %3$s) as products
                """.formatted(inDistrict, district == null ? "true" : "id = :d", district == null ? "true" : "false");
        var spec = jdbc.sql(sql);
        if (district != null) {
            spec = spec.param("d", district);
        }
        return new DbState(new TreeMap<>(spec.query().singleRow()));
    }

    /**
     * The row version ({@code xmin}) of every roster row of the district, per table: equal before and after a change
     * only when that change rewrote no roster row (re-import and re-sync idempotence).
     */
    /** The rows a run has staged (its schema's {@code staged_rows}); 0 once its staging is dropped. */
    public static long stagedRows(JdbcClient jdbc, java.util.UUID run) {
        String table = new com.seatkeeper.roster.changes.SyncRunId(run).stagingSchema() + ".staged_rows";
        boolean exists = jdbc.sql("select to_regclass(?) is not null").param(table).query(Boolean.class).single();
        return exists ? jdbc.sql("select count(*) from " + table).query(Long.class).single() : 0;
    }

    public static Map<String, Object> rowVersions(JdbcClient jdbc, String district) {
        return jdbc.sql("""
                        select
                          (select string_agg(id || ':' || xmin, ',' order by id) from users where district_id = :d) as users,
                          (select string_agg(user_id || '/' || school_id || ':' || xmin, ',' order by user_id, school_id)
                             from user_schools where district_id = :d) as user_schools,
                          (select string_agg(id || ':' || xmin, ',' order by id) from schools where district_id = :d) as schools,
                          (select string_agg(id || ':' || xmin, ',' order by id) from classes where district_id = :d) as classes,
                          (select string_agg(class_id || '/' || user_id || ':' || xmin, ',' order by class_id, user_id)
                             from enrollments where district_id = :d) as enrollments
                        """).param("d", UUID.fromString(district)).query().singleRow();
    }
}
