package com.seatkeeper.shared;

/** What a signed-in caller may do: a district role, or the company's vendor admin. */
public enum ActorRole {
    VENDOR_ADMIN, DISTRICT_ADMIN, SCHOOL_ADMIN, TEACHER, STAFF, STUDENT;

    public static ActorRole of(Role role) {
        return valueOf(role.name());
    }
}
