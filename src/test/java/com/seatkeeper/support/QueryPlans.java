package com.seatkeeper.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The EXPLAIN guard: proves that a list's production query is answered from indexes at a realistic size.
 *
 * <p>A tiny table makes a sequential scan legitimately the cheapest plan, so the guard works in a scratch database of
 * its own on the same server (created, migrated with the application's Flyway migrations, dropped afterwards: nothing
 * reaches other tests). It loads enough rows with {@code COPY} ({@link Session#copy}, {@link Session#roster}), runs
 * {@code VACUUM ANALYZE} as autovacuum would have (statistics, the visibility map, GIN pending lists), and asks
 * {@code EXPLAIN (FORMAT JSON)} for each listed query with its real parameters. The planner keeps its normal settings
 * ({@code enable_seqscan} on) but for the production ones of {@link #PLANNER}. A {@code Seq Scan} of one of
 * {@link #LARGE_TABLES} anywhere in a plan (sub-plans and init-plans included), or an index of one read from end to end
 * (an index scan without an index condition), fails the test, naming the query and showing the plan.
 *
 * <pre>{@code
 * QueryPlans.of(dataSource).check(s -> {
 *     QueryPlans.Roster r = s.roster(List.of(20_000, 2_000, 2_000));
 *     s.assertIndexed(new QueryPlans.Query("people page", RosterListStore.PAGE_SQL, Map.of("district", r.district(0))));
 * });
 * }</pre>
 */
public final class QueryPlans {
    /** The tables that grow with a district's size: a sequential scan of any of them is a defect in a listed query. */
    public static final Set<String> LARGE_TABLES = Set.of("users", "user_schools", "classes", "enrollments", "assignments",
            "seat_ledger", "purchases", "staged_rows");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PEOPLE_PER_SCHOOL = 500;

    /**
     * The planner settings production runs with besides the defaults (README "Production": SSD storage, so a random
     * page read costs about as much as a sequential one). With the default 4, the planner prefers scanning a table of
     * a million people to 5,000 index lookups of one school's people.
     */
    public static final Map<String, String> PLANNER = Map.of("random_page_cost", "1.1");

    private final DataSource dataSource;

    private QueryPlans(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The guard on the application's database (inject the test's {@link DataSource}). */
    public static QueryPlans of(DataSource dataSource) {
        return new QueryPlans(dataSource);
    }

    /**
     * One query to check: its SQL with named parameters ({@code :name}, as {@link JdbcClient} takes them) and their
     * values. Take the SQL from the production class (a package-private constant or method), never a copy.
     *
     * @param name   how a failure names the query, e.g. "GET /people, page after a cursor"
     * @param sql    the query as production runs it
     * @param params its parameters; arrays (e.g. {@code UUID[]}) are passed as one array parameter
     */
    public record Query(String name, String sql, Map<String, ?> params) {
        public Query {
            params = new LinkedHashMap<>(params);
        }
    }

    /**
     * Creates a scratch database on the application's server, migrates it, runs {@code work} on it (load rows, then
     * {@link Session#assertIndexed} the queries) and drops it, whatever happens.
     */
    public void check(Consumer<Session> work) {
        String name = "query_plans_" + UUID.randomUUID().toString().replace("-", "");
        JdbcClient server = JdbcClient.create(dataSource);
        server.sql("create database " + name).update();
        PLANNER.forEach((setting, value) -> server.sql("alter database " + name + " set " + setting + " = " + value).update());
        try (SingleConnectionDataSource scratch = scratch(name)) {
            Flyway.configure().dataSource(scratch).locations("classpath:db/migration").load().migrate();
            work.accept(new Session(scratch));
        } finally {
            server.sql("drop database if exists " + name + " with (force)").update();
        }
    }

    private SingleConnectionDataSource scratch(String database) {
        try (Connection c = dataSource.getConnection()) {
            String url = c.getMetaData().getURL();
            String user = c.getMetaData().getUserName();
            // jdbc:postgresql://host:port/postgres?… → the same server, the scratch database
            String scratchUrl = url.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
            String password = dataSource instanceof HikariDataSource h ? h.getPassword() : null;
            return new SingleConnectionDataSource(scratchUrl, user, password, true);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database server: " + e.getMessage(), e);
        }
    }

    /** The scratch database of {@link #check}. */
    public final class Session {
        private final SingleConnectionDataSource scratch;
        private final JdbcClient jdbc;
        private boolean analyzed;

        private Session(SingleConnectionDataSource scratch) {
            this.scratch = scratch;
            this.jdbc = JdbcClient.create(scratch);
        }

        /** A client of the scratch database, to insert the odd row or read ids back. */
        public JdbcClient jdbc() {
            return jdbc;
        }

        /**
         * Loads rows with {@code COPY table (columns) FROM STDIN (FORMAT csv)} on the transaction's connection. Values
         * are written with {@link String#valueOf}; null is an empty unquoted field (SQL null); text is quoted.
         *
         * @return the number of rows loaded
         */
        public long copy(String table, List<String> columns, Stream<List<?>> rows) {
            String csv = rows.map(QueryPlans::csvLine).collect(Collectors.joining());
            try {
                Connection connection = scratch.getConnection();
                analyzed = false;
                return connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy " + table + " (" + String.join(", ", columns) + ") from stdin (format csv)", new StringReader(csv));
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("COPY into " + table + " failed: " + e.getMessage(), e);
            }
        }

        /** As {@link #roster(List)} with {@code districts} districts of {@code peoplePerDistrict} people each. */
        public Roster roster(int districts, int peoplePerDistrict) {
            return roster(Collections.nCopies(districts, peoplePerDistrict));
        }

        /**
         * Loads one manual district per element of {@code people}, each with that many people and a school per 500 of
         * them (at least 10: a school is a small part of a large district, as in life), one in
         * 25 a teacher, the others students, names from a list with accents and mixed case), each person at one school,
         * a class per 25 people taught by one teacher with 24 students. Then {@code ANALYZE}. A large district next to
         * several small ones is what the planner sees in production: one district is a fraction of each table.
         */
        public Roster roster(List<Integer> people) {
            int districts = people.size();
            Instant now = Instant.now();
            List<UUID> districtIds = new ArrayList<>();
            List<List<UUID>> schoolIds = new ArrayList<>();
            List<List<?>> districtRows = new ArrayList<>();
            List<List<?>> schoolRows = new ArrayList<>();
            List<List<?>> userRows = new ArrayList<>();
            List<List<?>> userSchoolRows = new ArrayList<>();
            List<List<?>> classRows = new ArrayList<>();
            List<List<?>> enrollmentRows = new ArrayList<>();
            for (int d = 0; d < districts; d++) {
                UUID district = UUID.randomUUID();
                districtIds.add(district);
                districtRows.add(List.of(district, "Plan district " + d + " " + district, "MANUAL", "America/Chicago", now));
                List<UUID> schools = new ArrayList<>();
                for (int s = 0; s < Math.max(10, people.get(d) / PEOPLE_PER_SCHOOL); s++) {
                    UUID school = UUID.randomUUID();
                    schools.add(school);
                    schoolRows.add(List.of(school, district, "School " + s, "MANUAL", now));
                }
                schoolIds.add(schools);
                UUID klass = null;
                for (int p = 0; p < people.get(d); p++) {
                    UUID user = UUID.randomUUID();
                    boolean teacher = p % 25 == 0;
                    UUID school = schools.get((p / 25) % schools.size());
                    String given = GIVEN.get(p % GIVEN.size());
                    String family = FAMILY.get((p / GIVEN.size()) % FAMILY.size()) + (p / (GIVEN.size() * FAMILY.size()));
                    userRows.add(List.of(user, district, given, family, "p" + p + "." + d + "@plan.example.org",
                            teacher ? "TEACHER" : "STUDENT", "ACTIVE", "UPLOAD", "p" + p, now, now));
                    userSchoolRows.add(List.of(district, user, school));
                    if (teacher) {
                        klass = UUID.randomUUID();
                        classRows.add(List.of(klass, district, school, "Class " + (p / 25), "UPLOAD", now));
                    }
                    enrollmentRows.add(List.of(district, klass, user, teacher ? "TEACHER" : "STUDENT"));
                }
            }
            copy("districts", List.of("id", "name", "rostering_source", "timezone", "created_at"), districtRows.stream());
            copy("schools", List.of("id", "district_id", "name", "source", "created_at"), schoolRows.stream());
            copy("users", List.of("id", "district_id", "given_name", "family_name", "email", "role", "status", "source", "sourced_id",
                    "created_at", "updated_at"), userRows.stream());
            copy("user_schools", List.of("district_id", "user_id", "school_id"), userSchoolRows.stream());
            copy("classes", List.of("id", "district_id", "school_id", "name", "source", "created_at"), classRows.stream());
            copy("enrollments", List.of("district_id", "class_id", "user_id", "role"), enrollmentRows.stream());
            analyze();
            return new Roster(districtIds, schoolIds);
        }

        /**
         * {@code VACUUM ANALYZE} of the database, as autovacuum leaves a loaded table: statistics, the visibility map
         * (index-only scans) and GIN pending lists merged (done before the first plan anyway).
         */
        public void analyze() {
            jdbc.sql("vacuum analyze").update();
            analyzed = true;
        }

        /** The plan of the query, as {@code EXPLAIN (FORMAT JSON)} gives it for these parameter values. */
        public JsonNode plan(Query query) {
            if (!analyzed) {
                analyze();
            }
            String json = jdbc.sql("explain (format json) " + query.sql()).params(query.params()).query(String.class).single();
            return JSON.readTree(json).get(0).get("Plan");
        }

        /** The large tables the plan reads in full, by a sequential scan or a whole index (empty: answered from indexes). */
        public List<String> fullScans(Query query) {
            List<String> out = new ArrayList<>();
            collectFullScans(plan(query), out);
            return out;
        }

        /** Fails naming every query whose plan reads one of {@link #LARGE_TABLES} in full ({@link #fullScans}), with that plan. */
        public void assertIndexed(Query... queries) {
            List<String> failures = new ArrayList<>();
            for (Query q : queries) {
                JsonNode plan = plan(q);
                List<String> scans = new ArrayList<>();
                collectFullScans(plan, scans);
                if (!scans.isEmpty()) {
                    failures.add("\"" + q.name() + "\" reads " + String.join(", ", scans) + " with a Seq Scan or a whole index:\n"
                            + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan));
                }
            }
            if (!failures.isEmpty()) {
                fail(failures.size() + " of " + queries.length + " listed queries scan a large table:\n\n" + String.join("\n\n", failures));
            }
        }

        /**
         * Adds the large tables the plan reads in full: a sequential scan, or an index scan whose condition does not
         * name the index's first column (PostgreSQL then reads the whole index, checking each entry).
         */
        private void collectFullScans(JsonNode node, List<String> out) {
            String type = node.path("Node Type").asString("");
            String relation = node.path("Relation Name").asString("");
            if (type.equals("Seq Scan") && LARGE_TABLES.contains(relation)) {
                out.add(relation);
            }
            if ((type.equals("Index Scan") || type.equals("Index Only Scan")) && LARGE_TABLES.contains(relation)) {
                String index = node.path("Index Name").asString("");
                String leading = leadingColumn(index);
                String cond = node.path("Index Cond").asString("");
                if (cond.isEmpty() || leading != null && !Pattern.compile("\\b" + Pattern.quote(leading) + "\\b").matcher(cond).find()) {
                    out.add(relation + " (all of index " + index + ")");
                }
            }
            for (JsonNode child : node.path("Plans")) {
                collectFullScans(child, out);
            }
        }

        /** The first column of the index, or null when it is an expression. */
        private String leadingColumn(String index) {
            return jdbc.sql("""
                    select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                    where i.indexrelid = cast(? as regclass)""").param(index).query(String.class).optional().orElse(null);
        }
    }

    /** The districts and schools {@link Session#roster} loaded, in order. */
    public record Roster(List<UUID> districts, List<List<UUID>> schools) {
        public UUID district(int i) {
            return districts.get(i);
        }

        public UUID school(int district, int i) {
            return schools.get(district).get(i);
        }
    }

    private static String csvLine(List<?> values) {
        return values.stream().map(v -> v == null ? "" : "\"" + String.valueOf(v).replace("\"", "\"\"") + "\"")
                .collect(Collectors.joining(",", "", "\n"));
    }

    private static final List<String> GIVEN = List.of("Ana", "José", "Zoë", "Chloé", "Søren", "Priya", "Hiroshi", "Fatima", "Liam",
            "Mia", "Noah", "Olivia", "Ömer", "Ñuñez", "Aaliyah", "Kai", "Gianna", "Aiden", "Émile", "Björn");
    private static final List<String> FAMILY = List.of("Lopez", "García", "Nguyen", "Smith", "Müller", "O'Brien", "de la Cruz",
            "Østergaard", "Kowalski", "Dubois", "Tanaka", "Okafor", "MacDonald", "Żuraw", "Ibáñez", "Schmidt", "Rossi", "Kim",
            "Johansson", "Papadopoulos");
}
