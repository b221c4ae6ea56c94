package com.seatkeeper.rostersync;

/**
 * A pull that cannot complete; the run ends FAILED with {@link #getMessage()} as its reason and nothing changes. The
 * message is for a district admin (e.g. "Clever refused the district token (401): reconnect the district in Clever and
 * paste the new token") and never contains a secret.
 */
public class PullFailure extends Exception {
    private final long requests;

    public PullFailure(String reason, long requests) {
        super(reason);
        this.requests = requests;
    }

    public PullFailure(String reason, long requests, Throwable cause) {
        super(reason, cause);
        this.requests = requests;
    }

    /** HTTP requests made before the pull gave up. */
    public long requests() {
        return requests;
    }
}
