package com.seatkeeper.console.vendor;

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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
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

    /** The form's fields as typed (text, so that a bad value is shown back as entered). */
    record RenewalForm(String seats, String startsOn, String endsOn, Boolean carryOverHolders, String action) {}

    @GetMapping("/vendor/pools/{poolId}/renewal")
    String form(Actor actor, @PathVariable String poolId, Model model) {
        requireVendor(actor);
        LicensePool pool = licensing.pool(actor, PoolId.of(poolId));
        RenewalForm proposed = new RenewalForm(String.valueOf(pool.seats()), pool.endsOn().plusDays(1).toString(),
                pool.endsOn().plusYears(1).toString(), true, null);
        return page(actor, pool, proposed, null, null, model);
    }

    @PostMapping("/vendor/pools/{poolId}/renewal")
    String submit(Actor actor, @PathVariable String poolId, @ModelAttribute RenewalForm form, Model model) {
        requireVendor(actor);
        LicensePool pool = licensing.pool(actor, PoolId.of(poolId));
        boolean dryRun = !"renew".equals(form.action());
        int seats = parseInt(form.seats());
        LocalDate start = parseDate(form.startsOn());
        LocalDate end = parseDate(form.endsOn());
        if (seats < 1 || seats > 1_000_000) {
            return page(actor, pool, form, VendorController.Message.error("Enter the number of seats of the new term (1 or more)."), null, model);
        }
        if (start == null || end == null) {
            return page(actor, pool, form, VendorController.Message.error("Enter the new term's first and last day (YYYY-MM-DD)."), null, model);
        }
        Licensing.Renewal renewal = new Licensing.Renewal(new SeatCount(seats), start, end, Boolean.TRUE.equals(form.carryOverHolders()));
        Outcome<Licensing.RenewalResult> outcome;
        try {
            outcome = licensing.renew(actor, pool.id(), renewal, dryRun);
        } catch (InvalidRequestException e) {
            return page(actor, pool, form, VendorController.Message.error(e.getMessage()), null, model);
        }
        if (outcome instanceof Outcome.Refused<Licensing.RenewalResult> r) {
            return page(actor, pool, form, VendorController.Message.refused(r.refusal()), null, model);
        }
        Licensing.RenewalResult result = outcome.value();
        VendorController.Message m = dryRun
                ? VendorController.Message.ok("Preview: " + carried(result) + " would be carried over; nothing has changed yet.")
                : VendorController.Message.ok("Opened the next term " + start + " to " + end + " with " + seats + " seats; " + carried(result)
                        + " carried over.");
        return page(actor, pool, form, m, result, model);
    }

    private String page(Actor actor, LicensePool pool, RenewalForm form, VendorController.Message message, Licensing.RenewalResult result,
                        Model model) {
        District d = districts.get(actor, pool.districtId());
        model.addAttribute("district", d);
        model.addAttribute("pool", pool);
        model.addAttribute("form", form);
        model.addAttribute("message", message);
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

    private static int parseInt(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static LocalDate parseDate(String s) {
        try {
            return s == null || s.isBlank() ? null : LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
