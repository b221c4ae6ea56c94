package com.seatkeeper.shared;

/** A window of a long list: {@code limit} (1..1000, default 100) rows from {@code offset}. */
public record PageRequest(int limit, int offset) {
    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        if (offset < 0) {
            throw new InvalidRequestException("offset", "offset must be 0 or more.");
        }
    }

    public static PageRequest of(Integer limit, Integer offset) {
        return new PageRequest(limit == null ? 100 : limit, offset == null ? 0 : offset);
    }
}
