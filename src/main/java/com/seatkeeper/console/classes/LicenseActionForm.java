package com.seatkeeper.console.classes;

import com.seatkeeper.licensing.BulkMode;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The license forms of a class page: the product ({@code poolId}), whom ({@code who}: {@code selected} students or the
 * whole {@code class}), the students ticked ({@code studentId}), {@code action} ({@code assign} or {@code unassign}),
 * how a shortage is treated ({@link BulkMode}), and for one student's button {@code target} =
 * {@code assign:<poolId>:<studentId>} or {@code unassign:...}. Ids and the mode that are not one convert to an
 * inline message.
 */
public class LicenseActionForm {
    private PoolId poolId;
    private String who = "selected";
    private List<UserId> studentId = new ArrayList<>();
    private String action = "assign";
    private BulkMode mode = BulkMode.ALL_OR_NOTHING;
    private String target = "";

    public PoolId getPoolId() { return poolId; }
    public void setPoolId(PoolId poolId) { this.poolId = poolId; }
    public String getWho() { return who; }
    public void setWho(String who) { this.who = who == null ? "selected" : who; }
    public List<UserId> getStudentId() { return studentId; }
    public void setStudentId(List<UserId> studentId) { this.studentId = studentId == null ? new ArrayList<>() : studentId; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action == null ? "assign" : action; }
    public BulkMode getMode() { return mode; }
    public void setMode(BulkMode mode) { this.mode = mode == null ? BulkMode.ALL_OR_NOTHING : mode; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target == null ? "" : target; }

    /** The ticked students, without blanks and repeats. */
    List<UserId> students() {
        return studentId.stream().filter(Objects::nonNull).distinct().toList();
    }
}
