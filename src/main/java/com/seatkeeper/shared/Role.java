package com.seatkeeper.shared;

/** A person's role in a district. Educators are every role but STUDENT. */
public enum Role {
    STUDENT, TEACHER, SCHOOL_ADMIN, DISTRICT_ADMIN, STAFF;

    public boolean isEducator() {
        return this != STUDENT;
    }
}
