package com.seatkeeper.console.licenses;

import com.seatkeeper.console.Flash;
import com.seatkeeper.console.Forms;
import com.seatkeeper.licensing.AutoAssign;
import com.seatkeeper.licensing.AutoAssignRule;
import com.seatkeeper.licensing.LicensePool;
import com.seatkeeper.licensing.Licensing;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PoolId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pool page's "Auto-assign" section: add a rule, remove one (each a save of the whole set through
 * {@link AutoAssign#replace}, which assigns at once). Done: back to the pool page with what happened; refused: the
 * section's own page with the service's words at the field ({@code rules[i].course} is the form's {@code course}). District
 * admins and vendor admins (the service's rule: others get the 403 page).
 */
@Controller
class AutoAssignConsoleController {
    private final AutoAssign autoAssign;
    private final Licensing licensing;
    private final AutoAssignPage page;

    AutoAssignConsoleController(AutoAssign autoAssign, Licensing licensing, AutoAssignPage page) {
        this.autoAssign = autoAssign;
        this.licensing = licensing;
        this.page = page;
    }

    @GetMapping("/licenses/{poolId}/auto-assign")
    String section(Actor actor, @PathVariable PoolId poolId, Model model) {
        autoAssign.rules(actor, poolId);
        return render(actor, poolId, null, model);
    }

    @PostMapping("/licenses/{poolId}/auto-assign/add")
    String add(Actor actor, @PathVariable PoolId poolId, @ModelAttribute("autoAssignForm") AutoAssignForm form, BindingResult binding,
               RedirectAttributes redirect, Model model) {
        List<AutoAssignRule> rules = new ArrayList<>(current(actor, poolId));
        if (binding.hasErrors()) {
            return render(actor, poolId, Forms.flash(binding), model);
        }
        AutoAssignRule rule = form.rule();
        rules.add(rule);
        return save(actor, poolId, rules, rules.size() - 1, binding, redirect, model, "Rule added");
    }

    @PostMapping("/licenses/{poolId}/auto-assign/remove")
    String remove(Actor actor, @PathVariable PoolId poolId, @ModelAttribute("autoAssignForm") AutoAssignForm form, BindingResult binding,
                  RedirectAttributes redirect, Model model) {
        List<AutoAssignRule> rules = new ArrayList<>(current(actor, poolId));
        Integer at = form.getPosition();
        if (binding.hasErrors() || at == null || at < 0 || at >= rules.size()) {
            return render(actor, poolId, Flash.error("Nothing was changed.", "That rule is no longer there: the list was changed "
                    + "meanwhile. Look at the rules below and try again."), model);
        }
        rules.remove((int) at);
        return save(actor, poolId, rules, -1, binding, redirect, model, "Rule removed");
    }

    /**
     * Saves the rules as they are, which assigns by them at once: for the seats freed or bought since the last apply (the
     * waiting would otherwise get them at the next upload or sync).
     */
    @PostMapping("/licenses/{poolId}/auto-assign/run")
    String run(Actor actor, @PathVariable PoolId poolId, @ModelAttribute("autoAssignForm") AutoAssignForm form, BindingResult binding,
               RedirectAttributes redirect, Model model) {
        return save(actor, poolId, current(actor, poolId), -1, binding, redirect, model, "Assigned by the rules");
    }

    private String save(Actor actor, PoolId poolId, List<AutoAssignRule> rules, int added, BindingResult binding,
                        RedirectAttributes redirect, Model model, String done) {
        Outcome<AutoAssign.Saved> saved = autoAssign.replace(actor, poolId, rules);
        if (saved instanceof Outcome.Refused<AutoAssign.Saved> refused) {
            String at = "rules[" + added + "].";
            Forms.refuse(binding, refused.refusal(), Map.of(at + "kind", "kind", at + "schoolId", "schoolId", at + "course", "course",
                    at + "grade", "grade", "rules[" + added + "]", "kind"));
            return render(actor, poolId, Forms.flash(binding), model);
        }
        AutoAssign.Saved s = saved.value();
        String given = s.assigned() == 0 ? "No one got a license now" : s.assigned() + (s.assigned() == 1 ? " person got" : " people got")
                + " a license now";
        String waiting = s.rules().waiting() == 0 ? "." : "; " + s.rules().waiting() + " waiting for one (the pool has no license left).";
        redirect.addFlashAttribute("autoAssignFlash", Flash.ok(done + ".", given + waiting));
        return "redirect:/licenses/" + poolId + "/holders#auto-assign";
    }

    private List<AutoAssignRule> current(Actor actor, PoolId poolId) {
        return autoAssign.rules(actor, poolId).rules().stream().map(AutoAssign.DescribedRule::rule).toList();
    }

    private String render(Actor actor, PoolId poolId, Flash flash, Model model) {
        LicensePool pool = licensing.pool(actor, poolId);
        page.addTo(actor, pool, model);
        model.addAttribute("pool", pool);
        model.addAttribute("autoAssignFlash", flash);
        return "licenses/autoassign";
    }
}
