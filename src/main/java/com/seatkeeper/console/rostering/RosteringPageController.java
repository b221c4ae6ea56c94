package com.seatkeeper.console.rostering;

import com.seatkeeper.console.ConsoleFormat;
import com.seatkeeper.console.ConsoleWords;
import com.seatkeeper.console.Flash;
import com.seatkeeper.console.Forms;
import com.seatkeeper.console.Htmx;
import com.seatkeeper.console.ListParams;
import com.seatkeeper.console.Pager;
import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.roster.ClassEditing;
import com.seatkeeper.roster.changes.ImportReport;
import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.SyncRunId;
import com.seatkeeper.rostersync.RosteringChange;
import com.seatkeeper.rostersync.ConnectionCheck;
import com.seatkeeper.rostersync.RosteringSettings;
import com.seatkeeper.rostersync.RosteringView;
import com.seatkeeper.rostersync.SyncRequests;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.ForbiddenException;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Page;
import com.seatkeeper.shared.PageRequest;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Rostering page {@code /console/rostering}: the district's source and connection, the Connect Clever and Connect
 * ClassLink (OneRoster REST) forms, Test
 * connection (an htmx fragment, or the whole page without script), Sync now (to the run's live page, or the refusal
 * inline) and the district's runs, newest first. A district admin works on their own district; the vendor admin names
 * one ({@code ?district=}). Who may do what is the services' rule: 403 for other roles (the designed page), 404 for a
 * district the actor may not see.
 */
@Controller
class RosteringPageController {
    static final int RUNS_PER_PAGE = 20;
    /** The deepest offset of the run history an address may name (a district's syncs of many years). */
    static final int MAX_OFFSET = 10_000;
    /** The API's names of the {@code clever} block's fields, as a refusal names them, to the form's. */
    private static final Map<String, String> FIELDS = Map.of("clever.baseUrl", "baseUrl", "clever.districtToken", "districtToken",
            "clever.apiVersion", "apiVersion", "apiVersion", "apiVersion", "baseUrl", "baseUrl", "districtToken", "districtToken",
            "nightlyAt", "nightlyAt");
    /** The API's names of the {@code oneRoster} block's fields, as a refusal names them, to the ClassLink form's. */
    private static final Map<String, String> ONEROSTER_FIELDS = Map.of("oneRoster", "baseUrl", "oneRoster.baseUrl", "baseUrl",
            "oneRoster.version", "version", "oneRoster.auth", "auth", "oneRoster.clientId", "clientId", "oneRoster.clientSecret",
            "clientSecret", "oneRoster.tokenUrl", "tokenUrl", "nightlyAt", "nightlyAt");
    /** The Clever form's labels, for the API's field names in a refusal's words (a person reads the form, not the API). */
    static final Map<String, String> LABELS = Map.of("clever.baseUrl", "API address", "clever.districtToken", "District token",
            "clever.apiVersion", "API version", "apiVersion", "API version", "baseUrl", "API address", "districtToken", "District token",
            "nightlyAt", "Nightly sync at");
    /** The ClassLink form's labels, for the API's field names and values in a refusal's words. */
    static final Map<String, String> ONEROSTER_LABELS = Map.ofEntries(Map.entry("oneRoster.baseUrl", "OneRoster service address"),
            Map.entry("oneRoster.version", "OneRoster version"), Map.entry("oneRoster.auth", "Sign-in"),
            Map.entry("oneRoster.clientId", "Client id"), Map.entry("oneRoster.clientSecret", "Client secret"),
            Map.entry("oneRoster.tokenUrl", "Token URL"), Map.entry("nightlyAt", "Nightly sync at"), Map.entry("OAUTH1", "OAuth 1.0a"),
            Map.entry("OAUTH2", "OAuth 2.0"));
    /** The Clever form's fields by their labels, for the message above a refused form. */
    private static final Map<String, String> FORM_LABELS = Map.of("baseUrl", "API address", "districtToken", "District token",
            "apiVersion", "API version", "nightlyAt", "Nightly sync at", "understood", "I understand");
    /** The ClassLink form's fields by their labels, for the message above a refused form. */
    private static final Map<String, String> CLASSLINK_FORM_LABELS = Map.of("baseUrl", "OneRoster service address", "version",
            "OneRoster version", "auth", "Sign-in", "clientId", "Client id", "clientSecret", "Client secret", "tokenUrl", "Token URL",
            "nightlyAt", "Nightly sync at", "understood", "I understand");

    private final RosteringSettings settings;
    private final SyncRequests syncs;
    private final RosterChanges changes;
    private final Districts districts;
    private final ConsoleFormat fmt;

    RosteringPageController(RosteringSettings settings, SyncRequests syncs, RosterChanges changes, Districts districts, ConsoleFormat fmt) {
        this.settings = settings;
        this.syncs = syncs;
        this.changes = changes;
        this.districts = districts;
        this.fmt = fmt;
    }

    @GetMapping("/console/rostering")
    String page(Actor actor, @RequestParam(required = false) DistrictId district, @RequestParam(required = false) String offset,
                Model model) {
        DistrictId id = districtOf(actor, district);
        if (id == null) {
            return "rostering/page"; // the vendor admin has not chosen a district
        }
        RosteringView view = view(actor, id);
        model.addAttribute("form", ConnectForm.of(view, id));
        ListParams.Skip skip = ListParams.skip(offset, MAX_OFFSET, "Use Older to page back through the runs.");
        if (skip.problem() != null) {
            model.addAttribute("flash", Flash.error(skip.problem()));
        }
        return page(actor, id, view, skip.rows(), model);
    }

    /** Saves the Clever connection; the page comes back with the refusal next to its field, or says what was saved. */
    @PostMapping("/console/rostering")
    String connect(Actor actor, @ModelAttribute("form") ConnectForm form, BindingResult binding, Model model,
                   RedirectAttributes redirect) {
        DistrictId id = formDistrict(actor, form.getDistrict(), binding);
        RosteringView before = view(actor, id);
        String saved = save(actor, id, before, form.isUnderstood(), form::toChange, LABELS, FIELDS, FORM_LABELS, binding, model, redirect);
        if (saved != null) {
            return saved;
        }
        form.setDistrictToken(""); // a token is never sent back to the browser
        return page(actor, id, before, 0, model);
    }

    /** Saves the ClassLink (OneRoster REST) connection, as {@link #connect} saves Clever's. */
    @PostMapping("/console/rostering/classlink")
    String connectClassLink(Actor actor, @ModelAttribute("classlink") ClassLinkForm form, BindingResult binding, Model model,
                            RedirectAttributes redirect) {
        DistrictId id = formDistrict(actor, form.getDistrict(), binding);
        RosteringView before = view(actor, id);
        String saved = save(actor, id, before, form.isUnderstood(), form::toChange, ONEROSTER_LABELS, ONEROSTER_FIELDS,
                CLASSLINK_FORM_LABELS, binding, model, redirect);
        if (saved != null) {
            return saved;
        }
        form.setClientSecret(""); // a secret is never sent back to the browser
        model.addAttribute("form", ConnectForm.of(before, id));
        return page(actor, id, before, 0, model);
    }

    /** The district a connection form names: a malformed one is the page's 404, as {@code ?district=} is. */
    private DistrictId formDistrict(Actor actor, DistrictId district, BindingResult binding) {
        if (binding.hasFieldErrors("district")) {
            throw new NotFoundException("district", binding.getFieldError("district").getRejectedValue());
        }
        return required(actor, district);
    }

    /**
     * What both connection forms do to save: a district still managed by hand needs the box ticked; then the service
     * saves the change ({@code change}, read only when the form's values bound) and the answer is the redirect with what
     * was saved. Otherwise every refusal is put next to its field ({@code fields}, in the form's words: {@code labels}):
     * an unticked box together with whatever the service would refuse of the rest ({@code RosteringSettings.check}), and
     * the banner lists the marked fields ({@code formLabels}); null then, for the caller to show the page again.
     */
    private String save(Actor actor, DistrictId id, RosteringView before, boolean understood, Supplier<RosteringChange> change,
                        Map<String, String> labels, Map<String, String> fields, Map<String, String> formLabels, BindingResult binding,
                        Model model, RedirectAttributes redirect) {
        if (before.source() == RosteringSource.MANUAL && !understood && !binding.hasFieldErrors("understood")) {
            binding.rejectValue("understood", "required", "Tick the box to confirm that the roster becomes read-only here and that "
                    + "people with the same email are adopted at the first sync.");
        }
        if (!binding.hasErrors()) {
            Outcome<RosteringView> saved = settings.connect(actor, id, change.get());
            if (saved instanceof Outcome.Done<RosteringView> done) {
                redirect.addFlashAttribute("flash", Flash.ok("Saved.", savedText(before, done.value())));
                return "redirect:" + home(actor, id);
            }
            BusinessRefusal refusal = forbiddenOr(((Outcome.Refused<RosteringView>) saved).refusal());
            Forms.refuse(binding, Forms.labelled(refusal, labels), fields);
        } else if (binding.getFieldErrorCount() == binding.getFieldErrorCount("understood")) {
            settings.check(actor, id, change.get()).map(RosteringPageController::forbiddenOr)
                    .ifPresent(refusal -> Forms.refuse(binding, Forms.labelled(refusal, labels), fields));
        }
        model.addAttribute("flash", Forms.flash(binding, formLabels));
        return null;
    }

    /** Tests the stored connection: the result as a fragment for htmx, or on the whole page. */
    @PostMapping("/console/rostering/test")
    String test(Actor actor, @RequestParam(required = false) DistrictId district, Htmx htmx, Model model) {
        DistrictId id = required(actor, district);
        District d = districts.get(actor, id);
        Outcome<ConnectionCheck> outcome = settings.test(actor, id);
        RosteringWords.Check check = outcome instanceof Outcome.Done<ConnectionCheck> done
                ? RosteringWords.check(done.value(), ClassEditing.sourceName(d))
                : RosteringWords.check(forbiddenOr(((Outcome.Refused<ConnectionCheck>) outcome).refusal()));
        model.addAttribute("check", check);
        if (htmx.request()) {
            return "rostering/page :: check";
        }
        RosteringView view = view(actor, id);
        if (view.source() == RosteringSource.MANUAL) {
            model.addAttribute("flash", Flash.error(check.title(), check.text())); // no Test button to show it next to
        }
        model.addAttribute("form", ConnectForm.of(view, id));
        return page(actor, id, view, 0, model);
    }

    /** Requests a same-day sync: the run's live page, or the refusal next to the button. */
    @PostMapping("/console/rostering/sync")
    String sync(Actor actor, @RequestParam(required = false) DistrictId district, Model model) {
        DistrictId id = required(actor, district);
        Outcome<SyncRunId> run = syncs.request(actor, id);
        if (run instanceof Outcome.Done<SyncRunId> done) {
            return "redirect:/console/imports/" + done.value();
        }
        BusinessRefusal refusal = forbiddenOr(((Outcome.Refused<SyncRunId>) run).refusal());
        District d = districts.get(actor, id);
        RosteringView view = view(actor, id);
        if (view.source() == RosteringSource.MANUAL) {
            model.addAttribute("flash", Flash.notChanged(refusal)); // no Sync now button to show it next to
        } else {
            model.addAttribute("syncRefusal", RosteringWords.syncRefusal(refusal, at -> fmt.time(at, d.timezone())));
        }
        model.addAttribute("form", ConnectForm.of(view, id));
        return page(actor, id, view, 0, model);
    }

    private String page(Actor actor, DistrictId id, RosteringView view, int from, Model model) {
        District d = districts.get(actor, id);
        Outcome<Page<ImportReport>> history = changes.history(actor, id, new PageRequest(RUNS_PER_PAGE, from));
        if (history instanceof Outcome.Refused<Page<ImportReport>> refused) {
            throw new ForbiddenException(ConsoleWords.detail(refused.refusal()));
        }
        Page<ImportReport> runs = history.value();
        model.addAttribute("district", d);
        model.addAttribute("view", view);
        if (!model.containsAttribute("classlink")) {
            model.addAttribute("classlink", ClassLinkForm.of(view, id));
        }
        model.addAttribute("provider", RosteringWords.source(view.source()));
        model.addAttribute("zone", d.timezone());
        if (view.source() != RosteringSource.MANUAL) {
            model.addAttribute("left", RosteringWords.left(syncs.remainingToday(actor, id), syncs.limit()));
        }
        model.addAttribute("runs", runs.items().stream().map(r -> RosteringWords.row(r, at -> fmt.time(at, d.timezone()))).toList());
        model.addAttribute("pager", Pager.of("/console/rostering", Pager.query("district", actor.isVendor() ? id.toString() : null), from,
                RUNS_PER_PAGE, runs.items().size(), runs.total()).labelled("Newer", "Older"));
        return "rostering/page";
    }

    /** What a save did, in words: the source it set, and when the next nightly sync runs (in the district's zone). */
    private String savedText(RosteringView before, RosteringView after) {
        String provider = RosteringWords.source(after.source());
        String connected = before.source() != after.source()
                ? "The district is now connected to " + provider + "; its roster is read-only here from now on."
                : "The " + provider + " connection was updated.";
        if (after.nextNightlyAt() == null) {
            return connected;
        }
        return connected + " The next nightly sync runs " + fmt.time(after.nextNightlyAt(), ZoneId.of(after.timezone()))
                + "; request a same-day sync below to bring the roster in now.";
    }

    private RosteringView view(Actor actor, DistrictId id) {
        Outcome<RosteringView> view = settings.get(actor, id);
        if (view instanceof Outcome.Refused<RosteringView> refused) {
            throw new ForbiddenException(ConsoleWords.detail(refused.refusal()));
        }
        return view.value();
    }

    /** A refusal of the caller's role is the designed 403 page at once, as every console form answers it. */
    private static BusinessRefusal forbiddenOr(BusinessRefusal refusal) {
        if (refusal.status() == 403) {
            throw new ForbiddenException(ConsoleWords.detail(refusal));
        }
        return refusal;
    }

    /** The named district (404 when the actor may not see it, never their own instead), else the actor's own. */
    private static DistrictId districtOf(Actor actor, DistrictId chosen) {
        return actor.districtNamed(chosen);
    }

    /** The district of a form post; the vendor admin must name one (none named: the same 404 as an unknown one). */
    private static DistrictId required(Actor actor, DistrictId chosen) {
        DistrictId id = districtOf(actor, chosen);
        if (id == null) {
            throw new NotFoundException("district", "none");
        }
        return id;
    }

    private static String home(Actor actor, DistrictId id) {
        return actor.isVendor() ? "/console/rostering?district=" + id : "/console/rostering";
    }
}
