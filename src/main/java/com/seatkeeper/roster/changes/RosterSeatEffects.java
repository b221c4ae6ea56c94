package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.ChangeSource;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import java.util.List;

/**
 * What a bulk roster change does to seats. Implemented by licensing (roster cannot depend on licensing), called by the
 * engine inside the apply's transaction after the roster rows are written, so nobody who left holds a seat for an
 * instant (invariant 3). Lock order: the engine has locked the changed people's rows in id order; the implementation
 * locks pools in id order. Set-based: one statement per kind of release, ledger rows written by the same statement.
 */
public interface RosterSeatEffects {
    /**
     * Releases, for the given people (as they are now, after the apply): every active seat of those now inactive
     * (ledger RELEASED_BY_UPLOAD for source UPLOAD, RELEASED_BY_SYNC for CLEVER/CLASSLINK, with {@code reason}, e.g.
     * "removed by upload 1b2c…"), and every seat the active ones no longer qualify for by role or school
     * (RELEASED_BY_ROSTER_CHANGE, reason in words). Returns how many seats were released.
     */
    long releaseAfterApply(DistrictId district, List<UserId> changedPeople, ChangeSource source, String actor, String reason);

    /**
     * Gives the requested licenses (the template's product codes) through the seat rule: a seat of the product's pool
     * current today that fits the person's role (and school, for a school pool; a school pool of theirs first), never
     * past the seats available; people already holding one are left alone. Returns assigned, left without, short pools,
     * and who was left without (for the report's warnings).
     */
    Assigned assignRequested(DistrictId district, List<LicenseRequest> requests, ChangeSource source, String actor);

    /**
     * Auto-assignment (issue 10): after a sync or upload is applied (and when a pool's rules are saved), every active
     * person of the district who matches an auto-assign rule of a pool current today and holds no seat of that pool's
     * product gets one through the one seat primitive, in a stable order (the person's {@code created_at}, then family
     * and given name, then id), never past the pool's seats; the rest are returned as left without (pool named). Called in
     * the apply's transaction, after {@link #releaseAfterApply} and {@link #assignRequested}. The default does nothing
     * (no rules).
     */
    default Assigned autoAssign(DistrictId district, ChangeSource source, String actor) {
        return Assigned.NONE;
    }

    /**
     * Whether the district has auto-assign rules that {@link #autoAssign} may act on. A preview asks it to decide how much
     * of the roster it writes (and rolls back): with rules, everything, as rules may name classes and courses; without,
     * only the people whose seats may change. The default: no rules.
     */
    default boolean hasAutoAssignRules(DistrictId district) {
        return false;
    }

    /** A person and the code of a product they should hold a license of. */
    record LicenseRequest(UserId userId, String productCode) {}

    /** A person who asked for a license of the product and got none; {@code poolId} the pool they would have taken last, null when none fits them. */
    record LeftWithout(UserId userId, String productCode, PoolId poolId) {}

    /** What {@link #assignRequested} did: the counts (released is 0) and the people left without a license, in request order. */
    record Assigned(ImportReport.Licenses licenses, List<LeftWithout> leftWithout) {
        /** Nothing asked, nothing given. */
        public static final Assigned NONE = new Assigned(ImportReport.Licenses.NONE, List.of());
    }
}
