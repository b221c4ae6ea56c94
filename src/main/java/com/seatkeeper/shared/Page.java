package com.seatkeeper.shared;

import java.util.List;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;

/** One page of a list and the total number of matching rows. */
public record Page<T>(List<T> items, long total) {
    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), total);
    }

    /** 200 with the items as a JSON array and the total in {@code X-Total-Count}. */
    public ResponseEntity<List<T>> toResponse() {
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(total)).body(items);
    }
}
