package com.seatkeeper.shared;

import java.util.UUID;

/** Ids as they arrive in paths and forms. */
public final class Ids {
    private Ids() {}

    /** Parses an id from a path or form; a malformed one is a resource that does not exist. */
    public static UUID parse(String text, String what) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException(what, String.valueOf(text));
        }
    }
}
