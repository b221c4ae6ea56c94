package com.seatkeeper.roster;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.UserId;

/**
 * A person was deactivated. Published inside the deactivation's transaction, after the person's
 * row is locked and marked inactive; listeners that must act in that same transaction (the
 * licensing module frees the person's seats) use a plain synchronous {@code @EventListener}.
 *
 * @param actor  who deactivated them, as written in the seat ledger
 * @param source where the change came from (MANUAL, UPLOAD, CLEVER, CLASSLINK)
 */
public record UserDeactivated(DistrictId districtId, UserId userId, String actor, String source) {
}
