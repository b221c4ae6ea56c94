package com.seatkeeper.district;

/** Where a district's roster comes from. Clever and ClassLink rosters are read-only here. */
public enum RosteringSource {
    MANUAL, CLEVER, CLASSLINK;

    public boolean isReadOnlyRoster() {
        return this != MANUAL;
    }
}
