package com.seatkeeper.licensing;

import com.seatkeeper.shared.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The opaque {@code after} cursors of the keyset-paged licensing lists (plain functions, unit-tested in ListCursorTest).
 * A cursor is base64url (RFC 4648 §5, no padding) of {@code v1|list|time|id|check}: the sort key of the last row of a
 * page (a time in microseconds since the epoch, PostgreSQL's precision, and an id) and a check value, the first 8 bytes
 * of SHA-256 over the list's name (which names the pool and the filters) and the key. So a cursor edited by hand, cut
 * short, or taken from another pool or filter is refused as {@link ListRefusal.InvalidCursor}. The check is not a
 * secret: a cursor only says where to seek, and the list's own scope applies to every page whatever the cursor says.
 */
final class ListCursor {
    private static final String VERSION = "v1";

    private ListCursor() {}

    /** The sort key of a row: when, and the row's id as text (a uuid or a number). */
    record Position(Instant at, String id) {}

    static String encode(String list, Position p) {
        String key = micros(p.at()) + "|" + p.id();
        String text = VERSION + "|" + key + "|" + check(list, key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position the cursor names for this list, or why it names none. */
    static Outcome<Position> decode(String list, String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return refused("is not a cursor of this list (not base64url)");
        }
        String[] parts = text.split("\\|", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            return refused("is not a cursor of this list");
        }
        String key = parts[1] + "|" + parts[2];
        if (!check(list, key).equals(parts[3])) {
            return refused("was changed or belongs to another list or filter");
        }
        try {
            long micros = Long.parseLong(parts[1]);
            Instant at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            return Outcome.done(new Position(at, parts[2]));
        } catch (NumberFormatException | ArithmeticException e) {
            return refused("is not a cursor of this list");
        }
    }

    private static Outcome<Position> refused(String why) {
        return Outcome.refused(new ListRefusal.InvalidCursor(why));
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    private static String check(String list, String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((list + "|" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
