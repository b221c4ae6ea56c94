package com.seatkeeper.console.classes;

import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.util.ArrayList;
import java.util.List;

/**
 * The new-class form and the rename form (name only), with the API's field names. The name is checked by the
 * roster service ({@code shared.Text}); a school or teacher id that is not one converts to an inline message.
 */
public class ClassForm {
    private String name = "";
    private SchoolId schoolId;
    private List<UserId> teacherIds = new ArrayList<>();

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public SchoolId getSchoolId() { return schoolId; }
    public void setSchoolId(SchoolId schoolId) { this.schoolId = schoolId; }
    public List<UserId> getTeacherIds() { return teacherIds; }
    public void setTeacherIds(List<UserId> teacherIds) { this.teacherIds = teacherIds == null ? new ArrayList<>() : teacherIds; }
}
