package com.seatkeeper.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.FieldRefusal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The password rule as a plain function (no Spring). */
class PasswordPolicyTest {

    private static Optional<FieldRefusal> check(String pw) {
        return PasswordPolicy.check(pw, pw, "ava.nguyen@example.test");
    }

    @Test
    void aLongUncommonPasswordOfAnyCharactersIsFine() {
        assertThat(check("correct horse battery staple")).isEmpty();
        assertThat(check("tisch-lampe-wolke")).isEmpty();
        assertThat(check("ñandú über Straße 7")).as("any characters, no composition rules").isEmpty();
    }

    @Test
    void shortPasswordsAreRefusedSayingHowLong() {
        assertThat(check("Xq7!tz0Lm#4")).get().extracting(FieldRefusal::field, FieldRefusal::message)
                .containsExactly("password", "Use at least 12 characters: a few unrelated words make a long password that is easy to remember.");
        assertThat(check("")).get().extracting(FieldRefusal::message).isEqualTo("Enter a new password.");
        assertThat(PasswordPolicy.check(null, null, null)).isPresent();
    }

    @Test
    void commonPasswordsAreRefusedAlsoWithDigitsOrPunctuationAround() {
        for (String pw : new String[] {"1234567890123", "password1234", "Password1234!", "qwertyuiop123", "!!!iloveyou2024", "baseball12345"}) {
            assertThat(check(pw)).as(pw).get().extracting(FieldRefusal::message).asString().contains("too common");
        }
        assertThat(PasswordPolicy.isCommon("trustno1trustno1", null)).as("not on the list as a whole").isFalse();
    }

    @Test
    void theOwnEmailIsNotAPassword() {
        assertThat(check("ava.nguyen@example.test")).get().extracting(FieldRefusal::message).asString().contains("too common");
        assertThat(check("avanguyen2026")).isPresent();
    }

    @Test
    void tooLongForBcryptIsRefused() {
        assertThat(check("a".repeat(30) + " " + "b".repeat(42))).get().extracting(FieldRefusal::message).asString().contains("at most 72 bytes");
        assertThat(check("ü".repeat(37))).as("74 bytes in UTF-8").isPresent();
    }

    @Test
    void theTwoEntriesMustMatch() {
        assertThat(PasswordPolicy.check("correct horse battery staple", "correct horse battery stapel", null)).get()
                .extracting(FieldRefusal::field).isEqualTo("confirmation");
    }
}
