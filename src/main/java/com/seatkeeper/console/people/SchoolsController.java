package com.seatkeeper.console.people;

import com.seatkeeper.console.Flash;
import com.seatkeeper.console.Forms;
import com.seatkeeper.console.ListParams;
import com.seatkeeper.console.Pager;
import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.roster.SchoolClosing;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.SchoolId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;
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
 * Schools: list, add (district admin), rename (district admin; school admin their own), open or close
 * (district admin), and whether teachers may enroll any student of the school (district admin; school
 * admin their own). Every rule is the service's ({@link Districts}, {@link SchoolClosing}).
 */
@Controller
class SchoolsController {
    private final Districts districts;
    private final SchoolClosing closing;

    SchoolsController(Districts districts, SchoolClosing closing) {
        this.districts = districts;
        this.closing = closing;
    }

    /** Schools shown per page: each row carries three forms, and a district may have a few thousand schools. */
    static final int PAGE = 50;
    /** The furthest a Schools page starts: a district has at most a few thousand schools. */
    static final int MAX_OFFSET = 10_000;

    /** The district's schools by name, 50 a page, filtered by {@code q} (part of the name). */
    @GetMapping("/schools")
    String list(Actor actor, @RequestParam(required = false) String offset, HttpServletRequest request, Model model) {
        model.addAttribute("addForm", new SchoolForm());
        ListParams.Typed q = ListParams.Typed.of(request.getParameterMap(), "q");
        Integer from = ListParams.offset(offset, MAX_OFFSET);
        String problem = from == null ? ListParams.offsetProblem(offset, MAX_OFFSET, "Search by name to find a school further down.")
                : q.problem();
        if (problem != null) {
            model.addAttribute("flash", Flash.error(problem));
            return page(actor, model, null, 0);
        }
        return page(actor, model, q.text(), from);
    }

    /** Adds a school; a name the service refuses re-renders the list with the message at the field. */
    @PostMapping("/schools")
    String add(Actor actor, @Valid @ModelAttribute("addForm") SchoolForm form, BindingResult binding, Model model,
               RedirectAttributes redirect) {
        PeopleController.requireAdmin(actor);
        District d = districts.get(actor, actor.districtId());
        return binding.hasErrors() ? refused(actor, binding, model)
                : answer(districts.addSchool(actor, d.id(), form.getName()), s -> "Added " + s.name() + ".", binding, actor, model, redirect);
    }

    @PostMapping("/schools/{schoolId}")
    String rename(Actor actor, @PathVariable SchoolId schoolId, @Valid @ModelAttribute("renameForm") SchoolForm form,
                  BindingResult binding, Model model, RedirectAttributes redirect) {
        PeopleController.requireAdmin(actor);
        model.addAttribute("renaming", schoolId);
        model.addAttribute("addForm", new SchoolForm());
        return binding.hasErrors() ? refused(actor, binding, model)
                : answer(districts.renameSchool(actor, schoolId, form.getName()), s -> "Renamed to " + s.name() + ".", binding, actor, model,
                redirect);
    }

    /** Lets the school's teachers enroll any of its active students into their classes, or not (the default). */
    @PostMapping("/schools/{schoolId}/teacher-enrollment")
    String teacherEnrollment(Actor actor, @PathVariable SchoolId schoolId, @RequestParam(required = false) String allowed,
                             RedirectAttributes redirect) {
        PeopleController.requireAdmin(actor);
        boolean allow = "true".equals(allowed);
        return answer(districts.updateSchool(actor, schoolId, new Districts.SchoolChange(null, allow)),
                s -> allow ? "Teachers of " + s.name() + " may now add any active student of the school to their classes."
                        : "Teachers of " + s.name() + " now add only students of their own classes or students they created.", redirect);
    }

    /** Deactivates a school with no active people (district admins); otherwise says who to move first. */
    @PostMapping("/schools/{schoolId}/deactivate")
    String deactivate(Actor actor, @PathVariable SchoolId schoolId, RedirectAttributes redirect) {
        PeopleController.requireAdmin(actor);
        return answer(closing.deactivate(actor, schoolId), s -> s.name() + " is deactivated: it takes no new people, classes or pools.",
                redirect);
    }

    @PostMapping("/schools/{schoolId}/reactivate")
    String reactivate(Actor actor, @PathVariable SchoolId schoolId, RedirectAttributes redirect) {
        PeopleController.requireAdmin(actor);
        return answer(closing.reactivate(actor, schoolId), s -> s.name() + " is active again.", redirect);
    }

    private static String answer(Outcome<School> out, Function<School, String> done, RedirectAttributes redirect) {
        if (out instanceof Outcome.Refused<School> refused) {
            redirect.addFlashAttribute("flash", Flash.notChanged(refused.refusal()));
        } else {
            redirect.addFlashAttribute("flash", Flash.ok(done.apply(out.value())));
        }
        return "redirect:/schools";
    }

    /** A form's answer: done is a redirect with the message; refused re-renders the page with the message at the field. */
    private String answer(Outcome<School> out, Function<School, String> done, BindingResult binding, Actor actor, Model model,
                          RedirectAttributes redirect) {
        if (out instanceof Outcome.Refused<School> refused) {
            Forms.refuse(binding, refused.refusal());
            return refused(actor, binding, model);
        }
        return answer(out, done, redirect);
    }

    private String refused(Actor actor, BindingResult binding, Model model) {
        model.addAttribute("flash", Forms.flash(binding));
        return page(actor, model);
    }

    private String page(Actor actor, Model model) {
        return page(actor, model, null, 0);
    }

    private String page(Actor actor, Model model, String q, int offset) {
        PeopleController.requireAdmin(actor);
        District d = districts.get(actor, actor.districtId());
        Districts.SchoolPage page = districts.schoolPage(actor, d.id(), q, offset, PAGE);
        model.addAttribute("schools", page.schools());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("pager", Pager.of("/schools", Pager.query("q", q), offset, PAGE, page.schools().size(), page.total()));
        model.addAttribute("readOnlyLabel", PeopleController.readOnlyLabel(d));
        model.addAttribute("mayAdd", actor.role() == ActorRole.DISTRICT_ADMIN);
        return "people/schools";
    }
}
