package com.seatkeeper.licensing;

import com.seatkeeper.shared.PoolId;
import java.time.LocalDate;
import java.util.List;

/**
 * A person's unreleased seats of one product and seat type (current and pending), and the rule for taking a seat in
 * a pool on a day (plain function, unit-tested in HoldingsTest). Invariant: no person holds two seats of one product and
 * seat type whose terms share a day. A seat whose term ended before the day counts as expired: it is released (ledger
 * EXPIRED) in the same transaction as the new seat, whether or not the nightly job has run yet.
 */
record Holdings(List<HeldSeat> seats) {

    /** One unreleased seat: its pool and the pool's term. */
    record HeldSeat(PoolId poolId, LocalDate startsOn, LocalDate endsOn) {}

    /** What taking a seat in the pool means. */
    sealed interface Verdict {
        /** The person may take the seat after the seats in {@code toExpire} (ended terms) are released. */
        record Free(List<PoolId> toExpire) implements Verdict {}

        /** The person already holds a seat of this pool. */
        record AlreadyHere() implements Verdict {}

        /** A seat of another pool whose term has not ended and shares a day with the pool's term. */
        record HeldElsewhere(PoolId poolId) implements Verdict {}
    }

    Verdict forSeatIn(LicensePool pool, LocalDate today) {
        for (HeldSeat s : seats) {
            if (s.poolId().equals(pool.id()) && !s.endsOn().isBefore(today)) {
                return new Verdict.AlreadyHere();
            }
        }
        for (HeldSeat s : seats) {
            boolean ended = s.endsOn().isBefore(today);
            boolean overlaps = !s.startsOn().isAfter(pool.endsOn()) && !s.endsOn().isBefore(pool.startsOn());
            if (!ended && overlaps) {
                return new Verdict.HeldElsewhere(s.poolId());
            }
        }
        return new Verdict.Free(seats.stream().filter(s -> s.endsOn().isBefore(today)).map(HeldSeat::poolId).toList());
    }
}
