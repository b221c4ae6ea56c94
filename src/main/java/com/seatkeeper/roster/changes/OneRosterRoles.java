package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.Role;
import java.util.Optional;

/**
 * OneRoster 1.1 and 1.2 roles as Seatkeeper's, for uploads and syncs alike (issue 9 §2, "Role mapping"; OneRoster 1.1
 * RoleType, 1.2 RoleEnum): student → STUDENT; teacher → TEACHER; an administrator (1.1 {@code administrator}, 1.2
 * {@code districtAdministrator}, {@code siteAdministrator}, {@code systemAdministrator}, {@code principal}) → DISTRICT_ADMIN
 * at a district org, SCHOOL_ADMIN otherwise; {@code aide}, {@code proctor}, {@code counselor} → STAFF; {@code guardian},
 * {@code parent}, {@code relative} → skipped (not rostered, counted). The role token is matched exactly as the specs spell
 * it: callers normalise case and spaces first.
 */
public final class OneRosterRoles {
    private OneRosterRoles() {}

    /** A OneRoster role as Seatkeeper's: a role, or skipped (guardians, parents, relatives are not rostered; role null). */
    public record Mapped(Role role, boolean skipped) {}

    /**
     * The role of {@code role} (a OneRoster role token), a DISTRICT_ADMIN rather than a SCHOOL_ADMIN for an administrator when
     * {@code atDistrictOrg}. Empty for a role the specs do not define (the caller reports {@code unknown_role}).
     */
    public static Optional<Mapped> map(String role, boolean atDistrictOrg) {
        return Optional.ofNullable(switch (role) {
            case "student" -> new Mapped(Role.STUDENT, false);
            case "teacher" -> new Mapped(Role.TEACHER, false);
            case "administrator", "districtAdministrator", "siteAdministrator", "systemAdministrator", "principal" ->
                    new Mapped(atDistrictOrg ? Role.DISTRICT_ADMIN : Role.SCHOOL_ADMIN, false);
            case "aide", "proctor", "counselor" -> new Mapped(Role.STAFF, false);
            case "guardian", "parent", "relative" -> new Mapped(null, true);
            default -> null;
        });
    }
}
