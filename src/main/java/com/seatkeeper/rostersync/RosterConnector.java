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
     * Tests a connection without staging anything: reads the district and the first page of schools, users and sections
     * (or the OneRoster equivalents) and counts them. Never throws for a provider's refusal: it is the result's problem.
     */
    ConnectionCheck test(Connection connection);
}
