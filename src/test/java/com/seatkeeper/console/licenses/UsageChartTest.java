package com.seatkeeper.console.licenses;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.licensing.LedgerDay;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart of seats and assignments over time, as a plain function of the ledger's days: no Spring, no database. */
class UsageChartTest {
    static final LocalDate SEP_1 = LocalDate.of(2026, 9, 1);

    @Test
    void runningTotalsFollowTheLedgerDayByDay() {
        UsageChart c = UsageChart.of(List.of(new LedgerDay(SEP_1, 5, 0), new LedgerDay(SEP_1.plusDays(1), 0, 3),
                new LedgerDay(SEP_1.plusDays(3), 2, 2), new LedgerDay(SEP_1.plusDays(9), 0, -1)), SEP_1.plusDays(10));
        assertThat(c.days()).extracting(UsageChart.Totals::seats).containsExactly(5, 5, 7, 7);
        assertThat(c.days()).extracting(UsageChart.Totals::assigned).containsExactly(0, 3, 5, 4);
        assertThat(c.days().get(2).label()).isEqualTo("Sep 4, 2026");
        assertThat(c.summary()).isEqualTo(
                "From Sep 1, 2026 to Sep 11, 2026: seats bought went from 5 to 7; licenses assigned from 0 to 4 (at most 5).");
    }

    @Test
    void stepsHoldEachTotalUntilTheNextChangeAndTheLastUntilTheEndOfTheAxis() {
        // 10 days over 576 units: 57.6 a day; counts up to 10 over 178 units: 17.8 a seat
        UsageChart c = UsageChart.of(List.of(new LedgerDay(SEP_1, 10, 0), new LedgerDay(SEP_1.plusDays(5), 0, 10)), SEP_1.plusDays(10));
        assertThat(c.seatsPath()).isEqualTo("M48.0 12.0 H336.0 V12.0 H624.0");
        assertThat(c.assignedPath()).isEqualTo("M48.0 190.0 H336.0 V12.0 H624.0");
        assertThat(c.yTicks()).extracting(UsageChart.Tick::label).containsExactly("0", "5", "10");
        assertThat(c.xTicks()).extracting(UsageChart.Tick::label).containsExactly("Sep 1, 2026", "Sep 4, 2026", "Sep 8, 2026", "Sep 11, 2026");
        assertThat(c.xTicks().get(0).at()).isEqualTo(48.0);
        assertThat(c.xTicks().get(3).at()).isEqualTo(624.0);
    }

    @Test
    void aSingleDayStillDrawsAndTheAxisEndsOnARoundCount() {
        UsageChart c = UsageChart.of(List.of(new LedgerDay(SEP_1, 7, 3)), SEP_1);
        assertThat(c.seatsPath()).startsWith("M48.0 ").endsWith(" H624.0");
        assertThat(c.yTicks()).extracting(UsageChart.Tick::label).last().isEqualTo("10");
        assertThat(c.xTicks()).extracting(UsageChart.Tick::label).containsExactly("Sep 1, 2026", "Sep 2, 2026");
    }

    @Test
    void aLedgerDayAfterTheEndExtendsTheAxisAndAnEmptyLedgerHasNoChart() {
        UsageChart c = UsageChart.of(List.of(new LedgerDay(SEP_1, 1, 0), new LedgerDay(SEP_1.plusDays(4), 0, 1)), SEP_1.plusDays(2));
        assertThat(c.xTicks()).extracting(UsageChart.Tick::label).last().isEqualTo("Sep 5, 2026");
        assertThat(UsageChart.of(List.of(), SEP_1)).isNull();
    }

    @Test
    void roundCeilings() {
        assertThat(List.of(0, 1, 2, 3, 6, 10, 11, 21, 24, 26, 51, 450, 500, 501, 2400))
                .extracting(UsageChart::niceCeiling)
                .containsExactly(1, 1, 2, 5, 10, 10, 20, 25, 25, 50, 100, 500, 500, 1000, 2500);
    }
}
