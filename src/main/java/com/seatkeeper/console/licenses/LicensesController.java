package com.seatkeeper.console.licenses;

import com.seatkeeper.console.Flash;
import com.seatkeeper.console.Forms;
import com.seatkeeper.console.Htmx;
import com.seatkeeper.console.ListParams;
import com.seatkeeper.console.Pager;
import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.licensing.AssignOutcome;
import com.seatkeeper.licensing.Holder;
import com.seatkeeper.licensing.LedgerEntry;
import com.seatkeeper.licensing.LicenseLists;
import com.seatkeeper.licensing.LicensePool;
import com.seatkeeper.licensing.LicenseQueries;
import com.seatkeeper.licensing.Licensing;
import com.seatkeeper.licensing.PurchaseRequest;
import com.seatkeeper.licensing.PurchaseRequests;
import com.seatkeeper.licensing.SeatStatus;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.ForbiddenException;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Slice;
import com.seatkeeper.shared.UserId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Licenses overview, license holders of a pool (assign, unassign, reassign with htmx, CSV
 * download), the seat ledger of a pool and the purchase request form. District and school
 * admins; the vendor admin may open a pool's holders and ledger too (support).
 */
@Controller
class LicensesController {
    static final int HOLDERS_PAGE = 50;
    static final int LEDGER_PAGE = 50;
    /** People a picker shows at most for what was typed; it says "type more to narrow" when more match. */
    static final int CHOICES = 20;
    private final Licensing licensing;
    private final LicenseLists lists;
    private final LicenseQueries queries;
    private final PurchaseRequests purchaseRequests;
    private final Districts districts;
    private final AutoAssignPage autoAssign;

    LicensesController(Licensing licensing, LicenseLists lists, LicenseQueries queries, PurchaseRequests purchaseRequests,
                       Districts districts, AutoAssignPage autoAssign) {
        this.licensing = licensing;
        this.lists = lists;
        this.queries = queries;
        this.purchaseRequests = purchaseRequests;
        this.districts = districts;
        this.autoAssign = autoAssign;
    }

    /** A pool as a row of the overview, with its school's name and open purchase requests. */
    record PoolRow(LicensePool pool, String schoolName, int requestedSeats, SeatStatus term) {}

    // ------------------------------------------------------------------ overview

    @GetMapping("/licenses")
    String overview(Actor actor, Model model) {
        requireDistrictAdmin(actor);
        District district = districts.get(actor, actor.districtId());
        Map<String, String> schoolNames = schoolNames(actor, district);
        Map<PoolId, Integer> requested = new HashMap<>();
        purchaseRequests.ofDistrict(actor, district.id()).stream().filter(PurchaseRequest::isOpen)
                .forEach(r -> requested.merge(r.poolId(), r.seats(), Integer::sum));
        LocalDate today = licensing.today(district.id());
        List<PoolRow> rows = licensing.pools(actor, district.id()).stream()
                .map(p -> new PoolRow(p, p.schoolId() == null ? null : schoolNames.get(p.schoolId().toString()),
                        requested.getOrDefault(p.id(), 0), p.statusOn(today)))
                .toList();
        model.addAttribute("district", district);
        model.addAttribute("rows", rows);
        model.addAttribute("canPurchase", actor.role() == ActorRole.DISTRICT_ADMIN);
        return "licenses/overview";
    }

    // ------------------------------------------------------------------ holders

    /**
     * The holders page. {@code q}, {@code toQ} and {@code fromQ} are the texts typed in its pickers (give a license,
     * reassign to, reassign from) when the page is reloaded without JS.
     */
    @GetMapping("/licenses/{poolId}/holders")
    String holders(Actor actor, @PathVariable PoolId poolId, @RequestParam(required = false) String after,
                   @RequestParam(required = false) String offset, HttpServletRequest request, Model model) {
        LicensePool pool = licensing.pool(actor, poolId);
        Map<String, String[]> params = request.getParameterMap();
        holdersModel(actor, pool, new Typed(ListParams.Typed.of(params, "q"), ListParams.Typed.of(params, "toQ"),
                ListParams.Typed.of(params, "fromQ")), ListParams.position(HOLDERS_PAGE, after, null, offset), null, model);
        return "licenses/holders";
    }

    /** The texts typed in the holders page's pickers. */
    private record Typed(ListParams.Typed q, ListParams.Typed toQ, ListParams.Typed fromQ) {
        static final Typed NONE = new Typed(ListParams.Typed.NONE, ListParams.Typed.NONE, ListParams.Typed.NONE);
    }

    /**
     * The "give a license" ({@code picker=ASSIGN}, text {@code q}) and "reassign to" ({@code picker=TO}, text {@code toQ})
     * pickers' matches for what was typed: a fragment for htmx (without JS the page's Find reloads the page).
     */
    @GetMapping("/licenses/{poolId}/candidates")
    String candidates(Actor actor, @PathVariable PoolId poolId, @RequestParam(required = false) String picker, HttpServletRequest request,
                      Model model) {
        Picker p = Picker.named(picker, Picker.ASSIGN) == Picker.TO ? Picker.TO : Picker.ASSIGN;
        ListParams.Typed typed = ListParams.Typed.of(request.getParameterMap(), p == Picker.TO ? "toQ" : "q");
        return choicesFragment(p, typed, PickerChoices.search(typed, t -> lists.candidates(actor, poolId, t, CHOICES)), model);
    }

    /** The "reassign from" picker's matches (text {@code fromQ}): holders of the pool. */
    @GetMapping("/licenses/{poolId}/holder-choices")
    String holderChoices(Actor actor, @PathVariable PoolId poolId, HttpServletRequest request, Model model) {
        ListParams.Typed fromQ = ListParams.Typed.of(request.getParameterMap(), "fromQ");
        return choicesFragment(Picker.FROM, fromQ, PickerChoices.search(fromQ, t -> lists.holdersMatching(actor, List.of(poolId), t, CHOICES)), model);
    }

    /** A picker's matches for what was typed, as the fragment htmx swaps in. */
    static String choicesFragment(Picker picker, ListParams.Typed typed, PickerChoices choices, Model model) {
        model.addAttribute("picker", picker);
        model.addAttribute("choices", choices);
        model.addAttribute("q", typed.shown());
        return "licenses/fragments :: choices";
    }

    @PostMapping("/licenses/{poolId}/holders/unassign")
    String unassign(Actor actor, @PathVariable PoolId poolId, @ModelAttribute("holdersForm") HoldersForm form, BindingResult binding,
                    Htmx htmx, Model model) {
        LicensePool pool = licensing.pool(actor, poolId);
        requireManager(actor);
        Flash flash;
        if (binding.hasErrors()) {
            flash = Forms.flash(binding);
        } else if (form.people().isEmpty()) {
            flash = Flash.error("Choose whose license to unassign.");
        } else {
            List<UserId> ids = form.people();
            flash = guarded(() -> {
                Outcome<Integer> done = licensing.unassignAll(actor, poolId, ids);
                return done instanceof Outcome.Refused<Integer> r ? Flash.refused(r.refusal())
                        : Flash.ok("Unassigned " + names(actor, pool, ids) + ". The license is available again.");
            });
        }
        return holdersAnswer(actor, poolId, flash, htmx, model);
    }

    @PostMapping("/licenses/{poolId}/holders/assign")
    String assign(Actor actor, @PathVariable PoolId poolId, @ModelAttribute("holdersForm") HoldersForm form, BindingResult binding,
                  Htmx htmx, Model model) {
        licensing.pool(actor, poolId);
        requireManager(actor);
        Flash flash;
        if (binding.hasErrors()) {
            flash = Forms.flash(binding);
        } else if (form.people().size() != 1) {
            flash = Flash.error("Choose the person who should get a license: type part of their name, then pick them.");
        } else {
            flash = guarded(() -> {
                AssignOutcome outcome = licensing.assign(actor, poolId, form.people().get(0));
                return outcome instanceof AssignOutcome.Refused r ? Flash.refused(r.refusal())
                        : Flash.ok(((AssignOutcome.Assigned) outcome).created()
                        ? "Assigned a license to " + ((AssignOutcome.Assigned) outcome).holder().name() + "."
                        : ((AssignOutcome.Assigned) outcome).holder().name() + " already holds a license of this pool; nothing changed.");
            });
        }
        return holdersAnswer(actor, poolId, flash, htmx, model);
    }

    @PostMapping("/licenses/{poolId}/holders/reassign")
    String reassign(Actor actor, @PathVariable PoolId poolId, @ModelAttribute("holdersForm") HoldersForm form, BindingResult binding,
                    Htmx htmx, Model model) {
        licensing.pool(actor, poolId);
        requireManager(actor);
        Flash flash = binding.hasErrors() ? Forms.flash(binding)
                : reassignFlash(actor, poolId, form.getFromUserId(), form.getToUserId(), lists, licensing);
        return holdersAnswer(actor, poolId, flash, htmx, model);
    }

    /** Reassigns with every refusal as a message (also used by the educators page). */
    static Flash reassignFlash(Actor actor, PoolId id, UserId from, UserId to, LicenseLists lists, Licensing licensing) {
        if (from == null || to == null) {
            return Flash.error("Choose whose license to move and who should get it.");
        }
        if (from.equals(to)) {
            return Flash.error("Choose two different people: the license moves from one to the other.");
        }
        if (!lists.holds(actor, id, from)) {
            return Flash.error("The person to move the license from does not hold a license of this pool; nothing changed.");
        }
        return guarded(() -> {
            AssignOutcome outcome = licensing.reassign(actor, id, from, to);
            if (outcome instanceof AssignOutcome.Refused r) {
                return Flash.refused(r.refusal());
            }
            return Flash.ok("Reassigned: " + ((AssignOutcome.Assigned) outcome).holder().name() + " now holds the license.");
        });
    }

    /**
     * Runs a seat change whose pool the caller may see (checked before): a person the caller may
     * not act on (another school, gone meanwhile) is an inline refusal, not an error page.
     */
    static Flash guarded(Supplier<Flash> action) {
        try {
            return action.get();
        } catch (NotFoundException e) {
            return Flash.error("One of the chosen people is not someone you may manage here (or no longer exists); nothing changed.");
        }
    }

    private String holdersAnswer(Actor actor, PoolId id, Flash flash, Htmx htmx, Model model) {
        LicensePool pool = licensing.pool(actor, id); // counts after the change
        holdersModel(actor, pool, Typed.NONE, ListParams.position(HOLDERS_PAGE, null, null, null), flash, model);
        return htmx.view("licenses/holders", "panel");
    }

    private void holdersModel(Actor actor, LicensePool pool, Typed typed, ListParams.Position at, Flash flash, Model model) {
        ListParams.Read<Slice<Holder>> read = at.read(request -> lists.holders(actor, pool.id(), request));
        Slice<Holder> page = read.page();
        if (read.position().problem() != null && flash == null) {
            flash = Flash.error(read.position().problem());
        }
        District district = districts.find(pool.districtId()).orElseThrow();
        LocalDate today = licensing.today(district.id());
        boolean canManage = actor.isAnyOf(ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN);
        model.addAttribute("pool", pool);
        model.addAttribute("term", pool.statusOn(today));
        model.addAttribute("chart", UsageChart.of(queries.ledgerDays(actor, pool.id()), today.isAfter(pool.endsOn()) ? pool.endsOn() : today));
        model.addAttribute("district", district);
        if (!model.containsAttribute("holdersForm")) {
            model.addAttribute("holdersForm", new HoldersForm());
        }
        model.addAttribute("zone", district.timezone());
        model.addAttribute("schoolName", pool.schoolId() == null ? null : districts.school(pool.schoolId()).map(School::name).orElse(null));
        model.addAttribute("holders", page);
        model.addAttribute("pager", CursorPager.of("/licenses/" + pool.id() + "/holders", Pager.query(), read.position().notFirst(), page));
        boolean active = canManage && pool.statusOn(today) == SeatStatus.ACTIVE;
        PickerChoices none = PickerChoices.NONE;
        model.addAttribute("candidates", active ? PickerChoices.search(typed.q(), t -> lists.candidates(actor, pool.id(), t, CHOICES)) : none);
        model.addAttribute("toCandidates", active ? PickerChoices.search(typed.toQ(), t -> lists.candidates(actor, pool.id(), t, CHOICES)) : none);
        model.addAttribute("holderChoices", active
                ? PickerChoices.search(typed.fromQ(), t -> lists.holdersMatching(actor, List.of(pool.id()), t, CHOICES)) : none);
        model.addAttribute("pickers", Picker.values());
        model.addAttribute("q", typed.q().shown());
        model.addAttribute("toQ", typed.toQ().shown());
        model.addAttribute("fromQ", typed.fromQ().shown());
        model.addAttribute("flash", flash);
        model.addAttribute("canManage", canManage);
        model.addAttribute("canPurchase", actor.role() == ActorRole.DISTRICT_ADMIN);
        model.addAttribute("openRequests", purchaseRequests.ofPool(actor, pool.id()).stream().filter(PurchaseRequest::isOpen).toList());
        autoAssign.addTo(actor, pool, model);
    }

    /**
     * The pool's holders as CSV, streamed: one ordered query read in batches ({@link LicenseLists#eachHolder}) written row
     * by row to the response, so memory stays bounded at any size. The pool and the actor are checked before the first
     * byte, so a refusal is still an error page.
     */
    @GetMapping("/licenses/{poolId}/holders.csv")
    void holdersCsv(Actor actor, @PathVariable PoolId poolId, HttpServletResponse response) throws IOException {
        LicensePool pool = licensing.pool(actor, poolId);
        requireManager(actor);
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String file = (pool.productCode() + "-" + pool.seatType().name().toLowerCase() + "-holders.csv").replaceAll("[^A-Za-z0-9._-]", "_");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
        PrintWriter out = response.getWriter();
        out.print(Csv.row("Name", "Role", "Email", "Assigned at", "Assigned by", "Last active", "User id"));
        lists.eachHolder(actor, poolId, h -> out.print(Csv.row(h.name(), h.role().name(), h.email(), h.assignedAt(), h.assignedBy(),
                h.lastActiveAt(), h.userId().toString())));
        out.flush();
    }

    // ------------------------------------------------------------------ ledger

    @GetMapping("/licenses/{poolId}/ledger")
    String ledger(Actor actor, @PathVariable PoolId poolId, @RequestParam(name = "user", required = false) String userParam,
                  @RequestParam(required = false) String action, @RequestParam(required = false) String after,
                  @RequestParam(required = false) String offset, HttpServletRequest http, Model model) {
        LicensePool pool = licensing.pool(actor, poolId);
        ListParams.IdFilter<UserId> given = ListParams.idFilter("Person", userParam, UserId::new);
        ListParams.IdFilter<UserId> person = given.id() == null ? given
                : given.offeredIn("Person", id -> lists.names(actor, pool.id(), Set.of(id)).containsKey(id));
        UserId user = person.id();
        String actionProblem = ListParams.problem("Action", action, LedgerActions.labels().keySet());
        String act = action == null || action.isBlank() || actionProblem != null ? null : action;
        ListParams.Read<Slice<LedgerEntry>> read = ListParams.position(LEDGER_PAGE, after, null, offset)
                .read(request -> lists.ledger(actor, pool.id(), user, act, request));
        Slice<LedgerEntry> page = read.page();
        String problem = Stream.of(person.problem(), actionProblem, read.position().problem()).filter(Objects::nonNull)
                .collect(Collectors.joining(" "));
        Flash flash = problem.isEmpty() ? null : Flash.error(problem);
        District district = districts.find(pool.districtId()).orElseThrow();
        Set<UserId> ids = new HashSet<>();
        page.items().forEach(e -> {
            if (e.userId() != null) {
                ids.add(e.userId());
            }
            if (e.fromUserId() != null) {
                ids.add(e.fromUserId());
            }
        });
        if (user != null) {
            ids.add(user);
        }
        Map<String, String> names = lists.names(actor, pool.id(), ids).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue, (a, b) -> a));
        model.addAttribute("pool", pool);
        model.addAttribute("term", pool.statusOn(licensing.today(district.id())));
        model.addAttribute("zone", district.timezone());
        model.addAttribute("entries", page);
        model.addAttribute("names", names);
        model.addAttribute("actions", LedgerActions.labels());
        model.addAttribute("user", user == null ? "" : user.toString());
        model.addAttribute("userName", user == null ? "" : names.getOrDefault(user.toString(), ""));
        model.addAttribute("action", act == null ? "" : act);
        model.addAttribute("flash", flash);
        model.addAttribute("picker", Picker.LEDGER);
        ListParams.Typed userQ = ListParams.Typed.of(http.getParameterMap(), "userQ");
        model.addAttribute("choices", PickerChoices.search(userQ, t -> lists.ledgerPeople(actor, pool.id(), t, CHOICES)));
        model.addAttribute("userQ", userQ.shown());
        model.addAttribute("pager", CursorPager.of("/licenses/" + pool.id() + "/ledger", Pager.query("user", user == null ? null
                : user.toString(), "action", act), read.position().notFirst(), page).labelled("Newest", "Older"));
        return "licenses/ledger";
    }

    /** The ledger's person filter: people in the pool's ledger matching what was typed (htmx). */
    @GetMapping("/licenses/{poolId}/ledger-people")
    String ledgerPeople(Actor actor, @PathVariable PoolId poolId, HttpServletRequest request, Model model) {
        ListParams.Typed userQ = ListParams.Typed.of(request.getParameterMap(), "userQ");
        return choicesFragment(Picker.LEDGER, userQ, PickerChoices.search(userQ, t -> lists.ledgerPeople(actor, poolId, t, CHOICES)), model);
    }

    // ------------------------------------------------------------------ purchase requests

    @GetMapping("/licenses/{poolId}/purchase")
    String purchaseForm(Actor actor, @PathVariable PoolId poolId, Model model) {
        LicensePool pool = licensing.pool(actor, poolId);
        requirePurchaser(actor);
        model.addAttribute("form", new PurchaseForm());
        return purchasePage(actor, pool, null, model);
    }

    /** Sends a purchase request; what the service refuses (seats out of range, a bad note) shows at the field. */
    @PostMapping("/licenses/{poolId}/purchase")
    String requestPurchase(Actor actor, @PathVariable PoolId poolId, @Valid @ModelAttribute("form") PurchaseForm form,
                           BindingResult binding, Model model) {
        LicensePool pool = licensing.pool(actor, poolId);
        requirePurchaser(actor);
        if (!binding.hasErrors()) {
            Outcome<PurchaseRequest> r = purchaseRequests.request(actor, poolId, form.getSeats(), form.getNote());
            if (r instanceof Outcome.Done<PurchaseRequest>) {
                model.addAttribute("form", new PurchaseForm());
                return purchasePage(actor, pool, Flash.ok("Your request for " + form.getSeats() + " more " + pool.productName() + " "
                        + pool.seatType().name().toLowerCase() + " licenses was sent. They become available as soon as it is fulfilled."),
                        model);
            }
            Forms.refuse(binding, ((Outcome.Refused<PurchaseRequest>) r).refusal(), Map.of("invalid_seats", "seats"));
        }
        return purchasePage(actor, pool, Forms.flash(binding), model);
    }

    private String purchasePage(Actor actor, LicensePool pool, Flash flash, Model model) {
        District district = districts.find(pool.districtId()).orElseThrow();
        model.addAttribute("pool", pool);
        model.addAttribute("zone", district.timezone());
        model.addAttribute("requests", purchaseRequests.ofPool(actor, pool.id()));
        model.addAttribute("flash", flash);
        return "licenses/purchase";
    }

    // ------------------------------------------------------------------ helpers

    private String names(Actor actor, LicensePool pool, List<UserId> ids) {
        Map<UserId, String> people = lists.names(actor, pool.id(), ids);
        List<String> names = ids.stream().map(people::get).filter(Objects::nonNull).toList();
        if (names.size() > 3) {
            return names.size() + " people";
        }
        return String.join(", ", names);
    }

    private Map<String, String> schoolNames(Actor actor, District district) {
        return districts.schools(actor, district.id()).stream()
                .collect(Collectors.toMap(s -> s.id().toString(), School::name, (a, b) -> a));
    }

    static void requireDistrictAdmin(Actor actor) {
        if (!actor.isAnyOf(ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN)) {
            throw new ForbiddenException("The license pages are for district and school administrators"
                    + (actor.isVendor() ? " (vendor staff: see Districts)." : "."));
        }
    }

    /** Assign, unassign and reassign from the holders page: administrators (teachers work in My Classes & Students). */
    private static void requireManager(Actor actor) {
        if (!actor.isAnyOf(ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN)) {
            throw new ForbiddenException("License holders are managed by administrators.");
        }
    }

    private static void requirePurchaser(Actor actor) {
        if (actor.role() != ActorRole.DISTRICT_ADMIN) {
            throw new ForbiddenException("Only a district administrator can request more licenses.");
        }
    }
}
