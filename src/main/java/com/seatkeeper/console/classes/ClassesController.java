package com.seatkeeper.console.classes;

import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.licensing.AssignOutcome;
import com.seatkeeper.licensing.BulkMode;
import com.seatkeeper.licensing.BulkResult;
import com.seatkeeper.licensing.Licensing;
import com.seatkeeper.roster.ClassEditing;
import com.seatkeeper.roster.RosterClass;
import com.seatkeeper.roster.RosterPolicy;
import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.roster.Rosters;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.ClassId;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Page;
import com.seatkeeper.shared.PageRequest;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The class list, creating a class, and editing one (name, students, licenses in the same flow). */
@Controller
class ClassesController {
    private static final int PAGE = 50;

    private final Rosters rosters;
    private final ClassEditing classes;
    private final Districts districts;
    private final Licensing licensing;
    private final ClassPage pages;

    ClassesController(Rosters rosters, ClassEditing classes, Districts districts, Licensing licensing, ClassPage pages) {
        this.rosters = rosters;
        this.classes = classes;
        this.districts = districts;
        this.licensing = licensing;
        this.pages = pages;
    }

    record ClassRow(String id, String name, String school, String teachers, int students) {}

    record Flash(String kind, String message, String detail) implements java.io.Serializable {} // kept in the session (Spring Session JDBC) across the redirect

    @GetMapping("/classes")
    String list(Actor actor, @RequestParam(required = false) Integer offset, Model model) {
        ClassPage.requireClassRoles(actor);
        District d = districts.get(actor, actor.districtId());
        Page<RosterClass> page = rosters.findClasses(actor, d.id(), null, null, PageRequest.of(PAGE, offset == null ? 0 : Math.max(0, offset)));
        Map<SchoolId, String> schools = districts.schools(actor, d.id()).stream().collect(Collectors.toMap(School::id, School::name));
        List<UserId> teacherIds = page.items().stream().flatMap(c -> c.teacherIds().stream()).distinct().toList();
        Map<UserId, RosterUser> teachers = rosters.find(d.id(), teacherIds);
        List<ClassRow> rows = page.items().stream().map(c -> new ClassRow(c.id().toString(), c.name(), schools.getOrDefault(c.schoolId(), ""),
                c.teacherIds().stream().map(teachers::get).filter(Objects::nonNull).map(RosterUser::displayName).sorted()
                        .collect(Collectors.joining(", ")), c.studentIds().size())).toList();
        int from = offset == null ? 0 : Math.max(0, offset);
        model.addAttribute("rows", rows);
        model.addAttribute("total", page.total());
        model.addAttribute("offset", from);
        model.addAttribute("prev", from > 0 ? Math.max(0, from - PAGE) : null);
        model.addAttribute("next", from + PAGE < page.total() ? from + PAGE : null);
        model.addAttribute("readOnlyLabel", ClassPage.readOnlyLabel(d));
        model.addAttribute("teacher", actor.role() == ActorRole.TEACHER);
        return "classes/list";
    }

    @GetMapping("/classes/new")
    String newClass(Actor actor, Model model) {
        ClassPage.requireClassRoles(actor);
        District d = districts.get(actor, actor.districtId());
        model.addAttribute("readOnlyLabel", ClassPage.readOnlyLabel(d));
        model.addAttribute("schools", schoolsOf(actor, d));
        model.addAttribute("teachers", actor.role() == ActorRole.TEACHER ? List.of()
                : rosters.findUsers(actor, d.id(), new Rosters.UserFilter(Role.TEACHER, null, null, null), PageRequest.of(1000, 0)).items()
                        .stream().filter(RosterUser::isActive).toList());
        return "classes/new";
    }

    @PostMapping("/classes")
    String create(Actor actor, @RequestParam(required = false) String name, @RequestParam(required = false) String schoolId,
                  @RequestParam(required = false) List<String> teacherIds, Model model, RedirectAttributes redirect) {
        ClassPage.requireClassRoles(actor);
        District d = districts.get(actor, actor.districtId());
        List<UserId> teachers = teacherIds == null ? List.of()
                : teacherIds.stream().filter(t -> t != null && !t.isBlank()).map(UserId::of).distinct().toList();
        Outcome<RosterClass> out = rosters.createClass(actor, d.id(), new Rosters.NewClass(name, schoolId(schoolId), teachers, List.of()));
        if (out instanceof Outcome.Refused<RosterClass> refused) {
            model.addAttribute("error", refused.refusal().detail());
            model.addAttribute("name", name);
            model.addAttribute("chosenTeachers", teacherIds);
            return newClass(actor, model);
        }
        redirect.addFlashAttribute("flash", new Flash("ok", "Class “" + out.value().name() + "” created. Add its students here.", null));
        return "redirect:/classes/" + out.value().id() + "/edit";
    }

    @GetMapping("/classes/{classId}/edit")
    String edit(Actor actor, @PathVariable String classId, @RequestParam(required = false) String q, Model model) {
        ClassPage.View page = pages.load(actor, ClassId.of(classId));
        model.addAttribute("page", page);
        model.addAttribute("q", q);
        if (page.readOnlyLabel() == null) {
            model.addAttribute("candidates", classes.enrollableStudents(actor, page.klass().id(), q, 25));
        }
        return "classes/edit";
    }

    /** The search for existing students to add (htmx fragment). */
    @GetMapping("/classes/{classId}/candidates")
    String candidates(Actor actor, @PathVariable String classId, @RequestParam(required = false) String q, Model model) {
        ClassPage.View page = pages.load(actor, ClassId.of(classId));
        model.addAttribute("page", page);
        model.addAttribute("q", q);
        model.addAttribute("candidates", classes.enrollableStudents(actor, page.klass().id(), q, 25));
        return "classes/edit :: candidates";
    }

    @PostMapping("/classes/{classId}/name")
    String rename(Actor actor, @PathVariable String classId, @RequestParam(required = false) String name, RedirectAttributes redirect) {
        ClassPage.requireClassRoles(actor);
        Outcome<RosterClass> out = classes.rename(actor, ClassId.of(classId), name);
        flash(redirect, out, c -> "Saved the name “" + c.name() + "”.");
        return "redirect:/classes/" + classId + "/edit";
    }

    @PostMapping("/classes/{classId}/students/remove")
    String remove(Actor actor, @PathVariable String classId, @RequestParam(name = "studentId", required = false) List<String> ids,
                  RedirectAttributes redirect) {
        ClassPage.requireClassRoles(actor);
        List<UserId> students = ids == null ? List.of() : ids.stream().map(UserId::of).toList();
        if (students.isEmpty()) {
            redirect.addFlashAttribute("flash", new Flash("warn", "Select the students to remove first.", null));
        } else {
            flash(redirect, classes.removeStudents(actor, ClassId.of(classId), students),
                    c -> "Removed " + students.size() + (students.size() == 1 ? " student" : " students")
                            + " from the class. They keep their accounts and licenses.");
        }
        return "redirect:/classes/" + classId + "/edit";
    }

    @PostMapping("/classes/{classId}/students/add")
    String add(Actor actor, @PathVariable String classId, @RequestParam(name = "studentId", required = false) List<String> ids,
               @RequestParam(required = false) String poolId, RedirectAttributes redirect) {
        ClassPage.requireClassRoles(actor);
        List<UserId> students = ids == null ? List.of() : ids.stream().map(UserId::of).toList();
        if (students.isEmpty()) {
            redirect.addFlashAttribute("flash", new Flash("warn", "Select the students to add first.", null));
            return "redirect:/classes/" + classId + "/edit";
        }
        Outcome<RosterClass> out = classes.addStudents(actor, ClassId.of(classId), students);
        if (out instanceof Outcome.Refused<RosterClass> r) {
            redirect.addFlashAttribute("flash", new Flash("error", "Nothing was changed.", r.refusal().detail()));
        } else {
            String msg = "Added " + students.size() + (students.size() == 1 ? " student" : " students") + " to the class.";
            redirect.addFlashAttribute("flash", withLicenses(actor, classId, poolId, students, msg));
        }
        return "redirect:/classes/" + classId + "/edit";
    }

    @PostMapping("/classes/{classId}/students/new")
    String addNew(Actor actor, @PathVariable String classId, @RequestParam(required = false) String givenName,
                  @RequestParam(required = false) String familyName, @RequestParam(required = false) String poolId, RedirectAttributes redirect) {
        ClassPage.requireClassRoles(actor);
        Outcome<RosterUser> out = classes.addNewStudent(actor, ClassId.of(classId), givenName, familyName);
        if (out instanceof Outcome.Refused<RosterUser> r) {
            redirect.addFlashAttribute("flash", new Flash("error", "The student was not added.", r.refusal().detail()));
        } else {
            RosterUser s = out.value();
            redirect.addFlashAttribute("flash", withLicenses(actor, classId, poolId, List.of(s.id()),
                    "Added " + s.displayName() + " to the class."));
        }
        return "redirect:/classes/" + classId + "/edit";
    }

    /** Assigns the chosen pool (if any) to the people just added, as many as there are seats, and says what happened. */
    private Flash withLicenses(Actor actor, String classId, String poolId, List<UserId> students, String added) {
        if (poolId == null || poolId.isBlank()) {
            return new Flash("ok", added, null);
        }
        ClassPage.View page = pages.load(actor, ClassId.of(classId));
        ClassPage.PoolColumn pool = page.pool(poolId);
        if (pool == null) {
            return new Flash("warn", added + " No license was assigned: that product is not available for this class.", null);
        }
        if (students.size() == 1) {
            AssignOutcome o = licensing.assign(actor, pool.pool().id(), students.get(0));
            if (o instanceof AssignOutcome.Refused r) {
                return new Flash("warn", added + " " + pool.label() + " was not assigned.", r.refusal().detail());
            }
            return new Flash("ok", added + " Assigned " + pool.label() + ".", null);
        }
        BulkResult r = licensing.bulkAssign(actor, pool.pool().id(), students, BulkMode.AVAILABLE_SEATS);
        long assigned = r.count(BulkResult.Result.ASSIGNED) + r.count(BulkResult.Result.ALREADY_ASSIGNED);
        long without = students.size() - assigned;
        if (without == 0) {
            return new Flash("ok", added + " All of them have " + pool.label() + ".", null);
        }
        return new Flash("warn", added + " " + assigned + " of them have " + pool.label() + "; " + without + " could not get it.",
                "To continue, unassign a license from someone who no longer needs it, reassign one, or ask an administrator to purchase more.");
    }

    private static <T> void flash(RedirectAttributes redirect, Outcome<T> out, Function<T, String> ok) {
        if (out instanceof Outcome.Refused<T> r) {
            redirect.addFlashAttribute("flash", new Flash("error", "Nothing was changed.", r.refusal().detail()));
        } else {
            redirect.addFlashAttribute("flash", new Flash("ok", ok.apply(out.value()), null));
        }
    }

    /** The chosen school, or a random id (refused by the service like any school the caller may not name) when none was chosen. */
    private static SchoolId schoolId(String id) {
        return id == null || id.isBlank() ? SchoolId.random() : SchoolId.of(id);
    }

    /** The schools the caller may create a class at (the service's rule, {@link RosterPolicy#mayName}). */
    private List<School> schoolsOf(Actor actor, District d) {
        List<School> all = districts.schools(actor, d.id());
        Set<SchoolId> active = all.stream().filter(School::active).map(School::id).collect(Collectors.toSet());
        return all.stream().filter(s -> RosterPolicy.mayName(actor, s.id(), active)).toList();
    }
}
