package com.seatkeeper.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Sign-in delays as a plain function (no Spring). */
class SignInDelayTest {
    static final Instant NOW = Instant.parse("2026-06-10T16:00:00Z");

    private static SignInDelay.Failures pair(int n, int secondsAgo) {
        return new SignInDelay.Failures(n, NOW.minusSeconds(secondsAgo));
    }

    @Test
    void theFirstThreeFailuresOfAPairAreFreeThenDelaysGrowUpToFifteenMinutes() {
        assertThat(SignInDelay.waitFor(pair(2, 0), SignInDelay.Failures.NONE, NOW)).isEmpty();
        assertThat(SignInDelay.waitFor(pair(3, 0), SignInDelay.Failures.NONE, NOW)).contains(Duration.ofSeconds(30));
        assertThat(SignInDelay.waitFor(pair(4, 0), SignInDelay.Failures.NONE, NOW)).contains(Duration.ofMinutes(1));
        assertThat(SignInDelay.waitFor(pair(5, 0), SignInDelay.Failures.NONE, NOW)).contains(Duration.ofMinutes(2));
        assertThat(SignInDelay.waitFor(pair(6, 0), SignInDelay.Failures.NONE, NOW)).contains(Duration.ofMinutes(4));
        assertThat(SignInDelay.waitFor(pair(40, 0), SignInDelay.Failures.NONE, NOW)).contains(Duration.ofMinutes(15));
    }

    @Test
    void theDelayRunsFromTheLastFailure() {
        assertThat(SignInDelay.waitFor(pair(5, 90), SignInDelay.Failures.NONE, NOW)).contains(Duration.ofSeconds(30));
        assertThat(SignInDelay.waitFor(pair(5, 120), SignInDelay.Failures.NONE, NOW)).isEmpty();
    }

    @Test
    void oneAddressAgainstManyEmailsHasALooserLimit() {
        var address = new SignInDelay.Failures(SignInDelay.FREE_ADDRESS_FAILURES - 1, NOW);
        assertThat(SignInDelay.waitFor(SignInDelay.Failures.NONE, address, NOW)).isEmpty();
        address = new SignInDelay.Failures(SignInDelay.FREE_ADDRESS_FAILURES + 1, NOW);
        assertThat(SignInDelay.waitFor(SignInDelay.Failures.NONE, address, NOW)).contains(Duration.ofMinutes(1));
    }

    @Test
    void theWaitInWords() {
        assertThat(SignInDelay.inWords(Duration.ofSeconds(30))).isEqualTo("30 seconds");
        assertThat(SignInDelay.inWords(Duration.ofSeconds(61))).isEqualTo("2 minutes");
        assertThat(SignInDelay.inWords(Duration.ofMinutes(1))).isEqualTo("1 minute");
        assertThat(SignInDelay.inWords("120")).isEqualTo("2 minutes");
        assertThat(SignInDelay.inWords("<script>")).isEqualTo("1 second");
    }
}
