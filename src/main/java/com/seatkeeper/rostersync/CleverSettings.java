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
 */
record CleverSettings(int pageSize, Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
                      Duration maxBackoff, Duration maxRateLimitWait) {
    /** Clever's largest page (a larger {@code limit} is answered 413). */
    static final int MAX_PAGE_SIZE = 10_000;

    CleverSettings {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("seatkeeper.sync.clever.page-size must be 1 to " + MAX_PAGE_SIZE + ", not " + pageSize);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("seatkeeper.sync.clever.max-attempts must be at least 1, not " + maxAttempts);
        }
    }
}
