package com.seatkeeper.rostersync;

import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.roster.changes.ReferenceColumns;
import com.seatkeeper.roster.changes.RosterStaging;
import java.time.ZoneId;

/**
 * A rostering provider's client: pulls one district's whole roster into the engine's staging, page by page (never the
 * whole district in memory), and tests a connection. One bean per source; the sync runner picks it by
 * {@link #source()}. Retries (5xx, timeouts) and rate limits (429) are handled inside, bounded; a pull that cannot
 * finish throws {@link PullFailure} with the reason in words an admin understands, and the run then changes nothing.
 */
public interface RosterConnector {
    /** The source this connector pulls from (CLEVER, CLASSLINK). */
    RosteringSource source();

    /**
     * The column names the engine uses when it reports a reference problem in a pulled roster (e.g. a section naming a
     * student who was not served): defaults to OneRoster's.
     */
    default ReferenceColumns referenceColumns() {
        return ReferenceColumns.ONEROSTER;
    }

    /**
     * Pulls the district's roster into {@code staging} (schools, people with role, status, schools and grade, classes with
     * course and term, enrollments), reporting progress per page. Does not close the staging.
     *
     * @return what was read, how many requests it took, and whether the provider says the district is paused
     * @throws PullFailure when the pull cannot complete (401/403, a page that keeps failing, a rate-limit wait past the
     *                     configured limit, a timeout): the reason in words, never a secret
     */
    PullResult pull(Connection connection, RosterStaging staging, PullProgress progress) throws PullFailure;

    /**
     * As {@link #pull(Connection, RosterStaging, PullProgress)} for a district in {@code districtZone}: whether the
     * provider's pause window covers "today" is decided in the district's timezone (Clever's {@code pause_start} ..
     * {@code pause_end}). The sync runner calls this one; a connector without a pause window need not override it.
     */
    default PullResult pull(Connection connection, RosterStaging staging, PullProgress progress, ZoneId districtZone) throws PullFailure {
        return pull(connection, staging, progress);
    }

    /**
     * Decides how the next sync reads the provider, before staging opens (issue 10 "Scale", issue 11 "Delta pulls"): by
     * default always a full pull. A connector that can read changes only overrides it, usually with
     * {@link PullPlan#decide}; it may ask the provider (e.g. whether a cursor is still valid). Never throws for a
     * provider's refusal: plan FULL instead.
     *
     * @param state     what the last applied syncs left ({@link PullState#NONE} before the first)
     * @param now       the run's start
     * @param fullEvery how long a run of deltas may go before a full pull ({@code seatkeeper.sync.full-pull-every},
     *                  default 7 days)
     */
    default PullPlan plan(Connection connection, PullState state, java.time.Instant now, java.time.Duration fullEvery) {
        return new PullPlan.Full("this source is always pulled in full");
    }

    /**
     * Pulls as {@code plan} says into {@code staging}, which the runner opened with every kind BULK for a
     * {@link PullPlan.Full} and every kind DELTA for a {@link PullPlan.Delta} (stage deletions as
     * {@link com.seatkeeper.roster.changes.Staged.Deletion}). The result's {@link PullResult#cursor()} and
     * {@link PullResult#deltaSupport()} are stored for the next plan when the run ends APPLIED. The default ignores the
     * plan (a connector that only pulls in full).
     */
    default PullResult pull(Connection connection, RosterStaging staging, PullProgress progress, ZoneId districtZone, PullPlan plan)
            throws PullFailure {
        return pull(connection, staging, progress, districtZone);
    }

    /**
     * Tests a connection without staging anything: reads the district and the first page of schools, users and sections
     * (or the OneRoster equivalents) and counts them. Never throws for a provider's refusal: it is the result's problem.
     */
    ConnectionCheck test(Connection connection);
}
