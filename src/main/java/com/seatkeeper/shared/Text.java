package com.seatkeeper.shared;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place where free text from people and integrations is normalized and limited: names,
 * emails, references, notes. Plain functions, used by every service before it stores text, so the
 * API and the console refuse the same input.
 *
 * <p>Rules: text is NFC-normalized (Unicode Standard Annex #15) and trimmed; C0 control characters
 * (U+0000–U+001F), DEL (U+007F) and C1 control characters (U+0080–U+009F) are refused, except CR
 * and LF in notes (multi-line fields), and so are lone surrogates, bidirectional controls, U+2028/U+2029 and U+FEFF
 * ({@link #isRefusedCharacter}); lengths are counted in Unicode code points after
 * normalization and limited by the constants below.
 */
public final class Text {
    /** A given or family name. */
    public static final int NAME = 100;
    /** An email address (RFC 5321 §4.5.3.1.3 limits a path to 256 octets including the brackets). */
    public static final int EMAIL = 254;
    /** A class, school or district name. */
    public static final int TITLE = 200;
    /** A product name. */
    public static final int PRODUCT_NAME = 200;
    /** A purchase reference, an API token's name. */
    public static final int REFERENCE = 200;
    /** A note or a reason (multi-line). */
    public static final int NOTE = 2000;

    private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    private Text() {
    }

    /** NFC-normalized and trimmed; null for null. Does not check anything. */
    public static String normalize(String raw) {
        return raw == null ? null : Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
    }

    /** The normalized value, or null when it is null or blank (for optional fields). */
    public static String normalizeOptional(String raw) {
        String s = normalize(raw);
        return s == null || s.isEmpty() ? null : s;
    }

    /** A required single-line value: present, not blank, no control characters, at most {@code max} code points. */
    public static Optional<FieldRefusal> requiredLine(String field, String raw, int max) {
        String s = normalize(raw);
        if (s == null || s.isEmpty()) {
            return Optional.of(new FieldRefusal(field, field + " is required: type 1 to " + max + " characters."));
        }
        return optionalLine(field, raw, max);
    }

    /** An optional single-line value: absent or blank is fine; else no control characters, at most {@code max} code points. */
    public static Optional<FieldRefusal> optionalLine(String field, String raw, int max) {
        return check(field, raw, max, false);
    }

    /** An optional multi-line value (a note): CR and LF allowed, other control characters refused. */
    public static Optional<FieldRefusal> note(String field, String raw, int max) {
        return check(field, raw, max, true);
    }

    /** An optional email: absent or blank is fine; else one address of the form local@domain.tld, at most {@link #EMAIL}. */
    public static Optional<FieldRefusal> optionalEmail(String field, String raw) {
        String s = normalize(raw);
        Optional<FieldRefusal> line = check(field, raw, EMAIL, false);
        if (line.isPresent() || s == null || s.isEmpty()) {
            return line;
        }
        if (!EMAIL_SHAPE.matcher(s).matches()) {
            return Optional.of(new FieldRefusal(field, field + " '" + s + "' is not an email address: type one like name@school.org."));
        }
        return Optional.empty();
    }

    /** The first refusal of several checks, in the order given. */
    @SafeVarargs
    public static Optional<FieldRefusal> first(Optional<FieldRefusal>... checks) {
        return Arrays.stream(checks).filter(Objects::nonNull).filter(Optional::isPresent).map(Optional::get).findFirst();
    }

    /** As {@link #requiredLine} but throwing {@link InvalidRequestException} (for services that return no Outcome). */
    public static String requireLine(String field, String raw, int max) {
        requiredLine(field, raw, max).ifPresent(Text::fail);
        return normalize(raw);
    }

    /** As {@link #optionalLine} but throwing; returns the normalized value or null when blank. */
    public static String requireOptionalLine(String field, String raw, int max) {
        optionalLine(field, raw, max).ifPresent(Text::fail);
        return normalizeOptional(raw);
    }

    /** As {@link #note} but throwing; returns the normalized value or null when blank. */
    public static String requireNote(String field, String raw, int max) {
        note(field, raw, max).ifPresent(Text::fail);
        return normalizeOptional(raw);
    }

    /** Whether the code point is a control character this class refuses (C0, DEL, C1), CR/LF aside when multi-line. */
    public static boolean isRefusedControl(int cp, boolean multiline) {
        if (multiline && (cp == '\n' || cp == '\r')) {
            return false;
        }
        return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
    }

    /**
     * Whether the code point is refused in stored text: the control characters of {@link #isRefusedControl}, a lone
     * UTF-16 surrogate (not a character; PostgreSQL would store it as '?'), the bidirectional embedding, override and
     * isolate controls U+202A..U+202E and U+2066..U+2069 (which make a name display as another, Unicode Technical
     * Report #36 §2.1), the line and paragraph separators U+2028/U+2029, and the byte order mark U+FEFF.
     */
    public static boolean isRefusedCharacter(int cp, boolean multiline) {
        return isRefusedControl(cp, multiline) || Character.getType(cp) == Character.SURROGATE
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF;
    }

    /*
     * Control characters are looked for before trimming: String.strip() also removes U+001C..U+001F and
     * line breaks at either end, which would otherwise let "Name\u001F" pass as "Name" (a silent coercion).
     */
    private static Optional<FieldRefusal> check(String field, String raw, int max, boolean multiline) {
        if (raw == null) {
            return Optional.empty();
        }
        String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC);
        int at = 0;
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            at++;
            if (isRefusedCharacter(cp, multiline)) {
                String kind = isRefusedControl(cp, multiline) ? "a control character" : "an invisible or invalid character";
                return Optional.of(new FieldRefusal(field, field + " contains " + kind + " (U+" + String.format("%04X", cp)
                        + ") at character " + at + (multiline ? "; only line breaks are allowed" : "") + ". Remove it and send again."));
            }
            i += Character.charCount(cp);
        }
        String s = nfc.strip();
        int length = s.codePointCount(0, s.length());
        if (length > max) {
            return Optional.of(new FieldRefusal(field, field + " is " + length + " characters long; at most " + max + " are allowed."));
        }
        return Optional.empty();
    }

    private static void fail(FieldRefusal r) {
        throw new InvalidRequestException(r.field(), r.message());
    }
}
