package com.seatkeeper.shared;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A position in a keyset-paged list: the sort key of a row (e.g. family name, given name and id), tagged with the list
 * it belongs to. It travels to the caller only sealed by {@link Cursors} (encrypted and authenticated), as the opaque
 * {@code after}/{@code before} cursor; the caller can neither read it (it may hold names) nor make one up.
 *
 * @param list   which list's sort key this is, with whatever else a cursor must match to be used (e.g. the pool and the
 *               filters: {@code holders|<pool>|all})
 * @param values the sort key, the row's id last
 */
public record Cursor(String list, List<String> values) {
    private static final Pattern CANONICAL_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public Cursor {
        values = List.copyOf(values);
    }

    /**
     * The row's id, the last value, as a canonical UUID.
     *
     * @throws IllegalArgumentException when it is not one (such a cursor is refused as {@code invalid_cursor})
     */
    public UUID id() {
        return uuid(values.size() - 1);
    }

    /**
     * Value {@code i} as a UUID written in canonical form (lower-case, 8-4-4-4-12 digits: {@code UUID.fromString} alone
     * would also take {@code 1-1-1-1-1}).
     *
     * @throws IllegalArgumentException when it is not one
     */
    public UUID uuid(int i) {
        String v = values.get(i);
        if (!CANONICAL_ID.matcher(v).matches()) {
            throw new IllegalArgumentException("not a canonical id");
        }
        return UUID.fromString(v);
    }

    /**
     * Value {@code i} as a number written in decimal digits (an optional minus sign first), within a {@code long}.
     *
     * @throws NumberFormatException when it is not one
     */
    public long number(int i) {
        return Long.parseLong(values.get(i));
    }
}
