package com.seatkeeper.licensing;

import com.seatkeeper.shared.InvalidRequestException;

/**
 * One page of a long licensing list (holders, ledger): {@code limit} rows (1..1000, default 100) after the position an
 * opaque {@code after} cursor names (the {@code next} of the page before), or from a small {@code offset} (at most
 * {@link #MAX_OFFSET}: deeper pages are read with {@code after}). Both at once are refused.
 *
 * @param limit  rows on the page
 * @param after  a cursor from a previous page of the same list, or null for the first page
 * @param offset rows to skip from the start (0 with a cursor)
 */
public record ListRequest(int limit, String after, int offset) {
    /** The largest {@code offset} a list accepts; a deeper page costs as much as all the rows before it. */
    public static final int MAX_OFFSET = 1000;
    /** The largest {@code limit}. */
    public static final int MAX_LIMIT = 1000;

    public ListRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        if (offset < 0) {
            throw new InvalidRequestException("offset", "offset must be 0 or more.");
        }
        after = after == null || after.isBlank() ? null : after.trim();
    }

    /** The request of the API's query parameters (absent: 100 rows from the start). */
    public static ListRequest of(Integer limit, String after, Integer offset) {
        return new ListRequest(limit == null ? 100 : limit, after, offset == null ? 0 : offset);
    }

    /** The first {@code limit} rows. */
    public static ListRequest first(int limit) {
        return new ListRequest(limit, null, 0);
    }
}
