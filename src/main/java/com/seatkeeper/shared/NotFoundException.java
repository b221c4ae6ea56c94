package com.seatkeeper.shared;

/**
 * A resource that does not exist or that the caller may not see. Both give the same 404 so
 * that ids of other districts cannot be probed.
 */
public class NotFoundException extends RuntimeException {
    private final String what;

    public NotFoundException(String what, Object id) {
        super("No " + what + " " + id);
        this.what = what;
    }

    public String what() {
        return what;
    }
}
