package com.seatkeeper.platform;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Request bodies are read as written: no coercion of numbers, strings or booleans, no duplicate keys (400 naming the field). */
@ApiTest
class StrictJsonTest {
    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    Http http;
    Fixtures fx;
    Fixtures.Pool pool;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fx = new Fixtures(http);
        pool = fx.aStudentPool(fx.aDistrict(), 3);
    }

    private void refusedNaming(Http.Response r, String field, String says) {
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.text("code")).isEqualTo("invalid_request");
        assertThat(r.text("field")).isEqualTo(field);
        assertThat(r.text("detail")).contains(says);
        assertThat(fx.pool(pool).number("seats")).as("nothing was added").isEqualTo(3);
    }

    private Http.Response purchase(String body) {
        return http.post("/api/v1/license-pools/" + pool.id() + "/purchases", ADMIN, body);
    }

    @Test
    void aFractionIsNotAWholeNumber() {
        refusedNaming(purchase("{\"seats\": 2.9}"), "seats", "whole number");
        refusedNaming(purchase("{\"seats\": 2.0}"), "seats", "whole number");
    }

    @Test
    void aStringIsNotANumber() {
        refusedNaming(purchase("{\"seats\": \"5\"}"), "seats", "whole number");
        refusedNaming(purchase("{\"seats\": \"\"}"), "seats", "whole number");
        refusedNaming(purchase("{\"seats\": true}"), "seats", "whole number");
    }

    @Test
    void aNumberIsNotAString() {
        refusedNaming(purchase("{\"seats\": 1, \"reference\": 12345}"), "reference", "JSON string");
        var district = http.post("/api/v1/districts", ADMIN, "{\"name\": 5, \"rosteringSource\": \"MANUAL\", \"timezone\": \"UTC\"}");
        assertThat(district.status()).isEqualTo(400);
        assertThat(district.text("field")).isEqualTo("name");
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        refusedNaming(purchase("{\"seats\": 1, \"seats\": 2}"), "seats", "more than once");
    }

    @Test
    void aWholeNumberTooLargeForTheFieldIsRefusedNotWrapped() {
        refusedNaming(purchase("{\"seats\": 3000000000}"), "seats", "out of range");
    }

    @Test
    void theRightShapesStillWork() {
        var r = purchase("{\"seats\": 2, \"reference\": \"PO-1\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        assertThat(r.number("seats")).isEqualTo(5);
    }

    record Flag(boolean on, Boolean maybe) {}

    record Outer(Flag flag, java.util.List<String> names) {}

    @Test
    void anEmptyStringOrAScalarIsNotAnObjectOrAList() {
        assertThatThrownBy(() -> json.readValue("{\"flag\": \"\"}", Outer.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> json.readValue("{\"flag\": 1}", Outer.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> json.readValue("{\"names\": \"\"}", Outer.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> json.readValue("{\"names\": \"a\"}", Outer.class)).isInstanceOf(JacksonException.class);
        var bulk = http.post("/api/v1/license-pools/" + pool.id() + "/assignments:bulk", ADMIN, "{\"userIds\": \"\", \"mode\": \"AVAILABLE_SEATS\"}");
        assertThat(bulk.status()).isEqualTo(400);
        assertThat(bulk.text("field")).isEqualTo("userIds");
    }

    /** No request body of the API has a boolean yet (renewals' carryOverHolders will): the application's mapper refuses "true". */
    @Test
    void aStringIsNotABoolean() {
        assertThat(json.readValue("{\"on\": true, \"maybe\": false}", Flag.class)).isEqualTo(new Flag(true, false));
        assertThatThrownBy(() -> json.readValue("{\"on\": \"true\"}", Flag.class)).isInstanceOf(JacksonException.class)
                .hasMessageContaining("on");
        assertThatThrownBy(() -> json.readValue("{\"maybe\": \"false\"}", Flag.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> json.readValue("{\"on\": 1}", Flag.class)).isInstanceOf(JacksonException.class);
    }
}
