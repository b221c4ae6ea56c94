package com.seatkeeper.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a district; never null. */
public record DistrictId(UUID value) {
    public DistrictId {
        Objects.requireNonNull(value, "district id");
    }

    public static DistrictId of(String text) {
        return new DistrictId(Ids.parse(text, "district"));
    }

    public static DistrictId random() {
        return new DistrictId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
