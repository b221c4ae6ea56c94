package com.seatkeeper.shared;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Correlation ids of unexpected errors: 12 hex digits, random, given to the caller (problem body, console error page)
 * and written in the log line that has the stack trace, so support finds one from the other.
 */
public final class CorrelationIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CorrelationIds() {
    }

    /** A new id, e.g. {@code 3f9a0c12b7e4}. */
    public static String next() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
