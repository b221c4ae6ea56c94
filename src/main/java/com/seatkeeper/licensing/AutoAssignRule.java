package com.seatkeeper.licensing;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;

/**
 * One auto-assignment rule of a pool (docs/design.md, "Auto-assignment"): the active people it names get a seat of the
 * pool at every roster apply and when the pool's rules are saved, as long as seats last. A rule is a {@link Kind} (which
 * role) narrowed by what the kind takes: a school ({@code SCHOOL_*} need one; {@code COURSE_*} and {@code GRADE_STUDENTS}
 * may name one), a course title as classes carry it ({@code COURSE_*}), a grade as a CEDS code ({@code GRADE_STUDENTS},
 * one of {@link AutoAssignRules#GRADES}). Values not taken by the kind are null.
 *
 * @param kind     who: students or teachers, of the district, a school, a course or a grade
 * @param schoolId the school whose people it names, or null
 * @param course   the course title (as the district's classes carry it; compared ignoring case), or null
 * @param grade    the grade as a CEDS code ({@code 09}, {@code KG}), or null
 */
public record AutoAssignRule(Kind kind, SchoolId schoolId, String course, String grade) {

    /** The kinds of rule: which role they name and which of school, course and grade they take. */
    public enum Kind {
        ALL_STUDENTS(Role.STUDENT, Takes.NO, false, false),
        ALL_TEACHERS(Role.TEACHER, Takes.NO, false, false),
        SCHOOL_STUDENTS(Role.STUDENT, Takes.REQUIRED, false, false),
        SCHOOL_TEACHERS(Role.TEACHER, Takes.REQUIRED, false, false),
        COURSE_STUDENTS(Role.STUDENT, Takes.OPTIONAL, true, false),
        COURSE_TEACHERS(Role.TEACHER, Takes.OPTIONAL, true, false),
        GRADE_STUDENTS(Role.STUDENT, Takes.OPTIONAL, false, true);

        /** Whether a kind takes a school. */
        public enum Takes { NO, OPTIONAL, REQUIRED }

        private final Role role;
        private final Takes school;
        private final boolean course;
        private final boolean grade;

        Kind(Role role, Takes school, boolean course, boolean grade) {
            this.role = role;
            this.school = school;
            this.course = course;
            this.grade = grade;
        }

        /** The role of the people the rule names (enrolled as that role, for the course kinds). */
        public Role role() {
            return role;
        }

        /** The seat type a pool needs for this kind's people. */
        public SeatType seatType() {
            return role == Role.STUDENT ? SeatType.STUDENT : SeatType.EDUCATOR;
        }

        public Takes school() {
            return school;
        }

        /** Whether the kind needs a course title. */
        public boolean takesCourse() {
            return course;
        }

        /** Whether the kind needs a grade. */
        public boolean takesGrade() {
            return grade;
        }
    }

    /**
     * The rule in words, for the console and the API's {@code description}: "All students", "All teachers of Lincoln
     * Elementary", "Students in classes of Algebra I at Lincoln Elementary", "Students in grade 9".
     *
     * @param schoolName the name of {@link #schoolId()} (ignored when the rule names no school)
     */
    public String words(String schoolName) {
        String people = kind.role() == Role.STUDENT ? "students" : "teachers";
        String at = schoolId == null ? "" : (kind.school() == Kind.Takes.REQUIRED ? " of " : " at ") + schoolName;
        return switch (kind) {
            case ALL_STUDENTS, ALL_TEACHERS, SCHOOL_STUDENTS, SCHOOL_TEACHERS -> "All " + people + at;
            case COURSE_STUDENTS -> "Students in classes of " + course + at;
            case COURSE_TEACHERS -> "Teachers of classes of " + course + at;
            case GRADE_STUDENTS -> "Students in " + AutoAssignRules.gradeWords(grade) + at;
        };
    }
}
