package com.seatkeeper.rostersync;

import java.time.Duration;
import java.time.Instant;

/**
 * How one sync reads the provider: the whole roster (every kind BULK: what is absent is removed) or only what changed
 * since the last applied sync (every kind DELTA: upserts, and removals only of what the provider says is deleted, e.g.
 * OneRoster {@code status=tobedeleted}, Clever {@code *.deleted} events). Decided by the connector
 * ({@link RosterConnector#plan}) before staging opens.
 */
public sealed interface PullPlan permits PullPlan.Full, PullPlan.Delta {

    /** The whole roster. {@code why}: in words, for the log and the run ("first sync", "weekly full pull"). */
    record Full(String why) implements PullPlan {}

    /**
     * Only what changed: {@code since} is {@link PullState#lastPullStartedAt()}, {@code cursor} the stored
     * {@link PullState#cursor()} (either may be what the provider needs).
     */
    record Delta(Instant since, String cursor) implements PullPlan {}

    /**
     * The usual decision: FULL when there is no earlier applied pull, after a rejected changes-only sync (the runner clears
     * the last full pull's time: a batch of changes the engine refuses must not block every sync until the weekly full
     * pull), when the provider ignores deltas, when the
     * connector cannot resume ({@code resumable} false, e.g. no cursor), or when the last full pull began {@code fullEvery}
     * or more before {@code now}; else DELTA since the last pull. A plain function (tested in PullPlanTest).
     */
    static PullPlan decide(PullState state, Instant now, Duration fullEvery, boolean resumable) {
        if (state.lastPullStartedAt() == null) {
            return new Full("first sync of this connection");
        }
        if (state.lastFullPullStartedAt() == null) {
            return new Full("a full pull was asked for: the last changes-only sync was rejected");
        }
        if (state.deltaSupport() == PullState.DeltaSupport.IGNORED) {
            return new Full("the provider does not honour requests for changes only");
        }
        if (!resumable) {
            return new Full("no position to resume from");
        }
        if (!state.lastFullPullStartedAt().plus(fullEvery).isAfter(now)) {
            return new Full("a full pull is due (the last began " + state.lastFullPullStartedAt() + ")");
        }
        return new Delta(state.lastPullStartedAt(), state.cursor());
    }
}
