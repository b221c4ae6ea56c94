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
    void aNoteKeepsItsSpacesAndIndentationAndIsOnlyTrimmed() {
        assertThat(Text.normalizeNote("\u00a0 PO 17:\n   two  spaces kept\n ")).isEqualTo("PO 17:\n   two  spaces kept");
        assertThat(Text.requireNote("note", "  Cafe\u0301  ", 100)).isEqualTo("Caf\u00e9");
        assertThat(Text.normalizeNote(" \u00a0\n ")).isNull();
        assertThat(Text.normalize("two  spaces")).as("a single-line value collapses runs").isEqualTo("two spaces");
    }

    @Test
    void textIsTrimmedAndNfcNormalizedAndLengthCountsCodePoints() {
        assertThat(Text.normalize("  Jose\u0301 ")).isEqualTo("Jos\u00e9");
        assertThat(Text.requiredLine("n", "a" + "\uD83D\uDE00".repeat(2), 3)).isEmpty();
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

    @ParameterizedTest
    @ValueSource(strings = {"a@b,c.test", "<a@c.test>", "\"a\"@c.test", "ü@bücher.test", "a(comment)@c.test", "a b@c.test",
            ".a@c.test", "a.@c.test", "a..b@c.test", "@c.test", "a@", "a@c", "a@-c.test", "a@c-.test", "a@c..test", "a@.c.test",
            "a@c.test.", "a@c_d.test", "a@1.2.3.4", "a@[10.0.0.1]", "a@b@c.test"})
    void emailsOutsideTheSmtpMailboxSubsetAreRefusedSayingWhatIsWrong(String email) {
        assertThat(Text.optionalEmail("email", email)).as(email).get().satisfies(r -> {
            assertThat(r.field()).isEqualTo("email");
            assertThat(r.message()).startsWith("email '" + email + "' is not an email address like name@school.org: ");
        });
    }

    @Test
    void emailRefusalsNameTheOffendingCharacterAndSmtpUtf8() {
        assertThat(Text.optionalEmail("email", "a@b,c.test")).get().extracting(FieldRefusal::message).asString()
                .contains("',' is not allowed");
        assertThat(Text.optionalEmail("email", "ü@bücher.test")).get().extracting(FieldRefusal::message).asString()
                .contains("'ü' is not allowed before the '@'");
        assertThat(Text.optionalEmail("email", "a\u00a0b@c.test")).get().extracting(FieldRefusal::message).asString()
                .contains("a space is not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana.lopez@school.org", "o'brien+tag@k12.example.us", "x!#$%&'*+/=?^_`{|}~-y@c.test", "a@bücher.test",
            "A@Sub-Domain.Example.ORG", "a@xn--bcher-kva.test"})
    void emailsOfTheSubsetAreAccepted(String email) {
        assertThat(Text.optionalEmail("email", email)).as(email).isEmpty();
    }

    @Test
    void emailLengthsAreLimitedPerPartAndInTotal() {
        String label = "d".repeat(63);
        assertThat(Text.optionalEmail("email", "l".repeat(64) + "@c.test")).isEmpty();
        assertThat(Text.optionalEmail("email", "l".repeat(65) + "@c.test")).get().extracting(FieldRefusal::message).asString()
                .contains("at most 64");
        assertThat(Text.optionalEmail("email", "a@" + label + ".test")).isEmpty();
        assertThat(Text.optionalEmail("email", "a@" + label + "d.test")).get().extracting(FieldRefusal::message).asString()
                .contains("at most 63");
        String total = "l".repeat(64) + "@" + String.join(".", label, label, label, "d".repeat(60)); // 64 + 1 + 252 = 317
        assertThat(Text.optionalEmail("email", total)).isPresent();
        String ascii = "a@" + String.join(".", label, label, label, "d".repeat(56)); // 2 + 248 = 250
        assertThat(Text.optionalEmail("email", ascii)).isEmpty();
        String idn = "a@" + String.join(".", label, label, label, "ü".repeat(1) + "d".repeat(55)); // longer once in ASCII
        assertThat(Text.optionalEmail("email", idn)).get().extracting(FieldRefusal::message).asString().contains("at most 254");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x200B, 0x200E, 0x200F, 0x00AD, 0x2060, 0x061C, 0xE0001})
    void formatCharactersAreRefusedInNames(int cp) {
        String c = new String(Character.toChars(cp));
        for (String name : new String[] {c, c.repeat(3), "Ana" + c, c + "Ana", "A" + c + "na"}) {
            assertThat(Text.requiredLine("givenName", name, Text.NAME)).as("U+%04X in %s", cp, name).get().satisfies(r -> {
                assertThat(r.field()).isEqualTo("givenName");
                assertThat(r.message()).contains(String.format("U+%04X", cp));
            });
        }
        assertThat(Text.optionalLine("reference", "PO" + c + "1", Text.REFERENCE)).as("every single-line value").isPresent();
    }

    @Test
    void joinersAreKeptForScriptsAndEmoji() {
        assertThat(Text.requiredLine("givenName", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", Text.NAME)).isEmpty();
        assertThat(Text.requiredLine("name", "Team \uD83D\uDC69\u200D\uD83D\uDCBB", Text.TITLE)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00a0", "\u00a0\u00a0\u00a0", "\u3000", "\u2007\u202f", "\u2003 \u2009", "\u2014", "-", "...", " \u2014 "})
    void namesWithoutALetterOrDigitAreBlank(String name) {
        assertThat(Text.requiredLine("givenName", name, Text.NAME)).get().satisfies(r -> {
            assertThat(r.field()).isEqualTo("givenName");
            assertThat(r.message()).startsWith("givenName is required: type 1 to 100 characters.");
        });
        assertThat(Text.requiredLine("givenName", "\u2014", Text.NAME)).get().extracting(FieldRefusal::message).asString()
                .contains("without any letter or digit counts as blank");
    }

    @Test
    void unicodeWhitespaceIsTrimmedAndCollapsedLikeASpace() {
        assertThat(Text.normalize("\u00a0 Ana\u00a0\u00a0Mar\u00eda\u3000")).isEqualTo("Ana Mar\u00eda");
        assertThat(Text.normalize("Ana \u2009 Lopez")).isEqualTo("Ana Lopez");
        assertThat(Text.normalize("line 1  \nline 2")).as("line breaks stay").isEqualTo("line 1 \nline 2");
        assertThat(Text.requiredLine("givenName", "\u00a0Ana\u00a0", Text.NAME)).isEmpty();
        assertThat(Text.requiredLine("n", "ab\u00a0\u00a0\u00a0c", 4)).as("length counted after collapsing").isEmpty();
        assertThat(Text.requiredLine("n", "7", 4)).as("a digit is enough").isEmpty();
    }

    @Test
    void throwingVariantsGiveInvalidRequestWithTheField() {
        assertThatThrownBy(() -> Text.requireLine("reference", "x\u0000", 10))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("reference"));
    }

    @Test
    void aQuotedValueIsShortenedToSixtyCharactersAndItsLengthWithControlsShown() {
        String email = "a".repeat(494) + "@example.org";

        assertThat(Text.excerpt(email)).isEqualTo("a".repeat(60) + "…(506 characters)");
        assertThat(Text.excerpt("x".repeat(60))).as("60 characters are shown whole").isEqualTo("x".repeat(60));
        assertThat(Text.excerpt("\uD83D\uDE00".repeat(61))).as("counted in code points, never cutting one in two")
                .isEqualTo("\uD83D\uDE00".repeat(60) + "…(61 characters)");
        assertThat(Text.excerpt("two\nlines\u202Eevil")).isEqualTo("two?lines?evil");
        assertThat(Text.excerpt(null)).isEmpty();
        assertThat(Text.optionalEmail("email", "x".repeat(200) + "@@example.org")).get().extracting(FieldRefusal::message).asString()
                .contains("x".repeat(60) + "…(213 characters)").doesNotContain("x".repeat(61));
    }
}
