package com.seatkeeper.licensing;

import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.UserId;
import java.time.Instant;

/** A holder as the holders CSV lists them: the seat, and the person's name, role and email (may be null). */
public record HolderExportRow(UserId userId, String name, Role role, String email, Instant assignedAt, String assignedBy,
                              Instant lastActiveAt) {
}
