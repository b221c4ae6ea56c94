package com.seatkeeper.roster;

import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
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
        String given = cmd.givenName() == null ? "" : cmd.givenName().trim();
        String family = cmd.familyName() == null ? "" : cmd.familyName().trim();
        if (given.isEmpty() || family.isEmpty() || given.length() > ClassEditing.MAX_NAME || family.length() > ClassEditing.MAX_NAME) {
            return Outcome.refused(new RosterRefusal.InvalidField("name",
                    "Give the person a given name and a family name (each 1 to " + ClassEditing.MAX_NAME + " characters)."));
        }
        if (cmd.role() == null) {
            return Outcome.refused(new RosterRefusal.InvalidField("role", "Choose a role."));
        }
        if (!mayManageRole(actor, cmd.role())) {
            return Outcome.refused(new RosterRefusal.RoleNotAllowed(cmd.role().name()));
        }
        // a school admin changes memberships of their own schools only; the person keeps their other schools
        Set<SchoolId> schools = new HashSet<>(cmd.schoolIds());
        if (!actor.isDistrictWideAdmin()) {
            List<String> outside = schools.stream().filter(s -> !actor.schoolIds().contains(s)).map(SchoolId::toString).toList();
            if (!outside.isEmpty()) {
                return Outcome.refused(new RosterRefusal.UnknownSchools(outside));
            }
            person.schoolIds().stream().filter(s -> !actor.schoolIds().contains(s)).forEach(schools::add);
        }
        List<String> unknown = new ArrayList<>();
        Set<SchoolId> known = districts.schoolsOfDistrict(person.districtId(), schools);
        schools.stream().filter(s -> !known.contains(s)).forEach(s -> unknown.add(s.toString()));
        if (!unknown.isEmpty()) {
            return Outcome.refused(new RosterRefusal.UnknownSchools(unknown));
        }
        String email = cmd.email() == null || cmd.email().isBlank() ? null : cmd.email().trim();
        try {
            edits.updateUser(id, given, family, email, cmd.role().name(), schools, person.districtId(), clock.instant());
        } catch (DuplicateKeyException e) {
            return Outcome.refused(new RosterRefusal.DuplicateEmail(email));
        }
        if (!java.util.Objects.equals(email, person.email())) {
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
        if (!mayManageRole(actor, person.role())) {
            return Outcome.refused(new RosterRefusal.RoleNotAllowed(person.role().name()));
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
        if (!mayManageRole(actor, person.role())) {
            return Outcome.refused(new RosterRefusal.RoleNotAllowed(person.role().name()));
        }
        if (!person.isActive()) {
            edits.setStatus(id, UserStatus.ACTIVE, clock.instant());
        }
        return Outcome.done(store.user(id).orElseThrow());
    }

    private static boolean mayManageRole(Actor actor, Role role) {
        return actor.isDistrictWideAdmin() || (actor.role() == ActorRole.SCHOOL_ADMIN && role != Role.DISTRICT_ADMIN);
    }

    private static RosterUser requireManaged(Actor actor, RosterUser person) {
        actor.requireVisible(person.districtId(), "user", person.id());
        boolean inScope = actor.isDistrictWideAdmin()
                || (actor.role() == ActorRole.SCHOOL_ADMIN && !Collections.disjoint(person.schoolIds(), actor.schoolIds()));
        if (!inScope && !actor.isAnyOf(ActorRole.TEACHER, ActorRole.STAFF, ActorRole.STUDENT)) {
            throw new NotFoundException("user", person.id());
        }
        actor.requireAnyOf("manage people", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN);
        return person;
    }
}
