package com.seatkeeper.licensing;

import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.UserId;

/**
 * A holder as the holders CSV lists them: the seat, and the person's name, role and email (may be null). The times are
 * text as the CSV writes them, in the district's time zone to the second with its offset ({@code 2026-08-01T20:03:25-05:00},
 * ISO 8601); {@code lastActiveAt} null when the seat was never used.
 */
public record HolderExportRow(UserId userId, String name, Role role, String email, String assignedAt, String assignedBy,
                              String lastActiveAt) {
}
