package com.seatkeeper.rostersync;

import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Outcome;
import org.springframework.stereotype.Service;

/**
 * Same-day syncs on request (issue 10 "Scheduling"; {@code POST /api/v1/districts/{districtId}/sync-requests}): a
 * QUEUED run handed to the cluster-safe scheduler at once.
 */
@Service
public class SyncRequests {

    /**
     * Requests a same-day sync. 202 with the run's id. Refusals, nothing queued: 404 another district; 403
     * {@code role_not_allowed} (district admins and the vendor admin only); 409 {@code rostering_not_connected}; 409
     * {@code sync_already_queued} with the queued or running run's id; 429 {@code sync_limit_reached} after
     * {@code seatkeeper.sync.same-day-limit} (default 3) same-day syncs in the district's local day, saying when the next
     * is allowed (the next local midnight, as an instant, in {@code nextAllowedAt}).
     */
    public Outcome<SyncRunId> request(Actor actor, DistrictId district) {
        throw new UnsupportedOperationException("contract: the SYNC helper implements it");
    }
}
