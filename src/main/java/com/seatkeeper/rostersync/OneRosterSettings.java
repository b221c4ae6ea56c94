package com.seatkeeper.rostersync;

import java.time.Duration;

/**
 * How the OneRoster connector talks to a OneRoster REST server (settings {@code seatkeeper.sync.oneroster.*} and the
 * shared {@code seatkeeper.sync.*} bounds, as for Clever: {@link CleverSettings}).
 *
 * @param pageSize         records asked per page ({@code limit}; default 1000; a server may send fewer, which is paged
 *                         correctly)
 * @param connectTimeout   how long to wait for a connection (default 10 s)
 * @param requestTimeout   how long to wait for a page's whole answer (default 60 s)
 * @param maxAttempts      attempts per request, the first included, for 500/502/503/504, timeouts, broken connections
 *                         and 429 (default 5)
 * @param initialBackoff   the wait before the second attempt; doubled each attempt, with ±50% jitter (default 1 s)
 * @param maxBackoff       the longest wait between two attempts after a failure (default 1 min)
 * @param maxRateLimitWait the longest a 429's {@code Retry-After} may make a pull wait; longer ends the pull (default 2 min)
 * @param maxPullDuration  the longest a whole pull may take, waits included (default 2 h)
 * @param maxPages         the most pages a pull reads, all collections together (default 100000)
 * @param maxPageBytes     the largest page body read, in bytes (default 64 MiB)
 * @param tokenMargin      an OAuth 2.0 token is used until this long before its {@code expires_in} ends (default 60 s)
 * @param maxClockSkew     how far the server's {@code Date} may be from ours before a refused OAuth 1.0a signature is
 *                         explained as a wrong clock (default 5 min: the usual timestamp window)
 * @param allowLocal       {@code seatkeeper.sync.allow-local-providers}: http and hosts that are not public internet
 *                         addresses are reached (a stand-in on this machine; test and demo profiles only)
 */
record OneRosterSettings(int pageSize, Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
                         Duration maxBackoff, Duration maxRateLimitWait, Duration maxPullDuration, long maxPages, long maxPageBytes,
                         Duration tokenMargin, Duration maxClockSkew, boolean allowLocal) {
    /** The most records a page may ask for. */
    static final int MAX_PAGE_SIZE = 10_000;

    OneRosterSettings {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("seatkeeper.sync.oneroster.page-size must be 1 to " + MAX_PAGE_SIZE + ", not " + pageSize);
        }
        if (maxAttempts < 1 || maxPages < 1 || maxPageBytes < 1 || maxPullDuration.isNegative() || maxPullDuration.isZero()) {
            throw new IllegalArgumentException("seatkeeper.sync.oneroster.max-attempts, max-pages, max-page-bytes and max-pull-duration "
                    + "must be positive");
        }
    }
}
