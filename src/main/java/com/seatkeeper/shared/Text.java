package com.seatkeeper.shared;

import java.net.IDN;
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
 * ({@link #isRefusedCharacter}); in single-line values every other Unicode format character (category Cf: zero-width
 * space, left-to-right and right-to-left marks, soft hyphen...) is refused too, except the zero-width joiner and
 * non-joiner U+200D/U+200C that several scripts and emoji sequences need. Whitespace of every Unicode kind
 * (no-break space, ideographic space...) is trimmed and each run of it inside a value is collapsed to one space, as
 * ASCII spaces are; line breaks in notes are kept. A required single-line value (a name of a person, class, school,
 * district, product or token) holds at least one letter or digit: "—" or a run of invisible spaces is blank. Lengths
 * are counted in Unicode code points after normalization and limited by the constants below. Emails follow
 * {@link #optionalEmail}.
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

    /** Longest local part of an email (RFC 5321 §4.5.3.1.1). */
    static final int EMAIL_LOCAL = 64;
    /** Longest domain label (RFC 1035 §2.3.4), counted in its ASCII (IDNA) form. */
    private static final int DOMAIN_LABEL = 63;
    /** RFC 5322 §3.2.3 atext besides ASCII letters and digits. */
    private static final String ATEXT_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";
    /** Runs of whitespace other than line breaks (Unicode space separators, and the ASCII ones a note may not hold). */
    private static final Pattern SPACES = Pattern.compile("[\\p{Zs}\\t\\x0B\\f]+");

    private Text() {
    }

    /**
     * NFC-normalized, every run of Unicode whitespace other than line breaks collapsed to one space, and trimmed of
     * Unicode whitespace at both ends; null for null. Does not check anything.
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String collapsed = SPACES.matcher(Normalizer.normalize(raw, Normalizer.Form.NFC)).replaceAll(" ");
        int start = 0;
        int end = collapsed.length();
        while (start < end && isSpace(collapsed.codePointAt(start))) {
            start += Character.charCount(collapsed.codePointAt(start));
        }
        while (end > start && isSpace(collapsed.codePointBefore(end))) {
            end -= Character.charCount(collapsed.codePointBefore(end));
        }
        return collapsed.substring(start, end);
    }

    /** Unicode whitespace of any kind: Java's whitespace plus the no-break spaces U+00A0, U+2007 and U+202F. */
    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** The normalized value, or null when it is null or blank (for optional fields). */
    public static String normalizeOptional(String raw) {
        String s = normalize(raw);
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * A required single-line value, the rule of every name (people, classes, schools, districts, products, tokens):
     * present, no control or format characters, at most {@code max} code points, and at least one letter or digit
     * (a value of only spaces, dashes or punctuation is blank).
     */
    public static Optional<FieldRefusal> requiredLine(String field, String raw, int max) {
        String s = normalize(raw);
        Optional<FieldRefusal> line = s == null || s.isEmpty() ? Optional.empty() : optionalLine(field, raw, max);
        if (line.isPresent()) {
            return line;
        }
        if (s == null || s.isEmpty()) {
            return Optional.of(new FieldRefusal(field, field + " is required: type 1 to " + max + " characters."));
        }
        if (s.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return Optional.of(new FieldRefusal(field, field + " is required: type 1 to " + max
                    + " characters. A value without any letter or digit counts as blank."));
        }
        return Optional.empty();
    }

    /** An optional single-line value: absent or blank is fine; else no control characters, at most {@code max} code points. */
    public static Optional<FieldRefusal> optionalLine(String field, String raw, int max) {
        return check(field, raw, max, false);
    }

    /** An optional multi-line value (a note): CR and LF allowed, other control characters refused. */
    public static Optional<FieldRefusal> note(String field, String raw, int max) {
        return check(field, raw, max, true);
    }

    /**
     * An optional email: absent or blank is fine; else one mailbox of the practical subset of RFC 5321 §4.1.2 that
     * SMTP delivery accepts. The part before the @ is a dot-string of RFC 5322 §3.2.3 atext: ASCII letters, digits and
     * {@code !#$%&'*+/=?^_`{|}~-}, dots only between them (no quoted strings, no comments, no angle brackets or commas,
     * and no non-ASCII characters: SMTPUTF8 local parts are not accepted), at most 64 characters. The domain has at
     * least two labels of letters, digits and hyphens, none starting or ending with a hyphen; letters may be Unicode
     * (an internationalized domain name, checked in its ASCII form with {@link IDN}: labels of at most 63 characters).
     * The whole address is at most {@link #EMAIL} characters. The refusal names the field and the first thing wrong.
     */
    public static Optional<FieldRefusal> optionalEmail(String field, String raw) {
        String s = normalize(raw);
        Optional<FieldRefusal> line = check(field, raw, EMAIL, false);
        if (line.isPresent() || s == null || s.isEmpty()) {
            return line;
        }
        return emailProblem(s).map(problem -> new FieldRefusal(field, field + " '" + excerpt(s) + "' is not an email address like name@school.org: "
                + problem + "."));
    }

    /** What is wrong with an email address (already normalized and free of control characters), if anything. */
    static Optional<String> emailProblem(String s) {
        int at = s.lastIndexOf('@');
        if (at < 0) {
            return Optional.of("the '@' is missing");
        }
        String local = s.substring(0, at);
        return localPartProblem(local).or(() -> domainProblem(s.substring(at + 1)))
                .or(() -> {
                    int length = local.length() + 1 + IDN.toASCII(s.substring(at + 1)).length();
                    return length > EMAIL ? Optional.of("it is " + length + " characters long; at most " + EMAIL + " are allowed")
                            : Optional.empty();
                });
    }

    private static Optional<String> localPartProblem(String local) {
        if (local.isEmpty()) {
            return Optional.of("the name before the '@' is missing");
        }
        for (int i = 0; i < local.length(); ) {
            int cp = local.codePointAt(i);
            if (cp > 0x7F) {
                return Optional.of(shown(cp) + " is not allowed before the '@' (only ASCII letters, digits and "
                        + ATEXT_SYMBOLS + " there; addresses with other characters before the '@' are not accepted)");
            }
            if (cp != '.' && !isAsciiLetterOrDigit(cp) && ATEXT_SYMBOLS.indexOf(cp) < 0) {
                return Optional.of(shown(cp) + " is not allowed");
            }
            i += Character.charCount(cp);
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return Optional.of("a '.' before the '@' must stand between other characters (not first, last or doubled)");
        }
        if (local.length() > EMAIL_LOCAL) {
            return Optional.of("the part before the '@' is " + local.length() + " characters long; at most " + EMAIL_LOCAL
                    + " are allowed");
        }
        return Optional.empty();
    }

    private static Optional<String> domainProblem(String domain) {
        if (domain.isEmpty()) {
            return Optional.of("the domain after the '@' is missing");
        }
        for (int i = 0; i < domain.length(); ) {
            int cp = domain.codePointAt(i);
            if (cp != '.' && cp != '-' && !Character.isLetterOrDigit(cp)) {
                return Optional.of(shown(cp) + " is not allowed");
            }
            i += Character.charCount(cp);
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.of("the domain needs a dot, as in school.org");
        }
        for (String label : labels) {
            if (label.isEmpty()) {
                return Optional.of("a '.' in the domain must stand between other characters (not first, last or doubled)");
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return Optional.of("a part of the domain may not start or end with '-'");
            }
        }
        if (labels[labels.length - 1].codePoints().allMatch(Character::isDigit)) {
            return Optional.of("the domain must end in a name, not a number");
        }
        for (String label : labels) {
            boolean ascii = label.chars().allMatch(c -> c < 0x80);
            if (ascii && label.length() > DOMAIN_LABEL) {
                return Optional.of("a part of the domain is " + label.length() + " characters long; at most " + DOMAIN_LABEL
                        + " are allowed");
            }
            try {
                IDN.toASCII(label);
            } catch (IllegalArgumentException e) {
                return Optional.of("a part of the domain is not a valid international domain name or is longer than " + DOMAIN_LABEL
                        + " characters once written in ASCII");
            }
        }
        return Optional.empty();
    }

    private static boolean isAsciiLetterOrDigit(int cp) {
        return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9';
    }

    /** A character for a message: quoted, or "a space" (of any kind: they are collapsed to one before this check). */
    private static String shown(int cp) {
        return isSpace(cp) ? "a space" : "'" + new String(Character.toChars(cp)) + "'";
    }

    /** How many characters of a value a message quotes at most ({@link #excerpt}). */
    public static final int EXCERPT = 60;

    /**
     * A value as a message quotes it (every problem, refusal and console message that echoes input): the characters
     * stored text may not hold ({@link #isRefusedCharacter}: controls, line breaks, bidirectional controls) shown as '?', and a value longer than {@link #EXCERPT} code
     * points cut to its first {@value #EXCERPT} followed by its length, e.g. {@code "aaaa…(506 characters)"}, so that an
     * oversized value cannot bury the message. Null is shown as the empty string. The same form as RosterChecks' SQL.
     */
    public static String excerpt(String value) {
        if (value == null) {
            return "";
        }
        int length = value.codePointCount(0, value.length());
        String head = length > EXCERPT ? value.substring(0, value.offsetByCodePoints(0, EXCERPT)) : value;
        String shown = head.codePoints().map(cp -> isRefusedCharacter(cp, false) ? '?' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return length > EXCERPT ? shown + "…(" + length + " characters)" : shown;
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

    /** As {@link #note} but throwing; returns {@link #normalizeNote the note as kept}, or null when blank. */
    public static String requireNote(String field, String raw, int max) {
        note(field, raw, max).ifPresent(Text::fail);
        return normalizeNote(raw);
    }

    /**
     * A note as kept: NFC with whitespace trimmed at both ends, or null when null or blank. Inside a note, spaces and
     * indentation stay as typed (only single-line values collapse runs of spaces, see {@link #normalize}).
     */
    public static String normalizeNote(String raw) {
        if (raw == null) {
            return null;
        }
        String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC);
        int start = 0;
        int end = nfc.length();
        while (start < end && isSpace(nfc.codePointAt(start))) {
            start += Character.charCount(nfc.codePointAt(start));
        }
        while (end > start && isSpace(nfc.codePointBefore(end))) {
            end -= Character.charCount(nfc.codePointBefore(end));
        }
        return start == end ? null : nfc.substring(start, end);
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

    /**
     * Whether the code point is a Unicode format character (category Cf) refused in single-line values: all of them
     * (zero-width space U+200B, the marks U+200E/U+200F, soft hyphen U+00AD...) except the zero-width non-joiner and
     * joiner U+200C/U+200D, which Persian, Indic scripts and emoji sequences need.
     */
    public static boolean isRefusedFormat(int cp) {
        return Character.getType(cp) == Character.FORMAT && cp != 0x200C && cp != 0x200D;
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
            if (isRefusedCharacter(cp, multiline) || !multiline && isRefusedFormat(cp)) {
                String kind = isRefusedControl(cp, multiline) ? "a control character" : "an invisible or invalid character";
                return Optional.of(new FieldRefusal(field, field + " contains " + kind + " (U+" + String.format("%04X", cp)
                        + ") at character " + at + (multiline ? "; only line breaks are allowed" : "") + ". Remove it and send again."));
            }
            i += Character.charCount(cp);
        }
        String s = normalize(raw);
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
