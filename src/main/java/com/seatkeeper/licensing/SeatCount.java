package com.seatkeeper.licensing;

/** A number of seats to add: always positive. */
public record SeatCount(int value) {
    public SeatCount {
        if (value <= 0) {
            throw new IllegalArgumentException("a seat count must be positive, was " + value);
        }
    }
}
