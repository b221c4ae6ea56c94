package com.seatkeeper.console.licenses;

import com.seatkeeper.shared.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The seat actions of the holders and educators pages: the people chosen ({@code userId}, one or more), and for a
 * reassignment whose license moves ({@code fromUserId}) to whom ({@code toUserId}). An id that is not one converts
 * to an inline message.
 */
public class HoldersForm {
    private List<UserId> userId = new ArrayList<>();
    private UserId fromUserId;
    private UserId toUserId;

    public List<UserId> getUserId() { return userId; }
    public void setUserId(List<UserId> userId) { this.userId = userId == null ? new ArrayList<>() : userId; }
    public UserId getFromUserId() { return fromUserId; }
    public void setFromUserId(UserId fromUserId) { this.fromUserId = fromUserId; }
    public UserId getToUserId() { return toUserId; }
    public void setToUserId(UserId toUserId) { this.toUserId = toUserId; }

    /** The chosen people, without blanks and repeats. */
    List<UserId> people() {
        return userId.stream().filter(Objects::nonNull).distinct().toList();
    }
}
