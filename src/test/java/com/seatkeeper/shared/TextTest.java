package com.seatkeeper.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {
    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F})
    void everyControlCharacterIsRefusedInALineNamingTheField(int cp) {
        String s = "S" + new String(Character.toChars(cp)) + "x";
        assertThat(Text.requiredLine("name", s, 100)).get().satisfies(r -> {
            assertThat(r.field()).isEqualTo("name");
            assertThat(r.code()).isEqualTo("invalid_request");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.message()).contains("control character").contains(String.format("U+%04X", cp));
        });
    }

    @Test
    void controlCharactersAtEitherEndAreRefusedNotTrimmedAway() {
        assertThat(Text.requiredLine("name", "Name\u001F", 100)).isPresent();
        assertThat(Text.requiredLine("name", "\nName", 100)).isPresent();
        assertThat(Text.optionalEmail("email", "a@b.org\t")).isPresent();
        assertThat(Text.requiredLine("name", "  Name  ", 100)).isEmpty();
        assertThat(Text.note("note", "line\n", 100)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0xD800, 0xDFFF, 0x202E, 0x2067, 0x2028, 0xFEFF})
    void loneSurrogatesBidiControlsSeparatorsAndByteOrderMarksAreRefused(int cp) {
        assertThat(Text.requiredLine("name", "a" + (char) cp + "b", 100)).get().extracting(FieldRefusal::message).asString()
                .contains(String.format("U+%04X", cp));
        assertThat(Text.requiredLine("name", "Zoë \uD83D\uDE00", 100)).isEmpty();
    }

    @Test
    void notesAllowLineBreaksOnly() {
        assertThat(Text.note("note", "line 1\r\nline 2\n", 100)).isEmpty();
        assertThat(Text.note("note", "tab\there", 100)).isPresent();
        assertThat(Text.note("note", "nul\u0000", 100)).isPresent();
    }

    @Test
    void textIsTrimmedAndNfcNormalizedAndLengthCountsCodePoints() {
        assertThat(Text.normalize("  Jose\u0301 ")).isEqualTo("Jos\u00e9");
        assertThat(Text.requiredLine("n", "\uD83D\uDE00".repeat(3), 3)).isEmpty();
        assertThat(Text.requiredLine("n", "abcd", 3)).get().extracting(FieldRefusal::message).asString().contains("4 characters");
    }

    @Test
    void blankRequiredValuesAreRefusedAndBlankOptionalOnesAreNull() {
        assertThat(Text.requiredLine("givenName", "   ", 100)).get().extracting(FieldRefusal::field).isEqualTo("givenName");
        assertThat(Text.normalizeOptional("  ")).isNull();
        assertThat(Text.requireOptionalLine("reference", " ", 10)).isNull();
    }

    @Test
    void emailsMustLookLikeOne() {
        assertThat(Text.optionalEmail("email", "not-an-email")).isPresent();
        assertThat(Text.optionalEmail("email", "a@b")).isPresent();
        assertThat(Text.optionalEmail("email", "a b@c.org")).isPresent();
        assertThat(Text.optionalEmail("email", "ana.lopez@school.org")).isEmpty();
        assertThat(Text.optionalEmail("email", "")).isEmpty();
    }

    @Test
    void throwingVariantsGiveInvalidRequestWithTheField() {
        assertThatThrownBy(() -> Text.requireLine("reference", "x\u0000", 10))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("reference"));
    }
}
