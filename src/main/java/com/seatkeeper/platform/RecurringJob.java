package com.seatkeeper.platform;

import java.time.Duration;

/**
 * Work that runs again and again on one application instance at a time: declare an implementation as a bean and the
 * cluster-safe scheduler ({@link Jobs}) runs it every {@link #every()} after the previous run ended, on whichever
 * instance picks it first (the execution is a row of {@code scheduled_tasks}, claimed with an optimistic update). A run
 * that throws is logged and retried at the next interval. Runs must be idempotent: an instance that dies mid-run is
 * detected by missed heartbeats and its run is started again elsewhere.
 */
public interface RecurringJob {
    /** A stable name, unique among jobs; it is the key of the job's row in {@code scheduled_tasks}. */
    String name();

    /** Time between the end of one run and the start of the next (wall time, not the business clock). */
    Duration every();

    /** One run. Opens its own transactions. */
    void run();
}
