package com.seatkeeper.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a class; never null. */
public record ClassId(UUID value) {
    public ClassId {
        Objects.requireNonNull(value, "class id");
    }

    public static ClassId of(String text) {
        return new ClassId(Ids.parse(text, "class"));
    }

    public static ClassId random() {
        return new ClassId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
