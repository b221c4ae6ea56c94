package com.seatkeeper.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a school; never null. */
public record SchoolId(UUID value) {
    public SchoolId {
        Objects.requireNonNull(value, "school id");
    }

    public static SchoolId of(String text) {
        return new SchoolId(Ids.parse(text, "school"));
    }

    public static SchoolId random() {
        return new SchoolId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
