package com.seatkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class ServiceEndpointsTest {
    @LocalServerPort
    int port;

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
    }
}
