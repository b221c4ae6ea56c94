package com.seatkeeper.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ProductStore {
    private final JdbcClient jdbc;

    ProductStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Product p, Instant now) {
        jdbc.sql("insert into products (id, code, name, educator_seats, student_seats, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(p.id(), p.code(), p.name(), p.offers(SeatType.EDUCATOR), p.offers(SeatType.STUDENT), Timestamp.from(now))
                .update();
    }

    Optional<Product> findByCode(String code) {
        return jdbc.sql("select * from products where lower(code) = lower(?)").param(code).query(ProductStore::product).optional();
    }

    Optional<Product> findById(UUID id) {
        return jdbc.sql("select * from products where id = ?").param(id).query(ProductStore::product).optional();
    }

    List<Product> all() {
        return jdbc.sql("select * from products order by name").query(ProductStore::product).list();
    }

    private static Product product(ResultSet rs, int n) throws SQLException {
        EnumSet<SeatType> types = EnumSet.noneOf(SeatType.class);
        if (rs.getBoolean("educator_seats")) {
            types.add(SeatType.EDUCATOR);
        }
        if (rs.getBoolean("student_seats")) {
            types.add(SeatType.STUDENT);
        }
        return new Product(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"), types);
    }
}
