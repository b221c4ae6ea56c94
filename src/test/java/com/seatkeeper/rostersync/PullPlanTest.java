package com.seatkeeper.rostersync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link PullPlan#decide}: when a sync pulls everything and when only the changes. */
class PullPlanTest {
    static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");
    static final Duration WEEK = Duration.ofDays(7);

    @Test
    void theFirstSyncIsFull() {
        assertThat(PullPlan.decide(PullState.NONE, NOW, WEEK, true)).isInstanceOf(PullPlan.Full.class);
    }

    @Test
    void afterAFullPullWithinTheWeekOnlyChangesSinceTheLastPullAreAsked() {
        Instant full = NOW.minus(Duration.ofDays(3));
        Instant last = NOW.minus(Duration.ofDays(1));
        PullPlan plan = PullPlan.decide(new PullState(last, full, "ev-9", PullState.DeltaSupport.HONOURED), NOW, WEEK, true);
        assertThat(plan).isEqualTo(new PullPlan.Delta(last, "ev-9"));
    }

    @Test
    void aWeekAfterTheLastFullPullTheNextIsFullAgain() {
        Instant full = NOW.minus(WEEK);
        PullPlan plan = PullPlan.decide(new PullState(NOW.minus(Duration.ofHours(20)), full, "ev-9", PullState.DeltaSupport.HONOURED),
                NOW, WEEK, true);
        assertThat(plan).isInstanceOf(PullPlan.Full.class);
        assertThat(((PullPlan.Full) plan).why()).contains("full pull is due");
    }

    @Test
    void aProviderThatIgnoresDeltasOrACursorThatIsGoneMeansFull() {
        PullState ignored = new PullState(NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(2)), null, PullState.DeltaSupport.IGNORED);
        assertThat(PullPlan.decide(ignored, NOW, WEEK, true)).isInstanceOf(PullPlan.Full.class);
        PullState fine = new PullState(NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(2)), null, PullState.DeltaSupport.HONOURED);
        assertThat(PullPlan.decide(fine, NOW, WEEK, false)).isInstanceOf(PullPlan.Full.class);
    }

    @Test
    void afterARejectedChangesOnlySyncTheNextIsFullAndSaysWhy() {
        PullState cleared = new PullState(NOW.minus(Duration.ofDays(1)), null, "ev-9", PullState.DeltaSupport.HONOURED);
        PullPlan plan = PullPlan.decide(cleared, NOW, WEEK, true);
        assertThat(plan).isInstanceOf(PullPlan.Full.class);
        assertThat(((PullPlan.Full) plan).why()).contains("rejected");
    }
}
