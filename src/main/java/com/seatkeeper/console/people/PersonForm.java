package com.seatkeeper.console.people;

import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import java.util.ArrayList;
import java.util.List;

/**
 * The person form (new or edit), with the API's field names. Text is checked by the roster service
 * ({@code shared.Text}: names, email); a role or school that is not one converts to an inline message.
 * {@code releasePoolIds} are the licenses the admin confirmed to release (edit only).
 */
public class PersonForm {
    private String givenName = "";
    private String familyName = "";
    private String email = "";
    private Role role;
    private List<SchoolId> schoolIds = new ArrayList<>();
    private List<PoolId> releasePoolIds = new ArrayList<>();

    public String getGivenName() { return givenName; }
    public void setGivenName(String givenName) { this.givenName = givenName; }
    public String getFamilyName() { return familyName; }
    public void setFamilyName(String familyName) { this.familyName = familyName; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public Role getRole() { return role; }
    public void setRole(Role role) { this.role = role; }
    public List<SchoolId> getSchoolIds() { return schoolIds; }
    public void setSchoolIds(List<SchoolId> schoolIds) { this.schoolIds = schoolIds == null ? new ArrayList<>() : schoolIds; }
    public List<PoolId> getReleasePoolIds() { return releasePoolIds; }
    public void setReleasePoolIds(List<PoolId> ids) { this.releasePoolIds = ids == null ? new ArrayList<>() : ids; }

    /** Whether the school is ticked (for the checkboxes). */
    public boolean has(SchoolId school) {
        return schoolIds.contains(school);
    }
}
