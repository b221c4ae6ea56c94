package com.seatkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The platform scheduler's API on the real database: a one-time job scheduled twice with one key runs once, on one of
 * two schedulers polling the same table; the recurring term-end job has one row, whatever the number of instances.
 */
@ApiTest
@Import(MutableClock.Config.class)
class JobsTest {
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aOneTimeJobScheduledTwiceWithOneKeyRunsOnceOnOneOfTwoSchedulers() throws Exception {
        String name = "test.once-" + UUID.randomUUID();
        Queue<String> runs = new ConcurrentLinkedQueue<>();
        OneTimeJob job = new OneTimeJob() {
            @Override public String name() { return name; }
            @Override public void run(String instanceId, String data) { runs.add(instanceId + ":" + data); }
        };
        SchedulerConfig config = new SchedulerConfig();
        Jobs jobs = config.jobs(dataSource, List.of(job));
        SmartLifecycle first = config.dbScheduler(dataSource, List.of(), List.of(job), true, Duration.ofMillis(100), 1);
        SmartLifecycle second = config.dbScheduler(dataSource, List.of(), List.of(job), true, Duration.ofMillis(100), 1);
        first.start();
        second.start();
        try {
            Instant soon = Instant.now().plusSeconds(1);
            assertThat(jobs.scheduleOnce(name, "district-1", soon, "sync")).isTrue();
            assertThat(jobs.scheduleOnce(name, "district-1", soon, "again")).isFalse(); // still waiting: kept as is
            long deadline = System.currentTimeMillis() + 20_000;
            while (runs.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(500); // more polls of both schedulers
        } finally {
            first.stop();
            second.stop();
        }
        assertThat(runs).containsExactly("district-1:sync");
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = ?").param(name).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = 'licensing.term-end'").query(Long.class).single())
                .isEqualTo(1);
    }
}
