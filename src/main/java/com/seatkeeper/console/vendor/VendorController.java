package com.seatkeeper.console.vendor;

import com.seatkeeper.catalog.Catalog;
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
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.ForbiddenException;
import com.seatkeeper.shared.Ids;
import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.PoolId;
import com.seatkeeper.shared.SchoolId;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

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

    /** A message where the action was taken. */
    public record Message(String kind, String text) implements java.io.Serializable { // may be kept in the session across a redirect
        static Message ok(String text) { return new Message("ok", text); }
        static Message error(String text) { return new Message("error", text); }
        static Message refused(BusinessRefusal r) { return new Message("error", r.title() + ": " + r.detail()); }
        public boolean isError() { return "error".equals(kind); }
    }

    // ------------------------------------------------------------------ districts and products

    @GetMapping("/vendor")
    String home(Actor actor, Model model) {
        requireVendor(actor);
        homeModel(actor, null, null, model);
        return "vendor/home";
    }

    @PostMapping("/vendor/districts")
    String createDistrict(Actor actor, @RequestParam(required = false) String name, @RequestParam(required = false) String rosteringSource,
                          @RequestParam(required = false) String timezone, Model model) {
        requireVendor(actor);
        Message m;
        RosteringSource source = parseEnum(RosteringSource.class, rosteringSource);
        if (source == null) {
            m = Message.error("Choose where the district's roster comes from.");
        } else {
            try { // name and time zone rules are the service's (as in the API)
                District d = districts.create(actor, name, source, timezone);
                m = Message.ok("Created district " + d.name() + ".");
            } catch (InvalidRequestException e) {
                m = Message.error(e.getMessage());
            }
        }
        homeModel(actor, m, "district", model);
        return "vendor/home";
    }

    @PostMapping("/vendor/products")
    String createProduct(Actor actor, @RequestParam(required = false) String code, @RequestParam(required = false) String name,
                         @RequestParam(required = false) List<String> seatTypes, Model model) {
        requireVendor(actor);
        Set<SeatType> types = EnumSet.noneOf(SeatType.class);
        if (seatTypes != null) {
            seatTypes.stream().map(t -> parseEnum(SeatType.class, t)).filter(java.util.Objects::nonNull).forEach(types::add);
        }
        Message m;
        if (types.isEmpty()) {
            m = Message.error("Choose which licenses the product offers: educator, student or both.");
        } else { // code and name rules are the catalog's (as in the API)
            Outcome<Product> added = catalog.add(actor, code, name, types);
            m = added instanceof Outcome.Refused<Product> r ? Message.refused(r.refusal())
                    : Message.ok("Added product " + added.value().name() + ".");
        }
        homeModel(actor, m, "product", model);
        return "vendor/home";
    }

    private void homeModel(Actor actor, Message message, String where, Model model) {
        model.addAttribute("districts", districts.list(actor));
        model.addAttribute("products", catalog.all().stream().sorted(Comparator.comparing(Product::name)).toList());
        model.addAttribute("openRequests", requests.open(actor).size());
        model.addAttribute("sources", RosteringSource.values());
        model.addAttribute("zones", ZONES);
        model.addAttribute("message", message);
        model.addAttribute("where", where);
    }

    // ------------------------------------------------------------------ one district: pools and purchases

    @GetMapping("/vendor/districts/{districtId}")
    String district(Actor actor, @PathVariable String districtId, Model model) {
        requireVendor(actor);
        District d = districts.get(actor, DistrictId.of(districtId));
        districtModel(actor, d, null, null, model);
        return "vendor/district";
    }

    @PostMapping("/vendor/districts/{districtId}/pools")
    String openPool(Actor actor, @PathVariable String districtId, @RequestParam(required = false) String productCode,
                    @RequestParam(required = false) String seatType, @RequestParam(required = false) String seats,
                    @RequestParam(required = false) String startsOn, @RequestParam(required = false) String endsOn,
                    @RequestParam(required = false) String schoolId, Model model) {
        requireVendor(actor);
        District d = districts.get(actor, DistrictId.of(districtId));
        Message m;
        SeatType type = parseEnum(SeatType.class, seatType);
        int n = parseInt(seats);
        LocalDate start = parseDate(startsOn);
        LocalDate end = parseDate(endsOn);
        if (productCode == null || productCode.isBlank()) {
            m = Message.error("Choose a product.");
        } else if (type == null) {
            m = Message.error("Choose the kind of license: educator or student.");
        } else if (n < 1) {
            m = Message.error("Enter the number of licenses bought (1 or more).");
        } else if (start == null || end == null) {
            m = Message.error("Enter the term's first and last day (YYYY-MM-DD).");
        } else {
            SchoolId school = schoolId == null || schoolId.isBlank() ? null : SchoolId.of(schoolId);
            Outcome<LicensePool> opened = licensing.openPool(actor, d.id(), new Licensing.NewPool(productCode, type, new SeatCount(n), start, end, school));
            m = opened instanceof Outcome.Refused<LicensePool> r ? Message.refused(r.refusal())
                    : Message.ok("Opened " + opened.value().productName() + " " + type.name().toLowerCase() + " licenses: " + n + " seats.");
        }
        districtModel(actor, d, m, "pool", model);
        return "vendor/district";
    }

    @PostMapping("/vendor/pools/{poolId}/purchases")
    String addSeats(Actor actor, @PathVariable String poolId, @RequestParam(required = false) String seats,
                    @RequestParam(required = false) String reference, Model model) {
        requireVendor(actor);
        LicensePool pool = licensing.pool(actor, PoolId.of(poolId));
        District d = districts.get(actor, pool.districtId());
        int n = parseInt(seats);
        Message m;
        if (n < 1) {
            m = Message.error("Enter the number of seats to add (a whole number, 1 or more).");
        } else {
            Outcome<LicensePool> added = licensing.purchase(actor, pool.id(), new SeatCount(n), reference);
            if (added instanceof Outcome.Refused<LicensePool> r) {
                m = Message.refused(r.refusal());
            } else {
                LicensePool after = added.value();
                m = Message.ok("Added " + n + " seats to " + after.productName() + " " + after.seatType().name().toLowerCase()
                        + ": " + after.available() + " available now.");
            }
        }
        districtModel(actor, d, m, "purchase", model);
        return "vendor/district";
    }

    private void districtModel(Actor actor, District d, Message message, String where, Model model) {
        List<School> schools = districts.schools(actor, d.id());
        model.addAttribute("district", d);
        model.addAttribute("schools", schools);
        List<LicensePool> pools = licensing.pools(actor, d.id());
        model.addAttribute("pools", pools);
        model.addAttribute("products", catalog.all().stream().sorted(Comparator.comparing(Product::name)).toList());
        model.addAttribute("purchases", queries.purchases(actor, d.id(), 50));
        model.addAttribute("requests", requests.ofDistrict(actor, d.id()));
        model.addAttribute("zone", d.timezone());
        model.addAttribute("today", LocalDate.now(d.timezone()));
        model.addAttribute("yearEnd", LocalDate.now(d.timezone()).plusYears(1).minusDays(1));
        model.addAttribute("message", message);
        model.addAttribute("where", where);
    }

    // ------------------------------------------------------------------ purchase requests

    @GetMapping("/vendor/purchase-requests")
    String purchaseRequests(Actor actor, Model model) {
        requireVendor(actor);
        requestsModel(actor, null, model);
        return "vendor/purchase-requests";
    }

    @PostMapping("/vendor/purchase-requests/{requestId}/fulfil")
    String fulfil(Actor actor, @PathVariable String requestId, @RequestParam(required = false) String reference, Model model) {
        requireVendor(actor);
        Outcome<PurchaseRequest> done = requests.fulfil(actor, Ids.parse(requestId, "purchase request"), reference);
        Message m = done instanceof Outcome.Refused<PurchaseRequest> r ? Message.refused(r.refusal())
                : Message.ok("Fulfilled: " + done.value().seats() + " " + done.value().productName() + " "
                + done.value().seatType().name().toLowerCase() + " seats added; " + done.value().poolAvailable() + " available now.");
        requestsModel(actor, m, model);
        return "vendor/purchase-requests";
    }

    @PostMapping("/vendor/purchase-requests/{requestId}/decline")
    String decline(Actor actor, @PathVariable String requestId, @RequestParam(required = false) String reason, Model model) {
        requireVendor(actor);
        Outcome<PurchaseRequest> done = requests.decline(actor, Ids.parse(requestId, "purchase request"), reason);
        Message m = done instanceof Outcome.Refused<PurchaseRequest> r ? Message.refused(r.refusal())
                : Message.ok("Declined: the request for " + done.value().seats() + " " + done.value().productName() + " "
                + done.value().seatType().name().toLowerCase() + " seats. No seats were added; the district administrator sees your reason.");
        requestsModel(actor, m, model);
        return "vendor/purchase-requests";
    }

    private void requestsModel(Actor actor, Message message, Model model) {
        List<District> all = districts.list(actor);
        Map<String, String> names = all.stream().collect(Collectors.toMap(d -> d.id().toString(), District::name));
        model.addAttribute("open", requests.open(actor));
        model.addAttribute("fulfilled", requests.recentlyFulfilled(actor, 20));
        model.addAttribute("declined", requests.recentlyDeclined(actor, 20));
        model.addAttribute("districtNames", names);
        // each request's times in its own district's zone
        model.addAttribute("zones", all.stream().collect(Collectors.toMap(d -> d.id().toString(), District::timezone)));
        model.addAttribute("message", message);
    }

    // ------------------------------------------------------------------ helpers

    private static void requireVendor(Actor actor) {
        if (actor.role() != ActorRole.VENDOR_ADMIN) {
            throw new ForbiddenException("The vendor pages are for the company's support staff.");
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        return null;
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
