package com.seatkeeper.licensing;

import java.time.LocalDate;

/**
 * A pool's seat-ledger rows of one day summed: how many seats were bought (or carried in by a renewal) and how many
 * licenses were assigned net of releases that day.
 *
 * @param day the date in the district's time zone
 * @param seatsDelta the sum of the rows' {@code seats_delta} (bought seats; never negative today)
 * @param assignedDelta the sum of the rows' {@code assigned_delta} (assignments minus releases)
 */
public record LedgerDay(LocalDate day, int seatsDelta, int assignedDelta) {
}
