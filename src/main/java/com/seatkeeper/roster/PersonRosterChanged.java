package com.seatkeeper.roster;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.util.Set;

/**
 * A person's role or schools changed (console, API, later uploads and syncs). Published inside the
 * change's transaction, after the person's row is locked and updated; listeners that must act in
 * the same transaction (licensing releases the seats the person no longer qualifies for; access
 * drops cached API tokens) use a synchronous {@code @EventListener}.
 *
 * @param actor  who made the change, as written in the seat ledger
 * @param source where the change came from (MANUAL, UPLOAD, CLEVER, CLASSLINK)
 */
public record PersonRosterChanged(DistrictId districtId, UserId userId, Role oldRole, Role newRole, Set<SchoolId> oldSchoolIds,
                                  Set<SchoolId> newSchoolIds, String actor, String source) {
    public PersonRosterChanged {
        oldSchoolIds = Set.copyOf(oldSchoolIds);
        newSchoolIds = Set.copyOf(newSchoolIds);
    }
}
