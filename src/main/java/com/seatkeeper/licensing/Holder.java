package com.seatkeeper.licensing;

import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.UserId;
import java.time.Instant;

/** Someone holding a seat of a pool. */
public record Holder(UserId userId, String name, Role role, Instant assignedAt, String assignedBy, Instant lastActiveAt) {
}
