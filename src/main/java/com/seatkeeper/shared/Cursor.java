package com.seatkeeper.shared;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The opaque {@code after}/{@code before} cursor of a keyset-paged list: the sort key of a row (e.g. family name,
 * given name and id), tagged with the list it belongs to, as unpadded base64url. A cursor carries no secret and grants
 * nothing: it is only a position in a sort order the caller may read anyway, so it is validated for form, not signed.
 *
 * @param list   which list's sort key this is, e.g. {@code people}
 * @param values the sort key, the row's id last
 */
public record Cursor(String list, List<String> values) {
    /** A cursor longer than this is refused unread. */
    public static final int MAX_LENGTH = 2048;
    private static final String VERSION = "1";
    private static final String SEPARATOR = ",";

    public Cursor {
        values = List.copyOf(values);
    }

    /** The cursor's text, for a response's {@code X-Next-Cursor} or a console link. */
    public String encode() {
        // each value URL-encoded, so no value can contain the separator
        String plain = VERSION + SEPARATOR + list + SEPARATOR
                + values.stream().map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8)).collect(Collectors.joining(SEPARATOR));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The row's id: the last value. */
    public UUID id() {
        return UUID.fromString(values.get(values.size() - 1));
    }

    /**
     * Reads a cursor that {@code list} gave, with {@code arity} values of which the last is an id.
     *
     * @throws InvalidRequestException {@code invalid_cursor} naming {@code field} when the text is not such a cursor
     *                                 (made up, cut short, or from another list)
     */
    public static Cursor decode(String field, String list, int arity, String text) {
        if (text.length() > MAX_LENGTH) {
            throw invalid(field);
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(field);
        }
        List<String> parts = List.of(plain.split(SEPARATOR, -1));
        if (parts.size() != arity + 2 || !parts.get(0).equals(VERSION) || !parts.get(1).equals(list)) {
            throw invalid(field);
        }
        try {
            Cursor c = new Cursor(list, parts.subList(2, parts.size()).stream().map(v -> URLDecoder.decode(v, StandardCharsets.UTF_8)).toList());
            c.id();
            if (c.values().stream().anyMatch(v -> v.indexOf('\u0000') >= 0)) {
                throw invalid(field); // no text in the database holds NUL: a made-up cursor
            }
            return c;
        } catch (IllegalArgumentException e) {
            throw invalid(field);
        }
    }

    private static InvalidRequestException invalid(String field) {
        return new InvalidRequestException("invalid_cursor", field, field + " is not a cursor of this list. Pass the cursor the previous "
                + "page gave (X-Next-Cursor) unchanged, or leave " + field + " out to start at the beginning.");
    }
}
