package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The EXPLAIN guard of the licensing lists: after loading two districts of realistic shape (one of 30,000 students with
 * 20,000 seats held and their ledger, whose lists are checked, and a larger one in the same tables) and ANALYZE, each list's production
 * query, taken from {@link LicenseListStore} and {@link LicenseStore} (not a copy), is explained with real parameters; a
 * Seq Scan of a large table anywhere in its plan fails, naming the query and showing the plan. All in one transaction,
 * rolled back. (A small harness of its own until the shared support.QueryPlans is on main.)
 */
@ApiTest
class LicensingQueryPlansTest {
    private static final Set<String> LARGE_TABLES = Set.of("users", "user_schools", "assignments", "seat_ledger", "seat_ledger_days");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    DataSource dataSource;

    @Test
    void everyLicensingListIsAnsweredFromIndexes() {
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            NamedParameterJdbcTemplate sql = new NamedParameterJdbcTemplate(dataSource);
            Loaded big = load(sql, 30_000, 20_000);
            load(sql, 90_000, 70_000); // the tables hold other districts' rows too, as in production

            // the day sums of many other pools over three years (one row per pool and day), as a vendor's database holds
            // them: without them the table holds what other tests left, and its plan depends on their order
            sql.getJdbcTemplate().execute("""
                    insert into seat_ledger_days (pool_id, day, seats, assigned)
                    select p.id, date '2024-01-01' + d, 0, 1 from (select gen_random_uuid() as id from generate_series(1, 200)) p
                    cross join generate_series(0, 1094) d""");
            sql.getJdbcTemplate().execute("analyze users; analyze user_schools; analyze assignments; analyze seat_ledger; analyze license_pools; "
                    + "analyze seat_ledger_days");

            PoolId pool = big.pool();
            Set<SchoolId> school = Set.of(big.school());
            ListCursor.Position holderAt = new ListCursor.Position(big.midAssignedAt(), big.midHolder().toString());
            ListCursor.Position ledgerAt = new ListCursor.Position(big.midLedgerAt(), Long.toString(big.midLedgerId()));
            LicenseListStore.LedgerFilter everything = new LicenseListStore.LedgerFilter(null, null, null);
            LicenseListStore.LedgerFilter person = new LicenseListStore.LedgerFilter(new UserId(big.midHolder()), null, null);
            List<Checked> queries = new ArrayList<>();
            queries.add(new Checked("holders page, first", LicenseListStore.holdersPage(pool, null, null, 0, 51)));
            queries.add(new Checked("holders page, after a cursor", LicenseListStore.holdersPage(pool, null, holderAt, 0, 51)));
            queries.add(new Checked("holders page of a school admin", LicenseListStore.holdersPage(pool, school, holderAt, 0, 51)));
            queries.add(new Checked("holders count of a school admin", LicenseListStore.holdersCount(pool, school)));
            queries.add(new Checked("holders CSV", exported(sql, LicenseListStore.holdersExport(pool, null)), true));
            queries.add(new Checked("holders CSV of a school admin", exported(sql, LicenseListStore.holdersExport(pool, school)), true));
            queries.add(new Checked("ledger page, first", LicenseListStore.ledgerPage(pool, everything, null, 0, 51)));
            queries.add(new Checked("ledger page, after a cursor", LicenseListStore.ledgerPage(pool, everything, ledgerAt, 0, 51)));
            queries.add(new Checked("ledger page of one person", LicenseListStore.ledgerPage(pool, person, null, 0, 51)));
            queries.add(new Checked("ledger count of one person", LicenseListStore.ledgerCount(pool, person)));
            queries.add(new Checked("ledger count", LicenseListStore.ledgerCount(pool, everything)));
            queries.add(new Checked("holders page chart: ledger per day", new LicenseListStore.Sql(LicenseQueryStore.LEDGER_DAYS,
                    Map.of("pool", pool.value()))));
            LicensePool licensePool = new LicensePool(pool, big.district(), big.product(), "PLAN", "Plan", SeatType.STUDENT, null,
                    30_000, 20_000, LocalDate.now().minusDays(30), LocalDate.now().plusDays(300));
            queries.add(new Checked("picker: people without a license", LicenseListStore.choicesQuery(big.district(),
                    new LicenseListStore.Who.Candidates(licensePool, LocalDate.now()), null, null, 21)));
            // the pickers over any role list people by name: V27's users_district_name (roster lists) is that order; they are
            // checked once it is migrated (the students' picker above uses the role's name index, there before and after)
            if (Boolean.TRUE.equals(sql.queryForObject("select to_regclass('users_district_name') is not null", Map.of(), Boolean.class))) {
                queries.add(new Checked("picker: holders", LicenseListStore.choicesQuery(big.district(),
                        new LicenseListStore.Who.HoldersOf(List.of(pool)), null, null, 21)));
                queries.add(new Checked("picker: people in the ledger", LicenseListStore.choicesQuery(big.district(),
                        new LicenseListStore.Who.InLedgerOf(pool), null, null, 21)));
            }
            queries.add(new Checked("bulk assignment: the people's seats", new LicenseListStore.Sql(LicenseStore.SEATS_OF_MANY,
                    Map.of("people", big.someStudents(), "district", big.district().value(), "product", big.product(),
                            "seatType", "STUDENT"))));
            // read by person whatever the pool's size (a long id list's estimate once made PostgreSQL walk the pool's index)
            queries.add(new Checked("bulk unassignment: the people's seats in the pool", new LicenseListStore.Sql(
                    "select a.id from " + SeatChanges.Seats.BY_PERSON + " where a.pool_id = :pool",
                    Map.of("people", big.someStudents(), "pool", pool.value())), false, "assignments_active_by_user"));

            List<String> failures = new ArrayList<>();
            for (Checked q : queries) {
                sql.getJdbcTemplate().execute(q.streamed() ? LicenseListStore.STREAM_IN_INDEX_ORDER : "set local enable_sort = on");
                String plan = sql.queryForObject("explain (format json) " + q.sql().text(), q.sql().params(), String.class);
                List<String> seqScans = new ArrayList<>();
                seqScansOf(JSON.readTree(plan), seqScans);
                if (!seqScans.isEmpty()) {
                    failures.add(q.name() + " scans " + seqScans + " sequentially; plan:\n" + plan);
                }
                if (q.index() != null && !plan.contains("\"Index Name\": \"" + q.index() + "\"")) {
                    failures.add(q.name() + " does not use " + q.index() + "; plan:\n" + plan);
                }
            }
            assertThat(failures).as("queries that scan a large table sequentially").isEmpty();
        });
    }

    /**
     * A query to explain; {@code streamed}: run as the CSV export runs it ({@link LicenseListStore#STREAM_IN_INDEX_ORDER});
     * {@code index}: an index its plan must use (null: any).
     */
    record Checked(String name, LicenseListStore.Sql sql, boolean streamed, String index) {
        Checked(String name, LicenseListStore.Sql sql) {
            this(name, sql, false, null);
        }

        Checked(String name, LicenseListStore.Sql sql, boolean streamed) {
            this(name, sql, streamed, null);
        }
    }

    record Loaded(DistrictId district, SchoolId school, UUID product, PoolId pool, UUID midHolder, Instant midAssignedAt,
                  long midLedgerId, Instant midLedgerAt, UUID[] someStudents) {}

    /** The export's query, its settings set for the transaction as the export sets them (it reads its values from them). */
    private static LicenseListStore.Sql exported(NamedParameterJdbcTemplate sql, LicenseListStore.Export export) {
        export.settings().forEach((name, value) -> sql.queryForObject("select set_config(:name, :value, true)",
                Map.of("name", name, "value", value), String.class));
        return new LicenseListStore.Sql(export.text(), Map.of());
    }

    /** A district of {@code people} students at 40 schools, a student pool with {@code held} seats and their ledger rows. */
    private static Loaded load(NamedParameterJdbcTemplate sql, int people, int held) {
        UUID district = UUID.randomUUID();
        UUID product = UUID.randomUUID();
        UUID pool = UUID.randomUUID();
        Map<String, Object> p = Map.of("district", district, "product", product, "pool", pool, "people", people, "held", held,
                "code", "PLAN" + district.toString().substring(0, 8));
        sql.update("insert into districts (id, name, rostering_source, timezone, created_at) values (:district, 'Plan ' || :district, "
                + "'MANUAL', 'America/Chicago', now())", p);
        sql.update("insert into schools (id, district_id, name, source, created_at) select gen_random_uuid(), :district, 'School ' || g,"
                + " 'MANUAL', now() from generate_series(1, 40) g", p);
        sql.update("insert into products (id, code, name, educator_seats, student_seats, created_at) values (:product, :code, 'Plan', true, true, now())", p);
        sql.update("""
                insert into license_pools (id, district_id, product_id, seat_type, starts_on, ends_on, created_at)
                values (:pool, :district, :product, 'STUDENT', current_date - 30, current_date + 300, now())""", p);
        sql.update("""
                insert into purchases (id, district_id, pool_id, seats, reference, purchased_by, purchased_at)
                values (gen_random_uuid(), :district, :pool, :people, 'plan', 'plan', now())""", p);
        sql.update("""
                insert into users (id, district_id, given_name, family_name, role, status, source, created_at, updated_at)
                select gen_random_uuid(), :district, 'Given' || g, 'Family' || (g * 7919 % :people), 'STUDENT', 'ACTIVE', 'UPLOAD', now(), now()
                from generate_series(1, :people) g""", p);
        sql.update("""
                with s as materialized (select array_agg(id order by name) as ids from schools where district_id = :district)
                insert into user_schools (district_id, user_id, school_id)
                select :district, u.id, s.ids[1 + abs(hashtext(u.id::text)) % 40]
                from users u, s
                where u.district_id = :district""", p);
        sql.update("""
                insert into assignments (id, district_id, pool_id, product_id, seat_type, user_id, assigned_at, assigned_by)
                select gen_random_uuid(), :district, :pool, :product, 'STUDENT', u.id, now() - interval '200 days' + n * interval '10 seconds', 'plan'
                from (select id, row_number() over (order by id) as n from users where district_id = :district) u where n <= :held""", p);
        sql.update("""
                insert into seat_ledger (district_id, pool_id, action, user_id, assigned_delta, seats_delta, actor, source, occurred_at)
                select district_id, pool_id, 'ASSIGNED', user_id, 1, 0, 'plan', 'MANUAL', assigned_at from assignments where pool_id = :pool""", p);
        Map<String, Object> mid = sql.queryForMap("""
                select user_id, assigned_at from assignments where pool_id = :pool order by assigned_at offset :half limit 1""",
                Map.of("pool", pool, "half", held / 2));
        Map<String, Object> ledgerMid = sql.queryForMap("""
                select id, occurred_at from seat_ledger where pool_id = :pool order by occurred_at desc, id desc offset :half limit 1""",
                Map.of("pool", pool, "half", held / 2));
        UUID school = sql.queryForObject("select school_id from user_schools where user_id = :u", Map.of("u", mid.get("user_id")), UUID.class);
        UUID[] some = sql.queryForList("select id from users where district_id = :district order by id limit 5000", p, UUID.class)
                .toArray(UUID[]::new);
        return new Loaded(new DistrictId(district), new SchoolId(school), product, new PoolId(pool), (UUID) mid.get("user_id"),
                ((java.sql.Timestamp) mid.get("assigned_at")).toInstant(), ((Number) ledgerMid.get("id")).longValue(),
                ((java.sql.Timestamp) ledgerMid.get("occurred_at")).toInstant(), some);
    }

    private static void seqScansOf(JsonNode node, List<String> found) {
        if (node.isArray()) {
            node.forEach(n -> seqScansOf(n, found));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode type = node.get("Node Type");
        JsonNode relation = node.get("Relation Name");
        if (type != null && "Seq Scan".equals(type.asString()) && relation != null && LARGE_TABLES.contains(relation.asString())) {
            found.add(relation.asString());
        }
        node.forEach(child -> seqScansOf(child, found));
    }
}
