package com.seatkeeper.console.people;

import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.roster.SchoolClosing;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.SchoolId;
import java.util.function.Function;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
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

    @GetMapping("/schools")
    String list(Actor actor, Model model) {
        PeopleController.requireAdmin(actor);
        District d = districts.get(actor, actor.districtId());
        model.addAttribute("schools", districts.schools(actor, d.id()).stream()
                .filter(s -> actor.isDistrictWideAdmin() || actor.schoolIds().contains(s.id())).toList());
        model.addAttribute("readOnlyLabel", PeopleController.readOnlyLabel(d));
        model.addAttribute("mayAdd", actor.role() == ActorRole.DISTRICT_ADMIN);
        return "people/schools";
    }

    @PostMapping("/schools")
    String add(Actor actor, @RequestParam(required = false) String name, RedirectAttributes redirect) {
        PeopleController.requireAdmin(actor);
        District d = districts.get(actor, actor.districtId());
        return answer(districts.addSchool(actor, d.id(), name), s -> "Added " + s.name() + ".", redirect);
    }

    @PostMapping("/schools/{schoolId}")
    String rename(Actor actor, @PathVariable String schoolId, @RequestParam(required = false) String name, RedirectAttributes redirect) {
        PeopleController.requireAdmin(actor);
        return answer(districts.renameSchool(actor, SchoolId.of(schoolId), name), s -> "Renamed to " + s.name() + ".", redirect);
    }

    /** Lets the school's teachers enroll any of its active students into their classes, or not (the default). */
    @PostMapping("/schools/{schoolId}/teacher-enrollment")
    String teacherEnrollment(Actor actor, @PathVariable String schoolId, @RequestParam(required = false) String allowed,
                             RedirectAttributes redirect) {
        PeopleController.requireAdmin(actor);
        boolean allow = "true".equals(allowed);
        return answer(districts.updateSchool(actor, SchoolId.of(schoolId), new Districts.SchoolChange(null, allow)),
                s -> allow ? "Teachers of " + s.name() + " may now add any active student of the school to their classes."
                        : "Teachers of " + s.name() + " now add only students of their own classes or students they created.", redirect);
    }

    /** Deactivates a school with no active people (district admins); otherwise says who to move first. */
    @PostMapping("/schools/{schoolId}/deactivate")
    String deactivate(Actor actor, @PathVariable String schoolId, RedirectAttributes redirect) {
        PeopleController.requireAdmin(actor);
        return answer(closing.deactivate(actor, SchoolId.of(schoolId)), s -> s.name() + " is deactivated: it takes no new people, classes or pools.",
                redirect);
    }

    @PostMapping("/schools/{schoolId}/reactivate")
    String reactivate(Actor actor, @PathVariable String schoolId, RedirectAttributes redirect) {
        PeopleController.requireAdmin(actor);
        return answer(closing.reactivate(actor, SchoolId.of(schoolId)), s -> s.name() + " is active again.", redirect);
    }

    private static String answer(Outcome<School> out, Function<School, String> done, RedirectAttributes redirect) {
        if (out instanceof Outcome.Refused<School> refused) {
            redirect.addFlashAttribute("flash", new PeopleController.Flash("error", "Nothing was changed.", refused.refusal().detail()));
        } else {
            redirect.addFlashAttribute("flash", new PeopleController.Flash("ok", done.apply(out.value()), null));
        }
        return "redirect:/schools";
    }
}
