package com.seatkeeper.roster;

import com.seatkeeper.shared.BusinessRefusal;
import java.util.List;
import java.util.Map;

/** Why a roster change was refused. */
public sealed interface RosterRefusal extends BusinessRefusal {

    record ReadOnly(String source) implements RosterRefusal {
        public String code() { return "roster_read_only"; }
        public int status() { return 409; }
        public String title() { return "Roster is read-only"; }
        public String detail() {
            return "This district's roster comes from " + source + "; change people and classes there and they arrive with the next sync "
                    + "(an admin can request a same-day sync). Licenses can still be assigned here.";
        }
        @Override public Map<String, Object> properties() { return Map.of("rosteringSource", source); }
    }

    record UnknownSchools(List<String> schoolIds) implements RosterRefusal {
        public String code() { return "unknown_school"; }
        public int status() { return 422; }
        public String title() { return "Unknown school"; }
        public String detail() {
            return "These schools are not schools of this district (or not yours): " + String.join(", ", schoolIds)
                    + ". Use ids from GET /api/v1/districts/{districtId}/schools.";
        }
        @Override public Map<String, Object> properties() { return Map.of("schoolIds", schoolIds); }
    }

    /**
     * People named in a request (teachers or students of a class) that the caller may not name there.
     * The same answer whether an id does not exist, is inactive, has another role or is outside the
     * caller's scope, so ids cannot be probed.
     *
     * @param field   the request's field, {@code teacherIds} or {@code studentIds}
     * @param userIds the ids refused, in the order asked
     */
    record UnknownUsers(String field, List<String> userIds) implements RosterRefusal {
        public String code() { return "unknown_user"; }
        public int status() { return 422; }
        public String title() { return "Unknown people"; }
        public String detail() {
            String who = "teacherIds".equals(field) ? "teachers" : "students";
            return "These " + who + " (" + field + ") cannot be added to a class at this school: " + String.join(", ", userIds)
                    + ". Each must be an active " + ("teacherIds".equals(field) ? "educator" : "student") + " of the class's school whom you may "
                    + "add; an id that does not exist or that you may not see is refused the same way. Correct the ids, or ask an administrator.";
        }
        @Override public Map<String, Object> properties() { return Map.of("field", field, "userIds", userIds); }
    }

    record DuplicateEmail(String email) implements RosterRefusal {
        public String code() { return "duplicate_email"; }
        public int status() { return 409; }
        public String title() { return "Email already used"; }
        public String detail() {
            return "Someone in this district already has the email " + email + ". Find and edit that person instead, or use another email.";
        }
    }

    record InvalidField(String field, String message) implements RosterRefusal {
        public String code() { return "invalid_request"; }
        public int status() { return 400; }
        public String title() { return "Check the form"; }
        public String detail() { return message; }
        @Override public Map<String, Object> properties() { return Map.of("field", field); }
    }

    record CannotChangeOwnRole() implements RosterRefusal {
        public String code() { return "cannot_change_own_role"; }
        public int status() { return 409; }
        public String title() { return "Cannot change your own role"; }
        public String detail() {
            return "You cannot change your own role (the district could be left without an administrator). Ask another "
                    + "administrator of your district to do it.";
        }
    }

    record PersonOfOtherSchools() implements RosterRefusal {
        public String code() { return "person_of_other_schools"; }
        public int status() { return 403; }
        public String title() { return "Person of other schools too"; }
        public String detail() {
            return "This person also belongs to schools you do not administer, so a district administrator deactivates them or "
                    + "changes their name, email or role. You can take them out of your own schools.";
        }
    }

    record CannotDeactivateSelf() implements RosterRefusal {
        public String code() { return "cannot_deactivate_self"; }
        public int status() { return 409; }
        public String title() { return "Cannot deactivate yourself"; }
        public String detail() {
            return "You cannot deactivate your own account. Ask another administrator of your district to do it.";
        }
    }

    record SchoolInUse(String school, long activePeople) implements RosterRefusal {
        public String code() { return "school_in_use"; }
        public int status() { return 409; }
        public String title() { return "School still has people"; }
        public String detail() {
            return school + " still has " + activePeople + " active " + (activePeople == 1 ? "person" : "people")
                    + ". Move them to another school or deactivate them first (that frees their licenses), then deactivate the school.";
        }
        @Override public Map<String, Object> properties() { return Map.of("activePeople", activePeople); }
    }

    record RoleNotAllowed(String role) implements RosterRefusal {
        public String code() { return "role_not_allowed"; }
        public int status() { return 403; }
        public String title() { return "Role not allowed"; }
        public String detail() {
            return "You may not create or change people with role " + role + ". Ask a district administrator.";
        }
    }
}
