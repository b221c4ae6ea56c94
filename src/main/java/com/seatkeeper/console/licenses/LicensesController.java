package com.seatkeeper.console.licenses;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.console.Flash;
import com.seatkeeper.console.Forms;
import com.seatkeeper.console.Htmx;
import com.seatkeeper.console.Pager;
import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.licensing.AssignOutcome;
import com.seatkeeper.licensing.Holder;
import com.seatkeeper.licensing.LedgerEntry;
import com.seatkeeper.licensing.LicensePool;
import com.seatkeeper.licensing.SeatStatus;
import com.seatkeeper.licensing.LicenseQueries;
import com.seatkeeper.licensing.Licensing;
import com.seatkeeper.licensing.PurchaseRequest;
import com.seatkeeper.licensing.PurchaseRequests;
import com.seatkeeper.roster.RosterSearch;
import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.roster.Rosters;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.ForbiddenException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Page;
import com.seatkeeper.shared.PageRequest;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.UserId;
import jakarta.validation.Valid;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
    static final int CANDIDATES = 100;
    private final Licensing licensing;
    private final LicenseQueries queries;
    private final PurchaseRequests purchaseRequests;
    private final Districts districts;
    private final Rosters rosters;
    private final RosterSearch search;
    private final AutoAssignPage autoAssign;

    LicensesController(Licensing licensing, LicenseQueries queries, PurchaseRequests purchaseRequests, Districts districts,
                       Rosters rosters, RosterSearch search, AutoAssignPage autoAssign) {
        this.licensing = licensing;
        this.queries = queries;
        this.purchaseRequests = purchaseRequests;
        this.districts = districts;
        this.rosters = rosters;
        this.search = search;
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

    @GetMapping("/licenses/{poolId}/holders")
    String holders(Actor actor, @PathVariable PoolId poolId, @RequestParam(required = false) String q,
                   @RequestParam(required = false) String offset, Model model) {
        LicensePool pool = licensing.pool(actor, poolId);
        holdersModel(actor, pool, q, parseInt(offset, 0), null, model);
        return "licenses/holders";
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
                Outcome<Integer> done = queries.unassignAll(actor, poolId, ids);
                return done instanceof Outcome.Refused<Integer> r ? Flash.refused(r.refusal())
                        : Flash.ok("Unassigned " + names(pool, ids) + ". The license is available again.");
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
            flash = Flash.error("Choose the person who should get a license.");
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
                : reassignFlash(actor, poolId, form.getFromUserId(), form.getToUserId(), queries, licensing);
        return holdersAnswer(actor, poolId, flash, htmx, model);
    }

    /** Reassigns with every refusal as a message (also used by the educators page). */
    static Flash reassignFlash(Actor actor, PoolId id, UserId from, UserId to, LicenseQueries queries, Licensing licensing) {
        if (from == null || to == null) {
            return Flash.error("Choose whose license to move and who should get it.");
        }
        if (from.equals(to)) {
            return Flash.error("Choose two different people: the license moves from one to the other.");
        }
        if (!queries.holdersOfPool(actor, id).contains(from)) {
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
    static Flash guarded(java.util.function.Supplier<Flash> action) {
        try {
            return action.get();
        } catch (com.seatkeeper.shared.NotFoundException e) {
            return Flash.error("One of the chosen people is not someone you may manage here (or no longer exists); nothing changed.");
        }
    }

    private String holdersAnswer(Actor actor, PoolId id, Flash flash, Htmx htmx, Model model) {
        LicensePool pool = licensing.pool(actor, id); // counts after the change
        holdersModel(actor, pool, null, 0, flash, model);
        return htmx.view("licenses/holders", "panel");
    }

    private void holdersModel(Actor actor, LicensePool pool, String q, int offset, Flash flash, Model model) {
        Page<Holder> page = licensing.holders(actor, pool.id(), new PageRequest(HOLDERS_PAGE, Math.max(offset, 0)));
        District district = districts.find(pool.districtId()).orElseThrow();
        Set<UserId> licensed = queries.holdersOfProduct(actor, pool.districtId(), pool.productId(), pool.seatType());
        Set<Role> roles = pool.seatType() == SeatType.STUDENT ? Set.of(Role.STUDENT)
                : Set.of(Role.TEACHER, Role.SCHOOL_ADMIN, Role.DISTRICT_ADMIN, Role.STAFF);
        Page<RosterUser> candidates = search.find(actor, pool.districtId(),
                new RosterSearch.Filter(roles, pool.schoolId(), q, true, null, licensed), new PageRequest(CANDIDATES, 0));
        model.addAttribute("pool", pool);
        LocalDate today = licensing.today(district.id());
        model.addAttribute("term", pool.statusOn(today));
        model.addAttribute("chart", UsageChart.of(queries.ledgerDays(actor, pool.id()), today.isAfter(pool.endsOn()) ? pool.endsOn() : today));
        model.addAttribute("district", district);
        if (!model.containsAttribute("holdersForm")) {
            model.addAttribute("holdersForm", new HoldersForm());
        }
        model.addAttribute("zone", district.timezone());
        model.addAttribute("schoolName", pool.schoolId() == null ? null : districts.school(pool.schoolId()).map(School::name).orElse(null));
        model.addAttribute("holders", page);
        model.addAttribute("pager", Pager.of("/licenses/" + pool.id() + "/holders", Pager.query(), Math.max(offset, 0), HOLDERS_PAGE,
                page.items().size(), page.total()));
        model.addAttribute("candidates", candidates);
        model.addAttribute("q", q);
        model.addAttribute("flash", flash);
        model.addAttribute("canManage", actor.isAnyOf(ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN));
        model.addAttribute("canPurchase", actor.role() == ActorRole.DISTRICT_ADMIN);
        model.addAttribute("openRequests", purchaseRequests.ofPool(actor, pool.id()).stream().filter(PurchaseRequest::isOpen).toList());
        autoAssign.addTo(actor, pool, model);
    }

    @GetMapping("/licenses/{poolId}/holders.csv")
    void holdersCsv(Actor actor, @PathVariable PoolId poolId, HttpServletResponse response) throws IOException {
        LicensePool pool = licensing.pool(actor, poolId);
        District district = districts.find(pool.districtId()).orElseThrow();
        // read the first page before answering, so that a refusal is still an error page
        Page<Holder> first = licensing.holders(actor, pool.id(), new PageRequest(PageRequest.MAX_LIMIT, 0));
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String file = (pool.productCode() + "-" + pool.seatType().name().toLowerCase() + "-holders.csv").replaceAll("[^A-Za-z0-9._-]", "_");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
        com.seatkeeper.console.ConsoleFormat fmt = new com.seatkeeper.console.ConsoleFormat();
        PrintWriter out = response.getWriter();
        out.print(Csv.row("Name", "Role", "Email", "Assigned at", "Assigned by", "Last active", "User id"));
        Page<Holder> page = first;
        int offset = 0;
        while (true) {
            Map<UserId, RosterUser> people = rosters.find(pool.districtId(), page.items().stream().map(Holder::userId).toList());
            for (Holder h : page.items()) {
                RosterUser p = people.get(h.userId());
                out.print(Csv.row(h.name(), h.role() == null ? "" : h.role().name(), p == null || p.email() == null ? "" : p.email(),
                        fmt.iso(h.assignedAt(), district.timezone()), h.assignedBy(),
                        fmt.iso(h.lastActiveAt(), district.timezone()), h.userId().toString()));
            }
            offset += page.items().size();
            if (page.items().size() < PageRequest.MAX_LIMIT) {
                break;
            }
            page = licensing.holders(actor, pool.id(), new PageRequest(PageRequest.MAX_LIMIT, offset));
        }
        out.flush();
    }

    // ------------------------------------------------------------------ ledger

    @GetMapping("/licenses/{poolId}/ledger")
    String ledger(Actor actor, @PathVariable PoolId poolId, @RequestParam(required = false) UserId user,
                  @RequestParam(required = false) String action, @RequestParam(required = false) String offset, Model model) {
        LicensePool pool = licensing.pool(actor, poolId);
        UserId person = user;
        String act = action == null || action.isBlank() ? null : action;
        if (act != null && !LedgerActions.isAction(act)) {
            act = null;
        }
        int from = Math.max(parseInt(offset, 0), 0);
        Page<LedgerEntry> page = licensing.ledger(actor, pool.id(), person, act, new PageRequest(LEDGER_PAGE, from));
        District district = districts.find(pool.districtId()).orElseThrow();
        Set<UserId> ids = new java.util.HashSet<>(queries.ledgerPeople(actor, pool.id(), 500));
        page.items().forEach(e -> {
            if (e.userId() != null) {
                ids.add(e.userId());
            }
            if (e.fromUserId() != null) {
                ids.add(e.fromUserId());
            }
        });
        if (person != null) {
            ids.add(person);
        }
        Map<UserId, RosterUser> people = rosters.find(pool.districtId(), ids);
        Map<String, String> names = people.values().stream()
                .collect(Collectors.toMap(p -> p.id().toString(), RosterUser::displayName, (a, b) -> a));
        List<RosterUser> personOptions = new ArrayList<>(people.values());
        personOptions.sort(Comparator.comparing(RosterUser::familyName).thenComparing(RosterUser::givenName));
        model.addAttribute("pool", pool);
        model.addAttribute("term", pool.statusOn(licensing.today(district.id())));
        model.addAttribute("zone", district.timezone());
        model.addAttribute("entries", page);
        model.addAttribute("names", names);
        model.addAttribute("people", personOptions);
        model.addAttribute("actions", LedgerActions.labels());
        model.addAttribute("user", person == null ? "" : person.toString());
        model.addAttribute("action", act == null ? "" : act);
        model.addAttribute("pager", Pager.of("/licenses/" + pool.id() + "/ledger", Pager.query("user", person == null ? null
                : person.toString(), "action", act), from, LEDGER_PAGE, page.items().size(), page.total()).labelled("Newer", "Older"));
        return "licenses/ledger";
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

    private String names(LicensePool pool, List<UserId> ids) {
        Map<UserId, RosterUser> people = rosters.find(pool.districtId(), ids);
        List<String> names = ids.stream().map(people::get).filter(java.util.Objects::nonNull).map(RosterUser::displayName).toList();
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

    static int parseInt(String s, int fallback) {
        if (s == null || s.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
