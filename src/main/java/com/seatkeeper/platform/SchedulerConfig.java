package com.seatkeeper.platform;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
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
 * {@link OneTimeJob} beans. The scheduler starts when the application has started and stops before the DataSource
 * closes; a db-scheduler instance cannot start again once stopped, so each start builds a new one (a paused and resumed
 * context, as the test framework does with cached contexts, gets a fresh scheduler). Settings:
 * {@code seatkeeper.scheduler.enabled} (default true), {@code seatkeeper.scheduler.polling-interval} (default 10s; tests
 * use a fraction of a second), {@code seatkeeper.scheduler.threads} (default 2). The scheduler keeps wall time: jobs read
 * the business date from the injected {@link java.time.Clock} themselves.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfig {

    @Bean
    Jobs jobs(DataSource dataSource, List<OneTimeJob> oneTime) {
        SchedulerClient client = SchedulerClient.Builder.create(dataSource, oneTimeTasks(oneTime)).tableName("scheduled_tasks").build();
        return new Jobs(client);
    }

    @Bean
    SmartLifecycle dbScheduler(DataSource dataSource, List<RecurringJob> recurring, List<OneTimeJob> oneTime,
                               @Value("${seatkeeper.scheduler.enabled:true}") boolean enabled,
                               @Value("${seatkeeper.scheduler.polling-interval:PT10S}") Duration pollingInterval,
                               @Value("${seatkeeper.scheduler.threads:2}") int threads) {
        return new SmartLifecycle() {
            private volatile Scheduler scheduler;

            @Override
            public void start() {
                if (!enabled) {
                    return;
                }
                List<RecurringTask<Void>> startTasks = new ArrayList<>();
                for (RecurringJob job : recurring) {
                    startTasks.add(Tasks.recurring(job.name(), Schedules.fixedDelay(job.every())).execute((instance, ctx) -> job.run()));
                }
                scheduler = Scheduler.create(dataSource, oneTimeTasks(oneTime))
                        .startTasks(startTasks)
                        .pollingInterval(pollingInterval)
                        .threads(threads)
                        .schedulerName(new SchedulerName.Fixed(instanceName()))
                        .tableName("scheduled_tasks")
                        .shutdownMaxWait(Duration.ofSeconds(10))
                        .build();
                scheduler.start();
            }

            @Override
            public void stop() {
                Scheduler running = scheduler;
                scheduler = null;
                if (running != null) {
                    running.stop();
                }
            }

            @Override
            public boolean isRunning() {
                return scheduler != null;
            }

            /** Late: after the web server, so jobs start once the application is up; stopped first on shutdown. */
            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 1000;
            }
        };
    }

    private static List<Task<?>> oneTimeTasks(List<OneTimeJob> jobs) {
        List<Task<?>> tasks = new ArrayList<>();
        for (OneTimeJob job : jobs) {
            tasks.add(Tasks.oneTime(job.name(), String.class).execute((instance, ctx) -> job.run(instance.getId(), instance.getData())));
        }
        return tasks;
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
