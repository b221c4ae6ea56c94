package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.ChangeSource;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.UserId;
import java.util.List;

/**
 * The seat effects when no module implements {@link RosterSeatEffects} (a context without licensing): nothing is
 * released or assigned, and every requested license is reported as left without.
 */
enum NoSeatEffects implements RosterSeatEffects {
    INSTANCE;

    @Override
    public long releaseAfterApply(DistrictId district, List<UserId> changedPeople, ChangeSource source, String actor, String reason) {
        return 0;
    }

    @Override
    public Assigned assignRequested(DistrictId district, List<LicenseRequest> requests, ChangeSource source, String actor) {
        return new Assigned(new ImportReport.Licenses(0, 0, requests.size(), List.of()),
                requests.stream().map(r -> new LeftWithout(r.userId(), r.productCode(), null)).toList());
    }
}
