package com.seatkeeper.roster;

import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.Text;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Manual rosters for administrators: edit, deactivate and reactivate people. A district admin
 * manages everyone of their district; a school admin the people of their schools (but no
 * district admins); anyone else is not found. Deactivating a person publishes
 * {@link UserDeactivated} in the same transaction, so their licenses are freed with it; changing
 * their role or schools publishes {@link PersonRosterChanged}, so the licenses they no longer qualify
 * for are released with it (previewed first through {@link RosterChangeImpact}).
 */
@Service
public class PeopleAdmin {
    private final RosterEditStore edits;
    private final RosterStore store;
    private final Districts districts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RosterChangeImpact impact;

    PeopleAdmin(RosterEditStore edits, RosterStore store, Districts districts, ApplicationEventPublisher events, Clock clock,
                ObjectProvider<RosterChangeImpact> impact) {
        this.edits = edits;
        this.store = store;
        this.districts = districts;
        this.events = events;
        this.clock = clock;
        this.impact = impact.getIfAvailable(() -> RosterChangeImpact.NONE);
    }

    /** A person's new values; {@code schoolIds == null} keeps their schools (a null role is refused: the console's form must name one). */
    public record EditUser(String givenName, String familyName, String email, Role role, Set<SchoolId> schoolIds) {}

    /**
     * A partial change (the API's PATCH): {@code null} keeps a field; {@code emailGiven} with a null
     * {@code email} clears the email.
     */
    public record PersonPatch(String givenName, String familyName, boolean emailGiven, String email, Role role, Set<SchoolId> schoolIds) {
        /** The full new values over the person's current ones. */
        EditUser over(RosterUser current) {
            return new EditUser(givenName == null ? current.givenName() : givenName, familyName == null ? current.familyName() : familyName,
                    emailGiven ? email : current.email(), role == null ? current.role() : role, schoolIds);
        }
    }

    /**
     * How far a change may go. A preview changes nothing; a save goes ahead only if the licenses it
     * releases are among {@code releasable} ({@code null}: any), else it answers the preview unsaved, so
     * the console never releases a license the person saving was not shown.
     */
    public record Consent(boolean save, Set<PoolId> releasable) {
        /** Only say what the change would do (the API's dry run). */
        public static Consent preview() {
            return new Consent(false, Set.of());
        }

        /** Save, releasing whatever the change releases (the API's PATCH: the answer lists it). */
        public static Consent releasingAny() {
            return new Consent(true, null);
        }

        /** Save only if the change releases no license outside {@code confirmed} (the console's confirmation). */
        public static Consent releasingOnly(Set<PoolId> confirmed) {
            return new Consent(true, Set.copyOf(confirmed));
        }

        boolean allows(List<ReleasedLicense> released) {
            return save && (releasable == null || released.stream().allMatch(r -> releasable.contains(r.poolId())));
        }
    }

    /**
     * The outcome of a change: the person as they are after it (or would be, when not saved), the
     * licenses it released (or would release), and whether it was saved.
     */
    public record PersonChange(RosterUser person, List<ReleasedLicense> releasedLicenses, boolean saved) {}

    /** A person the caller may manage, or not-found. */
    @Transactional(readOnly = true)
    public RosterUser managed(Actor actor, UserId id) {
        return requireManaged(actor, store.user(id).orElseThrow(() -> new NotFoundException("user", id)));
    }

    /** As {@link #update(Actor, UserId, EditUser, Consent)} for the fields the patch names. */
    @Transactional
    public Outcome<PersonChange> patch(Actor actor, UserId id, PersonPatch patch, Consent consent) {
        RosterUser person = requireManaged(actor, store.lockUser(id).orElseThrow(() -> new NotFoundException("user", id)));
        return change(actor, person, patch.over(person), consent);
    }

    /**
     * Changes a person's names, email, role and schools with the same rules for console and API. The
     * person's row is locked first; a change of role or schools publishes {@link PersonRosterChanged}
     * in this transaction, on which licensing releases the seats they no longer qualify for, exactly
     * those the preview lists. Refusals: {@link RosterRefusal} (read-only roster, invalid field, role not
     * allowed, unknown schools, duplicate email); another district's or an out-of-scope person is 404, a
     * caller who manages no people is refused (403).
     */
    @Transactional
    public Outcome<PersonChange> update(Actor actor, UserId id, EditUser cmd, Consent consent) {
        RosterUser person = requireManaged(actor, store.lockUser(id).orElseThrow(() -> new NotFoundException("user", id)));
        return change(actor, person, cmd, consent);
    }

    private Outcome<PersonChange> change(Actor actor, RosterUser person, EditUser cmd, Consent consent) {
        UserId id = person.id();
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
        // memberships of their own schools only, the person keeps their other schools (null: keeps all)
        Set<SchoolId> schools = new HashSet<>(cmd.schoolIds() == null ? person.schoolIds() : cmd.schoolIds());
        Set<SchoolId> added = new HashSet<>(schools);
        added.removeAll(person.schoolIds());
        if (refused.isEmpty()) {
            refused = RosterPolicy.schools(actor, added, districts.schoolsOfDistrict(person.districtId(), added));
        }
        if (refused.isEmpty() && id.equals(actor.userId()) && cmd.role() != person.role()) {
            refused = Optional.of(new RosterRefusal.CannotChangeOwnRole());
        }
        String given = Text.normalize(cmd.givenName());
        String family = Text.normalize(cmd.familyName());
        String email = Text.normalizeOptional(cmd.email());
        boolean personalChange = !Objects.equals(given, person.givenName()) || !Objects.equals(family, person.familyName())
                || !Objects.equals(email, person.email()) || cmd.role() != person.role();
        if (refused.isEmpty() && personalChange) {
            refused = RosterPolicy.mayManageWhole(actor, person);
        }
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        if (!actor.isDistrictWideAdmin()) {
            schools.removeIf(s -> !actor.schoolIds().contains(s) && !person.schoolIds().contains(s));
            person.schoolIds().stream().filter(s -> !actor.schoolIds().contains(s)).forEach(schools::add);
        }
        if (email != null && edits.emailTaken(person.districtId(), email, id)) {
            return Outcome.refused(new RosterRefusal.DuplicateEmail(email));
        }
        PersonRosterChanged rosterChange = new PersonRosterChanged(person.districtId(), id, person.role(), cmd.role(), person.schoolIds(),
                schools, actor.label(), RosterSource.MANUAL.name());
        boolean roleOrSchoolsChanged = person.role() != cmd.role() || !person.schoolIds().equals(schools);
        List<ReleasedLicense> released = roleOrSchoolsChanged ? impact.wouldRelease(rosterChange) : List.of();
        if (!consent.allows(released)) {
            RosterUser wouldBe = new RosterUser(id, person.districtId(), given, family, email, cmd.role(), person.status(), person.source(),
                    person.sourcedId(), schools);
            return Outcome.done(new PersonChange(wouldBe, released, false));
        }
        try {
            edits.updateUser(id, given, family, email, cmd.role().name(), schools, person.districtId(), clock.instant());
        } catch (DuplicateKeyException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return Outcome.refused(new RosterRefusal.DuplicateEmail(email));
        }
        if (!Objects.equals(email, person.email())) {
            events.publishEvent(new PersonEmailChanged(id, email));
        }
        if (roleOrSchoolsChanged) {
            // a teacher who became a student teaches no class, and no one stays in classes of a school they left
            Set<SchoolId> left = new HashSet<>(person.schoolIds());
            left.removeAll(schools);
            edits.dropUnfitEnrollments(id, cmd.role(), left);
            events.publishEvent(rosterChange);
        }
        return Outcome.done(new PersonChange(store.user(id).orElseThrow(), released, true));
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
        Optional<RosterRefusal> role = RosterPolicy.mayManage(actor.role(), person.role()).or(() -> RosterPolicy.mayManageWhole(actor, person));
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
        Optional<RosterRefusal> role = RosterPolicy.mayManage(actor.role(), person.role()).or(() -> RosterPolicy.mayManageWhole(actor, person));
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
