package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.Text;
import java.util.List;
import java.util.Map;

/**
 * Why a pool's auto-assign rules were refused (422, naming the rule's field as {@code rules[i].kind} and so on); nothing
 * was changed. Malformed input (a missing school, a value the kind does not take, an unknown grade) is a
 * {@link com.seatkeeper.shared.FieldRefusal} (400) instead.
 */
public sealed interface AutoAssignRefusal extends BusinessRefusal {

    /** The rule names people whose role does not fit the pool's seat type (teachers for a pool of student licenses). */
    record RuleDoesNotFitPool(String field, AutoAssignRule.Kind kind, SeatType seatType) implements AutoAssignRefusal {
        public String code() { return "rule_does_not_fit_pool"; }
        public int status() { return 422; }
        public String title() { return "Rule does not fit the pool"; }
        public String detail() {
            return "This pool holds " + seatType.name().toLowerCase() + " licenses, which are for " + seatType.people() + "; the rule "
                    + kind + " names " + kind.seatType().people() + ". Choose a rule of " + seatType.people()
                    + ", or set this rule on a pool of " + kind.seatType().name().toLowerCase() + " licenses.";
        }
        @Override public Map<String, Object> properties() { return Map.of("field", field, "seatType", seatType); }
    }

    /** A school pool's rule names another school: its people could never hold the pool's seats. */
    record RuleOutsidePoolSchool(String field, String schoolName, String poolSchoolName) implements AutoAssignRefusal {
        public String code() { return "rule_outside_pool_school"; }
        public int status() { return 422; }
        public String title() { return "School outside the pool"; }
        public String detail() {
            return "This pool's licenses are for " + poolSchoolName + " only, so a rule for " + schoolName + " would never give one. Name "
                    + poolSchoolName + " or no school (the pool's school is implied), or set the rule on a pool of " + schoolName + ".";
        }
        @Override public Map<String, Object> properties() { return Map.of("field", field); }
    }

    /** The school is not one of the pool's district (or does not exist: the same answer). */
    record UnknownSchool(String field, String schoolId) implements AutoAssignRefusal {
        public String code() { return "unknown_school"; }
        public int status() { return 422; }
        public String title() { return "Unknown school"; }
        public String detail() {
            return "School " + schoolId + " is not a school of this pool's district. Use an id from "
                    + "GET /api/v1/districts/{districtId}/schools.";
        }
        @Override public Map<String, Object> properties() { return Map.of("field", field); }
    }

    /** No class of the district carries the course title (a typo would otherwise match no one, silently). */
    record UnknownCourse(String field, String course, List<String> known) implements AutoAssignRefusal {
        public String code() { return "unknown_course"; }
        public int status() { return 422; }
        public String title() { return "Unknown course"; }
        public String detail() {
            return "No class of this district carries the course '" + Text.excerpt(course) + "'. "
                    + (known.isEmpty() ? "The district's classes carry no course titles yet: add the rule after the roster brings them."
                    : "Use a course title as the classes carry it, e.g. " + String.join(", ", known) + ".");
        }
        @Override public Map<String, Object> properties() { return Map.of("field", field, "courses", known); }
    }
}
