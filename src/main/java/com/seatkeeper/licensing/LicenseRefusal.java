package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.Text;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Why a seat change was refused. Nothing was changed (but the refusal is in the seat ledger). */
public sealed interface LicenseRefusal extends BusinessRefusal {

    /** Fewer licenses left than {@code needed}: says exactly what is short, "all in use" only when none is left. */
    record NoLicensesAvailable(String productName, SeatType seatType, int seats, int assigned, int needed) implements LicenseRefusal {
        public String code() { return "no_licenses_available"; }
        public int status() { return 409; }
        public String title() { return needed <= 1 || seats == assigned ? "No licenses available" : "Not enough licenses available"; }
        public String detail() {
            String kind = productName + " " + seatType.name().toLowerCase() + " licenses";
            int available = seats - assigned;
            String what = available <= 0
                    ? "All " + seats + " " + kind + " are in use" + (needed <= 1 ? "" : " (" + needed + " needed, 0 available)")
                    : "Not enough " + kind + " (" + needed + " needed, " + available + " available): " + assigned + " of " + seats + " in use";
            return what + ". To continue, " + (available > 0 ? "choose fewer people, " : "")
                    + "unassign a license from someone who no longer needs it, reassign one, or purchase more licenses.";
        }
        @Override public Map<String, Object> properties() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seats", seats);
            m.put("assigned", assigned);
            m.put("available", seats - assigned);
            m.put("needed", needed);
            m.put("nextSteps", java.util.List.of("unassign", "reassign", "purchase"));
            return m;
        }
    }

    record SeatTypeMismatch(SeatType seatType, Role role) implements LicenseRefusal {
        public String code() { return "seat_type_mismatch"; }
        public int status() { return 422; }
        public String title() { return "Wrong kind of license"; }
        public String detail() {
            return "This pool holds " + seatType.name().toLowerCase() + " licenses, which are for " + seatType.people()
                    + "; this person is a " + role.name().toLowerCase().replace('_', ' ') + ". Use a pool of "
                    + (seatType == SeatType.STUDENT ? "educator" : "student") + " licenses of the product.";
        }
        @Override public Map<String, Object> properties() { return Map.of("seatType", seatType, "role", role); }
    }

    record UserInactive() implements LicenseRefusal {
        public String code() { return "user_inactive"; }
        public int status() { return 422; }
        public String title() { return "Person is inactive"; }
        public String detail() {
            return "This person is inactive and cannot hold a license. Reactivate them in the roster first.";
        }
    }

    record UserOutOfScope(String why) implements LicenseRefusal {
        public String code() { return "user_out_of_scope"; }
        public int status() { return 422; }
        public String title() { return "Person outside the pool"; }
        public String detail() {
            return why + " Only active people of the pool's district (and school, for a school pool) can hold its licenses.";
        }
    }

    record PoolNotActive(LocalDate startsOn, LocalDate endsOn, LocalDate today) implements LicenseRefusal {
        public String code() { return "pool_not_active"; }
        public int status() { return 409; }
        public String title() { return "Licenses not in term"; }
        public String detail() {
            return (today.isBefore(startsOn) ? "These licenses start on " + startsOn : "These licenses ended on " + endsOn)
                    + " (term " + startsOn + " to " + endsOn + "). Use a pool whose term includes today, or purchase a new term.";
        }
        @Override public Map<String, Object> properties() {
            return Map.of("startsOn", startsOn.toString(), "endsOn", endsOn.toString());
        }
    }

    record LicenseHeldElsewhere(String poolId) implements LicenseRefusal {
        public String code() { return "license_held_elsewhere"; }
        public int status() { return 409; }
        public String title() { return "Already licensed"; }
        public String detail() {
            return "This person already holds a license of this product and kind (pool " + poolId
                    + "); a person holds at most one. Unassign that one first if this pool should be used instead.";
        }
        @Override public Map<String, Object> properties() { return Map.of("heldInPoolId", poolId); }
    }

    /** The person already holds a seat of this very pool (reassigning to them would give them a second one). */
    record AlreadyHoldsLicense(String poolId) implements LicenseRefusal {
        public String code() { return "already_holds_license"; }
        public int status() { return 409; }
        public String title() { return "Already holds this license"; }
        public String detail() {
            return "This person already holds a license of this pool. Choose someone who does not hold one, or unassign the license"
                    + " instead of moving it.";
        }
        @Override public Map<String, Object> properties() { return Map.of("poolId", poolId); }
    }

    /**
     * Another pool of the same product, seat type and school shares a day with the requested term (docs/design.md, "REST contract": pools do
     * not overlap, so a person's seat of a product is never ambiguous); a renewal is the way to open the next term.
     */
    record OverlappingPool(String poolId, LocalDate startsOn, LocalDate endsOn) implements LicenseRefusal {
        public String code() { return "overlapping_pool"; }
        public int status() { return 409; }
        public String title() { return "Overlapping pool"; }
        public String detail() {
            return "Pool " + poolId + " of the same product, kind of license and school already covers " + startsOn + " to " + endsOn
                    + ". Purchase more seats for that pool, choose a term that starts after it ends, or renew that pool for its next term.";
        }
        @Override public Map<String, Object> properties() {
            return Map.of("overlappingPoolId", poolId, "startsOn", startsOn.toString(), "endsOn", endsOn.toString());
        }
    }

    record UnknownProduct(String productCode) implements LicenseRefusal {
        public String code() { return "unknown_product"; }
        public int status() { return 422; }
        public String title() { return "Unknown product"; }
        public String detail() {
            return "There is no product with code '" + Text.excerpt(productCode) + "'. See GET /api/v1/products for the codes.";
        }
    }

    record SeatTypeNotOffered(String productCode, SeatType seatType) implements LicenseRefusal {
        public String code() { return "seat_type_not_offered"; }
        public int status() { return 422; }
        public String title() { return "Product has no such licenses"; }
        public String detail() {
            return "Product '" + Text.excerpt(productCode) + "' does not offer " + seatType.name().toLowerCase() + " licenses.";
        }
    }

    record UnknownSchool(String schoolId) implements LicenseRefusal {
        public String code() { return "unknown_school"; }
        public int status() { return 422; }
        public String title() { return "Unknown school"; }
        public String detail() {
            return "School " + schoolId + " is not a school of this district. Use an id from GET /api/v1/districts/{districtId}/schools.";
        }
    }

    /** A pool would pass {@link SeatLimit#MAX_SEATS_PER_POOL}; nothing was added. */
    record SeatLimitExceeded(int limit, int current, long adding) implements LicenseRefusal {
        public String code() { return "seat_limit_exceeded"; }
        public int status() { return 422; }
        public String title() { return "Too many seats"; }
        public String detail() {
            return String.format(java.util.Locale.ROOT, "A license pool holds at most %,d seats; this one has %,d and %,d more would pass that. Nothing was added."
                    + " Add at most %,d, or open another pool.", limit, current, adding, Math.max(0, limit - current));
        }
        @Override public Map<String, Object> properties() { return Map.of("limit", limit, "seats", current); }
    }

    record BulkRefused(int refusedPeople) implements LicenseRefusal {
        public String code() { return "bulk_assignment_refused"; }
        public int status() { return 422; }
        public String title() { return "Not everyone can get a license"; }
        public String detail() {
            return refusedPeople + " of the people cannot hold a license of this pool (see results), so, all or nothing, none was assigned. "
                    + "Remove them from the list or choose AVAILABLE_SEATS.";
        }
    }
}
