package com.seatkeeper.console.licenses;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.List;
import java.util.UUID;

/**
 * A district of its own for a console test: a district admin with a password, a full educator
 * pool of 2 (two teachers hold it), a third teacher without a license, and a student pool.
 */
final class Scenario {
    static final String PASSWORD = "pw-" + UUID.randomUUID();

    final Fixtures fx;
    final Http http;
    final Fixtures.District district;
    final String admin;
    final String adminEmail;
    final String holder1;
    final String holder2;
    final String newcomer;
    final Fixtures.Pool educatorPool;
    final String productCode;
    final String productName;

    Scenario(int port, Accounts accounts) {
        http = new Http(port);
        fx = new Fixtures(http);
        district = fx.aDistrict();
        admin = fx.aDistrictAdmin(district);
        adminEmail = emailOf(admin);
        accounts.ensurePersonAccount(UserId.of(admin), PASSWORD);
        holder1 = fx.aTeacher(district);
        holder2 = fx.aTeacher(district);
        newcomer = fx.aTeacher(district);
        productCode = fx.aProduct();
        productName = "Product " + productCode;
        educatorPool = fx.aPool(district, productCode, "EDUCATOR", 2, java.time.LocalDate.now().minusDays(30),
                java.time.LocalDate.now().plusDays(300));
        fx.assign(educatorPool, holder1);
        fx.assign(educatorPool, holder2);
    }

    String emailOf(String userId) {
        return http.get("/api/v1/users/" + userId, Fixtures.ADMIN).text("email");
    }

    String nameOf(String userId) {
        var u = http.get("/api/v1/users/" + userId, Fixtures.ADMIN);
        return u.text("givenName") + " " + u.text("familyName");
    }

    /** A person of the district with a role and a console password. */
    String personWithPassword(String role, Accounts accounts) {
        String id = fx.aPerson(district, role);
        accounts.ensurePersonAccount(UserId.of(id), PASSWORD);
        return emailOf(id);
    }

    List<String> holders() {
        return fx.holderIds(educatorPool);
    }
}
