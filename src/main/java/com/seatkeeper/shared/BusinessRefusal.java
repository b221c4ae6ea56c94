package com.seatkeeper.shared;

import java.util.Map;

/**
 * A business rule said no. Refusals are values, not exceptions; {@code ApiProblems} turns any
 * of them into a problem detail and the console shows {@link #detail()} where the action was taken.
 */
public interface BusinessRefusal {
    /** Stable machine-readable code, e.g. {@code no_licenses_available}. */
    String code();

    /** The HTTP status of the problem. */
    int status();

    /** A short title. */
    String title();

    /** What went wrong and what to do next, for a person. */
    String detail();

    /** Extra members of the problem body, e.g. {@code available}. */
    default Map<String, Object> properties() {
        return Map.of();
    }
}
