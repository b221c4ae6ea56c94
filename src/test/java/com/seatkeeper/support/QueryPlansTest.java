package com.seatkeeper.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The EXPLAIN guard itself: it fails on a scan of a large table, passes an indexed lookup, and leaves no rows behind. */
@ApiTest
class QueryPlansTest {
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void fails_naming_the_query_and_the_plan_when_a_large_table_is_scanned_and_leaves_nothing_behind() {
        long usersBefore = jdbc.sql("select count(*) from users").query(Long.class).single();
        QueryPlans.of(dataSource).check(s -> {
            QueryPlans.Roster r = s.roster(2, 5_000);
            assertThat(s.jdbc().sql("select count(*) from users where district_id = ?").param(r.district(1)).query(Long.class).single())
                    .isEqualTo(5_000);
            var unindexed = new QueryPlans.Query("given name, no index", "select id from users where given_name = :g", Map.of("g", "Kai"));
            // read in full either way: by a sequential scan, or (all rows visible) through a whole index that holds given_name
            assertThat(s.fullScans(unindexed)).as("%s", s.plan(unindexed)).singleElement().asString().startsWith("users");
            assertThatThrownBy(() -> s.assertIndexed(unindexed))
                    .hasMessageContaining("\"given name, no index\" reads users")
                    .hasMessageContaining("\"Node Type\" : ");
            s.assertIndexed(new QueryPlans.Query("one person", "select id from users where id = :id",
                    Map.of("id", s.jdbc().sql("select id from users where district_id = ? limit 1").param(r.district(0))
                            .query(UUID.class).single())));
        });
        assertThat(jdbc.sql("select count(*) from users").query(Long.class).single()).isEqualTo(usersBefore);
        assertThat(jdbc.sql("select count(*) from pg_database where datname like 'query_plans_%'").query(Long.class).single())
                .as("the scratch database is dropped").isZero();
    }
}
