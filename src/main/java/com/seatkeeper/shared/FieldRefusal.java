package com.seatkeeper.shared;

import java.util.Map;

/**
 * A value in a request is malformed on its face (a name with a control character, a name too
 * long, an email that is not one): 400 {@code invalid_request} naming the field. Services return
 * it as a refusal, so the API and the console refuse the same input with the same words.
 *
 * @param field   the request's field name, as the API spells it (e.g. {@code givenName})
 * @param message what is wrong and what to do, for a person
 */
public record FieldRefusal(String field, String message) implements BusinessRefusal {
    @Override
    public String code() {
        return "invalid_request";
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String title() {
        return "Check the input";
    }

    @Override
    public String detail() {
        return message;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("field", field);
    }
}
