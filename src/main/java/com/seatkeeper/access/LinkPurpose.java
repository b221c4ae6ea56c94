package com.seatkeeper.access;

import java.time.Duration;

/** What a one-time link to set a password is for, and how long it stays valid. */
public enum LinkPurpose {
    /** A new person's first password: valid 7 days. */
    INVITATION(Duration.ofDays(7)),
    /** "Forgot password?": valid 1 hour. */
    RESET(Duration.ofHours(1));

    private final Duration validFor;

    LinkPurpose(Duration validFor) {
        this.validFor = validFor;
    }

    /** How long a link of this purpose works after it was made. */
    public Duration validFor() {
        return validFor;
    }
}
