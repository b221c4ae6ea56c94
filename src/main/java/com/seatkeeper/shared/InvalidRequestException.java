package com.seatkeeper.shared;

/** Input that is malformed on its face (a bad parameter); becomes 400 {@code invalid_request} naming the field. */
public class InvalidRequestException extends RuntimeException {
    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
