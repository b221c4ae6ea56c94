package com.seatkeeper.catalog;

import com.seatkeeper.shared.Actor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/products")
class ProductController {
    private final Catalog catalog;

    ProductController(Catalog catalog) {
        this.catalog = catalog;
    }

    record NewProduct(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may only use letters, digits, '.', '_' and '-'") String code,
                      @NotBlank @Size(max = 200) String name,
                      @NotEmpty Set<SeatType> seatTypes) {}

    record ProductView(String id, String code, String name, Set<SeatType> seatTypes) {
        static ProductView of(Product p) {
            return new ProductView(p.id().toString(), p.code(), p.name(), p.seatTypes());
        }
    }

    @PostMapping
    ResponseEntity<?> add(@AuthenticationPrincipal Actor actor, @Valid @RequestBody NewProduct body) {
        return catalog.add(actor, body.code(), body.name(), body.seatTypes()).toResponse(201, ProductView::of);
    }

    @GetMapping
    List<ProductView> all() {
        return catalog.all().stream().map(ProductView::of).toList();
    }
}
