package com.seatkeeper.catalog;

import java.util.Set;
import java.util.UUID;

public record Product(UUID id, String code, String name, Set<SeatType> seatTypes) {
    public Product {
        seatTypes = Set.copyOf(seatTypes);
    }

    public boolean offers(SeatType type) {
        return seatTypes.contains(type);
    }
}
