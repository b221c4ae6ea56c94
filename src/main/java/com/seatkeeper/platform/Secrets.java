package com.seatkeeper.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets kept in the database (provider tokens, client secrets) with AES-256-GCM (JDK {@code javax.crypto}):
 * a random 96-bit nonce per value, a 128-bit tag, and a context string (e.g. the district and the field) bound in as
 * associated data, so a value copied to another row or field does not decrypt. Stored layout: format byte {@code 1},
 * key id length (1 byte), key id (ASCII), nonce (12 bytes), ciphertext with tag. The key id travels with every value so
 * that keys can be rotated later (a value names the key it needs).
 *
 * <p>Settings: {@code seatkeeper.secrets.key} (base64 of 32 random bytes, e.g. {@code openssl rand -base64 32}; environment
 * {@code SEATKEEPER_SECRETS_KEY}) and {@code seatkeeper.secrets.key-id} (default {@code k1}). Without a key, the profiles
 * {@code demo} and {@code test} generate a random one for the life of the process (logged without the key; values stored
 * then cannot be read after a restart); any other run starts, but {@link #available()} is false and
 * {@link #encrypt} refuses with {@link SecretsUnavailableException}, whose message says what to set.
 */
@Component
public class Secrets {
    private static final Logger log = LoggerFactory.getLogger(Secrets.class);
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final String keyId;
    private final SecretKey key;

    Secrets(@Value("${seatkeeper.secrets.key:}") String configuredKey, @Value("${seatkeeper.secrets.key-id:k1}") String keyId,
            Environment environment) {
        if (!configuredKey.isBlank()) {
            this.key = new SecretKeySpec(decodeKey(configuredKey.strip()), "AES");
            this.keyId = checkedKeyId(keyId);
        } else if (environment.acceptsProfiles(Profiles.of("demo", "test"))) {
            byte[] generated = new byte[KEY_BYTES];
            random.nextBytes(generated);
            this.key = new SecretKeySpec(generated, "AES");
            byte[] tag = new byte[4];
            random.nextBytes(tag);
            this.keyId = "generated-" + HexFormat.of().formatHex(tag);
            log.info("seatkeeper.secrets.key is not set: generated a random key ({}) for this process (demo/test profile); secrets "
                    + "stored now cannot be read after a restart", this.keyId);
        } else {
            this.key = null;
            this.keyId = null;
            log.warn("seatkeeper.secrets.key is not set: rostering connections (provider tokens) cannot be saved until it is set "
                    + "(base64 of 32 random bytes, e.g. `openssl rand -base64 32`)");
        }
    }

    /**
     * 32 bytes of key material for another purpose, derived from the secrets key with HMAC-SHA256 (RFC 2104) over
     * {@code purpose}, so that the secrets key itself is used for one thing only; null without a key.
     */
    byte[] derivedKey(String purpose) {
        if (key == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java platform", e);
        }
    }

    /** Whether a key is configured (or generated in demo/test): else {@link #encrypt} refuses. */
    public boolean available() {
        return key != null;
    }

    /** The id of the key new values are encrypted with ({@code seatkeeper.secrets.key-id}), null without a key. */
    public String keyId() {
        return keyId;
    }

    /**
     * Encrypts a secret.
     *
     * @param context what the value is for, bound to the ciphertext (e.g. {@code rostering.clever-token:<districtId>}); the
     *                same context is needed to decrypt
     * @throws SecretsUnavailableException when no key is configured (outside demo and test)
     */
    public byte[] encrypt(String plaintext, String context) {
        if (key == null) {
            throw new SecretsUnavailableException();
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(2 + id.length + NONCE_BYTES + sealed.length).put(FORMAT).put((byte) id.length).put(id)
                    .put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * Decrypts a value {@link #encrypt} made with the same context.
     *
     * @throws UnreadableSecretException when the value was changed, belongs to another context, or needs a key this
     *                                   instance does not have (its message names the key id, never the value)
     */
    public String decrypt(byte[] stored, String context) {
        if (stored == null || stored.length < 2 + NONCE_BYTES || stored[0] != FORMAT) {
            throw new UnreadableSecretException("the stored value is not in Seatkeeper's encrypted format");
        }
        int idLength = stored[1] & 0xff;
        if (stored.length < 2 + idLength + NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableSecretException("the stored value is truncated");
        }
        String id = new String(stored, 2, idLength, StandardCharsets.US_ASCII);
        if (key == null || !id.equals(keyId)) {
            throw new UnreadableSecretException("the stored value needs the key '" + id + "', which this instance does not have"
                    + (key == null ? " (seatkeeper.secrets.key is not set)" : " (its key is '" + keyId + "')"));
        }
        int offset = 2 + idLength;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, offset, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(Arrays.copyOfRange(stored, offset + NONCE_BYTES, stored.length));
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadableSecretException("the stored value was altered or belongs to another record");
        } catch (GeneralSecurityException e) {
            throw new UnreadableSecretException("the stored value could not be decrypted (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] decodeKey(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("seatkeeper.secrets.key is not base64: set it to base64 of 32 random bytes "
                    + "(e.g. `openssl rand -base64 32`)");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("seatkeeper.secrets.key decodes to " + bytes.length + " bytes, not 32: set it to base64 of "
                    + "32 random bytes (e.g. `openssl rand -base64 32`)");
        }
        return bytes;
    }

    private static String checkedKeyId(String keyId) {
        String id = keyId == null ? "" : keyId.strip();
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalStateException("seatkeeper.secrets.key-id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return id;
    }

    /** No key is configured, so a secret cannot be stored: the message says what the operator sets. */
    public static class SecretsUnavailableException extends RuntimeException {
        public SecretsUnavailableException() {
            super("Seatkeeper cannot store secrets: its operator has not set seatkeeper.secrets.key (environment SEATKEEPER_SECRETS_KEY, "
                    + "base64 of 32 random bytes, e.g. `openssl rand -base64 32`). Nothing was saved.");
        }
    }

    /** A stored secret cannot be decrypted; the message says why and never contains the value. */
    public static class UnreadableSecretException extends RuntimeException {
        public UnreadableSecretException(String message) {
            super(message);
        }
    }
}
