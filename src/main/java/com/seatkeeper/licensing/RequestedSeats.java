package com.seatkeeper.licensing;

import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.RosterSeatEffects;
import com.seatkeeper.roster.changes.RosterSeatEffects.LicenseRequest;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who gets which seat when a bulk roster change asks for licenses by product code (the template's product codes;
 * plain function, unit-tested in RequestedSeatsTest). For each request, in order: a person already holding a seat of the
 * product is left alone; otherwise a seat of a pool of the product that is current today and fits the person
 * ({@link SeatQualification}: the seat type fits the role; a school pool of one of the person's schools), a school pool
 * first (lowest id first), then the district-wide one, never past the seats available. Whoever gets none is left without;
 * the pool they would have taken last counts them as needed, so a short pool reports how many it lacked.
 *
 * @param seats       per pool, the people who get a seat, in request order
 * @param leftWithout requests that got no seat (no fitting pool, an inactive or unknown person, or no seat left)
 * @param shortPools  pools that could not seat everyone who fell back to them: needed (seated plus left without) and
 *                    available (before this change)
 * @param without     who was left without, in request order, with the pool they would have taken last (null if none fits)
 */
record RequestedSeats(Map<PoolId, List<UserId>> seats, long leftWithout, List<ImportReport.ShortPool> shortPools,
                      List<RosterSeatEffects.LeftWithout> without) {

    long assigned() {
        return seats.values().stream().mapToLong(List::size).sum();
    }

    /**
     * @param requests the requested licenses (a repeated person and code counts once)
     * @param people   the requesting district's people by id (a missing one is left without)
     * @param pools    the district's pools current today with their counts, locked
     * @param holding  "userId|productCode" of every person who holds an unreleased seat of the product whose term has not
     *                 ended
     */
    static RequestedSeats plan(List<LicenseRequest> requests, Map<UserId, RosterUser> people, List<LicensePool> pools,
                               Set<String> holding) {
        Map<PoolId, Integer> left = new HashMap<>();
        pools.forEach(p -> left.put(p.id(), p.available()));
        Map<PoolId, List<UserId>> seats = new LinkedHashMap<>();
        Map<PoolId, Integer> lacking = new LinkedHashMap<>();
        long leftWithout = 0;
        List<RosterSeatEffects.LeftWithout> without = new ArrayList<>();
        for (LicenseRequest r : new LinkedHashSet<>(requests)) {
            RosterUser person = people.get(r.userId());
            if (holding.contains(r.userId().value() + "|" + r.productCode())) {
                continue;
            }
            List<LicensePool> fitting = person == null || !person.isActive() ? List.of() : fitting(person, r.productCode(), pools);
            LicensePool chosen = fitting.stream().filter(p -> left.get(p.id()) > 0).findFirst().orElse(null);
            if (chosen == null) {
                leftWithout++;
                without.add(new RosterSeatEffects.LeftWithout(r.userId(), r.productCode(),
                        fitting.isEmpty() ? null : fitting.get(fitting.size() - 1).id()));
                if (!fitting.isEmpty()) {
                    lacking.merge(fitting.get(fitting.size() - 1).id(), 1, Integer::sum);
                }
                continue;
            }
            left.merge(chosen.id(), -1, Integer::sum);
            seats.computeIfAbsent(chosen.id(), id -> new ArrayList<>()).add(r.userId());
        }
        List<ImportReport.ShortPool> shortPools = new ArrayList<>();
        for (LicensePool p : pools) {
            Integer lack = lacking.get(p.id());
            if (lack != null) {
                int seated = seats.getOrDefault(p.id(), List.of()).size();
                shortPools.add(new ImportReport.ShortPool(p.id(), p.productCode(), p.seatType().name(), seated + lack, p.available()));
            }
        }
        return new RequestedSeats(seats, leftWithout, List.copyOf(shortPools), List.copyOf(without));
    }

    /** The pools of the product the person qualifies for: school pools of their schools first (by id), then district-wide. */
    private static List<LicensePool> fitting(RosterUser person, String productCode, List<LicensePool> pools) {
        return pools.stream()
                .filter(p -> p.productCode().equals(productCode))
                .filter(p -> SeatQualification.misfits(p.seatType(), p.schoolId(), person.role(), person.schoolIds()).isEmpty())
                .sorted(Comparator.comparing((LicensePool p) -> p.schoolId() == null).thenComparing(p -> p.id().value()))
                .toList();
    }
}
