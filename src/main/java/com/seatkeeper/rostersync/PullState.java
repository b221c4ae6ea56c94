package com.seatkeeper.rostersync;

import java.time.Instant;

/**
 * What earlier applied syncs of a district's connection left for the next pull (stored with the connection, V25;
 * reset when the connection's source, address or credentials' owner change, so a new connection starts with a full
 * pull). Only a sync that ends APPLIED moves it: a HELD, FAILED or rejected run leaves it, so the next run asks again
 * from the same point.
 *
 * @param lastPullStartedAt     when the last applied sync began pulling (a OneRoster delta asks
 *                              {@code dateLastModified>'<this>'}), null before the first
 * @param lastFullPullStartedAt when the last applied FULL pull began (a full pull is due again after
 *                              {@code seatkeeper.sync.full-pull-every}), null before the first
 * @param cursor                the provider's position after the last applied pull (Clever: the id of the newest
 *                              event when that pull began), null when none
 * @param deltaSupport          whether the provider honours delta requests, as detected
 */
public record PullState(Instant lastPullStartedAt, Instant lastFullPullStartedAt, String cursor, DeltaSupport deltaSupport) {
    /** A connection that has never been synced: the next pull is full. */
    public static final PullState NONE = new PullState(null, null, null, DeltaSupport.UNKNOWN);

    public PullState {
        deltaSupport = deltaSupport == null ? DeltaSupport.UNKNOWN : deltaSupport;
    }

    /** Whether a provider honours delta pulls (OneRoster's {@code dateLastModified} filter; Clever's events), as detected. */
    public enum DeltaSupport {
        /** Not tried yet. */
        UNKNOWN,
        /** A delta request returned only what changed. */
        HONOURED,
        /** The provider ignored the delta request (returned everything) or refused it (400): pull in full. */
        IGNORED
    }
}
