package com.seatkeeper.access;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static com.seatkeeper.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The same person (same email) in two districts: each roster entry gets its own account and API tokens,
 * each acting only in its own district; console sign-in by that email stays with the first account.
 */
@ApiTest
class SameEmailInTwoDistrictsTest {
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    private String aTeacherWithEmail(Http http, Fixtures.District d, String email) {
        var r = http.post("/api/v1/districts/" + d.id() + "/users", ADMIN, map("givenName", "Robin", "familyName", "Twice",
                "email", email, "role", "TEACHER", "schoolIds", List.of(d.schoolId())));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.text("id");
    }

    @Test
    void aPersonInTwoDistrictsGetsATokenInEachThatActsOnlyInItsOwnDistrict() {
        var http = new Http(port);
        var fx = new Fixtures(http);
        var a = fx.aDistrict();
        var b = fx.aDistrict();
        String email = "robin.twice." + System.nanoTime() + "@example.test";
        String inA = aTeacherWithEmail(http, a, email);
        String inB = aTeacherWithEmail(http, b, email);

        var tokenA = http.post("/api/v1/api-tokens", ADMIN, map("userId", inA, "name", "app"));
        var tokenB = http.post("/api/v1/api-tokens", ADMIN, map("userId", inB, "name", "app"));
        assertThat(tokenA.status()).as("%s", tokenA).isEqualTo(201);
        assertThat(tokenB.status()).as("%s", tokenB).isEqualTo(201);

        assertThat(http.get("/api/v1/users/" + inA, tokenA.text("token")).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/users/" + inB, tokenB.text("token")).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/users/" + inB, tokenA.text("token")).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/users/" + inA, tokenB.text("token")).status()).isEqualTo(404);
    }

    @Test
    void consoleSignInByTheSharedEmailStaysWithTheFirstAccount() {
        var http = new Http(port);
        var fx = new Fixtures(http);
        var a = fx.aDistrict();
        var b = fx.aDistrict();
        String email = "sam.twice." + System.nanoTime() + "@example.test";
        String inA = aTeacherWithEmail(http, a, email);
        String inB = aTeacherWithEmail(http, b, email);
        var accountA = accounts.ensurePersonAccount(UserId.of(inA), "first-pw-123");
        var accountB = accounts.ensurePersonAccount(UserId.of(inB), "second-pw-123");
        assertThat(accountB).isNotEqualTo(accountA);

        assertThat(accounts.signIn(email)).get().extracting(Accounts.SignIn::accountId).isEqualTo(accountA);
        var console = ConsoleClient.signedIn(port, email, "first-pw-123");
        assertThat(console.get("/classes").status()).isEqualTo(200);
    }
}
