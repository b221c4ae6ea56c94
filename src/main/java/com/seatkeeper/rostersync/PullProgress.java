package com.seatkeeper.rostersync;

/** Told after every page a connector reads (the run's live progress and its heartbeat). */
@FunctionalInterface
public interface PullProgress {
    /** @param pages pages read so far; @param records records read so far */
    void page(long pages, long records);
}
