package com.seatkeeper.access;

import com.seatkeeper.shared.BusinessRefusal;

/** Why an API token was not issued for a person (nothing issued, nothing changed). */
public sealed interface TokenRefusal extends BusinessRefusal {

    /** A deactivated person's token would be refused on its first use. */
    record Inactive(String name) implements TokenRefusal {
        public String code() { return "person_inactive"; }
        public int status() { return 409; }
        public String title() { return "Person is inactive"; }
        public String detail() {
            return name + " is deactivated, so an API token acting as them would not work. Reactivate them first, "
                    + "or issue the token for an active person.";
        }
    }

    /** Students neither sign in nor use the API. */
    record Student(String name) implements TokenRefusal {
        public String code() { return "student_no_token"; }
        public int status() { return 422; }
        public String title() { return "Students get no API token"; }
        public String detail() {
            return name + " is a student; students do not use the API. Issue the token for the administrator or "
                    + "staff member the integration acts for.";
        }
    }
}
