package com.seatkeeper.shared;

/**
 * Input that is malformed on its face (a bad parameter); becomes 400 naming the field, with the code
 * {@code invalid_request} or a more specific one (e.g. {@code invalid_cursor}).
 */
public class InvalidRequestException extends RuntimeException {
    private final String code;
    private final String field;

    public InvalidRequestException(String field, String message) {
        this("invalid_request", field, message);
    }

    /** A malformed parameter with its own problem code, e.g. {@code invalid_cursor}. */
    public InvalidRequestException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    /** The problem's code: {@code invalid_request} unless a more specific one was given. */
    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
