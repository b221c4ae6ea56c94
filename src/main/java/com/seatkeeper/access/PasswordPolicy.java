package com.seatkeeper.access;

import com.seatkeeper.shared.FieldRefusal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be, after NIST SP 800-63B §5.1.1.2 (memorized secrets): at least {@value #MIN_LENGTH}
 * characters, no composition rules (any characters, spaces included), and not a commonly used password. Common means:
 * on the list shipped as {@code access/common-passwords.txt} (Openwall's password.lst, public domain, 3,546 of the most
 * used passwords), also when a common password only has digits or punctuation added around it ("Password1234!"),
 * or the person's own email address or its name part. At most {@value #MAX_BYTES} bytes in UTF-8, since bcrypt reads
 * no further. Refusals are {@link FieldRefusal}s naming the field {@code password} (or {@code confirmation}).
 */
public final class PasswordPolicy {
    /** The minimum length in characters (code points). */
    public static final int MIN_LENGTH = 12;
    /** bcrypt's limit: it ignores what comes after 72 bytes. */
    public static final int MAX_BYTES = 72;

    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /**
     * Checks a new password typed twice. Empty when it is fine.
     *
     * @param password     the new password as typed
     * @param confirmation the same password typed again
     * @param email        the account's email (may be null), which is not a good password either
     */
    public static Optional<FieldRefusal> check(String password, String confirmation, String email) {
        if (password == null || password.isEmpty()) {
            return refuse("password", "Enter a new password.");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return refuse("password", "Use at least " + MIN_LENGTH + " characters: a few unrelated words make a long password that is easy to remember.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return refuse("password", "Use at most " + MAX_BYTES + " bytes (about 64 letters; fewer with accents or emoji).");
        }
        if (isCommon(password, email)) {
            return refuse("password", "This password is too common and among the first that attackers try. Choose another one, "
                    + "for example a few unrelated words.");
        }
        if (!password.equals(confirmation)) {
            return refuse("confirmation", "The two passwords differ. Type the same new password twice.");
        }
        return Optional.empty();
    }

    /** Whether the password is on the common list (also with digits or punctuation added around it) or is the email. */
    static boolean isCommon(String password, String email) {
        String p = password.trim().toLowerCase(Locale.ROOT);
        String core = p.replaceAll("^[\\p{Punct}\\d\\s]+|[\\p{Punct}\\d\\s]+$", "");
        if (COMMON.contains(p) || (core.length() >= 4 && COMMON.contains(core)) || (core.isEmpty())) {
            return true;
        }
        if (email != null && !email.isBlank()) {
            String e = email.trim().toLowerCase(Locale.ROOT);
            String local = e.contains("@") ? e.substring(0, e.indexOf('@')) : e;
            return p.equals(e) || core.equals(local.replaceAll("[\\p{Punct}\\d]+", ""));
        }
        return false;
    }

    private static Optional<FieldRefusal> refuse(String field, String message) {
        return Optional.of(new FieldRefusal(field, message));
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/access/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("access/common-passwords.txt is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.trim().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
