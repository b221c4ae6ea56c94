package com.seatkeeper.rostersync;

import java.time.Duration;

/**
 * How the Clever connector talks to Clever (settings {@code seatkeeper.sync.clever.*} and
 * {@code seatkeeper.sync.max-rate-limit-wait}).
 *
 * @param pageSize         records per page ({@code limit}); Clever's largest is 10000 (default 10000)
 * @param connectTimeout   how long to wait for a connection (default 10 s)
 * @param requestTimeout   how long to wait for a page's answer (default 60 s)
 * @param maxAttempts      attempts per request, the first included, for 500/502/503/504, timeouts, broken connections
 *                         and 429 (default 5)
 * @param initialBackoff   the wait before the second attempt; doubled each attempt, with ±50% jitter (default 1 s)
 * @param maxBackoff       the longest wait between two attempts after a failure (default 1 min)
 * @param maxRateLimitWait the longest a 429's {@code X-RateLimit-Reset} may make a pull wait; longer ends the pull
 *                         (default 2 min)
 * @param maxPullDuration  the longest a whole pull may take, waits included ({@code seatkeeper.sync.max-pull-duration},
 *                         default 2 h); longer ends it
 * @param maxPages         the most pages a pull reads, all lists together ({@code seatkeeper.sync.max-pages}, default
 *                         100000: ten million records at Clever's largest page); more ends it
 * @param maxPageBytes     the largest page body read, in bytes ({@code seatkeeper.sync.max-page-bytes}, default 64 MiB;
 *                         a 10,000-record page of Clever's is a few MB); larger ends the pull
 * @param allowLocal       {@code seatkeeper.sync.allow-local-providers}: http and hosts that are not public internet
 *                         addresses are reached (a stand-in on this machine; test and demo profiles only)
 */
record CleverSettings(int pageSize, Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
                      Duration maxBackoff, Duration maxRateLimitWait, Duration maxPullDuration, long maxPages, long maxPageBytes,
                      boolean allowLocal) {
    /** Clever's largest page (a larger {@code limit} is answered 413). */
    static final int MAX_PAGE_SIZE = 10_000;

    CleverSettings {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("seatkeeper.sync.clever.page-size must be 1 to " + MAX_PAGE_SIZE + ", not " + pageSize);
        }
        if (maxPages < 1 || maxPageBytes < 1 || maxPullDuration.isNegative() || maxPullDuration.isZero()) {
            throw new IllegalArgumentException("seatkeeper.sync.max-pages, max-page-bytes and max-pull-duration must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("seatkeeper.sync.clever.max-attempts must be at least 1, not " + maxAttempts);
        }
    }
}
