package com.seatkeeper.roster;

import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.Text;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Manual rosters for administrators: edit, deactivate and reactivate people. A district admin
 * manages everyone of their district; a school admin the people of their schools (but no
 * district admins); anyone else is not found. Deactivating a person publishes
 * {@link UserDeactivated} in the same transaction, so their licenses are freed with it.
 */
@Service
public class PeopleAdmin {
    private final RosterEditStore edits;
    private final RosterStore store;
    private final Districts districts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PeopleAdmin(RosterEditStore edits, RosterStore store, Districts districts, ApplicationEventPublisher events, Clock clock) {
        this.edits = edits;
        this.store = store;
        this.districts = districts;
        this.events = events;
        this.clock = clock;
    }

    public record EditUser(String givenName, String familyName, String email, Role role, Set<SchoolId> schoolIds) {}

    /** A person the caller may manage, or not-found. */
    @Transactional(readOnly = true)
    public RosterUser managed(Actor actor, UserId id) {
        return requireManaged(actor, store.user(id).orElseThrow(() -> new NotFoundException("user", id)));
    }

    @Transactional
    public Outcome<RosterUser> update(Actor actor, UserId id, EditUser cmd) {
        RosterUser person = requireManaged(actor, store.lockUser(id).orElseThrow(() -> new NotFoundException("user", id)));
        District district = districts.get(actor, person.districtId());
        if (district.rosteringSource().isReadOnlyRoster()) {
            return Outcome.refused(new RosterRefusal.ReadOnly(ClassEditing.sourceName(district)));
        }
        Optional<? extends BusinessRefusal> refused = Rosters.nameAndEmail(cmd.givenName(), cmd.familyName(), cmd.email());
        if (refused.isEmpty()) {
            refused = cmd.role() == null ? Optional.of(new FieldRefusal("role", "Choose a role."))
                    : RosterPolicy.mayManage(actor.role(), person.role()).or(() -> RosterPolicy.mayManage(actor.role(), cmd.role()));
        }
        // schools the person does not have yet must be ones the caller may name; a school admin changes
        // memberships of their own schools only, the person keeps their other schools
        Set<SchoolId> added = new HashSet<>(cmd.schoolIds());
        added.removeAll(person.schoolIds());
        if (refused.isEmpty()) {
            refused = RosterPolicy.schools(actor, added, districts.schoolsOfDistrict(person.districtId(), added));
        }
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        Set<SchoolId> schools = new HashSet<>(cmd.schoolIds());
        if (!actor.isDistrictWideAdmin()) {
            schools.removeIf(s -> !actor.schoolIds().contains(s) && !person.schoolIds().contains(s));
            person.schoolIds().stream().filter(s -> !actor.schoolIds().contains(s)).forEach(schools::add);
        }
        String given = Text.normalize(cmd.givenName());
        String family = Text.normalize(cmd.familyName());
        String email = Text.normalizeOptional(cmd.email());
        try {
            edits.updateUser(id, given, family, email, cmd.role().name(), schools, person.districtId(), clock.instant());
        } catch (DuplicateKeyException e) {
            return Outcome.refused(new RosterRefusal.DuplicateEmail(email));
        }
        if (!Objects.equals(email, person.email())) {
            events.publishEvent(new PersonEmailChanged(id, email));
        }
        return Outcome.done(store.user(id).orElseThrow());
    }

    /**
     * Marks the person inactive and, in the same transaction, frees every license they hold
     * (the licensing module listens to {@link UserDeactivated}). The person's row is locked first,
     * as every seat change does, so a concurrent assignment either finishes before or sees them
     * inactive. Deactivating an inactive person changes nothing.
     */
    @Transactional
    public Outcome<RosterUser> deactivate(Actor actor, UserId id) {
        RosterUser person = requireManaged(actor, store.lockUser(id).orElseThrow(() -> new NotFoundException("user", id)));
        District district = districts.get(actor, person.districtId());
        if (district.rosteringSource().isReadOnlyRoster()) {
            return Outcome.refused(new RosterRefusal.ReadOnly(ClassEditing.sourceName(district)));
        }
        if (id.equals(actor.userId())) {
            return Outcome.refused(new RosterRefusal.CannotDeactivateSelf());
        }
        Optional<RosterRefusal> role = RosterPolicy.mayManage(actor.role(), person.role());
        if (role.isPresent()) {
            return Outcome.refused(role.get());
        }
        if (!person.isActive()) {
            return Outcome.done(person);
        }
        Instant now = clock.instant();
        edits.setStatus(id, UserStatus.INACTIVE, now);
        events.publishEvent(new UserDeactivated(person.districtId(), id, actor.label(), RosterSource.MANUAL.name()));
        return Outcome.done(store.user(id).orElseThrow());
    }

    /** Makes an inactive person active again (without licenses: assign them anew). */
    @Transactional
    public Outcome<RosterUser> reactivate(Actor actor, UserId id) {
        RosterUser person = requireManaged(actor, store.lockUser(id).orElseThrow(() -> new NotFoundException("user", id)));
        District district = districts.get(actor, person.districtId());
        if (district.rosteringSource().isReadOnlyRoster()) {
            return Outcome.refused(new RosterRefusal.ReadOnly(ClassEditing.sourceName(district)));
        }
        Optional<RosterRefusal> role = RosterPolicy.mayManage(actor.role(), person.role());
        if (role.isPresent()) {
            return Outcome.refused(role.get());
        }
        if (!person.isActive()) {
            edits.setStatus(id, UserStatus.ACTIVE, clock.instant());
        }
        return Outcome.done(store.user(id).orElseThrow());
    }

    /**
     * The person, if the caller manages them: another district, or (school admins) a person of none of
     * their schools, is not found. Callers who manage no one get the answer a read would give: not
     * found unless they may see the person (themselves, students of their classes), then forbidden, so
     * the answer says nothing about ids they cannot see.
     */
    private RosterUser requireManaged(Actor actor, RosterUser person) {
        actor.requireVisible(person.districtId(), "user", person.id());
        if (!RosterPolicy.managesPeople(actor.role())) {
            boolean visible = person.id().equals(actor.userId())
                    || (actor.userId() != null && store.inScope(person.id(), new Rosters.Scope.Teacher(actor.userId())));
            if (!visible) {
                throw new NotFoundException("user", person.id());
            }
            actor.requireAnyOf("manage people", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN);
        }
        if (actor.role() == ActorRole.SCHOOL_ADMIN && Collections.disjoint(person.schoolIds(), actor.schoolIds())) {
            throw new NotFoundException("user", person.id());
        }
        return person;
    }
}
