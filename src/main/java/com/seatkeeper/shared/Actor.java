package com.seatkeeper.shared;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: an account with its role, its district (none for the vendor admin), its user
 * in the roster (none for vendor staff) and the schools it belongs to.
 *
 * @param label how the actor is written in the seat ledger and "assigned by" columns
 */
public record Actor(UUID accountId, UserId userId, ActorRole role, DistrictId districtId,
                    Set<SchoolId> schoolIds, String label) {

    public Actor {
        Objects.requireNonNull(accountId, "account id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(label, "label");
        schoolIds = Set.copyOf(schoolIds);
        if ((role == ActorRole.VENDOR_ADMIN) != (districtId == null)) {
            throw new IllegalArgumentException("only the vendor admin has no district");
        }
    }

    public boolean isVendor() {
        return role == ActorRole.VENDOR_ADMIN;
    }

    /** Tenant isolation in one place: the vendor admin sees every district, everyone else their own. */
    public boolean maySee(DistrictId district) {
        return isVendor() || districtId.equals(district);
    }

    /** Throws not-found (never forbidden) for another district, so its ids cannot be probed. */
    public void requireVisible(DistrictId district, String what, Object id) {
        if (district == null || !maySee(district)) {
            throw new NotFoundException(what, id);
        }
    }

    /**
     * The district a request works on: the one it names, which must be visible to the caller (not-found otherwise, never
     * the caller's own in its place, so another district's id answers like an unknown one), else the caller's own; null
     * when nothing is named and the caller is the vendor admin, who has none.
     */
    public DistrictId districtNamed(DistrictId named) {
        if (named == null) {
            return districtId;
        }
        requireVisible(named, "district", named);
        return named;
    }

    public boolean isAnyOf(ActorRole... roles) {
        for (ActorRole r : roles) {
            if (role == r) {
                return true;
            }
        }
        return false;
    }

    public void requireAnyOf(String action, ActorRole... roles) {
        if (!isAnyOf(roles)) {
            throw new ForbiddenException("A " + role + " may not " + action + ".");
        }
    }

    public boolean isDistrictWideAdmin() {
        return isAnyOf(ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN);
    }
}
