package com.seatkeeper.shared;

import java.util.Locale;

/**
 * Which page of a keyset-paged list to read: {@code limit} rows after the cursor {@code after} (the previous page's
 * next cursor), before the cursor {@code before} (for a "Previous" link), or from a small {@code offset}. Deep offsets
 * are refused: the database would read and throw away every skipped row (issue 12).
 *
 * @param limit  rows per page, 1 to {@link PageRequest#MAX_LIMIT}
 * @param after  the cursor after which the page starts, or null
 * @param before the cursor before which the page ends, or null
 * @param offset rows to skip from the start, 0 to {@link #MAX_OFFSET}; only without a cursor
 */
public record SeekRequest(int limit, String after, String before, int offset) {
    /** The deepest offset taken; past it, page with {@code after}. */
    public static final int MAX_OFFSET = 1000;

    public SeekRequest {
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + PageRequest.MAX_LIMIT + ".");
        }
        if (offset < 0) {
            throw new InvalidRequestException("offset", "offset must be 0 or more.");
        }
        if (offset > MAX_OFFSET) {
            throw new InvalidRequestException("offset_not_supported", "offset", "offset may be at most "
                    + String.format(Locale.ROOT, "%,d", MAX_OFFSET) + ". To read further, page with after: each page gives the cursor of "
                    + "the next one (Link rel=\"next\" and X-Next-Cursor).");
        }
        after = blankToNull(after);
        before = blankToNull(before);
        if (after != null && before != null) {
            throw new InvalidRequestException("before", "Give after or before, not both.");
        }
        if (offset > 0 && (after != null || before != null)) {
            throw new InvalidRequestException("offset", "Give offset or a cursor (" + (after != null ? "after" : "before") + "), not both.");
        }
    }

    /** The first page of {@code limit} rows. */
    public static SeekRequest first(int limit) {
        return new SeekRequest(limit, null, null, 0);
    }

    /** From request parameters; a missing limit is 100, a missing offset 0. */
    public static SeekRequest of(Integer limit, String after, Integer offset) {
        return new SeekRequest(limit == null ? 100 : limit, after, null, offset == null ? 0 : offset);
    }

    /** Whether the page is read backwards from {@link #before}. */
    public boolean backwards() {
        return before != null;
    }

    /** The cursor given, after or before, or null. */
    public String cursor() {
        return after != null ? after : before;
    }

    /** The name of the parameter that gave {@link #cursor()}. */
    public String cursorField() {
        return after != null ? "after" : "before";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
