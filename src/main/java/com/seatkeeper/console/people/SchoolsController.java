package com.seatkeeper.console.people;

import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.roster.SchoolClosing;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.SchoolId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Schools of a manual district: list, add (district admin), rename (district admin; school admin their own). */
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
        if (PeopleController.readOnlyLabel(d) != null) {
            redirect.addFlashAttribute("flash", new PeopleController.Flash("error", "Nothing was changed.",
                    PeopleController.readOnlyLabel(d) + ": schools come from your rostering provider."));
        } else {
            try {
                School s = districts.addSchool(actor, d.id(), name);
                redirect.addFlashAttribute("flash", new PeopleController.Flash("ok", "Added " + s.name() + ".", null));
            } catch (InvalidRequestException e) { // the service's text rules (Text), as in the API
                redirect.addFlashAttribute("flash", new PeopleController.Flash("error", "Nothing was changed.", e.getMessage()));
            }
        }
        return "redirect:/schools";
    }

    @PostMapping("/schools/{schoolId}")
    String rename(Actor actor, @PathVariable String schoolId, @RequestParam(required = false) String name, RedirectAttributes redirect) {
        PeopleController.requireAdmin(actor);
        District d = districts.get(actor, actor.districtId());
        if (PeopleController.readOnlyLabel(d) != null) {
            redirect.addFlashAttribute("flash", new PeopleController.Flash("error", "Nothing was changed.",
                    PeopleController.readOnlyLabel(d) + ": schools come from your rostering provider."));
        } else {
            try {
                School s = districts.renameSchool(actor, SchoolId.of(schoolId), name);
                redirect.addFlashAttribute("flash", new PeopleController.Flash("ok", "Renamed to " + s.name() + ".", null));
            } catch (InvalidRequestException e) {
                redirect.addFlashAttribute("flash", new PeopleController.Flash("error", "Nothing was changed.", e.getMessage()));
            }
        }
        return "redirect:/schools";
    }

    /** Deactivates a school with no active people (district admins); otherwise says who to move first. */
    @PostMapping("/schools/{schoolId}/deactivate")
    String deactivate(Actor actor, @PathVariable String schoolId, RedirectAttributes redirect) {
        PeopleController.requireAdmin(actor);
        return answer(closing.deactivate(actor, SchoolId.of(schoolId)), " is deactivated: it takes no new people, classes or pools.", redirect);
    }

    @PostMapping("/schools/{schoolId}/reactivate")
    String reactivate(Actor actor, @PathVariable String schoolId, RedirectAttributes redirect) {
        PeopleController.requireAdmin(actor);
        return answer(closing.reactivate(actor, SchoolId.of(schoolId)), " is active again.", redirect);
    }

    private static String answer(Outcome<School> out, String done, RedirectAttributes redirect) {
        if (out instanceof Outcome.Refused<School> refused) {
            redirect.addFlashAttribute("flash", new PeopleController.Flash("error", "Nothing was changed.", refused.refusal().detail()));
        } else {
            redirect.addFlashAttribute("flash", new PeopleController.Flash("ok", out.value().name() + done, null));
        }
        return "redirect:/schools";
    }
}
