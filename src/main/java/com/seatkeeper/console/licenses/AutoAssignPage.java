package com.seatkeeper.console.licenses;

import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.licensing.AutoAssign;
import com.seatkeeper.licensing.AutoAssignRule;
import com.seatkeeper.licensing.LicensePool;
import com.seatkeeper.shared.Actor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The pool page's "Auto-assign" section as a model: the rules in words, how many wait, and the choices of the add form
 * (the kinds that fit the pool's seat type, its schools — the pool's own for a school pool —, the district's course
 * titles, the grade levels), asked of the services so the form offers nothing they would refuse. Only for those who keep
 * rules ({@link AutoAssign#mayKeepRules}): others get no section.
 */
@Component
class AutoAssignPage {
    private final AutoAssign autoAssign;
    private final Districts districts;

    AutoAssignPage(AutoAssign autoAssign, Districts districts) {
        this.autoAssign = autoAssign;
        this.districts = districts;
    }

    /** A kind of rule as the add form offers it. */
    record KindOption(AutoAssignRule.Kind kind, String words) {}

    /** The section's model. */
    record Section(LicensePool pool, List<AutoAssign.DescribedRule> rules, long waiting, List<KindOption> kinds, List<School> schools,
                   List<String> courses, Map<String, String> grades) {
        /** Whether a kind the form offers takes a grade (not on a pool of educator licenses). */
        public boolean offersGrade() {
            return kinds.stream().anyMatch(k -> k.kind().takesGrade());
        }
    }

    /** Adds {@code autoAssign} (the section, or null for those who keep no rules) and an empty {@code autoAssignForm}. */
    void addTo(Actor actor, LicensePool pool, Model model) {
        model.addAttribute("autoAssign", AutoAssign.mayKeepRules(actor) ? section(actor, pool) : null);
        if (!model.containsAttribute("autoAssignForm")) {
            model.addAttribute("autoAssignForm", new AutoAssignForm());
        }
    }

    private Section section(Actor actor, LicensePool pool) {
        AutoAssign.PoolRules rules = autoAssign.rules(actor, pool.id());
        List<KindOption> kinds = Arrays.stream(AutoAssignRule.Kind.values()).filter(k -> k.seatType() == pool.seatType())
                .map(k -> new KindOption(k, words(k))).toList();
        List<School> schools = districts.schools(actor, pool.districtId()).stream()
                .filter(s -> pool.schoolId() == null ? s.active() : s.id().equals(pool.schoolId())).toList();
        return new Section(rules.pool(), rules.rules(), rules.waiting(), kinds, schools, autoAssign.courses(actor, pool.districtId()),
                AutoAssign.grades());
    }

    /** A kind in the add form's words. */
    static String words(AutoAssignRule.Kind kind) {
        return switch (kind) {
            case ALL_STUDENTS -> "All students";
            case ALL_TEACHERS -> "All teachers";
            case SCHOOL_STUDENTS -> "All students of a school";
            case SCHOOL_TEACHERS -> "All teachers of a school";
            case COURSE_STUDENTS -> "Students in classes of a course";
            case COURSE_TEACHERS -> "Teachers of classes of a course";
            case GRADE_STUDENTS -> "Students of a grade";
        };
    }
}
