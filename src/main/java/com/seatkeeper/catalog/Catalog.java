package com.seatkeeper.catalog;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.Outcome;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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

    @Transactional
    public Outcome<Product> add(Actor actor, String code, String name, Set<SeatType> seatTypes) {
        actor.requireAnyOf("add products", ActorRole.VENDOR_ADMIN);
        Product p = new Product(UUID.randomUUID(), code.trim(), name.trim(), seatTypes);
        if (store.findByCode(p.code()).isPresent()) {
            return Outcome.refused(new DuplicateProduct(p.code()));
        }
        try {
            store.insert(p, clock.instant());
        } catch (DuplicateKeyException raced) {
            return Outcome.refused(new DuplicateProduct(p.code()));
        }
        return Outcome.done(p);
    }

    @Transactional(readOnly = true)
    public Optional<Product> byCode(String code) {
        return store.findByCode(code);
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
