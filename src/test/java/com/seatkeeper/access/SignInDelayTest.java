package com.seatkeeper.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.SignInDelay.Limit;
import com.seatkeeper.access.SignInDelay.Wait;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sign-in delays as a plain function (no Spring). */
class SignInDelayTest {
    static final Instant NOW = Instant.parse("2026-06-10T16:00:00Z");

    private static SignInDelay.Failures pair(int n, int secondsAgo) {
        return new SignInDelay.Failures(n, NOW.minusSeconds(secondsAgo));
    }

    private static Optional<Wait> forEmail(SignInDelay.Failures pair) {
        return SignInDelay.waitFor(pair, SignInDelay.Failures.NONE, false, NOW);
    }

    private static Wait email(Duration left) {
        return new Wait(Limit.EMAIL, left);
    }

    @Test
    void theFirstThreeFailuresOfAPairAreFreeThenDelaysGrowUpToFifteenMinutes() {
        assertThat(forEmail(pair(2, 0))).isEmpty();
        assertThat(forEmail(pair(3, 0))).contains(email(Duration.ofSeconds(30)));
        assertThat(forEmail(pair(4, 0))).contains(email(Duration.ofMinutes(1)));
        assertThat(forEmail(pair(5, 0))).contains(email(Duration.ofMinutes(2)));
        assertThat(forEmail(pair(6, 0))).contains(email(Duration.ofMinutes(4)));
        assertThat(forEmail(pair(40, 0))).contains(email(Duration.ofMinutes(15)));
    }

    @Test
    void theDelayRunsFromTheLastFailure() {
        assertThat(forEmail(pair(5, 90))).contains(email(Duration.ofSeconds(30)));
        assertThat(forEmail(pair(5, 120))).isEmpty();
    }

    @Test
    void oneAddressAgainstManyEmailsHasALooserLimit() {
        var address = new SignInDelay.Failures(SignInDelay.FREE_ADDRESS_FAILURES - 1, NOW);
        assertThat(SignInDelay.waitFor(SignInDelay.Failures.NONE, address, false, NOW)).isEmpty();
        address = new SignInDelay.Failures(SignInDelay.FREE_ADDRESS_FAILURES + 1, NOW);
        assertThat(SignInDelay.waitFor(SignInDelay.Failures.NONE, address, false, NOW)).contains(new Wait(Limit.NETWORK, Duration.ofMinutes(1)));
    }

    @Test
    void theAddressLimitDoesNotSlowAnEmailThatSignedInFromThatAddressButItsOwnFailuresStillCount() {
        var sprayed = new SignInDelay.Failures(500, NOW);
        assertThat(SignInDelay.waitFor(SignInDelay.Failures.NONE, sprayed, true, NOW)).as("a teacher behind the school's address").isEmpty();
        assertThat(SignInDelay.waitFor(pair(2, 0), sprayed, true, NOW)).isEmpty();
        assertThat(SignInDelay.waitFor(pair(4, 0), sprayed, true, NOW)).contains(new Wait(Limit.EMAIL, Duration.ofMinutes(1)));
        assertThat(SignInDelay.waitFor(SignInDelay.Failures.NONE, sprayed, false, NOW)).as("an email never signed in from there")
                .contains(new Wait(Limit.NETWORK, SignInDelay.MAX_DELAY));
    }

    @Test
    void theLimitThatEndsLastIsTheOneNamed() {
        var address = new SignInDelay.Failures(SignInDelay.FREE_ADDRESS_FAILURES, NOW); // 30 s
        assertThat(SignInDelay.waitFor(pair(5, 0), address, false, NOW)).contains(new Wait(Limit.EMAIL, Duration.ofMinutes(2)));
        assertThat(SignInDelay.waitFor(pair(3, 0), new SignInDelay.Failures(SignInDelay.FREE_ADDRESS_FAILURES + 2, NOW), false, NOW))
                .contains(new Wait(Limit.NETWORK, Duration.ofMinutes(2)));
        assertThat(SignInDelay.waitFor(pair(3, 0), address, false, NOW)).as("a tie: the email's limit, whose advice also works")
                .contains(new Wait(Limit.EMAIL, Duration.ofSeconds(30)));
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
