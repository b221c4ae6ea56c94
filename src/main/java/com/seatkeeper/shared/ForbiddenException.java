package com.seatkeeper.shared;

/** The caller's role does not allow the action (within a district they may see). */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
