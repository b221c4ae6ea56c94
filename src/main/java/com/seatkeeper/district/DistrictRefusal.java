package com.seatkeeper.district;

import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.Text;
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

    /**
     * Another school of the district already has this name, ignoring case (unique index
     * {@code schools_name_per_district}, V19): 409 {@code duplicate_school_name}, field {@code name}. Schools synced from
     * Clever or ClassLink are held to the same index, so the syncs must handle a clash of names too.
     *
     * @param name the name asked for, as normalized
     */
    record DuplicateSchoolName(String name) implements DistrictRefusal {
        /** The code, also used by {@code shared.ConstraintRefusal} for the index. */
        public static final String CODE = "duplicate_school_name";
        public String code() { return CODE; }
        public int status() { return 409; }
        public String title() { return "School name already used"; }
        public String detail() {
            return "name '" + Text.excerpt(name) + "' is already the name of another school of this district (ignoring case); choose another "
                    + "name, or rename that school first.";
        }
        @Override public Map<String, Object> properties() { return Map.of("field", "name"); }
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
