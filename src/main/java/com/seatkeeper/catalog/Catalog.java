package com.seatkeeper.catalog;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Text;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalog module's API. */
@Service
public class Catalog {
    private final ProductStore store;
    private final Clock clock;

    Catalog(ProductStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Letters, digits, '-' and '_', starting with a letter or digit, at most 40 characters. */
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    /**
     * Adds a product (vendor admins). Refusals: 400 {@code invalid_request} naming {@code code} (not of the form
     * {@link #CODE}), {@code name} ({@link Text#requiredLine}) or {@code seatTypes} (none); 409 {@code duplicate_product}
     * when a product has the code ignoring case (also under a race: the unique index on lower(code), migration V10).
     */
    @Transactional
    public Outcome<Product> add(Actor actor, String code, String name, Set<SeatType> seatTypes) {
        actor.requireAnyOf("add products", ActorRole.VENDOR_ADMIN);
        Optional<FieldRefusal> invalid = Text.first(codeRule(code), Text.requiredLine("name", name, Text.PRODUCT_NAME),
                seatTypes == null || seatTypes.isEmpty()
                        ? Optional.of(new FieldRefusal("seatTypes", "seatTypes must list EDUCATOR, STUDENT or both.")) : Optional.empty());
        if (invalid.isPresent()) {
            return Outcome.refused(invalid.get());
        }
        Product p = new Product(UUID.randomUUID(), Text.normalize(code), Text.normalize(name), seatTypes);
        Optional<Product> existing = store.findByCode(p.code());
        if (existing.isPresent()) {
            return Outcome.refused(new DuplicateProduct(existing.get().code()));
        }
        try {
            store.insert(p, clock.instant());
        } catch (DuplicateKeyException raced) {
            return Outcome.refused(new DuplicateProduct(p.code()));
        }
        return Outcome.done(p);
    }

    /** The code rule as a plain function: empty when {@code code} is a well-formed product code. */
    public static Optional<FieldRefusal> codeRule(String code) {
        return codeRule("code", code);
    }

    /**
     * As {@link #codeRule(String)} for a request field that names a product by its code (e.g. a pool's
     * {@code productCode}): 400 naming that field rather than "no such product" for a malformed code.
     */
    public static Optional<FieldRefusal> codeRule(String field, String code) {
        String c = Text.normalize(code);
        if (c == null || !CODE.matcher(c).matches() || Text.optionalLine(field, code, Integer.MAX_VALUE).isPresent()) {
            return Optional.of(new FieldRefusal(field, field + " must be 1 to 40 letters, digits, '-' or '_', starting with a letter or"
                    + " digit (such as MATH-1)."));
        }
        return Optional.empty();
    }

    /** The product with this code, ignoring case; empty for a code that is not well-formed (no product has one). */
    @Transactional(readOnly = true)
    public Optional<Product> byCode(String code) {
        if (codeRule(code).isPresent()) {
            return Optional.empty();
        }
        return store.findByCode(Text.normalize(code));
    }

    @Transactional(readOnly = true)
    public Optional<Product> byId(UUID id) {
        return store.findById(id);
    }

    @Transactional(readOnly = true)
    public List<Product> all() {
        return store.all();
    }
}
