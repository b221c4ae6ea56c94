package com.seatkeeper.console.vendor;

import com.seatkeeper.catalog.Catalog;
import com.seatkeeper.console.Flash;
import com.seatkeeper.console.Forms;
import com.seatkeeper.catalog.Product;
import com.seatkeeper.catalog.SeatType;
import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.district.School;
import com.seatkeeper.licensing.LicensePool;
import com.seatkeeper.licensing.LicenseQueries;
import com.seatkeeper.licensing.Licensing;
import com.seatkeeper.licensing.PurchaseRequest;
import com.seatkeeper.licensing.PurchaseRequests;
import com.seatkeeper.licensing.SeatCount;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.ForbiddenException;
import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PoolId;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Vendor admin (the company's support staff): districts (create with rostering source and time
 * zone), products, pools of a district (open, add seats) and the purchase requests of all
 * districts (fulfil or decline). Vendor admins only; everyone else gets 403.
 */
@Controller
class VendorController {
    static final List<String> ZONES = List.of("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
            "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "Europe/London", "Australia/Sydney");

    private final Districts districts;
    private final Catalog catalog;
    private final Licensing licensing;
    private final LicenseQueries queries;
    private final PurchaseRequests requests;

    VendorController(Districts districts, Catalog catalog, Licensing licensing, LicenseQueries queries, PurchaseRequests requests) {
        this.districts = districts;
        this.catalog = catalog;
        this.licensing = licensing;
        this.queries = queries;
        this.requests = requests;
    }

    // ------------------------------------------------------------------ districts and products

    @GetMapping("/vendor")
    String home(Actor actor, Model model) {
        requireVendor(actor);
        homeModel(actor, null, null, model);
        return "vendor/home";
    }

    /** Creates a district; what the district service refuses (name, time zone) shows at the field. */
    @PostMapping("/vendor/districts")
    String createDistrict(Actor actor, @Valid @ModelAttribute("districtForm") VendorForms.District form, BindingResult binding,
                          Model model) {
        requireVendor(actor);
        Flash flash = null;
        if (!binding.hasErrors()) {
            try {
                District d = districts.create(actor, form.getName(), form.getRosteringSource(), form.getTimezone());
                flash = Flash.ok("Created district " + d.name() + ".");
                model.addAttribute("districtForm", new VendorForms.District());
            } catch (InvalidRequestException e) {
                Forms.refuse(binding, e);
            }
        }
        homeModel(actor, flash == null ? Forms.flash(binding) : flash, "district", model);
        return "vendor/home";
    }

    /** Adds a product; what the catalog refuses (code, name, kinds) shows at the field. */
    @PostMapping("/vendor/products")
    String createProduct(Actor actor, @Valid @ModelAttribute("productForm") VendorForms.Product form, BindingResult binding,
                         Model model) {
        requireVendor(actor);
        Flash flash = null;
        if (!binding.hasErrors()) {
            Set<SeatType> types = EnumSet.noneOf(SeatType.class);
            types.addAll(form.chosen());
            Outcome<Product> added = catalog.add(actor, form.getCode(), form.getName(), types);
            if (added instanceof Outcome.Done<Product> done) {
                flash = Flash.ok("Added product " + done.value().name() + ".");
                model.addAttribute("productForm", new VendorForms.Product());
            } else {
                Forms.refuse(binding, ((Outcome.Refused<Product>) added).refusal());
            }
        }
        homeModel(actor, flash == null ? Forms.flash(binding) : flash, "product", model);
        return "vendor/home";
    }

    private void homeModel(Actor actor, Flash flash, String where, Model model) {
        model.addAttribute("districts", districts.list(actor));
        model.addAttribute("products", catalog.all().stream().sorted(Comparator.comparing(Product::name)).toList());
        model.addAttribute("openRequests", requests.open(actor).size());
        model.addAttribute("sources", RosteringSource.values());
        model.addAttribute("zones", ZONES);
        model.addAttribute("flash", flash);
        model.addAttribute("where", where);
        if (!model.containsAttribute("districtForm")) {
            model.addAttribute("districtForm", new VendorForms.District());
        }
        if (!model.containsAttribute("productForm")) {
            model.addAttribute("productForm", new VendorForms.Product());
        }
    }

    // ------------------------------------------------------------------ one district: pools and purchases

    @GetMapping("/vendor/districts/{districtId}")
    String district(Actor actor, @PathVariable DistrictId districtId, Model model) {
        requireVendor(actor);
        District d = districts.get(actor, districtId);
        districtModel(actor, d, null, null, model);
        return "vendor/district";
    }

    /** Opens a pool; what the licensing service refuses (product, term, seats) shows at the field. */
    @PostMapping("/vendor/districts/{districtId}/pools")
    String openPool(Actor actor, @PathVariable DistrictId districtId, @Valid @ModelAttribute("poolForm") VendorForms.Pool form,
                    BindingResult binding, Model model) {
        requireVendor(actor);
        District d = districts.get(actor, districtId);
        Flash flash = null;
        if (!binding.hasErrors()) {
            Outcome<LicensePool> opened = licensing.openPool(actor, d.id(), new Licensing.NewPool(form.getProductCode(), form.getSeatType(),
                    new SeatCount(form.getSeats()), form.getStartsOn(), form.getEndsOn(), form.getSchoolId()));
            if (opened instanceof Outcome.Done<LicensePool> done) {
                flash = Flash.ok("Opened " + done.value().productName() + " " + form.getSeatType().name().toLowerCase() + " licenses: "
                        + form.getSeats() + " seats.");
                model.addAttribute("poolForm", newPool(d));
            } else {
                Forms.refuse(binding, ((Outcome.Refused<LicensePool>) opened).refusal(),
                        Map.of("unknown_product", "productCode", "seat_limit_exceeded", "seats"));
            }
        }
        districtModel(actor, d, flash == null ? Forms.flash(binding) : flash, "pool", model);
        return "vendor/district";
    }

    /** Adds purchased seats to a pool; what the licensing service refuses (reference, seat limit) shows at the pool's form. */
    @PostMapping("/vendor/pools/{poolId}/purchases")
    String addSeats(Actor actor, @PathVariable PoolId poolId, @Valid @ModelAttribute("seatsForm") VendorForms.Seats form,
                    BindingResult binding, Model model) {
        requireVendor(actor);
        LicensePool pool = licensing.pool(actor, poolId);
        District d = districts.get(actor, pool.districtId());
        Flash flash = null;
        if (!binding.hasErrors()) {
            Outcome<LicensePool> added = licensing.purchase(actor, pool.id(), new SeatCount(form.getSeats()), form.getReference());
            if (added instanceof Outcome.Done<LicensePool> done) {
                LicensePool after = done.value();
                flash = Flash.ok("Added " + form.getSeats() + " seats to " + after.productName() + " "
                        + after.seatType().name().toLowerCase() + ": " + after.available() + " available now.");
                model.addAttribute("seatsForm", new VendorForms.Seats());
            } else {
                Forms.refuse(binding, ((Outcome.Refused<LicensePool>) added).refusal(), Map.of("seat_limit_exceeded", "seats"));
            }
        }
        if (flash == null && binding.hasFieldErrors()) {
            model.addAttribute("seatsPool", pool.id());
            model.addAttribute("invalidField", binding.getFieldErrors().get(0).getField());
        }
        districtModel(actor, d, flash == null ? Forms.flash(binding) : flash, "purchase", model);
        return "vendor/district";
    }

    private void districtModel(Actor actor, District d, Flash flash, String where, Model model) {
        List<School> schools = districts.schools(actor, d.id());
        model.addAttribute("district", d);
        model.addAttribute("schools", schools);
        List<LicensePool> pools = licensing.pools(actor, d.id());
        model.addAttribute("pools", pools);
        model.addAttribute("products", catalog.all().stream().sorted(Comparator.comparing(Product::name)).toList());
        model.addAttribute("purchases", queries.purchases(actor, d.id(), 50));
        model.addAttribute("requests", requests.ofDistrict(actor, d.id()));
        model.addAttribute("zone", d.timezone());
        model.addAttribute("flash", flash);
        model.addAttribute("where", where);
        if (!model.containsAttribute("poolForm")) {
            model.addAttribute("poolForm", newPool(d));
        }
        if (!model.containsAttribute("seatsForm")) {
            model.addAttribute("seatsForm", new VendorForms.Seats());
        }
    }

    /** A new pool's form: a student pool for this school year (today to a year less a day). */
    private static VendorForms.Pool newPool(District d) {
        VendorForms.Pool form = new VendorForms.Pool();
        form.setStartsOn(LocalDate.now(d.timezone()));
        form.setEndsOn(LocalDate.now(d.timezone()).plusYears(1).minusDays(1));
        return form;
    }

    // ------------------------------------------------------------------ purchase requests

    @GetMapping("/vendor/purchase-requests")
    String purchaseRequests(Actor actor, Model model) {
        requireVendor(actor);
        requestsModel(actor, null, model);
        return "vendor/purchase-requests";
    }

    /** Fulfils a request; a reference the service refuses shows at the request's form. */
    @PostMapping("/vendor/purchase-requests/{requestId}/fulfil")
    String fulfil(Actor actor, @PathVariable UUID requestId, @Valid @ModelAttribute("decisionForm") VendorForms.Decision form,
                  BindingResult binding, Model model) {
        requireVendor(actor);
        Outcome<PurchaseRequest> done = requests.fulfil(actor, requestId, form.getReference());
        return decided(actor, requestId, done, binding, r -> "Fulfilled: " + r.seats() + " " + r.productName() + " "
                + r.seatType().name().toLowerCase() + " seats added; " + r.poolAvailable() + " available now.", model);
    }

    /** Declines a request; a reason the service refuses shows at the request's form. */
    @PostMapping("/vendor/purchase-requests/{requestId}/decline")
    String decline(Actor actor, @PathVariable UUID requestId, @Valid @ModelAttribute("decisionForm") VendorForms.Decision form,
                   BindingResult binding, Model model) {
        requireVendor(actor);
        Outcome<PurchaseRequest> done = requests.decline(actor, requestId, form.getReason());
        return decided(actor, requestId, done, binding, r -> "Declined: the request for " + r.seats() + " " + r.productName() + " "
                + r.seatType().name().toLowerCase() + " seats. No seats were added; the district administrator sees your reason.", model);
    }

    private String decided(Actor actor, UUID requestId, Outcome<PurchaseRequest> done, BindingResult binding,
                           Function<PurchaseRequest, String> ok, Model model) {
        Flash flash;
        if (done instanceof Outcome.Done<PurchaseRequest> d) {
            flash = Flash.ok(ok.apply(d.value()));
            model.addAttribute("decisionForm", new VendorForms.Decision());
        } else {
            Forms.refuse(binding, ((Outcome.Refused<PurchaseRequest>) done).refusal(), Map.of("seat_limit_exceeded", "reference"));
            flash = Forms.flash(binding);
            if (binding.hasFieldErrors()) {
                model.addAttribute("decidedRequest", requestId);
                model.addAttribute("invalidField", binding.getFieldErrors().get(0).getField());
            }
        }
        requestsModel(actor, flash, model);
        return "vendor/purchase-requests";
    }

    private void requestsModel(Actor actor, Flash flash, Model model) {
        List<District> all = districts.list(actor);
        Map<String, String> names = all.stream().collect(Collectors.toMap(d -> d.id().toString(), District::name));
        model.addAttribute("open", requests.open(actor));
        model.addAttribute("fulfilled", requests.recentlyFulfilled(actor, 20));
        model.addAttribute("declined", requests.recentlyDeclined(actor, 20));
        model.addAttribute("districtNames", names);
        // each request's times in its own district's zone
        model.addAttribute("zones", all.stream().collect(Collectors.toMap(d -> d.id().toString(), District::timezone)));
        model.addAttribute("flash", flash);
        if (!model.containsAttribute("decisionForm")) {
            model.addAttribute("decisionForm", new VendorForms.Decision());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void requireVendor(Actor actor) {
        if (actor.role() != ActorRole.VENDOR_ADMIN) {
            throw new ForbiddenException("The vendor pages are for the company's support staff.");
        }
    }
}
