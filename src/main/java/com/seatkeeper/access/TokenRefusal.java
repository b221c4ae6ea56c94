package com.seatkeeper.access;

import com.seatkeeper.shared.BusinessRefusal;

/**
 * Why an API token was not issued for a person (nothing issued, nothing changed), or why an issued token is refused on
 * use (401, {@link #detailOnUse}).
 */
public sealed interface TokenRefusal extends BusinessRefusal {

    /** What a request with a token of this person is told (401): why the token acts as no one now. */
    String detailOnUse();

    /** A deactivated person's token would be refused on its first use. */
    record Inactive(String name) implements TokenRefusal {
        public String code() { return "person_inactive"; }
        public int status() { return 409; }
        public String title() { return "Person is inactive"; }
        public String detail() {
            return name + " is deactivated, so an API token acting as them would not work. Reactivate them first, "
                    + "or issue the token for an active person.";
        }
        public String detailOnUse() {
            return "This API token acts as " + name + ", who is deactivated, so it no longer works. "
                    + "Ask an administrator of your district for a token of an active person.";
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
        public String detailOnUse() {
            return "This API token acts as " + name + ", who is now a student; students do not use the API, so it no longer "
                    + "works. Ask an administrator of your district for a token of the person the integration acts for.";
        }
    }
}
