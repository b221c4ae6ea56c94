package com.seatkeeper.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Product codes: letters, digits, '-' and '_', starting with a letter or digit, at most 40. */
class ProductCodeRuleTest {
    @ParameterizedTest
    @ValueSource(strings = {"MATH-1", "readworks_k5", "9LIVES", "a", " SPACED-OUTSIDE "})
    void wellFormedCodes(String code) {
        assertThat(Catalog.codeRule(code)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-lead", "_lead", "in side", "dot.ted", "é", "x\u0000", "0123456789012345678901234567890123456789X"})
    void malformedCodesAreRefusedNamingTheField(String code) {
        assertThat(Catalog.codeRule(code)).get().extracting(r -> r.field()).isEqualTo("code");
    }
}
