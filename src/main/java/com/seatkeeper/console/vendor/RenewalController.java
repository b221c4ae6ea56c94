package com.seatkeeper.console.vendor;

import com.seatkeeper.console.Flash;
import com.seatkeeper.console.Forms;
import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.licensing.LicensePool;
import com.seatkeeper.licensing.Licensing;
import com.seatkeeper.licensing.SeatCount;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.ForbiddenException;
import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PoolId;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The vendor console's renewal of a pool (the same service call as {@code POST /api/v1/license-pools/{id}/renewals}):
 * a form with the next term proposed, a preview (dry run: who would be carried over, who left out and why), then the
 * renewal itself. Vendor admins only.
 */
@Controller
class RenewalController {
    private final Licensing licensing;
    private final Districts districts;

    RenewalController(Licensing licensing, Districts districts) {
        this.licensing = licensing;
        this.districts = districts;
    }

    @GetMapping("/vendor/pools/{poolId}/renewal")
    String form(Actor actor, @PathVariable PoolId poolId, Model model) {
        requireVendor(actor);
        LicensePool pool = licensing.pool(actor, poolId);
        VendorForms.Renewal proposed = new VendorForms.Renewal();
        proposed.setSeats(pool.seats());
        proposed.setStartsOn(pool.endsOn().plusDays(1));
        proposed.setEndsOn(pool.endsOn().plusYears(1));
        proposed.setCarryOverHolders(true);
        model.addAttribute("form", proposed);
        return page(actor, pool, null, null, model);
    }

    /** Previews ({@code action=preview}) or opens the next term; what the licensing service refuses shows at the field. */
    @PostMapping("/vendor/pools/{poolId}/renewal")
    String submit(Actor actor, @PathVariable PoolId poolId, @Valid @ModelAttribute("form") VendorForms.Renewal form, BindingResult binding,
                  Model model) {
        requireVendor(actor);
        LicensePool pool = licensing.pool(actor, poolId);
        if (binding.hasErrors()) {
            return page(actor, pool, Forms.flash(binding), null, model);
        }
        boolean dryRun = !"renew".equals(form.getAction());
        Licensing.Renewal renewal = new Licensing.Renewal(new SeatCount(form.getSeats()), form.getStartsOn(), form.getEndsOn(),
                form.isCarryOverHolders());
        Outcome<Licensing.RenewalResult> outcome;
        try {
            outcome = licensing.renew(actor, pool.id(), renewal, dryRun);
        } catch (InvalidRequestException e) {
            Forms.refuse(binding, e);
            return page(actor, pool, Forms.flash(binding), null, model);
        }
        if (outcome instanceof Outcome.Refused<Licensing.RenewalResult> r) {
            Forms.refuse(binding, r.refusal(), Map.of("seat_limit_exceeded", "seats"));
            return page(actor, pool, Forms.flash(binding), null, model);
        }
        Licensing.RenewalResult result = outcome.value();
        Flash done = dryRun
                ? Flash.ok("Preview: " + carried(result) + " would be carried over; nothing has changed yet.")
                : Flash.ok("Opened the next term " + form.getStartsOn() + " to " + form.getEndsOn() + " with " + form.getSeats()
                        + " seats; " + carried(result) + " carried over.");
        return page(actor, pool, done, result, model);
    }

    private String page(Actor actor, LicensePool pool, Flash flash, Licensing.RenewalResult result, Model model) {
        District d = districts.get(actor, pool.districtId());
        model.addAttribute("district", d);
        model.addAttribute("pool", pool);
        model.addAttribute("flash", flash);
        model.addAttribute("result", result);
        return "vendor/renewal";
    }

    private static String carried(Licensing.RenewalResult r) {
        int n = r.plan().carried().size();
        return n + (n == 1 ? " holder" : " holders") + (r.plan().leftOut().isEmpty() ? "" : " (" + r.plan().leftOut().size() + " left out)");
    }

    private static void requireVendor(Actor actor) {
        if (actor.role() != ActorRole.VENDOR_ADMIN) {
            throw new ForbiddenException("The vendor pages are for the company's support staff.");
        }
    }
}
