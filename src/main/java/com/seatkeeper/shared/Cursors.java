package com.seatkeeper.shared;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one cursor mechanism of every keyset-paged list, API and console (docs/design.md "Paged lists"): a {@link Cursor}
 * sealed with AES-256-GCM (JDK {@code javax.crypto}; NIST SP 800-38D) under a server key, as unpadded base64url (RFC 4648
 * §5). Layout: format byte {@code 1}, a random 96-bit nonce, the ciphertext of the values (each URL-encoded, joined by
 * commas) and its 128-bit tag; the cursor's list name is the associated data. So a cursor is unreadable (no name of a
 * person ends up in a URL, a proxy log or a browser history), cannot be made up or edited, and opens only for the list and
 * filters it was made for. Every instance configured with the same key reads the others' cursors (the key is derived from
 * {@code seatkeeper.secrets.key}: see platform's {@code CursorKey}).
 *
 * <p>Whatever is wrong with a cursor, the answer is the same 400 {@code invalid_cursor} naming the parameter: a page is
 * never read from a position that was not validated.
 */
public final class Cursors {
    /** A cursor longer than this is refused unread. */
    public static final int MAX_LENGTH = 2048;
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String SEPARATOR = ",";

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    /** @param key 32 bytes of key material, the same on every instance that must read the others' cursors */
    public Cursors(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a cursor key has 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The cursor's text, for a response's {@code X-Next-Cursor} and {@code Link}, or a console link's {@code after}. */
    public String seal(Cursor cursor) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String plain = cursor.values().stream().map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8)).collect(Collectors.joining(SEPARATOR));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(cursor.list().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    /**
     * Opens a cursor that {@code list} gave and reads its position with {@code position}, which may throw
     * {@link IllegalArgumentException} (e.g. {@link Cursor#uuid}), {@link IndexOutOfBoundsException},
     * {@link ArithmeticException} or {@link DateTimeException} for a value it does not take.
     *
     * @param field the parameter that gave the cursor ({@code after} or {@code before}), named by the refusal
     * @param arity how many values a cursor of this list has
     * @throws InvalidRequestException {@code invalid_cursor} naming {@code field} when the text is not a cursor of this list
     *                                 (made up, edited, cut short, sealed by another key, or from another list or filter)
     */
    public <T> T open(String field, String list, int arity, String text, Function<Cursor, T> position) {
        Cursor cursor = open(field, list, text);
        if (cursor.values().size() != arity) {
            throw invalid(field);
        }
        try {
            return position.apply(cursor);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException | DateTimeException e) {
            throw invalid(field);
        }
    }

    private Cursor open(String field, String list, String text) {
        if (text.length() > MAX_LENGTH) {
            throw invalid(field);
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid(field);
        }
        if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != FORMAT) {
            throw invalid(field);
        }
        String plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(list.getBytes(StandardCharsets.UTF_8));
            plain = new String(cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw invalid(field);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
        List<String> values = List.of(plain.split(SEPARATOR, -1)).stream().map(v -> URLDecoder.decode(v, StandardCharsets.UTF_8)).toList();
        return new Cursor(list, values);
    }

    /** The one refusal of a cursor, API and console alike. */
    public static InvalidRequestException invalid(String field) {
        return new InvalidRequestException("invalid_cursor", field, field + " is not a cursor of this list. Pass the cursor the "
                + "previous page gave unchanged, with the same filters, or leave " + field + " out to start at the beginning.");
    }
}
