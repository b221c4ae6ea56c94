package com.seatkeeper.licensing;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many people and seats at once for the licensing list tests, inserted by SQL in one statement each (creating thousands
 * through the API would take minutes): active students of one school, and seats with distinct assignment times.
 */
public final class ManyPeople {
    private ManyPeople() {}

    /** {@code n} active students of the school; family names "family tag 000001" onwards sort in insertion order. */
    public static List<String> students(JdbcClient jdbc, String districtId, String schoolId, int n, String family) {
        UUID district = UUID.fromString(districtId);
        List<String> ids = jdbc.sql("""
                        insert into users (id, district_id, given_name, family_name, role, status, source, created_at, updated_at)
                        select gen_random_uuid(), ?, 'Student', ? || ' ' || lpad(g::text, 6, '0'), 'STUDENT', 'ACTIVE', 'UPLOAD', now(), now()
                        from generate_series(1, ?) g order by g returning id""")
                .params(district, family + " " + UUID.randomUUID().toString().substring(0, 8), n).query(UUID.class).list()
                .stream().map(UUID::toString).toList();
        jdbc.sql("insert into user_schools (district_id, user_id, school_id) select ?, unnest(?::uuid[]), ?")
                .params(district, ids.stream().map(UUID::fromString).toArray(UUID[]::new), UUID.fromString(schoolId)).update();
        return ids;
    }

    /** Seats of the pool for the people in one statement, one second apart from a day ago, without ledger rows. */
    public static void seat(JdbcClient jdbc, String poolId, List<String> people) {
        jdbc.sql("""
                insert into assignments (id, district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by)
                select gen_random_uuid(), lp.district_id, lp.id, lp.product_id, lp.seat_type, u.id,
                       now() - interval '1 day' + u.n * interval '1 second', 'sql'
                from unnest(?::uuid[]) with ordinality as u(id, n) join license_pools lp on lp.id = ?""")
                .params(people.stream().map(UUID::fromString).toArray(UUID[]::new), UUID.fromString(poolId)).update();
    }
}
