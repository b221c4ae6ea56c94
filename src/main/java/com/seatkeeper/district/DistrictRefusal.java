package com.seatkeeper.district;

import com.seatkeeper.shared.BusinessRefusal;
import java.util.Map;

/** Why a change of a district's schools was refused. */
public sealed interface DistrictRefusal extends BusinessRefusal {

    /**
     * The district's schools come from Clever or ClassLink: district and school admins may not add,
     * rename, deactivate or reactivate them by hand (vendor admins may, for support and set-up).
     * Same code and status as the roster's read-only refusal.
     */
    record RosterReadOnly(RosteringSource source) implements DistrictRefusal {
        public String code() { return "roster_read_only"; }
        public int status() { return 409; }
        public String title() { return "Roster is read-only"; }
        public String detail() {
            return "This district's schools come from " + sourceName(source) + "; add, rename or close schools there and they arrive "
                    + "with the next sync (an admin can request a same-day sync).";
        }
        @Override public Map<String, Object> properties() { return Map.of("rosteringSource", sourceName(source)); }
    }

    /** "Clever" or "ClassLink": how a rostering source is written for people. */
    static String sourceName(RosteringSource source) {
        return switch (source) {
            case CLEVER -> "Clever";
            case CLASSLINK -> "ClassLink";
            case MANUAL -> "this service";
        };
    }
}
