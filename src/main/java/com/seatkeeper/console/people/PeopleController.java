package com.seatkeeper.console.people;

import com.seatkeeper.console.Flash;
import com.seatkeeper.console.Forms;
import com.seatkeeper.console.ListParams;
import com.seatkeeper.console.Pager;
import com.seatkeeper.console.SeekPager;
import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.licensing.Licensing;
import com.seatkeeper.licensing.UserLicense;
import com.seatkeeper.roster.ClassEditing;
import com.seatkeeper.roster.PeopleAdmin;
import com.seatkeeper.roster.ReleasedLicense;
import com.seatkeeper.roster.RosterPolicy;
import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.roster.Rosters;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.Slice;
import com.seatkeeper.shared.UserId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Manual rosters for administrators: find, create, edit, deactivate and reactivate educators and
 * students. A district admin manages the whole district, a school admin the people of their
 * schools. Deactivating frees the person's licenses in the same step (seat ledger:
 * RELEASED_BY_DEACTIVATION).
 */
@Controller
class PeopleController {
    private static final int PAGE = 50;

    private final Rosters rosters;
    private final PeopleAdmin people;
    private final Districts districts;
    private final Licensing licensing;

    PeopleController(Rosters rosters, PeopleAdmin people, Districts districts, Licensing licensing) {
        this.rosters = rosters;
        this.people = people;
        this.districts = districts;
        this.licensing = licensing;
    }

    record Row(String id, String name, String email, String role, String status, String schools, String source) {}

    static void requireAdmin(Actor actor) {
        actor.requireAnyOf("manage people (district and school administrators do)", ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN);
    }

    /**
     * The people list: name order, 50 a page with "Previous"/"Next" links (keyset cursors {@code after}/{@code before}),
     * filtered by name or email part ({@code q}), role and school, within the caller's scope ({@link Rosters#findUsers}).
     */
    @GetMapping("/people")
    String list(Actor actor, @RequestParam(required = false) String role, @RequestParam(required = false) String schoolId,
                @RequestParam(required = false) String after, @RequestParam(required = false) String before, HttpServletRequest http,
                Model model) {
        requireAdmin(actor);
        District d = districts.get(actor, actor.districtId());
        ListParams.Typed q = ListParams.Typed.of(http.getParameterMap(), "q");
        String search = q.searched();
        String roleProblem = ListParams.problem("Role", role, Arrays.stream(Role.values()).map(Role::name).toList());
        Role roleFilter = roleProblem == null ? parseRole(role) : null;
        List<School> offeredSchools = schoolsOf(actor, d);
        ListParams.IdFilter<SchoolId> schoolFilter = ListParams.idFilter("School", schoolId, SchoolId::new)
                .offeredIn("School", id -> offeredSchools.stream().anyMatch(s -> s.id().equals(id)));
        SchoolId school = schoolFilter.id();
        ListParams.Read<Slice<RosterUser>> read = ListParams.position(PAGE, after, before, null)
                .read(request -> rosters.findUsers(actor, d.id(), new Rosters.UserFilter(roleFilter, school, null, search), request));
        Slice<RosterUser> page = read.page();
        String problem = Stream.of(q.problem(), roleProblem, schoolFilter.problem(), read.position().problem()).filter(Objects::nonNull)
                .collect(Collectors.joining(" "));
        if (!problem.isEmpty() && !model.containsAttribute("flash")) {
            model.addAttribute("flash", Flash.error(problem));
        }
        Map<SchoolId, String> names = districts.schools(actor, d.id()).stream().collect(Collectors.toMap(School::id, School::name));
        model.addAttribute("rows", page.items().stream().map(u -> new Row(u.id().toString(), u.familyName() + ", " + u.givenName(),
                u.email(), label(u.role()), u.isActive() ? "Active" : "Inactive",
                u.schoolIds().stream().map(names::get).filter(n -> n != null).sorted().collect(Collectors.joining(", ")),
                u.source().name())).toList());
        model.addAttribute("total", page.total().label());
        model.addAttribute("q", search);
        model.addAttribute("role", roleFilter == null ? "" : roleFilter.name());
        model.addAttribute("schoolId", school == null ? "" : school.toString());
        model.addAttribute("schools", offeredSchools);
        model.addAttribute("roles", roleOptions(actor));
        model.addAttribute("pager", new SeekPager("/people", Pager.query("q", search, "role", roleFilter == null ? null : roleFilter.name(),
                "schoolId", school == null ? null : school.toString()), page));
        model.addAttribute("readOnlyLabel", readOnlyLabel(d));
        return "people/list";
    }

    @GetMapping("/people/new")
    String newPerson(Actor actor, @RequestParam(required = false) String role, Model model) {
        requireAdmin(actor);
        PersonForm form = new PersonForm();
        Role r = parseRole(role);
        form.setRole(r == null ? Role.STUDENT : r);
        model.addAttribute("form", form);
        return form(actor, districts.get(actor, actor.districtId()), null, model);
    }

    /** Creates a person; input the roster service refuses re-renders the form with the message at the field. */
    @PostMapping("/people")
    String create(Actor actor, @Valid @ModelAttribute("form") PersonForm form, BindingResult binding, Model model,
                  RedirectAttributes redirect) {
        requireAdmin(actor);
        District d = districts.get(actor, actor.districtId());
        if (!binding.hasErrors()) {
            Outcome<RosterUser> out = rosters.createUser(actor, d.id(), new Rosters.NewUser(form.getGivenName(), form.getFamilyName(),
                    form.getEmail(), form.getRole(), schools(form)));
            if (out instanceof Outcome.Refused<RosterUser> refused) {
                Forms.refuse(binding, refused.refusal());
            } else {
                redirect.addFlashAttribute("flash", Flash.ok(out.value().displayName() + " was created."));
                return "redirect:/people/" + out.value().id() + "/edit";
            }
        }
        model.addAttribute("flash", Forms.flash(binding));
        return form(actor, d, null, model);
    }

    @GetMapping("/people/{userId}/edit")
    String edit(Actor actor, @PathVariable UserId userId, Model model) {
        requireAdmin(actor);
        RosterUser u = people.managed(actor, userId);
        PersonForm form = new PersonForm();
        form.setGivenName(u.givenName());
        form.setFamilyName(u.familyName());
        form.setEmail(u.email() == null ? "" : u.email());
        form.setRole(u.role());
        form.setSchoolIds(new ArrayList<>(u.schoolIds()));
        model.addAttribute("form", form);
        return form(actor, districts.get(actor, u.districtId()), u, model);
    }

    /**
     * Saves the edit form. A change that would release licenses (role or schools the person's licenses
     * no longer fit) is not saved at first: the form shows which licenses and why, with Confirm (which
     * posts again naming the confirmed pools) and Cancel. The service saves only if it releases no
     * license beyond those confirmed, so nothing is released without that step.
     */
    @PostMapping("/people/{userId}")
    String update(Actor actor, @PathVariable UserId userId, @Valid @ModelAttribute("form") PersonForm form, BindingResult binding,
                  Model model, RedirectAttributes redirect) {
        requireAdmin(actor);
        RosterUser u = people.managed(actor, userId);
        if (binding.hasErrors()) {
            model.addAttribute("flash", Forms.flash(binding));
            return form(actor, districts.get(actor, u.districtId()), u, model);
        }
        Set<PoolId> confirmed = form.getReleasePoolIds().stream().filter(Objects::nonNull).collect(Collectors.toSet());
        Outcome<PeopleAdmin.PersonChange> out = people.update(actor, userId, new PeopleAdmin.EditUser(form.getGivenName(),
                form.getFamilyName(), form.getEmail(), form.getRole(), schools(form)), PeopleAdmin.Consent.releasingOnly(confirmed));
        if (out instanceof Outcome.Refused<PeopleAdmin.PersonChange> refused) {
            Forms.refuse(binding, refused.refusal());
            model.addAttribute("flash", Forms.flash(binding));
            return form(actor, districts.get(actor, u.districtId()), u, model);
        }
        PeopleAdmin.PersonChange change = out.value();
        if (!change.saved()) {
            model.addAttribute("releases", change.releasedLicenses());
            model.addAttribute("releaseSummary", releaseSummary(change.releasedLicenses().size()));
            return form(actor, districts.get(actor, u.districtId()), u, model);
        }
        List<ReleasedLicense> released = change.releasedLicenses();
        String detail = released.isEmpty() ? null : released.size() + (released.size() == 1 ? " license was" : " licenses were")
                + " released: " + released.stream().map(PeopleController::describe).collect(Collectors.joining("; ")) + ".";
        redirect.addFlashAttribute("flash", Flash.ok("Saved.", detail));
        return "redirect:/people/" + userId + "/edit";
    }

    /** "This change releases 2 licenses:" */
    static String releaseSummary(int n) {
        return "This change releases " + n + (n == 1 ? " license:" : " licenses:");
    }

    /** "Mathletics (educator) — role changed from TEACHER to STUDENT" */
    static String describe(ReleasedLicense r) {
        return r.productName() + " (" + r.seatType().toLowerCase(Locale.ROOT) + ") — " + r.reason();
    }

    /** Asks before deactivating and says which licenses will be freed. */
    @GetMapping("/people/{userId}/deactivate")
    String confirmDeactivate(Actor actor, @PathVariable UserId userId, Model model) {
        requireAdmin(actor);
        RosterUser u = people.managed(actor, userId);
        model.addAttribute("person", u);
        model.addAttribute("licenses", licensing.licensesOf(actor, u.id()));
        model.addAttribute("readOnlyLabel", readOnlyLabel(districts.get(actor, u.districtId())));
        return "people/deactivate";
    }

    @PostMapping("/people/{userId}/deactivate")
    String deactivate(Actor actor, @PathVariable UserId userId, RedirectAttributes redirect) {
        requireAdmin(actor);
        UserId id = userId;
        List<UserLicense> held = licensing.licensesOf(actor, id);
        Outcome<RosterUser> out = people.deactivate(actor, id);
        if (out instanceof Outcome.Refused<RosterUser> refused) {
            redirect.addFlashAttribute("flash", Flash.notChanged(refused.refusal()));
        } else {
            String freed = held.isEmpty() ? "They held no licenses."
                    : held.size() + (held.size() == 1 ? " license was" : " licenses were") + " freed: "
                    + held.stream().map(l -> l.productName() + " (" + l.seatType().name().toLowerCase() + ")").collect(Collectors.joining(", ")) + ".";
            redirect.addFlashAttribute("flash", Flash.ok(out.value().displayName() + " is deactivated. " + freed));
        }
        return "redirect:/people/" + userId + "/edit";
    }

    @PostMapping("/people/{userId}/reactivate")
    String reactivate(Actor actor, @PathVariable UserId userId, RedirectAttributes redirect) {
        requireAdmin(actor);
        Outcome<RosterUser> out = people.reactivate(actor, userId);
        if (out instanceof Outcome.Refused<RosterUser> refused) {
            redirect.addFlashAttribute("flash", Flash.notChanged(refused.refusal()));
        } else {
            redirect.addFlashAttribute("flash", Flash.ok(out.value().displayName() + " is active again. Assign licenses anew if needed."));
        }
        return "redirect:/people/" + userId + "/edit";
    }

    /** The form page; {@code person} is null for a new person. */
    private String form(Actor actor, District d, RosterUser person, Model model) {
        model.addAttribute("person", person);
        model.addAttribute("schools", schoolsOf(actor, d));
        model.addAttribute("roles", roleOptions(actor));
        model.addAttribute("readOnlyLabel", readOnlyLabel(d));
        model.addAttribute("licenses", person == null ? List.of() : licensing.licensesOf(actor, person.id()));
        return "people/form";
    }

    static String readOnlyLabel(District d) {
        return d.rosteringSource().isReadOnlyRoster() ? "Roster from " + ClassEditing.sourceName(d) + " — read-only" : null;
    }

    static String label(Role r) {
        return switch (r) {
            case STUDENT -> "Student";
            case TEACHER -> "Teacher";
            case SCHOOL_ADMIN -> "School admin";
            case DISTRICT_ADMIN -> "District admin";
            case STAFF -> "Staff";
        };
    }

    record RoleOption(String value, String label) {}

    /** The roles the caller may give (the service's rule, {@link RosterPolicy#creatableRoles}). */
    private static List<RoleOption> roleOptions(Actor actor) {
        return RosterPolicy.creatableRoles(actor.role()).stream().map(r -> new RoleOption(r.name(), label(r))).toList();
    }

    private static Role parseRole(String role) {
        if (role == null || role.isBlank()) {
            return null;
        }
        try {
            return Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Set<SchoolId> schools(PersonForm form) {
        return form.getSchoolIds().stream().filter(Objects::nonNull).collect(Collectors.toSet());
    }

    private List<School> schoolsOf(Actor actor, District d) {
        return districts.schools(actor, d.id()).stream()
                .filter(s -> actor.isDistrictWideAdmin() || actor.schoolIds().contains(s.id())).toList();
    }
}
