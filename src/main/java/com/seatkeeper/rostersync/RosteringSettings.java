package com.seatkeeper.rostersync;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Outcome;
import org.springframework.stereotype.Service;

/**
 * A district's rostering connection (issue 10 "Connection settings"; docs/design.md "Rostering sync"): which provider,
 * where, with which secrets (encrypted at rest with AES-GCM under {@code seatkeeper.secrets.key}, never returned, never
 * logged), and the local time of its nightly sync. District admins of the district and the vendor admin; others 403
 * {@code role_not_allowed}; another district 404.
 */
@Service
public class RosteringSettings {

    /**
     * Connects or reconnects the district ({@code PUT /api/v1/districts/{districtId}/rostering}); also sets the
     * district's rostering source (a MANUAL district becomes CLEVER or CLASSLINK, its roster read-only from then on). A
     * secret left null keeps the stored one (changing only {@code nightlyAt} keeps the token). Refusals: 400
     * {@code invalid_request} with the field (unknown source, a base URL that is not http(s), a missing token on the
     * first connection, {@code nightlyAt} not HH:mm, an unknown {@code apiVersion}).
     */
    public Outcome<RosteringView> connect(Actor actor, DistrictId district, RosteringChange change) {
        throw new UnsupportedOperationException("contract: the SYNC helper implements it");
    }

    /** The district's connection without secrets ({@code GET .../rostering}); source MANUAL and nothing else when none. */
    public Outcome<RosteringView> get(Actor actor, DistrictId district) {
        throw new UnsupportedOperationException("contract: the SYNC helper implements it");
    }

    /**
     * Tests the district's stored connection ({@code POST .../rostering:test}): reads the district and the first page of
     * each kind through the source's {@link RosterConnector#test}; what worked or why not, in plain words. 409
     * {@code rostering_not_connected} for a MANUAL district.
     */
    public Outcome<ConnectionCheck> test(Actor actor, DistrictId district) {
        throw new UnsupportedOperationException("contract: the SYNC helper implements it");
    }
}
