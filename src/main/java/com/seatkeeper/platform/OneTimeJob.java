package com.seatkeeper.platform;

/**
 * Work that runs once at a given instant for a given key (e.g. a district's same-day sync): declare an implementation as a
 * bean and schedule instances with {@link Jobs#scheduleOnce}. An instance runs on exactly one application instance; one
 * that throws is retried (db-scheduler's default: 5 minutes later).
 */
public interface OneTimeJob {
    /** A stable name, unique among jobs. */
    String name();

    /**
     * One run for one scheduled instance.
     *
     * @param instanceId the key it was scheduled with
     * @param data the text it was scheduled with (may be empty, never null)
     */
    void run(String instanceId, String data);
}
