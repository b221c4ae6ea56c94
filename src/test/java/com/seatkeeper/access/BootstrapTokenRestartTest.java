package com.seatkeeper.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.SeatkeeperApplication;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Http;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import javax.sql.DataSource;
import com.seatkeeper.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Restarts on one database with the bootstrap token X, then Y, then X again: after each start exactly that one works. */
@ApiTest
@Tag("multi-instance")
class BootstrapTokenRestartTest {
    static final String X = "bootstrap-secret-X-0123456789";
    static final String Y = "bootstrap-secret-Y-0123456789";

    @Autowired
    DataSource dataSource;
    @Autowired
    Accounts accounts;

    /** The restarts replaced the test token of the shared database: put it back for the other tests (as a restart would). */
    @AfterEach
    void reinstallTheTestToken() {
        accounts.installVendorToken("bootstrap-admin", "bootstrap", Fixtures.ADMIN);
        assertThat(accounts.actorForToken(Fixtures.ADMIN)).isPresent();
    }

    @Test
    void aSecretUsedBeforeWorksAgainAfterAnotherOne() {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        for (String current : List.of(X, Y, X)) {
            try (ConfigurableApplicationContext instance = new SpringApplicationBuilder(SeatkeeperApplication.class).profiles("test")
                    .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                            "--seatkeeper.embedded-db.enabled=false", "--seatkeeper.bootstrap.admin-token=" + current)) {
                Http http = new Http(((WebServerApplicationContext) instance).getWebServer().getPort());
                String other = current.equals(X) ? Y : X;
                assertThat(http.get("/api/v1/districts", current).status()).as("the configured token after the start").isEqualTo(200);
                assertThat(http.get("/api/v1/districts", other).status()).as("the previous one").isEqualTo(401);
                assertThat(http.get("/api/v1/districts", Fixtures.ADMIN).status()).as("the test's own").isEqualTo(401);
            }
        }
    }
}
