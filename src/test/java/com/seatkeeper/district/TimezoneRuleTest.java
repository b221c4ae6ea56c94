package com.seatkeeper.district;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A district's time zone is an IANA Area/Location name (or UTC): the plain rule, without Spring. */
class TimezoneRuleTest {
    @ParameterizedTest
    @ValueSource(strings = {"America/New_York", "America/Chicago", "Pacific/Honolulu", "Europe/London", "UTC",
            "America/Indiana/Indianapolis", " America/Denver "})
    void regionNamesAreAccepted(String tz) {
        assertThat(Districts.timezoneRule(tz)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+05:00", "UTC+5", "UTC+05:00", "GMT-4", "EST", "PST8PDT", "Etc/GMT+5", "SystemV/EST5", "Z", "",
            "america/new_york", "America/Nowhere", "America/New_York\u0000"})
    void offsetsAbbreviationsAndUnknownNamesAreRefusedNamingTheField(String tz) {
        assertThat(Districts.timezoneRule(tz)).get().satisfies(r -> {
            assertThat(r.field()).isEqualTo("timezone");
            assertThat(r.message()).contains("IANA").doesNotContain("\u0000");
        });
    }
}
