package com.seatkeeper.catalog;

import com.seatkeeper.shared.Role;

/** The kind of license: for educators (every role but student) or for students. */
public enum SeatType {
    EDUCATOR, STUDENT;

    public boolean fits(Role role) {
        return this == STUDENT ? role == Role.STUDENT : role.isEducator();
    }

    public String people() {
        return this == STUDENT ? "students" : "educators";
    }
}
