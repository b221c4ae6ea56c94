package com.seatkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** AES-GCM secrets without Spring: round trip, fresh nonces, tampering, another record, another key, no key. */
class SecretsTest {
    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));

    static Secrets with(String key, String keyId, String... profiles) {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles(profiles);
        return new Secrets(key, keyId, env);
    }

    @Test
    void aSecretComesBackAsItWasAndIsNeverStoredInTheClear() {
        Secrets secrets = with(KEY, "k1");
        byte[] sealed = secrets.encrypt("clever-token-ABC123", "rostering.clever-token:d1");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("clever-token-ABC123").startsWith("\u0001\u0002k1");
        assertThat(secrets.decrypt(sealed, "rostering.clever-token:d1")).isEqualTo("clever-token-ABC123");
    }

    @Test
    void everyValueHasItsOwnNonce() {
        Secrets secrets = with(KEY, "k1");
        assertThat(secrets.encrypt("same", "c")).isNotEqualTo(secrets.encrypt("same", "c"));
    }

    @Test
    void aTamperedCiphertextIsRefused() {
        Secrets secrets = with(KEY, "k1");
        byte[] sealed = secrets.encrypt("token", "c");
        for (int i : new int[] {5, 10, sealed.length - 1}) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 1;
            assertThatThrownBy(() -> secrets.decrypt(tampered, "c")).isInstanceOf(Secrets.UnreadableSecretException.class)
                    .hasMessageNotContaining("token");
        }
        byte[] truncated = Arrays.copyOf(sealed, sealed.length - 3);
        assertThatThrownBy(() -> secrets.decrypt(truncated, "c")).isInstanceOf(Secrets.UnreadableSecretException.class);
    }

    @Test
    void aValueCopiedToAnotherRecordDoesNotDecrypt() {
        Secrets secrets = with(KEY, "k1");
        byte[] sealed = secrets.encrypt("token", "rostering.clever-token:district-a");
        assertThatThrownBy(() -> secrets.decrypt(sealed, "rostering.clever-token:district-b"))
                .isInstanceOf(Secrets.UnreadableSecretException.class).hasMessageContaining("another record");
    }

    @Test
    void aValueOfAnotherKeyNamesTheKeyItNeeds() {
        byte[] sealed = with(KEY, "k1").encrypt("token", "c");
        assertThatThrownBy(() -> with(OTHER_KEY, "k2").decrypt(sealed, "c")).isInstanceOf(Secrets.UnreadableSecretException.class)
                .hasMessageContaining("'k1'");
        assertThatThrownBy(() -> with(OTHER_KEY, "k1").decrypt(sealed, "c")).isInstanceOf(Secrets.UnreadableSecretException.class);
    }

    @Test
    void withoutAKeyOutsideDemoAndTestNothingIsEncryptedAndTheMessageSaysWhatToSet() {
        Secrets secrets = with("", "k1", "prod");
        assertThat(secrets.available()).isFalse();
        assertThatThrownBy(() -> secrets.encrypt("token", "c")).isInstanceOf(Secrets.SecretsUnavailableException.class)
                .hasMessageContaining("seatkeeper.secrets.key").hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void demoAndTestGenerateAKeyOfTheirOwn() {
        Secrets demo = with("", "k1", "demo");
        Secrets test = with("", "k1", "test");
        assertThat(demo.available()).isTrue();
        assertThat(demo.keyId()).startsWith("generated-").isNotEqualTo(test.keyId());
        assertThat(demo.decrypt(demo.encrypt("x", "c"), "c")).isEqualTo("x");
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64StopsTheStartWithAClearMessage() {
        assertThatThrownBy(() -> with("not base64!", "k1")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> with(Base64.getEncoder().encodeToString(new byte[16]), "k1")).hasMessageContaining("16 bytes, not 32");
    }
}
