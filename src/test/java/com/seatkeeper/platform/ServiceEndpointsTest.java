package com.seatkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@ApiTest
class ServiceEndpointsTest {
    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void healthIsUpWithoutSigningIn() {
        var health = new Http(port).get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
    }

    @Test
    void theOpenApiDocumentDescribesTheContractPaths() {
        var docs = new Http(port).get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        var paths = docs.body().get("paths");
        assertThat(paths.has("/api/v1/license-pools/{poolId}/assignments/{userId}")).isTrue();
        assertThat(paths.has("/api/v1/license-pools/{poolId}/assignments:bulk")).isTrue();
        assertThat(paths.has("/api/v1/districts/{districtId}/license-pools")).isTrue();
        assertThat(paths.has("/api/v1/users/{userId}/licenses")).isTrue();
        assertThat(paths.get("/api/v1/license-pools/{poolId}/assignments/{userId}").has("put")).isTrue();
        assertThat(paths.get("/api/v1/api-tokens/{tokenId}").has("delete")).isTrue();
        assertThat(paths.get("/api/v1/users/{userId}/api-tokens").has("get")).isTrue();
    }

    /** Request mappings are matched by path first (a speed-up); what a request is routed to, or refused with, stays the same. */
    @Test
    void requestsAreRoutedByPathMethodAndMediaTypeAsBefore() {
        assertThat(mappings).isInstanceOf(PathFirstRequestMappingHandlerMapping.class);
        var http = new Http(port);
        var fx = new Fixtures(http);
        var d = fx.aDistrict();
        var pool = fx.aStudentPool(d, 1);
        String student = fx.aStudent(d);

        // the same path with different methods reaches different handlers
        String seat = "/api/v1/license-pools/" + pool.id() + "/assignments/" + student;
        assertThat(http.put(seat, Fixtures.ADMIN).status()).isEqualTo(201);
        assertThat(http.get("/api/v1/users/" + student + "/licenses", Fixtures.ADMIN).body().get(0).get("poolId").asString())
                .isEqualTo(pool.id());
        assertThat(http.send("DELETE", seat, Fixtures.ADMIN, null).status()).isEqualTo(204);

        // a known path with a method it does not take: 405 naming the methods it takes
        var wrongMethod = http.send("PATCH", "/api/v1/users/" + student + "/licenses", Fixtures.ADMIN, "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.text("code")).as("%s", wrongMethod).isEqualTo("method_not_allowed");
        assertThat(wrongMethod.text("detail")).contains("GET");

        // no such path: 404 problem
        var unknown = http.get("/api/v1/users/" + student + "/no-such-thing", Fixtures.ADMIN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("code")).isEqualTo("not_found");

        // a body that is not JSON: 415
        var notJson = http.sendRaw("POST", "/api/v1/license-pools/" + pool.id() + "/purchases", Fixtures.ADMIN, "text/plain", "seats=5");
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.text("code")).isEqualTo("unsupported_media_type");
    }
}
