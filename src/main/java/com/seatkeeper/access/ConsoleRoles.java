package com.seatkeeper.access;

import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.Role;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which people have a console to sign in to: district admins, school admins and teachers (and vendor accounts, which
 * have no roster role). Only they are invited, mailed a reset link, or signed in; students and staff have no console
 * pages, so signing them in would land on a page that does not exist.
 */
final class ConsoleRoles {
    /** The roster roles with console pages. */
    static final Set<Role> WITH_CONSOLE = EnumSet.of(Role.DISTRICT_ADMIN, Role.SCHOOL_ADMIN, Role.TEACHER);

    private ConsoleRoles() {
    }

    /**
     * Empty when a person of this role has a console; otherwise why not, naming the person by {@code userId}:
     * {@link AccessRefusal.StudentNotInvited} for students, {@link AccessRefusal.NoConsole} for other roles.
     */
    static Optional<AccessRefusal> mayHaveConsole(Role role, String userId) {
        if (WITH_CONSOLE.contains(role)) {
            return Optional.empty();
        }
        return Optional.of(role == Role.STUDENT ? new AccessRefusal.StudentNotInvited(userId) : new AccessRefusal.NoConsole(userId, role));
    }

    /** Whether a signed-in caller of this role has a console (vendor admins do). */
    static boolean hasConsole(ActorRole role) {
        return role == ActorRole.VENDOR_ADMIN || WITH_CONSOLE.contains(Role.valueOf(role.name()));
    }

    /** Whether a person of this role has a console. */
    static boolean hasConsole(Role role) {
        return WITH_CONSOLE.contains(role);
    }
}
