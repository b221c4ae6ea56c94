package com.seatkeeper.console.classes;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.console.PoolLabel;
import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.licensing.LicensePool;
import com.seatkeeper.licensing.SeatStatus;
import com.seatkeeper.licensing.Licensing;
import com.seatkeeper.licensing.SeatHoldings;
import com.seatkeeper.roster.ClassEditing;
import com.seatkeeper.roster.RosterClass;
import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.roster.Rosters;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.ClassId;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.UserId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Reads what a class page shows: the class, its students, the district's student pools and who holds which. */
@Component
class ClassPage {
    private final ClassEditing classes;
    private final Rosters rosters;
    private final Districts districts;
    private final Licensing licensing;
    private final SeatHoldings holdings;

    ClassPage(ClassEditing classes, Rosters rosters, Districts districts, Licensing licensing, SeatHoldings holdings) {
        this.classes = classes;
        this.rosters = rosters;
        this.districts = districts;
        this.licensing = licensing;
        this.holdings = holdings;
    }

    /** A product column: one student pool of the district (of the class's school or district-wide). */
    record PoolColumn(String id, String label, String productName, int seats, int assigned, int available, LicensePool pool) {}

    /** One product cell of a student: holds this pool, holds the product in another pool, or none. */
    record Cell(String poolId, String poolLabel, boolean held, boolean heldElsewhere) {}

    record StudentRow(String id, String name, boolean active, List<Cell> cells) {}

    record View(RosterClass klass, District district, String schoolName, String teachers, String readOnlyLabel,
                List<PoolColumn> pools, List<StudentRow> students, List<RosterUser> people, Map<UserId, Set<PoolId>> held) {

        PoolColumn pool(String id) {
            return pools.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
        }

        boolean holdsElsewhere(UserId student, PoolColumn column) {
            Set<PoolId> mine = held.getOrDefault(student, Set.of());
            return pools.stream().map(PoolColumn::pool).anyMatch(p -> !p.id().equals(column.pool().id())
                    && p.productId().equals(column.pool().productId()) && mine.contains(p.id()));
        }

        boolean holds(UserId student, PoolColumn column) {
            return held.getOrDefault(student, Set.of()).contains(column.pool().id());
        }
    }

    static void requireClassRoles(Actor actor) {
        actor.requireAnyOf("use My Classes & Students (it is for district and school admins and teachers)",
                ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN, ActorRole.TEACHER);
    }

    View load(Actor actor, ClassId id) {
        requireClassRoles(actor);
        RosterClass c = classes.get(actor, id);
        District d = districts.get(actor, c.districtId());
        String school = districts.school(c.schoolId()).map(School::name).orElse("");
        Map<UserId, RosterUser> found = rosters.find(d.id(), union(c.teacherIds(), c.studentIds()));
        String teachers = c.teacherIds().stream().map(found::get).filter(Objects::nonNull).map(RosterUser::displayName).sorted()
                .collect(Collectors.joining(", "));
        List<RosterUser> people = c.studentIds().stream().map(found::get).filter(Objects::nonNull)
                .sorted(Comparator.comparing(RosterUser::familyName, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(RosterUser::givenName, String.CASE_INSENSITIVE_ORDER).thenComparing(u -> u.id().value()))
                .toList();
        LocalDate today = licensing.today(d.id());
        // pools whose term has ended are not offered (their seats are released after local midnight)
        List<LicensePool> pools = licensing.pools(actor, d.id()).stream()
                .filter(p -> p.seatType() == SeatType.STUDENT && (p.schoolId() == null || p.schoolId().equals(c.schoolId())))
                .filter(p -> p.statusOn(today) != SeatStatus.ENDED)
                .toList();
        List<PoolColumn> columns = new ArrayList<>();
        for (LicensePool p : pools) {
            String label = PoolLabel.option(PoolLabel.of(p.productName(), p.schoolId() == null ? null : school, p.startsOn(), p.endsOn()),
                    p.statusOn(today), p.startsOn(), p.endsOn());
            columns.add(new PoolColumn(p.id().toString(), label, p.productName(), p.seats(), p.assigned(), p.available(), p));
        }
        Map<UserId, Set<PoolId>> held = holdings.heldPools(actor, d.id(), c.studentIds());
        View partial = new View(c, d, school, teachers, readOnlyLabel(d), columns, List.of(), people, held);
        List<StudentRow> rows = people.stream().map(u -> new StudentRow(u.id().toString(), u.displayName(), u.isActive(),
                columns.stream().map(col -> new Cell(col.id(), col.label(), partial.holds(u.id(), col), partial.holdsElsewhere(u.id(), col)))
                        .toList())).toList();
        return new View(c, d, school, teachers, partial.readOnlyLabel(), columns, rows, people, held);
    }

    /** "Roster from Clever — read-only" for Clever/ClassLink districts, null for manual ones. */
    static String readOnlyLabel(District d) {
        return d.rosteringSource().isReadOnlyRoster() ? "Roster from " + ClassEditing.sourceName(d) + " — read-only" : null;
    }

    private static List<UserId> union(List<UserId> a, List<UserId> b) {
        List<UserId> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
