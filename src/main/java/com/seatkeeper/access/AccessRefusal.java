package com.seatkeeper.access;

import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.Role;
import java.util.Map;

/** Why an invitation was refused (nothing sent, nothing changed). */
public sealed interface AccessRefusal extends BusinessRefusal {

    /** Students sign in through their apps, not the console: they get no invitation. */
    record StudentNotInvited(String userId) implements AccessRefusal {
        public String code() { return "student_not_invited"; }
        public int status() { return 422; }
        public String title() { return "Students get no invitation"; }
        public String detail() {
            return "Students do not sign in to Seatkeeper, so they get no invitation. Invite educators only.";
        }
        @Override public Map<String, Object> properties() { return Map.of("userId", userId); }
    }

    /** People of this role (staff) have no console pages to sign in to: they get no invitation. */
    record NoConsole(String userId, Role role) implements AccessRefusal {
        public String code() { return "no_console"; }
        public int status() { return 422; }
        public String title() { return "No console for this role"; }
        public String detail() {
            return "People with the role " + role + " have no Seatkeeper console pages, so they get no invitation. "
                    + "Invite district admins, school admins and teachers only.";
        }
        @Override public Map<String, Object> properties() { return Map.of("userId", userId); }
    }

    /** The person has no email to send the invitation to. */
    record NoEmail(String name) implements AccessRefusal {
        public String code() { return "no_email"; }
        public int status() { return 422; }
        public String title() { return "No email address"; }
        public String detail() {
            return name + " has no email address. Add one on their page, then send the invitation.";
        }
    }

    /** A deactivated person cannot sign in, so an invitation would not help. */
    record Inactive(String name) implements AccessRefusal {
        public String code() { return "person_inactive"; }
        public int status() { return 409; }
        public String title() { return "Person is inactive"; }
        public String detail() {
            return name + " is deactivated and cannot sign in. Reactivate them first, then send the invitation.";
        }
    }

    /** The person's email already signs in another account (the same person in another district, say). */
    record EmailSignsInElsewhere(String email) implements AccessRefusal {
        public String code() { return "email_in_use"; }
        public int status() { return 409; }
        public String title() { return "Email signs in another account"; }
        public String detail() {
            return email + " already signs in to another Seatkeeper account, so it cannot sign in to this one too. "
                    + "Give this person another email address, or let them use the other account.";
        }
    }
}
