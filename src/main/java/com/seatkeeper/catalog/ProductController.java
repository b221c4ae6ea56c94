package com.seatkeeper.catalog;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import com.seatkeeper.platform.ApiRefusals;
import com.seatkeeper.shared.Actor;
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

    /** The rules of code, name and seat types are {@link Catalog#add}'s (the console uses the same). */
    record NewProduct(String code, String name, Set<SeatType> seatTypes) {}

    record ProductView(String id, String code, String name, Set<SeatType> seatTypes) {
        static ProductView of(Product p) {
            return new ProductView(p.id().toString(), p.code(), p.name(), p.seatTypes());
        }
    }

    @ApiResponse(responseCode = "201", description = "the new product", content = @Content(schema = @Schema(implementation = ProductView.class)))
    @ApiRefusals(DuplicateProduct.class)
    @PostMapping
    ResponseEntity<?> add(@AuthenticationPrincipal Actor actor, @RequestBody NewProduct body) {
        return catalog.add(actor, body.code(), body.name(), body.seatTypes()).toResponse(201, ProductView::of);
    }

    @GetMapping
    List<ProductView> all() {
        return catalog.all().stream().map(ProductView::of).toList();
    }
}
