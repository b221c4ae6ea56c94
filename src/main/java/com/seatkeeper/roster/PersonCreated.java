package com.seatkeeper.roster;

import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.UserId;

/**
 * A person was created by hand (console or API). Published inside the creating transaction; the access module invites
 * an educator with an email in that same transaction, so a rolled-back creation invites no one.
 *
 * @param createdBy the creator's name as the actor's label gives it
 */
public record PersonCreated(DistrictId districtId, UserId userId, Role role, String email, String createdBy) {
}
