package com.seatkeeper.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a user; never null. */
public record UserId(UUID value) {
    public UserId {
        Objects.requireNonNull(value, "user id");
    }

    public static UserId of(String text) {
        return new UserId(Ids.parse(text, "user"));
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
