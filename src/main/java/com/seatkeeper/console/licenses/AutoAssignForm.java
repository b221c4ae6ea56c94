package com.seatkeeper.console.licenses;

import com.seatkeeper.licensing.AutoAssignRule;
import com.seatkeeper.shared.SchoolId;

/**
 * The pool page's "Add a rule" form (field names are the API's rule fields: {@code kind}, {@code schoolId},
 * {@code course}, {@code grade}) and "Remove" ({@code position}, the rule's place in the list). What a kind needs is the
 * service's rule ({@code AutoAssign.replace}); the form only carries the values.
 */
public class AutoAssignForm {
    private AutoAssignRule.Kind kind;
    private SchoolId schoolId;
    private String course = "";
    private String grade = "";
    private Integer position;

    /** The rule the form asks to add (blank values as absent). */
    AutoAssignRule rule() {
        return new AutoAssignRule(kind, schoolId, course == null || course.isBlank() ? null : course,
                grade == null || grade.isBlank() ? null : grade);
    }

    public AutoAssignRule.Kind getKind() { return kind; }
    public void setKind(AutoAssignRule.Kind kind) { this.kind = kind; }
    public SchoolId getSchoolId() { return schoolId; }
    public void setSchoolId(SchoolId schoolId) { this.schoolId = schoolId; }
    public String getCourse() { return course; }
    public void setCourse(String course) { this.course = course; }
    public String getGrade() { return grade; }
    public void setGrade(String grade) { this.grade = grade; }
    public Integer getPosition() { return position; }
    public void setPosition(Integer position) { this.position = position; }
}
