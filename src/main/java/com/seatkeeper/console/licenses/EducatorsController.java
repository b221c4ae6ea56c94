package com.seatkeeper.console.licenses;

import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.console.ConsoleWords;
import com.seatkeeper.console.Flash;
import com.seatkeeper.console.Forms;
import com.seatkeeper.console.Htmx;
import com.seatkeeper.console.ListParams;
import com.seatkeeper.console.Pager;
import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.School;
import com.seatkeeper.licensing.AssignOutcome;
import com.seatkeeper.licensing.BulkMode;
import com.seatkeeper.licensing.BulkResult;
import com.seatkeeper.licensing.LicenseLists;
import com.seatkeeper.licensing.Listing;
import com.seatkeeper.licensing.LicensePool;
import com.seatkeeper.licensing.SeatStatus;
import com.seatkeeper.licensing.LicenseQueries;
import com.seatkeeper.licensing.Licensing;
import com.seatkeeper.licensing.UserLicense;
import com.seatkeeper.roster.Rosters;
import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.SchoolId;
import com.seatkeeper.shared.UserId;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Admin Console, educators: list, search and filter (school, role, has or lacks a product) and
 * assign, unassign or reassign a product for the selected educators. Results and refusals show
 * in the action bar above the list (htmx swaps the results section).
 */
@Controller
class EducatorsController {
    static final int PAGE = 50;
    /**
     * The deepest offset of the educators list: as far as its count goes ({@link Listing.Total#COUNT_LIMIT}); past it the
     * search and the filters find people faster than paging would.
     */
    static final int MAX_OFFSET = Listing.Total.COUNT_LIMIT;
    static final List<Role> EDUCATOR_ROLES = List.of(Role.TEACHER, Role.SCHOOL_ADMIN, Role.DISTRICT_ADMIN, Role.STAFF);

    private final Licensing licensing;
    private final LicenseLists lists;
    private final LicenseQueries queries;
    private final Districts districts;
    private final Rosters rosters;

    EducatorsController(Licensing licensing, LicenseLists lists, LicenseQueries queries, Districts districts, Rosters rosters) {
        this.licensing = licensing;
        this.lists = lists;
        this.queries = queries;
        this.districts = districts;
        this.rosters = rosters;
    }

    /** The list's filters, carried by the filter form (GET) and the action form (hidden fields). */
    public static final class Filters {
        private String q = "";
        private String school = "";
        private String role = "";
        private String product = "";
        private String has = "has";
        private String offset = "0";
        private String fromQ = "";

        public String getQ() { return q; }
        public void setQ(String q) { this.q = q == null ? "" : q; }
        public String getSchool() { return school; }
        public void setSchool(String school) { this.school = school == null ? "" : school; }
        public String getRole() { return role; }
        public void setRole(String role) { this.role = role == null ? "" : role; }
        public String getProduct() { return product; }
        public void setProduct(String product) { this.product = product == null ? "" : product; }
        public String getHas() { return has; }
        public void setHas(String has) { this.has = has == null || has.isBlank() ? "has" : has; }
        /** The text typed in the "reassign from" picker (when the page is reloaded without JS). */
        public String getFromQ() { return fromQ; }
        public void setFromQ(String fromQ) { this.fromQ = fromQ == null ? "" : fromQ; }
        public String getOffset() { return offset; }
        public void setOffset(String offset) { this.offset = offset == null ? "0" : offset; }

        /** The offset when it is a whole number from 0 to {@link #MAX_OFFSET}, else null. */
        Integer offsetValue() {
            return ListParams.offset(offset, MAX_OFFSET);
        }
    }

    /** A product of the district's educator pools (the "has/lacks" filter). */
    record ProductOption(UUID productId, String code, String name) {}

    /** One educator row: the person and the educator licenses they hold. */
    record Row(RosterUser person, List<UserLicense> licenses, String schools) {}

    @GetMapping("/educators")
    String list(Actor actor, @ModelAttribute("filters") Filters filters, HttpServletRequest request, Model model) {
        LicensesController.requireDistrictAdmin(actor);
        model.addAttribute("selected", List.of());
        model.addAttribute("actionForm", new EducatorActionForm());
        listModel(actor, filters, request.getParameterMap(), null, null, model);
        return "educators/list";
    }

    /** The "reassign from" picker's matches: holders of the district's educator pools whose term has not ended (htmx). */
    @GetMapping("/educators/holder-choices")
    String holderChoices(Actor actor, HttpServletRequest request, Model model) {
        LicensesController.requireDistrictAdmin(actor);
        ListParams.Typed fromQ = ListParams.Typed.of(request.getParameterMap(), "fromQ");
        LocalDate today = licensing.today(actor.districtId());
        List<PoolId> pools = licensing.pools(actor, actor.districtId()).stream()
                .filter(p -> p.seatType() == SeatType.EDUCATOR && p.statusOn(today) != SeatStatus.ENDED).map(LicensePool::id).toList();
        return LicensesController.choicesFragment(Picker.EDUCATOR_FROM, fromQ, PickerChoices.search(fromQ,
                t -> lists.holdersMatching(actor, pools, t, LicensesController.CHOICES)), model);
    }

    @PostMapping("/educators/actions")
    String act(Actor actor, @ModelAttribute("filters") Filters filters, @ModelAttribute("actionForm") EducatorActionForm form,
               BindingResult binding, Htmx htmx, HttpServletRequest request, Model model) {
        LicensesController.requireDistrictAdmin(actor);
        List<UserId> selected = form.selected();
        LicensePool pool = binding.hasErrors() || form.getPoolId() == null ? null : licensing.pool(actor, form.getPoolId());
        String action = form.getAction();
        Flash flash;
        if (binding.hasErrors()) {
            flash = Forms.flash(binding);
        } else if (pool == null) {
            flash = Flash.error("Choose which license to assign, unassign or reassign.");
        } else if (selected.isEmpty()) {
            flash = Flash.error("Select at least one educator in the list (use the checkboxes).");
        } else if ("assign".equals(action)) {
            flash = LicensesController.guarded(() -> assign(actor, pool, selected, form.getMode()));
        } else if ("unassign".equals(action)) {
            flash = LicensesController.guarded(() -> {
                Outcome<Integer> done = licensing.unassignAll(actor, pool.id(), selected);
                return done instanceof Outcome.Refused<Integer> r ? Flash.refused(r.refusal())
                        : Flash.ok("Unassigned " + pool.productName() + " from " + plural(done.value()) + ".");
            });
        } else if ("reassign".equals(action)) {
            flash = selected.size() != 1
                    ? Flash.error("A reassignment moves one license to one person: select exactly one educator to receive it.")
                    : LicensesController.reassignFlash(actor, pool.id(), form.getFromUserId(), selected.get(0), lists, licensing);
        } else {
            flash = Flash.error("Choose an action: assign, unassign or reassign.");
        }
        LicensePool after = pool == null ? null : licensing.pool(actor, pool.id());
        model.addAttribute("selected", flash.isError() ? selected.stream().map(UserId::toString).toList() : List.of());
        model.addAttribute("lastAction", action);
        listModel(actor, filters, request.getParameterMap(), flash, after, model);
        return htmx.view("educators/list", "results");
    }

    private Flash assign(Actor actor, LicensePool pool, List<UserId> selected, BulkMode mode) {
        if (selected.size() == 1) {
            AssignOutcome outcome = licensing.assign(actor, pool.id(), selected.get(0));
            if (outcome instanceof AssignOutcome.Refused r) {
                return Flash.refused(r.refusal());
            }
            AssignOutcome.Assigned a = (AssignOutcome.Assigned) outcome;
            return Flash.ok(a.created() ? "Assigned " + pool.productName() + " to " + a.holder().name() + "."
                    : a.holder().name() + " already holds " + pool.productName() + "; nothing changed.");
        }
        BulkResult result = licensing.bulkAssign(actor, pool.id(), selected, mode);
        if (result.refusal() != null) {
            return Flash.refused(result.refusal());
        }
        long assigned = result.count(BulkResult.Result.ASSIGNED);
        long already = result.count(BulkResult.Result.ALREADY_ASSIGNED);
        long left = result.count(BulkResult.Result.NOT_ASSIGNED) + result.count(BulkResult.Result.REFUSED);
        String text = "Assigned " + pool.productName() + " to " + plural(assigned) + "."
                + (already > 0 ? " " + plural(already) + " already held it." : "")
                + (left > 0 ? " " + plural(left) + " got none: " + result.lines().stream()
                .filter(l -> l.result() == BulkResult.Result.NOT_ASSIGNED || l.result() == BulkResult.Result.REFUSED)
                .map(l -> ConsoleWords.apiFree(l.detail())).distinct().collect(Collectors.joining(" ")) : "");
        return left > 0 && assigned == 0 ? new Flash("error", "Nothing assigned.", text, true) : Flash.ok(text);
    }

    private static String plural(long n) {
        return n + (n == 1 ? " educator" : " educators");
    }

    /** The list's page into the model; {@code params} are the request's, for the typed texts ({@link ListParams.Typed}). */
    private void listModel(Actor actor, Filters filters, Map<String, String[]> params, Flash flash, LicensePool actedOn, Model model) {
        District district = districts.get(actor, actor.districtId());
        List<School> schools = districts.schools(actor, district.id()).stream()
                .filter(s -> actor.role() != ActorRole.SCHOOL_ADMIN || actor.schoolIds().contains(s.id())).toList();
        LocalDate today = licensing.today(district.id());
        // pools whose term has ended are not offered for assignment
        List<LicensePool> pools = licensing.pools(actor, district.id()).stream()
                .filter(p -> p.seatType() == SeatType.EDUCATOR && p.statusOn(today) != SeatStatus.ENDED).toList();
        Map<UUID, ProductOption> products = new LinkedHashMap<>();
        pools.forEach(p -> products.putIfAbsent(p.productId(), new ProductOption(p.productId(), p.productCode(), p.productName())));

        List<String> problems = new ArrayList<>();
        problems.add(ListParams.Typed.of(params, "q").problem());
        if (problems.get(0) != null) {
            filters.setQ("");
        }
        Set<Role> roles = EDUCATOR_ROLES.stream().filter(r -> r.name().equals(filters.getRole())).collect(Collectors.toSet());
        if (roles.isEmpty()) {
            problems.add(ListParams.problem("Role", filters.getRole(), EDUCATOR_ROLES.stream().map(Role::name).toList()));
            roles = Set.copyOf(EDUCATOR_ROLES);
            filters.setRole("");
        }
        SchoolId school = schools.stream().filter(s -> s.id().toString().equals(filters.getSchool())).map(School::id).findFirst().orElse(null);
        if (school == null) {
            problems.add(ListParams.problem("School", filters.getSchool(), List.of()));
            filters.setSchool("");
        }
        ProductOption product = products.values().stream().filter(p -> p.code().equals(filters.getProduct()))
                .findFirst().orElse(null);
        if (product == null) {
            problems.add(ListParams.problem("Product", filters.getProduct(), List.of()));
            filters.setProduct("");
        }
        problems.add(ListParams.problem("License filter", filters.getHas(), List.of("has", "lacks")));
        if (!"lacks".equals(filters.getHas())) {
            filters.setHas("has");
        }
        Integer offset = filters.offsetValue();
        if (offset == null) {
            problems.add(ListParams.offsetProblem(filters.getOffset(), MAX_OFFSET, "To find someone further down, search or filter the list."));
            offset = 0;
        }
        problems.removeIf(Objects::isNull);
        if (flash == null && !problems.isEmpty()) {
            flash = Flash.error(String.join(" ", problems));
        }
        // "has / lacks" is a subquery of the list's one query (LicenseLists#educators), not a set of ids
        Listing<UserId> ids = lists.educators(actor, district.id(), roles, school, filters.getQ(),
                product == null ? null : product.productId(), !"lacks".equals(filters.getHas()), offset, PAGE);
        Map<UserId, RosterUser> found = rosters.find(district.id(), ids.items());
        List<RosterUser> people = ids.items().stream().map(found::get).filter(Objects::nonNull).toList();
        Map<UserId, List<UserLicense>> licenses = queries.licensesOf(actor, district.id(),
                people.stream().map(RosterUser::id).toList());
        Map<SchoolId, String> schoolNames = districts.schools(actor, district.id()).stream()
                .collect(Collectors.toMap(School::id, School::name));
        List<Row> rows = new ArrayList<>();
        for (RosterUser u : people) {
            List<UserLicense> held = licenses.getOrDefault(u.id(), List.of()).stream()
                    .filter(l -> l.seatType() == SeatType.EDUCATOR).toList();
            String names = u.schoolIds().stream().map(s -> schoolNames.getOrDefault(s, "?")).sorted().collect(Collectors.joining(", "));
            rows.add(new Row(u, held, names));
        }
        // "reassign from": a type-ahead over the holders of the district's educator pools (GET /educators/holder-choices)
        ListParams.Typed fromQ = ListParams.Typed.of(params, "fromQ");
        if (fromQ.repeated()) {
            filters.setFromQ("");
        }
        model.addAttribute("holderChoices", PickerChoices.search(fromQ,
                t -> lists.holdersMatching(actor, pools.stream().map(LicensePool::id).toList(), t, LicensesController.CHOICES)));
        model.addAttribute("picker", Picker.EDUCATOR_FROM);

        model.addAttribute("district", district);
        model.addAttribute("schools", schools);
        model.addAttribute("roles", EDUCATOR_ROLES);
        model.addAttribute("products", products.values());
        model.addAttribute("pools", pools);
        model.addAttribute("rows", rows);
        model.addAttribute("total", ids.total());
        model.addAttribute("pager", CursorPager.ofOffset("/educators", Pager.query("q", filters.getQ(), "school", filters.getSchool(),
                "role", filters.getRole(), "product", filters.getProduct(), "has", filters.getProduct().isEmpty() ? null : filters.getHas()),
                offset, rows.size(), ids.total().label(), ids.next() != null));
        model.addAttribute("flash", flash);
        model.addAttribute("actedOn", actedOn);
        model.addAttribute("canPurchase", actor.role() == ActorRole.DISTRICT_ADMIN);
    }
}
