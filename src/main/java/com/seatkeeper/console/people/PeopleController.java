package com.seatkeeper.console.people;

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
import com.seatkeeper.shared.Page;
import com.seatkeeper.shared.PageRequest;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
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

    record Flash(String kind, String message, String detail) implements java.io.Serializable {} // kept in the session (Spring Session JDBC) across the redirect

    /** The form's values (new or edit). */
    record Form(String id, String givenName, String familyName, String email, String role, Set<String> schoolIds, boolean active) {}

    static void requireAdmin(Actor actor) {
        actor.requireAnyOf("manage people (district and school administrators do)", ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN);
    }

    @GetMapping("/people")
    String list(Actor actor, @RequestParam(required = false) String q, @RequestParam(required = false) String role,
                @RequestParam(required = false) String schoolId, @RequestParam(required = false) Integer offset, Model model) {
        requireAdmin(actor);
        District d = districts.get(actor, actor.districtId());
        Role roleFilter = parseRole(role);
        SchoolId school = schoolId == null || schoolId.isBlank() ? null : SchoolId.of(schoolId);
        int from = offset == null ? 0 : Math.max(0, offset);
        Page<RosterUser> page = rosters.findUsers(actor, d.id(), new Rosters.UserFilter(roleFilter, school, null, q), PageRequest.of(PAGE, from));
        Map<SchoolId, String> names = districts.schools(actor, d.id()).stream().collect(Collectors.toMap(School::id, School::name));
        model.addAttribute("rows", page.items().stream().map(u -> new Row(u.id().toString(), u.familyName() + ", " + u.givenName(),
                u.email(), label(u.role()), u.isActive() ? "Active" : "Inactive",
                u.schoolIds().stream().map(names::get).filter(n -> n != null).sorted().collect(Collectors.joining(", ")),
                u.source().name())).toList());
        model.addAttribute("total", page.total());
        model.addAttribute("q", q);
        model.addAttribute("role", roleFilter == null ? "" : roleFilter.name());
        model.addAttribute("schoolId", school == null ? "" : school.toString());
        model.addAttribute("schools", schoolsOf(actor, d));
        model.addAttribute("roles", roleOptions(actor));
        model.addAttribute("prev", from > 0 ? Math.max(0, from - PAGE) : null);
        model.addAttribute("next", from + PAGE < page.total() ? from + PAGE : null);
        model.addAttribute("readOnlyLabel", readOnlyLabel(d));
        return "people/list";
    }

    @GetMapping("/people/new")
    String newPerson(Actor actor, @RequestParam(required = false) String role, Model model) {
        requireAdmin(actor);
        District d = districts.get(actor, actor.districtId());
        if (!model.containsAttribute("form")) {
            Role r = parseRole(role);
            model.addAttribute("form", new Form(null, "", "", "", r == null ? "STUDENT" : r.name(), Set.of(), true));
        }
        return form(actor, d, model);
    }

    @PostMapping("/people")
    String create(Actor actor, @RequestParam(required = false) String givenName, @RequestParam(required = false) String familyName,
                  @RequestParam(required = false) String email, @RequestParam(required = false) String role,
                  @RequestParam(name = "schoolId", required = false) List<String> schoolIds, Model model, RedirectAttributes redirect) {
        requireAdmin(actor);
        District d = districts.get(actor, actor.districtId());
        Form form = new Form(null, givenName, familyName, email, role, schoolIds == null ? Set.of() : Set.copyOf(schoolIds), true);
        Outcome<RosterUser> out = rosters.createUser(actor, d.id(), new Rosters.NewUser(givenName, familyName, email, parseRole(role),
                schools(schoolIds)));
        if (out instanceof Outcome.Refused<RosterUser> refused) {
            model.addAttribute("error", refused.refusal().detail());
            model.addAttribute("form", form);
            return form(actor, d, model);
        }
        redirect.addFlashAttribute("flash", new Flash("ok", out.value().displayName() + " was created.", null));
        return "redirect:/people/" + out.value().id() + "/edit";
    }

    @GetMapping("/people/{userId}/edit")
    String edit(Actor actor, @PathVariable String userId, Model model) {
        requireAdmin(actor);
        RosterUser u = people.managed(actor, UserId.of(userId));
        District d = districts.get(actor, u.districtId());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new Form(u.id().toString(), u.givenName(), u.familyName(), u.email() == null ? "" : u.email(),
                    u.role().name(), u.schoolIds().stream().map(SchoolId::toString).collect(Collectors.toSet()), u.isActive()));
        }
        model.addAttribute("licenses", licensing.licensesOf(actor, u.id()));
        return form(actor, d, model);
    }

    /**
     * Saves the edit form. A change that would release licenses (role or schools the person's licenses
     * no longer fit) is not saved at first: the form shows which licenses and why, with Confirm (which
     * posts again naming the confirmed pools) and Cancel. The service saves only if it releases no
     * license beyond those confirmed, so nothing is released without that step.
     */
    @PostMapping("/people/{userId}")
    String update(Actor actor, @PathVariable String userId, @RequestParam(required = false) String givenName,
                  @RequestParam(required = false) String familyName, @RequestParam(required = false) String email,
                  @RequestParam(required = false) String role, @RequestParam(name = "schoolId", required = false) List<String> schoolIds,
                  @RequestParam(name = "releasePoolId", required = false) List<String> confirmedReleases,
                  Model model, RedirectAttributes redirect) {
        requireAdmin(actor);
        UserId id = UserId.of(userId);
        Set<PoolId> confirmed = confirmedReleases == null ? Set.of()
                : confirmedReleases.stream().map(PoolId::of).collect(Collectors.toSet());
        Outcome<PeopleAdmin.PersonChange> out = people.update(actor, id, new PeopleAdmin.EditUser(givenName, familyName, email,
                parseRole(role), schools(schoolIds)), PeopleAdmin.Consent.releasingOnly(confirmed));
        if (out instanceof Outcome.Refused<PeopleAdmin.PersonChange> refused) {
            model.addAttribute("error", refused.refusal().detail());
            model.addAttribute("form", submitted(actor, id, givenName, familyName, email, role, schoolIds));
            return edit(actor, userId, model);
        }
        PeopleAdmin.PersonChange change = out.value();
        if (!change.saved()) {
            model.addAttribute("form", submitted(actor, id, givenName, familyName, email, role, schoolIds));
            model.addAttribute("releases", change.releasedLicenses());
            model.addAttribute("releaseSummary", releaseSummary(change.releasedLicenses().size()));
            return edit(actor, userId, model);
        }
        List<ReleasedLicense> released = change.releasedLicenses();
        String detail = released.isEmpty() ? null : released.size() + (released.size() == 1 ? " license was" : " licenses were")
                + " released: " + released.stream().map(PeopleController::describe).collect(Collectors.joining("; ")) + ".";
        redirect.addFlashAttribute("flash", new Flash("ok", "Saved.", detail));
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

    private Form submitted(Actor actor, UserId id, String givenName, String familyName, String email, String role, List<String> schoolIds) {
        RosterUser u = people.managed(actor, id);
        return new Form(id.toString(), givenName, familyName, email, role, schoolIds == null ? Set.of() : Set.copyOf(schoolIds), u.isActive());
    }

    /** Asks before deactivating and says which licenses will be freed. */
    @GetMapping("/people/{userId}/deactivate")
    String confirmDeactivate(Actor actor, @PathVariable String userId, Model model) {
        requireAdmin(actor);
        RosterUser u = people.managed(actor, UserId.of(userId));
        model.addAttribute("person", u);
        model.addAttribute("licenses", licensing.licensesOf(actor, u.id()));
        model.addAttribute("readOnlyLabel", readOnlyLabel(districts.get(actor, u.districtId())));
        return "people/deactivate";
    }

    @PostMapping("/people/{userId}/deactivate")
    String deactivate(Actor actor, @PathVariable String userId, RedirectAttributes redirect) {
        requireAdmin(actor);
        UserId id = UserId.of(userId);
        List<UserLicense> held = licensing.licensesOf(actor, id);
        Outcome<RosterUser> out = people.deactivate(actor, id);
        if (out instanceof Outcome.Refused<RosterUser> refused) {
            redirect.addFlashAttribute("flash", new Flash("error", "Nothing was changed.", refused.refusal().detail()));
        } else {
            String freed = held.isEmpty() ? "They held no licenses."
                    : held.size() + (held.size() == 1 ? " license was" : " licenses were") + " freed: "
                    + held.stream().map(l -> l.productName() + " (" + l.seatType().name().toLowerCase() + ")").collect(Collectors.joining(", ")) + ".";
            redirect.addFlashAttribute("flash", new Flash("ok", out.value().displayName() + " is deactivated. " + freed, null));
        }
        return "redirect:/people/" + userId + "/edit";
    }

    @PostMapping("/people/{userId}/reactivate")
    String reactivate(Actor actor, @PathVariable String userId, RedirectAttributes redirect) {
        requireAdmin(actor);
        Outcome<RosterUser> out = people.reactivate(actor, UserId.of(userId));
        if (out instanceof Outcome.Refused<RosterUser> refused) {
            redirect.addFlashAttribute("flash", new Flash("error", "Nothing was changed.", refused.refusal().detail()));
        } else {
            redirect.addFlashAttribute("flash", new Flash("ok", out.value().displayName() + " is active again. Assign licenses anew if needed.", null));
        }
        return "redirect:/people/" + userId + "/edit";
    }

    private String form(Actor actor, District d, Model model) {
        model.addAttribute("schools", schoolsOf(actor, d));
        model.addAttribute("roles", roleOptions(actor));
        model.addAttribute("readOnlyLabel", readOnlyLabel(d));
        if (!model.containsAttribute("licenses")) {
            model.addAttribute("licenses", List.of());
        }
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

    private static Set<SchoolId> schools(List<String> ids) {
        Set<SchoolId> out = new HashSet<>();
        if (ids != null) {
            ids.stream().filter(s -> !s.isBlank()).forEach(s -> out.add(SchoolId.of(s)));
        }
        return out;
    }

    private List<School> schoolsOf(Actor actor, District d) {
        return districts.schools(actor, d.id()).stream()
                .filter(s -> actor.isDistrictWideAdmin() || actor.schoolIds().contains(s.id())).toList();
    }
}
