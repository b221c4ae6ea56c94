package com.seatkeeper.bulkimport;

import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.roster.ClassEditing;
import com.seatkeeper.roster.RosterRefusal;
import com.seatkeeper.roster.changes.RunRefusal;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.DistrictId;
import java.util.Optional;

/**
 * The refusals of {@code RosterChanges.start(actor, district, UPLOAD)} that can be known before an upload is received.
 * An adapter until the engine's own {@code RosterChanges.check(Actor, DistrictId, SyncTrigger)} is in main: then
 * {@link #check} calls it and this copy of its rules goes.
 */
final class StartCheck {
    private StartCheck() {}

    /**
     * Empty when the actor may upload to the district.
     *
     * @throws com.seatkeeper.shared.NotFoundException for a district the actor may not see (404)
     */
    static Optional<BusinessRefusal> check(Districts districts, Actor actor, DistrictId district) {
        District d = districts.get(actor, district);
        if (!actor.isDistrictWideAdmin()) {
            return Optional.of(new RunRefusal.RoleNotAllowed(actor.role().name()));
        }
        if (d.rosteringSource().isReadOnlyRoster()) {
            return Optional.of(new RosterRefusal.ReadOnly(ClassEditing.sourceName(d)));
        }
        return Optional.empty();
    }
}
