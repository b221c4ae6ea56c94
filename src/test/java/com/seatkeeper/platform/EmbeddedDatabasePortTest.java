package com.seatkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The embedded database refuses a taken port with a message naming it and the setting to change, and refuses to use a
 * server that is not the one it started (another PostgreSQL on the port), instead of migrating whatever answers there.
 */
class EmbeddedDatabasePortTest {
    final EmbeddedDatabaseConfig config = new EmbeddedDatabaseConfig();

    @Test
    void aPortThatSomethingListensOnFailsTheStartClearly() throws Exception {
        try (ServerSocket occupier = new ServerSocket(0)) {
            int port = occupier.getLocalPort();
            assertThatThrownBy(() -> config.embeddedPostgres("", port, "", "", "32MB"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port + " is already in use")
                    .hasMessageContaining("seatkeeper.embedded-db.port");
        }
    }

    @Test
    void anotherPostgresqlOnThePortIsRefusedAndTheDataDirectoryIdentifiesTheStartedOne() throws Exception {
        try (EmbeddedPostgres other = config.embeddedPostgres("", 0, "", "", "32MB")) {
            int port = other.getPort();
            // the real case: another PostgreSQL holds the fixed port
            assertThatThrownBy(() -> config.embeddedPostgres("", port, "", "", "32MB")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(String.valueOf(port)).hasMessageContaining("seatkeeper.embedded-db.port");

            // the check behind the port check: the server answering must run from the started one's data directory
            Path elsewhere = Files.createTempDirectory("not-the-started-one");
            assertThatThrownBy(() -> EmbeddedDatabaseConfig.requireStartedServer(other.getPostgresDatabase(), elsewhere, port))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is not the embedded one")
                    .hasMessageContaining("seatkeeper.embedded-db.port");
            String itsOwn;
            try (var c = other.getPostgresDatabase().getConnection(); var rs = c.createStatement().executeQuery("show data_directory")) {
                rs.next();
                itsOwn = rs.getString(1);
            }
            EmbeddedDatabaseConfig.requireStartedServer(other.getPostgresDatabase(), Path.of(itsOwn), port); // its own: fine
            Files.delete(elsewhere);
        }
    }

    @Test
    void aFreeFixedPortStartsAndIsVerified() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (EmbeddedPostgres pg = config.embeddedPostgres("", port, "", "", "32MB")) {
            assertThat(pg.getPort()).isEqualTo(port);
        }
    }
}
