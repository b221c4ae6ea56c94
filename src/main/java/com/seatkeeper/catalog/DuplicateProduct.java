package com.seatkeeper.catalog;

import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.Text;
import java.util.Map;

public record DuplicateProduct(String productCode) implements BusinessRefusal {
    public String code() {
        return "duplicate_product";
    }

    public int status() {
        return 409;
    }

    public String title() {
        return "Product code already used";
    }

    public String detail() {
        return "A product with code '" + Text.excerpt(productCode()) + "' already exists. Choose another code or use the existing product.";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("productCode", productCode);
    }
}
