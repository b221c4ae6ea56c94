package com.seatkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The service's connections plan every statement for its own values ({@code plan_cache_mode = force_custom_plan}, set on
 * each pooled connection): a statement the driver has prepared on the server, run again and again with other districts'
 * values, is never answered by a generic plan chosen once from averages (PostgreSQL otherwise switches to one after five
 * executions when it looks no costlier), which read a small district's list through a large district's index.
 */
@ApiTest
class CustomPlansTest {
    @Autowired
    DataSource dataSource;

    @Test
    void aStatementRunManyTimesIsPlannedForItsValuesEachTime() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("select count(*) from users where district_id = ? and role = ?")) {
                for (int i = 0; i < 12; i++) {
                    s.setObject(1, UUID.randomUUID());
                    s.setString(2, i % 2 == 0 ? "STUDENT" : "TEACHER");
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("""
                    select generic_plans, custom_plans from pg_prepared_statements
                    where statement like 'select count(*) from users where district_id = $1 and role = $2%'""");
                 ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("the driver prepared the statement on the server (after prepareThreshold runs)").isTrue();
                assertThat(rs.getLong("generic_plans")).as("generic plans").isZero();
                assertThat(rs.getLong("custom_plans")).as("custom plans").isGreaterThanOrEqualTo(6);
            }
        }
    }
}
