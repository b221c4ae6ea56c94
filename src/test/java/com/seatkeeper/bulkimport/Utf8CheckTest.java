package com.seatkeeper.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The byte check in front of the decoder, without Spring: where a bad byte is (line, record, field), which byte is
 * named, and that every byte before it is handed on first (so the records before it are read).
 */
class Utf8CheckTest {
    private static Utf8Check.InvalidUtf8 failure(byte[] bytes, ByteArrayOutputStream passed) {
        Utf8Check check = new Utf8Check(new ByteArrayInputStream(bytes));
        return catchThrowableOfType(Utf8Check.InvalidUtf8.class, () -> {
            byte[] buffer = new byte[8192];
            for (int n; (n = check.read(buffer, 0, buffer.length)) >= 0; ) {
                passed.write(buffer, 0, n);
                assertThat(n).isPositive();
            }
        });
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aLatin1LetterIsNamedAtItsLineAndFieldAndEveryByteBeforeItIsPassedOn() {
        ByteArrayOutputStream passed = new ByteArrayOutputStream();

        Utf8Check.InvalidUtf8 bad = failure(latin1("id,name,city\n1,Ada,London\n2,Ren\u00e9e,Paris\n"), passed);

        assertThat(bad.line).isEqualTo(3);
        assertThat(bad.recordLine).isEqualTo(3);
        assertThat(bad.field).isEqualTo(1);
        assertThat(bad.badByte).as("the byte that began the bad sequence (é), not the letter after it").isEqualTo(0xE9);
        assertThat(passed.toString(StandardCharsets.UTF_8)).isEqualTo("id,name,city\n1,Ada,London\n2,Ren");
    }

    @Test
    void quotedFieldsWithCommasQuotesAndLineBreaksAreFollowedAsRfc4180Says() {
        ByteArrayOutputStream passed = new ByteArrayOutputStream();

        Utf8Check.InvalidUtf8 bad = failure(latin1("a,b,c\r\n\"x, \"\"y\"\"\",\"line one\r\nline two \u00e9\",z\r\n"), passed);

        assertThat(bad.line).as("CRLF is one line break").isEqualTo(3);
        assertThat(bad.recordLine).as("the record started on line 2").isEqualTo(2);
        assertThat(bad.field).as("the comma and the doubled quotes inside the first field do not end it").isEqualTo(1);
    }

    @Test
    void aQuoteInsideAnUnquotedFieldOpensNothingAndCrAloneEndsALine() {
        Utf8Check.InvalidUtf8 bad = failure(latin1("a,b\r5\" screen,x\r\u00ff,y\r"), new ByteArrayOutputStream());

        assertThat(bad.line).isEqualTo(3);
        assertThat(bad.recordLine).isEqualTo(3);
        assertThat(bad.field).isZero();
        assertThat(bad.badByte).isEqualTo(0xFF);
    }

    @Test
    void aFileEndingInsideACharacterSaysSoAndUtf8PassesWhole() throws IOException {
        Utf8Check.InvalidUtf8 cut = failure(new byte[] {'a', '\n', 'b', (byte) 0xE2, (byte) 0x82}, new ByteArrayOutputStream());
        assertThat(cut.line).isEqualTo(2);
        assertThat(cut.badByte).isEqualTo(-1);

        byte[] good = "\uFEFFname\nAna Mar\u00eda \u20ac \uD83D\uDE00\n".getBytes(StandardCharsets.UTF_8);
        try (InputStream in = new Utf8Check(new ByteArrayInputStream(good))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("name\nAna Mar\u00eda \u20ac \uD83D\uDE00\n");
        }
    }

    @Test
    void aNulByteIsRefusedAsNoTextHoldsOne() {
        Utf8Check.InvalidUtf8 bad = failure("name\nAda\n".getBytes(StandardCharsets.UTF_16LE), new ByteArrayOutputStream());

        assertThat(bad.line).isEqualTo(1);
        assertThat(bad.badByte).isZero();
    }
}
