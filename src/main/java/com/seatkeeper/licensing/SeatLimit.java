package com.seatkeeper.licensing;

import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.FieldRefusal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The largest pool and the sensible range of a term, as plain functions. The seat limit is also a CHECK
 * constraint ({@code pool_seats_within_limit}, migration V10), so no sum of purchases can overflow the
 * database's integer, whatever the interleaving.
 */
public final class SeatLimit {
    /** A pool holds at most ten million seats (far above any district; far below an int's 2,147,483,647). */
    public static final int MAX_SEATS_PER_POOL = 10_000_000;
    /** The first day a term may start on. */
    public static final LocalDate EARLIEST_DAY = LocalDate.of(2000, 1, 1);
    /** The last day a term may end on. */
    public static final LocalDate LATEST_DAY = LocalDate.of(2100, 12, 31);

    private SeatLimit() {
    }

    /** Refused when a pool of {@code current} seats would pass the limit by adding {@code adding} (computed in long). */
    public static Optional<LicenseRefusal> adding(int current, long adding) {
        return (long) current + adding > MAX_SEATS_PER_POOL
                ? Optional.of(new LicenseRefusal.SeatLimitExceeded(MAX_SEATS_PER_POOL, current, adding)) : Optional.empty();
    }

    /** A term's days: each within {@link #EARLIEST_DAY}..{@link #LATEST_DAY}, the end on or after the start; 400 naming the field. */
    public static Optional<FieldRefusal> term(LocalDate startsOn, LocalDate endsOn) {
        if (startsOn == null) {
            return Optional.of(new FieldRefusal("startsOn", "startsOn is required (YYYY-MM-DD)."));
        }
        if (endsOn == null) {
            return Optional.of(new FieldRefusal("endsOn", "endsOn is required (YYYY-MM-DD)."));
        }
        if (outOfRange(startsOn)) {
            return Optional.of(new FieldRefusal("startsOn", "startsOn " + startsOn + " is outside " + EARLIEST_DAY + " to " + LATEST_DAY + "."));
        }
        if (outOfRange(endsOn)) {
            return Optional.of(new FieldRefusal("endsOn", "endsOn " + endsOn + " is outside " + EARLIEST_DAY + " to " + LATEST_DAY + "."));
        }
        if (endsOn.isBefore(startsOn)) {
            return Optional.of(new FieldRefusal("endsOn", "endsOn must be on or after startsOn."));
        }
        return Optional.empty();
    }

    private static boolean outOfRange(LocalDate day) {
        return day.isBefore(EARLIEST_DAY) || day.isAfter(LATEST_DAY);
    }

    /** A new pool's (or renewal's) term and initial seats: {@link #term}, then {@link #adding}(0, seats); the first refusal. */
    public static Optional<BusinessRefusal> newPool(LocalDate startsOn, LocalDate endsOn, int seats) {
        return term(startsOn, endsOn).<BusinessRefusal>map(r -> r).or(() -> adding(0, seats));
    }
}
