package com.seatkeeper.console.classes;

import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The class page's student forms: a new student ({@code givenName}, {@code familyName}, checked by the roster
 * service), or existing students chosen by id ({@code studentId}); {@code poolId} optionally names the product to
 * assign to them. An id that is not one converts to an inline message.
 */
public class StudentForm {
    private String givenName = "";
    private String familyName = "";
    private List<UserId> studentId = new ArrayList<>();
    private PoolId poolId;

    public String getGivenName() { return givenName; }
    public void setGivenName(String givenName) { this.givenName = givenName; }
    public String getFamilyName() { return familyName; }
    public void setFamilyName(String familyName) { this.familyName = familyName; }
    public List<UserId> getStudentId() { return studentId; }
    public void setStudentId(List<UserId> studentId) { this.studentId = studentId == null ? new ArrayList<>() : studentId; }
    public PoolId getPoolId() { return poolId; }
    public void setPoolId(PoolId poolId) { this.poolId = poolId; }

    /** The chosen students, without blanks and repeats. */
    List<UserId> students() {
        return studentId.stream().filter(Objects::nonNull).distinct().toList();
    }
}
