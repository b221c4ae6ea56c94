package com.seatkeeper.console.classes;

import com.seatkeeper.console.ConsoleWords;
import com.seatkeeper.console.Flash;
import com.seatkeeper.console.Forms;
import com.seatkeeper.console.ListParams;
import com.seatkeeper.console.Pager;
import com.seatkeeper.console.SeekPager;
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
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.ClassId;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PageRequest;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.SeekRequest;
import com.seatkeeper.shared.Slice;
import com.seatkeeper.shared.UserId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

/** The class list, creating a class, and editing one (name, students, licenses in the same flow). */
@Controller
class ClassesController {
    private static final int PAGE = 50;
    static final int CANDIDATES = 25;

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

    /** The class list in name order, 50 a page with keyset "Previous"/"Next" links ({@link Rosters#findClasses}). */
    @GetMapping("/classes")
    String list(Actor actor, @RequestParam(required = false) String after, @RequestParam(required = false) String before, Model model) {
        ClassPage.requireClassRoles(actor);
        District d = districts.get(actor, actor.districtId());
        ListParams.Read<Slice<RosterClass>> read = ListParams.position(PAGE, after, before, null)
                .read(request -> rosters.findClasses(actor, d.id(), null, null, request));
        Slice<RosterClass> page = read.page();
        if (read.position().problem() != null) {
            model.addAttribute("flash", Flash.error(read.position().problem()));
        }
        Map<SchoolId, String> schools = districts.schools(actor, d.id()).stream().collect(Collectors.toMap(School::id, School::name));
        List<UserId> teacherIds = page.items().stream().flatMap(c -> c.teacherIds().stream()).distinct().toList();
        Map<UserId, RosterUser> teachers = rosters.find(d.id(), teacherIds);
        List<ClassRow> rows = page.items().stream().map(c -> new ClassRow(c.id().toString(), c.name(), schools.getOrDefault(c.schoolId(), ""),
                c.teacherIds().stream().map(teachers::get).filter(Objects::nonNull).map(RosterUser::displayName).sorted()
                        .collect(Collectors.joining(", ")), c.studentIds().size())).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("total", page.total().label());
        model.addAttribute("pager", new SeekPager("/classes", Pager.query(), page));
        model.addAttribute("readOnlyLabel", ClassPage.readOnlyLabel(d));
        model.addAttribute("teacher", actor.role() == ActorRole.TEACHER);
        return "classes/list";
    }

    @GetMapping("/classes/new")
    String newClass(Actor actor, Model model) {
        model.addAttribute("form", new ClassForm());
        return newPage(actor, model);
    }

    /** Creates a class; input the roster service refuses re-renders the form with the message at the field. */
    @PostMapping("/classes")
    String create(Actor actor, @Valid @ModelAttribute("form") ClassForm form, BindingResult binding, Model model,
                  RedirectAttributes redirect) {
        ClassPage.requireClassRoles(actor);
        District d = districts.get(actor, actor.districtId());
        if (!binding.hasErrors()) {
            List<UserId> teachers = form.getTeacherIds().stream().filter(Objects::nonNull).distinct().toList();
            // no school chosen: a random id, refused by the service like any school the caller may not name
            SchoolId school = form.getSchoolId() == null ? SchoolId.random() : form.getSchoolId();
            Outcome<RosterClass> out = rosters.createClass(actor, d.id(), new Rosters.NewClass(form.getName(), school, teachers, List.of()));
            if (out instanceof Outcome.Refused<RosterClass> refused) {
                Forms.refuse(binding, refused.refusal());
            } else {
                redirect.addFlashAttribute("flash", Flash.ok("Class “" + out.value().name() + "” created. Add its students here."));
                return "redirect:/classes/" + out.value().id() + "/edit";
            }
        }
        model.addAttribute("flash", Forms.flash(binding));
        return newPage(actor, model);
    }

    private String newPage(Actor actor, Model model) {
        ClassPage.requireClassRoles(actor);
        District d = districts.get(actor, actor.districtId());
        model.addAttribute("readOnlyLabel", ClassPage.readOnlyLabel(d));
        model.addAttribute("schools", schoolsOf(actor, d));
        Slice<RosterUser> teachers = actor.role() == ActorRole.TEACHER ? null
                : rosters.findUsers(actor, d.id(), new Rosters.UserFilter(Role.TEACHER, null, null, null), SeekRequest.first(PageRequest.MAX_LIMIT));
        model.addAttribute("teachers", teachers == null ? List.of() : teachers.items().stream().filter(RosterUser::isActive).toList());
        // never a silent cap: say that the list is cut and how to name the others
        model.addAttribute("teachersCut", teachers != null && teachers.nextCursor() != null
                ? "Only the first " + String.format(Locale.ROOT, "%,d", PageRequest.MAX_LIMIT) + " teachers by name are listed (of "
                  + teachers.total().label() + "). Create the class with one of them or none; a class's teachers also come "
                  + "with roster uploads and syncs." : null);
        return "classes/new";
    }

    @GetMapping("/classes/{classId}/edit")
    String edit(Actor actor, @PathVariable ClassId classId, @RequestParam(required = false) String after,
                @RequestParam(required = false) String before, HttpServletRequest request, Model model) {
        return editPage(actor, classId, ListParams.Typed.of(request.getParameterMap(), "q"), after, before, model);
    }

    /** The class page, its picker searching for {@code q} from the position given. */
    private String editPage(Actor actor, ClassId classId, ListParams.Typed q, String after, String before, Model model) {
        ClassPage.View page = pages.load(actor, classId);
        model.addAttribute("page", page);
        if (!model.containsAttribute("nameForm")) {
            ClassForm name = new ClassForm();
            name.setName(page.klass().name());
            model.addAttribute("nameForm", name);
        }
        if (!model.containsAttribute("studentForm")) {
            model.addAttribute("studentForm", new StudentForm());
        }
        if (page.readOnlyLabel() == null) {
            candidates(actor, page, q, after, before, model);
        }
        return "classes/edit";
    }

    /**
     * The "add existing students" picker's results (htmx fragment; without JavaScript the class page itself shows
     * them): a page of the students not yet in the class matching {@code q}, with links to the pages around it.
     */
    @GetMapping("/classes/{classId}/candidates")
    String candidates(Actor actor, @PathVariable ClassId classId, @RequestParam(required = false) String after,
                      @RequestParam(required = false) String before, Model model, HttpServletRequest request, HttpServletResponse response) {
        ClassPage.View page = pages.load(actor, classId);
        Optional<BusinessRefusal> refused = candidates(actor, page, ListParams.Typed.of(request.getParameterMap(), "q"), after, before, model);
        if (refused.isPresent()) {
            // a class whose roster comes from Clever or ClassLink offers no one, as adding is refused
            response.setStatus(refused.get().status());
            model.addAttribute("problemTitle", refused.get().title());
            model.addAttribute("message", ConsoleWords.detail(refused.get()));
            return "error/problem";
        }
        model.addAttribute("page", page);
        model.addAttribute("studentForm", new StudentForm());
        return "classes/edit :: candidates";
    }

    /**
     * The picker's page into the model: a text that cannot be searched for (too long, several lines, given twice), or a
     * position the list does not serve, is said inline ({@code candidatesProblem}); a class no one may be added to is the
     * refusal returned. The service's checks of the caller and the class come first, whatever the text: with a text that
     * cannot be searched for it is asked for no text, and no one is offered.
     */
    private Optional<BusinessRefusal> candidates(Actor actor, ClassPage.View page, ListParams.Typed q, String after, String before,
                                                 Model model) {
        String searchProblem = q.problem();
        ListParams.Position at = searchProblem == null ? ListParams.position(CANDIDATES, after, before, null)
                : ListParams.position(CANDIDATES, null, null, null);
        ListParams.Read<Outcome<Slice<RosterUser>>> read = at.read(request -> classes.enrollableStudents(actor, page.klass().id(),
                q.searched(), request));
        if (read.page() instanceof Outcome.Refused<Slice<RosterUser>> r) {
            return Optional.of(r.refusal());
        }
        if (searchProblem != null) {
            candidates(page, q.shown(), new Slice<>(List.of(), new Slice.Total(0, true), null, null), model);
            model.addAttribute("candidatesProblem", searchProblem);
            return Optional.empty();
        }
        candidates(page, q.text(), read.page().value(), model);
        model.addAttribute("candidatesProblem", read.position().problem());
        return Optional.empty();
    }

    private static void candidates(ClassPage.View page, String q, Slice<RosterUser> found, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("candidates", found.items());
        model.addAttribute("candidatePages", CandidatePages.of(page.klass().id(), q, found));
    }

    /** Renames the class; a name the service refuses re-renders the class page with the message at the field. */
    @PostMapping("/classes/{classId}/name")
    String rename(Actor actor, @PathVariable ClassId classId, @Valid @ModelAttribute("nameForm") ClassForm form, BindingResult binding,
                  Model model, RedirectAttributes redirect) {
        ClassPage.requireClassRoles(actor);
        if (!binding.hasErrors()) {
            Outcome<RosterClass> out = classes.rename(actor, classId, form.getName());
            if (out instanceof Outcome.Done<RosterClass> done) {
                redirect.addFlashAttribute("flash", Flash.ok("Saved the name “" + done.value().name() + "”."));
                return "redirect:/classes/" + classId + "/edit";
            }
            Forms.refuse(binding, ((Outcome.Refused<RosterClass>) out).refusal());
        }
        model.addAttribute("flash", Forms.flash(binding));
        return editPage(actor, classId, ListParams.Typed.NONE, null, null, model);
    }

    @PostMapping("/classes/{classId}/students/remove")
    String remove(Actor actor, @PathVariable ClassId classId, @Valid @ModelAttribute("studentForm") StudentForm form, BindingResult binding,
                  Model model, RedirectAttributes redirect) {
        ClassPage.requireClassRoles(actor);
        if (binding.hasErrors()) {
            return refused(actor, classId, binding, model);
        }
        List<UserId> students = form.students();
        if (students.isEmpty()) {
            redirect.addFlashAttribute("flash", Flash.warn("Select the students to remove first.", null));
        } else {
            flash(redirect, classes.removeStudents(actor, classId, students),
                    c -> "Removed " + students.size() + (students.size() == 1 ? " student" : " students")
                            + " from the class. They keep their accounts and licenses.");
        }
        return "redirect:/classes/" + classId + "/edit";
    }

    @PostMapping("/classes/{classId}/students/add")
    String add(Actor actor, @PathVariable ClassId classId, @Valid @ModelAttribute("studentForm") StudentForm form, BindingResult binding,
               Model model, RedirectAttributes redirect) {
        ClassPage.requireClassRoles(actor);
        if (binding.hasErrors()) {
            model.addAttribute("studentAction", "add");
            return refused(actor, classId, binding, model);
        }
        List<UserId> students = form.students();
        if (students.isEmpty()) {
            redirect.addFlashAttribute("flash", Flash.warn("Select the students to add first.", null));
            return "redirect:/classes/" + classId + "/edit";
        }
        Outcome<RosterClass> out = classes.addStudents(actor, classId, students);
        if (out instanceof Outcome.Refused<RosterClass> r) {
            redirect.addFlashAttribute("flash", Flash.notChanged(r.refusal()));
        } else {
            String msg = "Added " + students.size() + (students.size() == 1 ? " student" : " students") + " to the class.";
            redirect.addFlashAttribute("flash", withLicenses(actor, classId, form.getPoolId(), students, msg));
        }
        return "redirect:/classes/" + classId + "/edit";
    }

    /** Creates a student in the class; names the service refuses re-render the class page with the message at the field. */
    @PostMapping("/classes/{classId}/students/new")
    String addNew(Actor actor, @PathVariable ClassId classId, @Valid @ModelAttribute("studentForm") StudentForm form, BindingResult binding,
                  Model model, RedirectAttributes redirect) {
        ClassPage.requireClassRoles(actor);
        if (!binding.hasErrors()) {
            Outcome<RosterUser> out = classes.addNewStudent(actor, classId, form.getGivenName(), form.getFamilyName());
            if (out instanceof Outcome.Done<RosterUser> done) {
                RosterUser s = done.value();
                redirect.addFlashAttribute("flash", withLicenses(actor, classId, form.getPoolId(), List.of(s.id()),
                        "Added " + s.displayName() + " to the class."));
                return "redirect:/classes/" + classId + "/edit";
            }
            Forms.refuse(binding, ((Outcome.Refused<RosterUser>) out).refusal());
        }
        return refused(actor, classId, binding, model);
    }

    private String refused(Actor actor, ClassId classId, BindingResult binding, Model model) {
        model.addAttribute("flash", Forms.flash(binding));
        return editPage(actor, classId, ListParams.Typed.NONE, null, null, model);
    }

    /** Assigns the chosen pool (if any) to the people just added, as many as there are seats, and says what happened. */
    private Flash withLicenses(Actor actor, ClassId classId, PoolId poolId, List<UserId> students, String added) {
        if (poolId == null) {
            return Flash.ok(added);
        }
        ClassPage.View page = pages.load(actor, classId);
        ClassPage.PoolColumn pool = page.pool(poolId.toString());
        if (pool == null) {
            return Flash.warn(added + " No license was assigned: that product is not available for this class.", null);
        }
        if (students.size() == 1) {
            AssignOutcome o = licensing.assign(actor, pool.pool().id(), students.get(0));
            if (o instanceof AssignOutcome.Refused r) {
                return Flash.warn(added + " " + pool.label() + " was not assigned.", ConsoleWords.detail(r.refusal()));
            }
            return Flash.ok(added + " Assigned " + pool.label() + ".");
        }
        BulkResult r = licensing.bulkAssign(actor, pool.pool().id(), students, BulkMode.AVAILABLE_SEATS);
        long assigned = r.count(BulkResult.Result.ASSIGNED) + r.count(BulkResult.Result.ALREADY_ASSIGNED);
        long without = students.size() - assigned;
        if (without == 0) {
            return Flash.ok(added + " All of them have " + pool.label() + ".");
        }
        return Flash.warn(added + " " + assigned + " of them have " + pool.label() + "; " + without + " could not get it.",
                "To continue, unassign a license from someone who no longer needs it, reassign one, or ask an administrator to purchase more.");
    }

    private static <T> void flash(RedirectAttributes redirect, Outcome<T> out, Function<T, String> ok) {
        if (out instanceof Outcome.Refused<T> r) {
            redirect.addFlashAttribute("flash", Flash.notChanged(r.refusal()));
        } else {
            redirect.addFlashAttribute("flash", Flash.ok(ok.apply(out.value())));
        }
    }

    /** The schools the caller may create a class at (the service's rule, {@link RosterPolicy#mayName}). */
    private List<School> schoolsOf(Actor actor, District d) {
        List<School> all = districts.schools(actor, d.id());
        Set<SchoolId> active = all.stream().filter(School::active).map(School::id).collect(Collectors.toSet());
        return all.stream().filter(s -> RosterPolicy.mayName(actor, s.id(), active)).toList();
    }
}
