package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.ChangeSource;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the long licensing lists (docs/design.md "Large districts: licensing lists"): the holders of a pool, its ledger,
 * the holders CSV and the pickers' searches. Every filter ("in my scope", "lacks a license", "holds one") is an
 * {@code EXISTS}/{@code NOT EXISTS} subquery of the one query that pages, and every page seeks by its sort key on an
 * index of V26 and reads one row past the page to know whether there is a next one; no id set is sent from Java.
 * Counts stop at {@link Listing.Total#COUNT_LIMIT} + 1 rows.
 */
@Repository
class LicenseListStore {
    /** Rows per batch handed from the export's reading thread to its writing thread ({@link HandOff}). */
    static final int FETCH_SIZE = 1000;

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    LicenseListStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** A holder as the lists show them: the seat and the person's name, role and email. */
    record HolderLine(UserId userId, String givenName, String familyName, Role role, String email, Instant assignedAt,
                      String assignedBy, Instant lastActiveAt) {
        String name() {
            return (givenName + " " + familyName).trim();
        }
    }

    /*
     * The holders in list order, each with their person looked up by primary key. The lookup is a LATERAL subquery with
     * OFFSET 0, which keeps PostgreSQL from flattening it into a join it may answer by hashing the district's people and
     * sorting every holder: the CSV streams 750,000 rows from the first one on, in the index's order, and a page reads
     * only its rows.
     */
    private static final String HOLDERS = """
            select a.user_id, a.assigned_at, a.assigned_by, a.last_active_at, u.given_name, u.family_name, u.role, u.email
            from assignments a
            cross join lateral (select p.given_name, p.family_name, p.role, p.email from users p where p.id = a.user_id offset 0) u
            where a.pool_id = :pool and a.released_at is null""";

    /**
     * What a typed text is matched against, as the people search matches it: "Given Family", "Family, Given" and the
     * email, as one text. The same expression as the trigram index users_name_search of V27 (roster's people search), so
     * a picker's search uses that index.
     */
    static final String SEARCH_TEXT = "(u.given_name || ' ' || u.family_name || E'\\n' || u.family_name || ', ' || u.given_name"
            + " || E'\\n' || coalesce(u.email, ''))";

    /** A query and its named parameters, as the store runs it (LicensingQueryPlansTest explains the same). */
    record Sql(String text, Map<String, Object> params) {}

    /**
     * Up to {@code limit} holders of the pool in (assigned date, person) order, after {@code after} (exclusive) or from
     * {@code offset}; with {@code schools}, only people of one of those schools. Index assignments_holders_by_pool.
     */
    List<HolderLine> holders(PoolId pool, Set<SchoolId> schools, ListCursor.Position after, int offset, int limit) {
        Sql sql = holdersPage(pool, schools, after, offset, limit);
        return jdbc.sql(sql.text()).params(sql.params()).query(LicenseListStore::holderLine).list();
    }

    static Sql holdersPage(PoolId pool, Set<SchoolId> schools, ListCursor.Position after, int offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String text = HOLDERS + inSchools("a.user_id", schools, params)
                + (after == null ? "" : " and (a.assigned_at, a.user_id) > (:afterAt, :afterId)")
                + " order by a.assigned_at, a.user_id limit :limit offset :offset";
        if (after != null) {
            params.put("afterAt", Timestamp.from(after.at()));
            params.put("afterId", UUID.fromString(after.id()));
        }
        params.put("pool", pool.value());
        params.put("limit", limit);
        params.put("offset", offset);
        return new Sql(text, params);
    }

    /** How many holders {@link #holders} lists, counting at most {@code COUNT_LIMIT + 1}. */
    long countHolders(PoolId pool, Set<SchoolId> schools) {
        Sql sql = holdersCount(pool, schools);
        return jdbc.sql(sql.text()).params(sql.params()).query(Long.class).single();
    }

    /**
     * The count of a school admin's holders starts from the schools' people (index user_schools_school) and asks, per
     * person, whether they hold a seat of the pool (index assignments_active_by_user): a school is a small part of a large
     * pool. The per-person question is a LATERAL subquery with OFFSET 0, so that it is not turned into a hash of the whole
     * pool's seats. Without schools, the pool's seats themselves.
     */
    static Sql holdersCount(PoolId pool, Set<SchoolId> schools) {
        Map<String, Object> params = new HashMap<>();
        String text = schools == null
                ? "select count(*) from (select 1 from assignments a where a.pool_id = :pool and a.released_at is null limit :cap) c"
                : """
                select count(*) from (
                    select distinct us.user_id from user_schools us
                    cross join lateral (select 1 from assignments a
                                        where a.user_id = us.user_id and a.released_at is null and a.pool_id = :pool offset 0) held
                    where us.school_id = any(:schools)
                    limit :cap) c""";
        if (schools != null) {
            params.put("schools", schoolArray(schools));
        }
        params.put("pool", pool.value());
        params.put("cap", Listing.Total.COUNT_LIMIT + 1);
        return new Sql(text, params);
    }

    /**
     * Every holder of the pool in list order, one row at a time to {@code each}, as the CSV writes them (the name joined,
     * the times as text in the district's time zone, {@link #EXPORT_TIME}). The rows come from one
     * {@code COPY (query) TO STDOUT (FORMAT csv)} on the caller's (read-only) transaction's connection: PostgreSQL streams
     * them without waiting for the next fetch, the calling thread reads them with FastCSV, and {@code each} runs on a
     * thread of its own ({@link HandOff}, at most four batches of {@link #FETCH_SIZE} rows in flight: bounded memory at any
     * size). Every row has been handed to {@code each} when this returns; its failure is thrown here, and the COPY is
     * cancelled when the reading stops early. (A cursor read in batches left PostgreSQL idle while each batch was decoded,
     * and the Java threads parsed and formatted 1.5 million times: 0.48–0.72 of the speed of a COPY.)
     */
    void eachHolder(PoolId pool, Set<SchoolId> schools, Consumer<HolderExportRow> each) {
        Export export = holdersExport(pool, schools);
        jdbc.sql(STREAM_IN_INDEX_ORDER).update();
        // to_char of a timestamptz writes the session's time zone: the district's, for the rest of this transaction
        jdbc.sql("select set_config('TimeZone', d.timezone, true) from license_pools lp join districts d on d.id = lp.district_id"
                + " where lp.id = ?").param(pool.value()).query().listOfRows();
        export.settings().forEach((name, value) ->
                jdbc.sql("select set_config(?, ?, true)").params(name, value).query().listOfRows());
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (HandOff<HolderExportRow> handOff = new HandOff<>(each, FETCH_SIZE, 4, "holders-export");
             PGCopyInputStream copy = new PGCopyInputStream(connection.unwrap(PGConnection.class),
                     "copy (" + export.text() + ") to stdout (format csv)");
             CsvReader<CsvRecord> rows = CsvReader.builder().ofCsvRecord(new InputStreamReader(copy, StandardCharsets.UTF_8))) {
            for (CsvRecord r : rows) {
                handOff.accept(new HolderExportRow(new UserId(UUID.fromString(r.getField(0))), r.getField(1), Role.valueOf(r.getField(2)),
                        r.getField(3), r.getField(4), r.getField(5), r.getField(6)));
            }
        } catch (SQLException e) {
            throw new SQLStateSQLExceptionTranslator().translate("holders export", export.text(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the holders export from PostgreSQL failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * A time as the export writes it: ISO 8601 to the second with the offset of the session's time zone,
     * {@code 2026-08-01T20:03:25-05:00} (PostgreSQL's {@code to_char} patterns).
     */
    static final String EXPORT_TIME = "'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM'";

    /**
     * Set for the rest of the export's (read-only) transaction: the export is read in the holders index's order rather than
     * sorted. For a pool holding most of a district, PostgreSQL would otherwise read the whole table and sort 750,000 rows
     * (spilling to disk) before sending the first one; in index order the first rows stream at once and the rest follow at
     * the speed of the index walk.
     */
    static final String STREAM_IN_INDEX_ORDER = "set local enable_sort = off";

    /**
     * The export's query and the settings it reads its values from ({@code current_setting}: COPY takes no bind
     * parameters), each set for the transaction with {@code set_config(name, value, true)} before it runs.
     */
    record Export(String text, Map<String, String> settings) {}

    static Export holdersExport(PoolId pool, Set<SchoolId> schools) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("seatkeeper.export_pool", pool.value().toString());
        String text = """
                select a.user_id, trim(u.given_name || ' ' || u.family_name), u.role, u.email, to_char(a.assigned_at, %s),
                       a.assigned_by, to_char(a.last_active_at, %s)
                from assignments a
                cross join lateral (select p.given_name, p.family_name, p.role, p.email from users p where p.id = a.user_id offset 0) u
                where a.pool_id = cast(current_setting('seatkeeper.export_pool') as uuid) and a.released_at is null""".formatted(EXPORT_TIME, EXPORT_TIME);
        if (schools != null) {
            settings.put("seatkeeper.export_schools", schools.stream().map(school -> school.value().toString())
                    .collect(Collectors.joining(",", "{", "}")));
            text += " and exists (select 1 from user_schools us where us.user_id = a.user_id"
                    + " and us.school_id = any(cast(current_setting('seatkeeper.export_schools') as uuid[])))";
        }
        return new Export(text + " order by a.assigned_at, a.user_id", settings);
    }

    /** The ledger's filters: a person (the row is about them or moved a seat away from them), an action, a school admin's schools. */
    record LedgerFilter(UserId user, String action, Set<SchoolId> schools) {}

    /**
     * Up to {@code limit} rows of the pool's ledger, newest first by (time, id), before {@code after} (exclusive) or from
     * {@code offset}. Indexes seat_ledger_pool_time, or with a person seat_ledger_pool_person and _from_person.
     */
    List<LedgerEntry> ledger(PoolId pool, LedgerFilter filter, ListCursor.Position after, int offset, int limit) {
        Sql sql = ledgerPage(pool, filter, after, offset, limit);
        return jdbc.sql(sql.text()).params(sql.params())
                .query((rs, n) -> new LedgerEntry(rs.getLong("id"), SeatAction.valueOf(rs.getString("action")), userId(rs, "user_id"),
                        userId(rs, "from_user_id"), rs.getInt("assigned_delta"), rs.getInt("seats_delta"), rs.getString("reason"),
                        rs.getString("actor"), ChangeSource.valueOf(rs.getString("source")), instant(rs, "occurred_at")))
                .list();
    }

    static Sql ledgerPage(PoolId pool, LedgerFilter filter, ListCursor.Position after, int offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String text = "select * from seat_ledger l where l.pool_id = :pool" + ledgerFilter(filter, params)
                + (after == null ? "" : " and (l.occurred_at, l.id) < (:afterAt, :afterId)")
                + " order by l.occurred_at desc, l.id desc limit :limit offset :offset";
        if (after != null) {
            params.put("afterAt", Timestamp.from(after.at()));
            params.put("afterId", Long.parseLong(after.id()));
        }
        params.put("pool", pool.value());
        params.put("limit", limit);
        params.put("offset", offset);
        return new Sql(text, params);
    }

    /** How many rows {@link #ledger} lists, counting at most {@code COUNT_LIMIT + 1}. */
    long countLedger(PoolId pool, LedgerFilter filter) {
        Sql sql = ledgerCount(pool, filter);
        return jdbc.sql(sql.text()).params(sql.params()).query(Long.class).single();
    }

    static Sql ledgerCount(PoolId pool, LedgerFilter filter) {
        Map<String, Object> params = new HashMap<>();
        // in the list's order, so that the count walks the list's index and stops at the cap
        String text = "select count(*) from (select 1 from seat_ledger l where l.pool_id = :pool" + ledgerFilter(filter, params)
                + " order by l.occurred_at desc, l.id desc limit :cap) c";
        params.put("pool", pool.value());
        params.put("cap", Listing.Total.COUNT_LIMIT + 1);
        return new Sql(text, params);
    }

    private static String ledgerFilter(LedgerFilter f, Map<String, Object> params) {
        StringBuilder sb = new StringBuilder();
        if (f.schools() != null) {
            sb.append(" and (l.user_id is null or exists (select 1 from user_schools us where us.user_id = l.user_id"
                    + " and us.school_id = any(:schools)))");
            params.put("schools", schoolArray(f.schools()));
        }
        if (f.user() != null) {
            sb.append(" and (l.user_id = :user or l.from_user_id = :user)");
            params.put("user", f.user().value());
        }
        if (f.action() != null) {
            sb.append(" and l.action = :action");
            params.put("action", f.action());
        }
        return sb.toString();
    }

    /**
     * Who a picker offers: people of the district matching the text (name or email, as the people search matches it),
     * ordered by name; at most {@code limit}.
     *
     * @param people which people: {@link Who}
     */
    List<Choices.Choice> choices(DistrictId district, Who people, String q, Set<SchoolId> scope, int limit) {
        Sql sql = choicesQuery(district, people, q, scope, limit);
        return jdbc.sql(sql.text()).params(sql.params())
                .query((rs, n) -> new Choices.Choice(new UserId(rs.getObject("id", UUID.class)), rs.getString("given_name"),
                        rs.getString("family_name"), Role.valueOf(rs.getString("role")), rs.getString("email")))
                .list();
    }

    static Sql choicesQuery(DistrictId district, Who people, String q, Set<SchoolId> scope, int limit) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder("""
                select u.id, u.given_name, u.family_name, u.role, u.email from users u
                where u.district_id = :district""");
        sql.append(people.condition(params));
        if (q != null && !q.isBlank()) {
            sql.append(" and ").append(SEARCH_TEXT).append(" ilike :q");
            params.put("q", "%" + likeEscape(q.trim()) + "%");
        }
        sql.append(inSchools("u.id", scope, params));
        sql.append(" order by u.family_name, u.given_name, u.id limit :limit");
        params.put("district", district.value());
        params.put("limit", limit);
        return new Sql(sql.toString(), params);
    }

    /**
     * The educators page's list: people of the district with one of the roles, of a school, matching a text, and holding
     * (or lacking) an educator seat of a product whose term covers the day, by name; at most {@code limit} from
     * {@code offset}. The licence filter is an {@code EXISTS}/{@code NOT EXISTS} subquery, as every filter here.
     */
    List<UserId> educators(DistrictId district, EducatorFilter filter, Set<SchoolId> scope, int offset, int limit) {
        Sql sql = educatorsPage(district, filter, scope, offset, limit);
        return jdbc.sql(sql.text()).params(sql.params()).query((rs, n) -> new UserId(rs.getObject(1, UUID.class))).list();
    }

    /** How many people {@link #educators} lists, counting at most {@code COUNT_LIMIT + 1}. */
    long countEducators(DistrictId district, EducatorFilter filter, Set<SchoolId> scope) {
        Map<String, Object> params = new HashMap<>();
        String where = educatorsWhere(district, filter, scope, params);
        params.put("cap", Listing.Total.COUNT_LIMIT + 1);
        return jdbc.sql("select count(*) from (select 1 from users u " + where + " limit :cap) c").params(params)
                .query(Long.class).single();
    }

    static Sql educatorsPage(DistrictId district, EducatorFilter filter, Set<SchoolId> scope, int offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String text = "select u.id from users u " + educatorsWhere(district, filter, scope, params)
                + " order by u.family_name, u.given_name, u.id limit :limit offset :offset";
        params.put("limit", limit);
        params.put("offset", offset);
        return new Sql(text, params);
    }

    private static String educatorsWhere(DistrictId district, EducatorFilter f, Set<SchoolId> scope, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder("where u.district_id = :district and u.role = any(:roles)");
        params.put("district", district.value());
        params.put("roles", f.roles().stream().map(Role::name).sorted().toArray(String[]::new));
        if (f.school() != null) {
            sql.append(" and exists (select 1 from user_schools fs where fs.user_id = u.id and fs.school_id = :school)");
            params.put("school", f.school().value());
        }
        if (f.q() != null && !f.q().isBlank()) {
            sql.append(" and ").append(SEARCH_TEXT).append(" ilike :q");
            params.put("q", "%" + likeEscape(f.q().trim()) + "%");
        }
        if (f.productId() != null) {
            sql.append(f.has() ? " and exists" : " and not exists").append("""
                     (select 1 from assignments h join license_pools hp on hp.id = h.pool_id
                      where h.district_id = u.district_id and h.product_id = :product and h.seat_type = 'EDUCATOR'
                        and h.user_id = u.id and h.released_at is null and hp.starts_on <= :today and hp.ends_on >= :today)""");
            params.put("product", f.productId());
            params.put("today", Date.valueOf(f.today()));
        }
        sql.append(inSchools("u.id", scope, params));
        return sql.toString();
    }

    /** The educators page's filters: roles, a school, a text, and a product held ({@code has}) or lacked today. */
    record EducatorFilter(Set<Role> roles, SchoolId school, String q, UUID productId, boolean has, LocalDate today) {}

    /** Which people a picker searches. */
    sealed interface Who {
        String condition(Map<String, Object> params);

        /**
         * Active people who may take a seat of the pool today: the seat type's roles, the pool's school if it has one, and
         * no unreleased seat of the product and seat type whose term covers the day (index assignments_one_active_seat).
         */
        record Candidates(LicensePool pool, LocalDate today) implements Who {
            public String condition(Map<String, Object> params) {
                params.put("product", pool.productId());
                params.put("seatType", pool.seatType().name());
                params.put("today", Date.valueOf(today));
                String school = "";
                if (pool.schoolId() != null) {
                    params.put("poolSchool", pool.schoolId().value());
                    school = " and exists (select 1 from user_schools ps where ps.user_id = u.id and ps.school_id = :poolSchool)";
                }
                // a student seat for students, an educator seat for every other role (SeatQualification)
                String role = pool.seatType() == SeatType.STUDENT ? " and u.role = 'STUDENT'" : " and u.role <> 'STUDENT'";
                return role + " and u.status = 'ACTIVE'" + school + """
                         and not exists (select 1 from assignments h join license_pools hp on hp.id = h.pool_id
                                         where h.district_id = u.district_id and h.product_id = :product and h.seat_type = :seatType
                                           and h.user_id = u.id and h.released_at is null
                                           and hp.starts_on <= :today and hp.ends_on >= :today)""";
            }
        }

        /** People holding an unreleased seat of one of the pools (index assignments_active_by_user). */
        record HoldersOf(List<PoolId> pools) implements Who {
            public String condition(Map<String, Object> params) {
                params.put("pools", pools.stream().map(PoolId::value).toArray(UUID[]::new));
                return " and exists (select 1 from assignments h where h.user_id = u.id and h.released_at is null"
                        + " and h.pool_id = any(:pools))";
            }
        }

        /**
         * People who appear in the pool's ledger, as the person of a row or the one a seat moved away from: one correlated
         * EXISTS over both (indexes seat_ledger_pool_person and _from_person), probed per person in name order. Two EXISTS
         * joined by OR were planned as two hashed subplans that read the pool's whole ledger (1.3 s for a million rows)
         * before the first name.
         */
        record InLedgerOf(PoolId pool) implements Who {
            public String condition(Map<String, Object> params) {
                params.put("ledgerPool", pool.value());
                return " and exists (select 1 from seat_ledger l where l.pool_id = :ledgerPool and l.user_id = u.id"
                        + " union all select 1 from seat_ledger l where l.pool_id = :ledgerPool and l.from_user_id = u.id)";
            }
        }
    }

    /** Whether the person holds an unreleased seat of the pool (read by person: index assignments_active_by_user). */
    boolean holds(PoolId pool, UserId user) {
        return jdbc.sql("select exists (select 1 from assignments where user_id = ? and released_at is null and pool_id = ?)")
                .params(user.value(), pool.value()).query(Boolean.class).single();
    }

    /** A condition "the person in {@code column} belongs to one of the schools" (none when schools is null). */
    private static String inSchools(String column, Set<SchoolId> schools, Map<String, Object> params) {
        if (schools == null) {
            return "";
        }
        params.put("schools", schoolArray(schools));
        return " and exists (select 1 from user_schools us where us.user_id = " + column + " and us.school_id = any(:schools))";
    }

    private static UUID[] schoolArray(Set<SchoolId> schools) {
        return schools.stream().map(SchoolId::value).toArray(UUID[]::new);
    }

    private static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static HolderLine holderLine(ResultSet rs, int n) throws SQLException {
        return new HolderLine(new UserId(rs.getObject("user_id", UUID.class)), rs.getString("given_name"), rs.getString("family_name"),
                Role.valueOf(rs.getString("role")), rs.getString("email"), instant(rs, "assigned_at"), rs.getString("assigned_by"),
                instant(rs, "last_active_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static UserId userId(ResultSet rs, String column) throws SQLException {
        UUID id = rs.getObject(column, UUID.class);
        return id == null ? null : new UserId(id);
    }
}
