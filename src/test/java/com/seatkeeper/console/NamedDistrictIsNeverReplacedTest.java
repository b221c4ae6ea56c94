package com.seatkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.DbState;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every console page and form that takes a district ({@code ?district=} or the form's {@code district} field: the Rostering
 * page, its connect form, Test connection, Sync now, the Upload page and its upload) answers another district's id with the
 * designed 404 page and changes nothing, never working on the caller's own district in its place; the caller's own id
 * still works. The one rule is {@code Actor.districtNamed}.
 */
@ApiTest
class NamedDistrictIsNeverReplacedTest {
    static final String PW = "named-district-pw-123";

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    record Call(String what, Function<String, ConsoleClient.Response> call) {}

    @Test
    void anotherDistrictsIdIsNotFoundOnEveryPageThatTakesOne() {
        var fx = new Fixtures(new Http(port));
        var own = fx.aDistrict();
        var other = fx.aDistrict();
        String admin = fx.aDistrictAdmin(own);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        ConsoleClient c = ConsoleClient.signedIn(port, fx.emailOf(admin), PW);
        String ownName = jdbc.sql("select name from districts where id = ?::uuid").param(own.id()).query(String.class).single();
        Map<String, byte[]> files = Map.of("users.csv", "sourcedId,givenName\n".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("baseUrl", "https://api.clever.com");
        connect.put("districtToken", "a-token-" + UUID.randomUUID());
        connect.put("apiVersion", "3.0");
        connect.put("nightlyAt", "02:00");
        connect.put("understood", "true");
        List<Call> calls = List.of(
                new Call("the Rostering page", d -> c.get("/console/rostering?district=" + d)),
                new Call("its connect form", d -> {
                    Map<String, Object> form = new LinkedHashMap<>(connect);
                    form.put("district", d);
                    return c.post("/console/rostering", form);
                }),
                new Call("Test connection", d -> c.post("/console/rostering/test?district=" + d, Map.of())),
                new Call("Test connection (htmx)", d -> c.htmxPost("/console/rostering/test?district=" + d, Map.of())),
                new Call("Sync now", d -> c.post("/console/rostering/sync?district=" + d, Map.of())),
                new Call("the Upload page", d -> c.get("/console/imports?district=" + d)),
                new Call("an upload", d -> c.postFiles("/console/imports?district=" + d, Map.of("dryRun", "true"), "file", files)));

        DbState before = DbState.of(jdbc);
        SoftAssertions soft = new SoftAssertions();
        for (Call call : calls) {
            for (String id : List.of(other.id(), UUID.randomUUID().toString())) {
                var r = call.call().apply(id);
                soft.assertThat(r.status()).as("%s with another district's id: %s", call.what(), r).isEqualTo(404);
                soft.assertThat(r.body()).as("%s: the designed 404 page, not the caller's own district", call.what())
                        .contains("This page does not exist or is not visible to you.").doesNotContain(ownName);
            }
        }
        soft.assertAll();
        assertThat(DbState.of(jdbc)).as("nothing changed in either district (no connection, no run)").isEqualTo(before);

        assertThat(c.get("/console/rostering?district=" + own.id()).body()).as("the caller's own id still works").contains(ownName);
        assertThat(c.get("/console/imports?district=" + own.id()).status()).isEqualTo(200);
        assertThat(c.get("/console/rostering").body()).as("and naming none is the caller's own district").contains(ownName);
    }
}
