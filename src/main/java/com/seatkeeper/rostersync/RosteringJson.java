package com.seatkeeper.rostersync;

import com.seatkeeper.shared.FieldRefusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads the body of {@code PUT /api/v1/districts/{districtId}/rostering} from its JSON tree into a
 * {@link RosteringChange}, so that every member of the wrong JSON type and every member that is no field of the request
 * is reported at once, next to the rules' own problems ({@link ConnectionRules#check}): binding the record directly stops
 * at the first. Nothing is coerced: {@code 5} is not the text "5". A member that cannot be read is left absent in the
 * change, and its refusal stands for it (the rules do not report it again). A JSON {@code null} is an absent member.
 */
final class RosteringJson {
    private static final Set<String> TOP = Set.of("source", "clever", "oneRoster", "nightlyAt");
    private static final Set<String> CLEVER = Set.of("baseUrl", "districtToken", "apiVersion");
    private static final Set<String> ONE_ROSTER = Set.of("baseUrl", "version", "auth", "clientId", "clientSecret", "tokenUrl");

    private RosteringJson() {
    }

    /**
     * A body read: the change (null for no body or a JSON {@code null}) and the refusal of each member that could not be
     * read (a {@code field} {@code body} when the body is not a JSON object), in the body's order.
     */
    record Read(RosteringChange change, List<FieldRefusal> unread) {
        Read {
            unread = List.copyOf(unread);
        }
    }

    /** Reads a body; never throws for any JSON. */
    static Read read(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new Read(null, List.of());
        }
        if (!body.isObject()) {
            return new Read(null, List.of(new FieldRefusal("body", "The request body must be a JSON object (as described in "
                    + "/v3/api-docs), not " + kind(body) + ".")));
        }
        List<FieldRefusal> unread = new ArrayList<>();
        unknown(body, "", TOP, unread);
        String source = string(body, "", "source", unread);
        RosteringChange.Clever clever = block(body, "clever", unread, c -> new RosteringChange.Clever(
                string(c, "clever.", "baseUrl", unread), string(c, "clever.", "districtToken", unread),
                string(c, "clever.", "apiVersion", unread)), CLEVER);
        RosteringChange.OneRoster oneRoster = block(body, "oneRoster", unread, o -> new RosteringChange.OneRoster(
                string(o, "oneRoster.", "baseUrl", unread), string(o, "oneRoster.", "version", unread),
                string(o, "oneRoster.", "auth", unread), string(o, "oneRoster.", "clientId", unread),
                string(o, "oneRoster.", "clientSecret", unread), string(o, "oneRoster.", "tokenUrl", unread)), ONE_ROSTER);
        String nightlyAt = string(body, "", "nightlyAt", unread);
        return new Read(new RosteringChange(source, clever, oneRoster, nightlyAt), unread);
    }

    /** The member's text, or null when absent, null or not a JSON string (then its refusal is added). */
    private static String string(JsonNode parent, String prefix, String name, List<FieldRefusal> unread) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            // the value is not echoed: it may be a secret
            unread.add(new FieldRefusal(prefix + name, prefix + name + " must be a JSON string (in quotes), not " + kind(v) + "."));
            return null;
        }
        return v.stringValue();
    }

    /** The block read by {@code reader}, or null when absent, null or not a JSON object (then its refusal is added). */
    private static <T> T block(JsonNode body, String name, List<FieldRefusal> unread, Function<JsonNode, T> reader, Set<String> fields) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            unread.add(new FieldRefusal(name, name + " must be a JSON object (as described in /v3/api-docs), not " + kind(v) + "."));
            return null;
        }
        unknown(v, name + ".", fields, unread);
        return reader.apply(v);
    }

    /** Adds the refusal of each member of {@code object} that is not one of {@code fields} (none is ignored). */
    private static void unknown(JsonNode object, String prefix, Set<String> fields, List<FieldRefusal> unread) {
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            if (!fields.contains(member.getKey())) {
                String field = prefix + member.getKey();
                unread.add(new FieldRefusal(field, field + " is not a field of this request (see /v3/api-docs for its fields)."));
            }
        }
    }

    /** What a value is, for a message: "a JSON number", "a JSON array", ... */
    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "a JSON array";
            case OBJECT, POJO -> "a JSON object";
            case STRING -> "a JSON string";
            case NUMBER -> "a JSON number";
            case BOOLEAN -> "true or false";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }
}
