package com.seatkeeper.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a pool; never null. */
public record PoolId(UUID value) {
    public PoolId {
        Objects.requireNonNull(value, "pool id");
    }

    public static PoolId of(String text) {
        return new PoolId(Ids.parse(text, "pool"));
    }

    public static PoolId random() {
        return new PoolId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
