package com.seatkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.licensing.SeatStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** How pools, terms and times read in the console: plain functions, no Spring. */
class PoolLabelTest {
    static final LocalDate SEP_1 = LocalDate.of(2026, 9, 1);

    @Test
    void aPoolIsNamedByProductPlaceAndTerm() {
        assertThat(PoolLabel.of("Reading Quest", "Lincoln Elementary", SEP_1, LocalDate.of(2027, 6, 30)))
                .isEqualTo("Reading Quest · Lincoln Elementary · 2026–27");
        assertThat(PoolLabel.of("Reading Quest", null, LocalDate.of(2026, 7, 1), LocalDate.of(2027, 8, 31)))
                .isEqualTo("Reading Quest · whole district · 2026–27");
    }

    @Test
    void termsThatAreNotASchoolYearShowTheirMonths() {
        assertThat(PoolLabel.term(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 6, 30))).isEqualTo("Jan–Jun 2027");
        assertThat(PoolLabel.term(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31))).isEqualTo("Mar 2027");
        assertThat(PoolLabel.term(SEP_1, LocalDate.of(2027, 12, 31))).isEqualTo("Sep 2026 – Dec 2027");
        assertThat(PoolLabel.term(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 6, 30))).isEqualTo("Jan 2026 – Jun 2027");
        assertThat(PoolLabel.term(SEP_1, LocalDate.of(2028, 6, 30))).isEqualTo("Sep 2026 – Jun 2028");
        assertThat(PoolLabel.term(LocalDate.of(2099, 9, 1), LocalDate.of(2100, 6, 30))).isEqualTo("2099–00");
    }

    @Test
    void poolsThatCannotBeUsedTodayCarryABadgeAndOptionsSayItInWords() {
        LocalDate end = LocalDate.of(2027, 6, 30);
        assertThat(PoolLabel.badge(SeatStatus.ACTIVE, SEP_1, end)).isEmpty();
        assertThat(PoolLabel.badge(SeatStatus.ENDED, SEP_1, end)).isEqualTo("Ended on Jun 30, 2027");
        assertThat(PoolLabel.badge(SeatStatus.NOT_STARTED, SEP_1, end)).isEqualTo("Starts on Sep 1, 2026");
        assertThat(PoolLabel.option("Reading Quest · whole district · 2026–27", SeatStatus.NOT_STARTED, SEP_1, end))
                .isEqualTo("Reading Quest · whole district · 2026–27 (starts on Sep 1, 2026)");
        assertThat(PoolLabel.option("Reading Quest", SeatStatus.ACTIVE, SEP_1, end)).isEqualTo("Reading Quest");
    }

    @Test
    void timesAreInTheDistrictsZoneWithItsAbbreviation() {
        ConsoleFormat fmt = new ConsoleFormat();
        ZoneId newYork = ZoneId.of("America/New_York");
        assertThat(fmt.time(Instant.parse("2026-11-29T13:14:00Z"), newYork)).isEqualTo("Nov 29, 2026, 8:14 AM EST");
        assertThat(fmt.time(Instant.parse("2026-07-04T16:05:00Z"), newYork)).isEqualTo("Jul 4, 2026, 12:05 PM EDT");
        assertThat(fmt.time(Instant.parse("2026-07-04T16:05:00Z"), ZoneId.of("America/Phoenix"))).isEqualTo("Jul 4, 2026, 9:05 AM MST");
        assertThat(fmt.time(Instant.parse("2026-07-04T16:05:00Z"), null)).isEqualTo("Jul 4, 2026, 4:05 PM UTC");
        assertThat(fmt.time(null, newYork)).isEqualTo("never");
        assertThat(fmt.iso(Instant.parse("2026-11-29T13:14:00Z"), newYork)).isEqualTo("2026-11-29T08:14:00-05:00");
        assertThat(fmt.zone(newYork)).isEqualTo("America/New_York (Eastern Time)");
        assertThat(fmt.dates(SEP_1, LocalDate.of(2027, 8, 31))).isEqualTo("Sep 1, 2026 – Aug 31, 2027");
    }
}
