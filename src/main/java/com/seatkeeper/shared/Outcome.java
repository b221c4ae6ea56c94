package com.seatkeeper.shared;

import java.util.function.Function;
import org.springframework.http.ResponseEntity;

/** The result of a command: done with a value, or refused by a business rule (nothing changed). */
public sealed interface Outcome<T> {
    record Done<T>(T value) implements Outcome<T> {}

    record Refused<T>(BusinessRefusal refusal) implements Outcome<T> {}

    static <T> Outcome<T> done(T value) {
        return new Done<>(value);
    }

    static <T> Outcome<T> refused(BusinessRefusal refusal) {
        return new Refused<>(refusal);
    }

    default boolean isDone() {
        return this instanceof Done;
    }

    default T value() {
        if (this instanceof Done<T> d) {
            return d.value();
        }
        throw new IllegalStateException("refused: " + ((Refused<T>) this).refusal().code());
    }

    /** The HTTP response: the body with the given status, or the refusal's problem detail. */
    default ResponseEntity<?> toResponse(int status, Function<T, ?> body) {
        if (this instanceof Refused<T> r) {
            return ApiProblems.of(r.refusal());
        }
        return ResponseEntity.status(status).body(body.apply(value()));
    }
}
