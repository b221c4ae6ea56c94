package com.seatkeeper.console.licenses;

import com.seatkeeper.licensing.BulkMode;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The educators page's action bar: what to do ({@code assign}, {@code unassign} or {@code reassign}), with which
 * pool, for the educators ticked ({@code userIds}), from whom for a reassignment, and how a bulk assignment treats a
 * shortage ({@link BulkMode}, all or nothing by default). Ids and the mode that are not one convert to an inline message.
 */
public class EducatorActionForm {
    private String action = "";
    private PoolId poolId;
    private List<UserId> userIds = new ArrayList<>();
    private UserId fromUserId;
    private BulkMode mode = BulkMode.ALL_OR_NOTHING;

    public String getAction() { return action; }
    public void setAction(String action) { this.action = action == null ? "" : action; }
    public PoolId getPoolId() { return poolId; }
    public void setPoolId(PoolId poolId) { this.poolId = poolId; }
    public List<UserId> getUserIds() { return userIds; }
    public void setUserIds(List<UserId> userIds) { this.userIds = userIds == null ? new ArrayList<>() : userIds; }
    public UserId getFromUserId() { return fromUserId; }
    public void setFromUserId(UserId fromUserId) { this.fromUserId = fromUserId; }
    public BulkMode getMode() { return mode; }
    public void setMode(BulkMode mode) { this.mode = mode == null ? BulkMode.ALL_OR_NOTHING : mode; }

    /** The ticked educators, without blanks and repeats. */
    List<UserId> selected() {
        return userIds.stream().filter(Objects::nonNull).distinct().toList();
    }
}
