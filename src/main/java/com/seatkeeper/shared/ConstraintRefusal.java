package com.seatkeeper.shared;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A database constraint caught what a service's check missed (almost always a race between two requests):
 * the one table from constraint name to the problem a person or program is told. Nothing was applied.
 * A constraint that is not in {@link #BY_CONSTRAINT} is a bug (a check the services should make), and is
 * answered as an internal error with a correlation id, never as a vague "conflict".
 *
 * @param constraint the PostgreSQL constraint or unique index name (see the migrations)
 * @param field      the request's field the problem is about, when it is about one (then a member {@code field} of the problem)
 */
public record ConstraintRefusal(String constraint, String code, int status, String title, String detail, String field)
        implements BusinessRefusal {

    /** A problem about no field in particular. */
    public ConstraintRefusal(String constraint, String code, int status, String title, String detail) {
        this(constraint, code, status, title, detail, null);
    }

    /** Constraint or unique-index name → the problem it means (names from db/migration V1, V9, V10, V19). */
    static final Map<String, ConstraintRefusal> BY_CONSTRAINT = Map.of(
            "users_email_per_district", new ConstraintRefusal("users_email_per_district", "duplicate_email", 409, "Email already used",
                    "Another person of this district already has this email address. Use another address or edit that person."),
            "users_sourced_id_per_district", new ConstraintRefusal("users_sourced_id_per_district", "duplicate_sourced_id", 409,
                    "Sourced id already used", "Another person of this district already has this sourced id from the same source."),
            "assignments_one_active_seat", new ConstraintRefusal("assignments_one_active_seat", "license_held_elsewhere", 409,
                    "Already licensed", "This person already holds a license of this product and kind; a person holds at most one. "
                    + "Reload to see where, and unassign that one first if this pool should be used instead."),
            "assignments_one_pending_seat", new ConstraintRefusal("assignments_one_pending_seat", "already_holds_license", 409,
                    "Already renewed", "This person already holds a license of the next term of this product and kind (carried over by "
                    + "a renewal meanwhile). Reload to see it."),
            "pool_assigned_within_seats", new ConstraintRefusal("pool_assigned_within_seats", "no_licenses_available", 409,
                    "No licenses available", "Every license of the pool is in use (another request took the last one meanwhile). "
                    + "Unassign or reassign a license, or purchase more licenses."),
            "products_code_key", duplicateProduct("products_code_key"),
            "products_code_lower", duplicateProduct("products_code_lower"),
            "pool_seats_within_limit", new ConstraintRefusal("pool_seats_within_limit", "seat_limit_exceeded", 422, "Too many seats",
                    "A license pool holds at most 10,000,000 seats; nothing was added. Open another pool for more."),
            "accounts_email", new ConstraintRefusal("accounts_email", "duplicate_email", 409, "Email already used",
                    "Another account already signs in with this email address. Use another address."),
            "schools_name_per_district", new ConstraintRefusal("schools_name_per_district", "duplicate_school_name", 409,
                    "School name already used", "name is already the name of another school of this district (ignoring case); "
                    + "choose another name, or rename that school first.", "name"));

    @Override
    public Map<String, Object> properties() {
        return field == null ? Map.of() : Map.of("field", field);
    }

    /** The problem a violated constraint means, when the constraint is a known one. */
    public static Optional<ConstraintRefusal> of(Throwable error) {
        return constraintName(error).map(BY_CONSTRAINT::get);
    }

    /** The name of the violated constraint, from PostgreSQL's error report, if any. */
    public static Optional<String> constraintName(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PSQLException p) {
                ServerErrorMessage m = p.getServerErrorMessage();
                return Optional.ofNullable(m == null ? null : m.getConstraint());
            }
            if (t instanceof SQLException s && s.getNextException() != null && s.getNextException() != t) {
                Optional<String> next = constraintName(s.getNextException());
                if (next.isPresent()) {
                    return next;
                }
            }
        }
        return Optional.empty();
    }

    private static ConstraintRefusal duplicateProduct(String constraint) {
        return new ConstraintRefusal(constraint, "duplicate_product", 409, "Product code already used",
                "A product with this code (ignoring case) already exists. Choose another code or use the existing product.");
    }
}
