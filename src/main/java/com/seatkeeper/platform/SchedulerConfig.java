package com.seatkeeper.platform;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires db-scheduler (core library) to the application's DataSource and the declared {@link RecurringJob} and
 * {@link OneTimeJob} beans, and starts it when the application has started (stops it before the DataSource closes).
 * Settings: {@code seatkeeper.scheduler.enabled} (default true), {@code seatkeeper.scheduler.polling-interval}
 * (default 10s; tests use a fraction of a second), {@code seatkeeper.scheduler.threads} (default 2). The scheduler keeps
 * wall time: jobs read the business date from the injected {@link java.time.Clock} themselves.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfig {

    @Bean(destroyMethod = "")
    Scheduler dbScheduler(DataSource dataSource, List<RecurringJob> recurring, List<OneTimeJob> oneTime,
                          @Value("${seatkeeper.scheduler.polling-interval:PT10S}") Duration pollingInterval,
                          @Value("${seatkeeper.scheduler.threads:2}") int threads) {
        List<RecurringTask<Void>> startTasks = new ArrayList<>();
        for (RecurringJob job : recurring) {
            startTasks.add(Tasks.recurring(job.name(), Schedules.fixedDelay(job.every())).execute((instance, ctx) -> job.run()));
        }
        List<Task<?>> known = new ArrayList<>();
        for (OneTimeJob job : oneTime) {
            known.add(Tasks.oneTime(job.name(), String.class).execute((instance, ctx) -> job.run(instance.getId(), instance.getData())));
        }
        return Scheduler.create(dataSource, known)
                .startTasks(startTasks)
                .pollingInterval(pollingInterval)
                .shutdownMaxWait(Duration.ofSeconds(10))
                .threads(threads)
                .schedulerName(new SchedulerName.Fixed(instanceName()))
                .tableName("scheduled_tasks")
                .build();
    }

    @Bean
    Jobs jobs(Scheduler scheduler) {
        return new Jobs(scheduler);
    }

    /** Starts the scheduler after every other bean (late phase), stops it first on shutdown. */
    @Bean
    SmartLifecycle dbSchedulerLifecycle(Scheduler scheduler, @Value("${seatkeeper.scheduler.enabled:true}") boolean enabled) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                if (enabled) {
                    scheduler.start();
                }
                running = true;
            }

            @Override
            public void stop() {
                if (enabled) {
                    scheduler.stop();
                }
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 1000;
            }
        };
    }

    /** Host name plus a random suffix: two instances on one host (and tests with two contexts) stay apart. */
    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "seatkeeper";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
