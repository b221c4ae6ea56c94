package com.seatkeeper.platform;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Instant;

/**
 * The cluster-safe, persistent scheduler of Seatkeeper (db-scheduler on PostgreSQL, table {@code scheduled_tasks} from
 * migration V9). Recurring work is declared as {@link RecurringJob} beans; one-time work as {@link OneTimeJob} beans,
 * scheduled here. Every execution runs on one instance only, however many instances share the database.
 */
public class Jobs {
    private final SchedulerClient client;

    Jobs(SchedulerClient client) {
        this.client = client;
    }

    /**
     * Schedules one run of a {@link OneTimeJob} at an instant (wall time; a past instant runs at the next poll).
     *
     * @param jobName the {@link OneTimeJob#name()} of a declared job
     * @param instanceId the key of this run; a run with the same job and key that is still waiting is kept as is
     * @param data text given to the run (null becomes empty)
     * @return true when scheduled, false when a run with this key was already waiting
     */
    public boolean scheduleOnce(String jobName, String instanceId, Instant at, String data) {
        return client.scheduleIfNotExists(new TaskInstance<>(jobName, instanceId, data == null ? "" : data), at);
    }
}
