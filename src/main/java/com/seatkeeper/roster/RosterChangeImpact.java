package com.seatkeeper.roster;

import java.util.List;

/**
 * What a change of a person's role or schools does to the licenses they hold. The licensing module
 * implements it (roster cannot depend on licensing); the roster asks it for the preview that the API's
 * dry run and the console's confirmation show, and publishes {@link PersonRosterChanged}, on which
 * licensing releases exactly these seats in the same transaction.
 */
public interface RosterChangeImpact {
    /** No licensing module in the context (roster module tests): nothing is ever released. */
    RosterChangeImpact NONE = change -> List.of();

    /**
     * The seats the person holds that the change would release, in a stable order (product code, seat
     * type, pool); changes nothing. Exact when the caller holds the person's row lock, since every seat
     * change of a person takes that lock first.
     */
    List<ReleasedLicense> wouldRelease(PersonRosterChanged change);
}
