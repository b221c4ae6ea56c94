package com.seatkeeper.shared;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every malformed value of one request at once (a connection form with a bad token and a bad time, say): 400
 * {@code invalid_request} whose problem lists them in {@code errors} ({@code [{field, message}]}, the shape of the API's
 * other validation problems, {@code ApiProblems}) and names the {@code field} when there is only one. Services return
 * it so that a caller corrects everything in one round; the console marks each field.
 *
 * @param errors the refusal of each wrong field, in the order of the request's fields; at least one
 */
public record FieldRefusals(List<FieldRefusal> errors) implements BusinessRefusal {
    public FieldRefusals {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a refusal names at least one field");
        }
        errors = List.copyOf(errors);
    }

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

    /** Each field's message, in order. */
    @Override
    public String detail() {
        return errors.stream().map(FieldRefusal::message).collect(Collectors.joining(" "));
    }

    @Override
    public Map<String, Object> properties() {
        List<Map<String, String>> list = errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList();
        return errors.size() == 1 ? Map.of("errors", list, "field", errors.get(0).field()) : Map.of("errors", list);
    }
}
