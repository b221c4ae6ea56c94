package com.seatkeeper.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * A real PostgreSQL 17 in-process (zonky binaries) for {@code mvn spring-boot:run} and tests.
 * With {@code seatkeeper.embedded-db.data-dir} set the data survives restarts (run mode);
 * empty gives a fresh temporary cluster (tests). As root, zonky itself starts PostgreSQL
 * through {@code unshare -U} (PostgreSQL refuses to run as root).
 *
 * <p>{@code seatkeeper.embedded-db.fsync} ({@code on} or {@code off}) sets {@code fsync} and
 * {@code synchronous_commit} together: {@code on} is durable as production runs PostgreSQL (a commit
 * returns after its WAL is flushed to disk), {@code off} skips the flushes. Unset, it is {@code off}
 * for a temporary cluster (tests) and {@code on} with a data directory (run mode). The seat API
 * benchmark sets it {@code on}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseCondition.class)
class EmbeddedDatabaseConfig {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${seatkeeper.embedded-db.data-dir:}") String dataDir,
                                      @Value("${seatkeeper.embedded-db.port:0}") int port,
                                      @Value("${seatkeeper.embedded-db.fsync:}") String fsync) throws IOException {
        long t0 = System.nanoTime();
        boolean flush = fsync.isBlank() ? !dataDir.isBlank() : fsync.equalsIgnoreCase("on") || fsync.equalsIgnoreCase("true");
        String durable = flush ? "on" : "off";
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "120")
                .setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable) // zonky's default is off
                // initdb fails when LANG names a locale that is not installed: never inherit it
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("locale-provider", "builtin")
                .setLocaleConfig("builtin-locale", "C.UTF-8")
                .setPort(port)
                // Spring closes this bean after the DataSource; zonky's own JVM shutdown hook would stop PostgreSQL
                // concurrently with the context's shutdown, under the feet of beans that still use it on close
                // (the JVM then hung for Hikari's 30 s connection timeout, e.g. at the end of every test run)
                .setRegisterShutdownHook(false);
        if (!dataDir.isBlank()) {
            Path dir = Path.of(dataDir).toAbsolutePath();
            Files.createDirectories(dir);
            b.setDataDirectory(dir).setCleanDataDirectory(false);
        }
        EmbeddedPostgres pg = b.start();
        log.info("Embedded PostgreSQL up on port {} in {} ms (data: {}, fsync and synchronous_commit {})", pg.getPort(),
                (System.nanoTime() - t0) / 1_000_000, dataDir.isBlank() ? "temporary" : dataDir, durable);
        return pg;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres pg, @Value("${seatkeeper.embedded-db.pool-size:20}") int poolSize) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
        c.setUsername("postgres");
        c.setMaximumPoolSize(poolSize);
        c.setPoolName("embedded-pg");
        return new HikariDataSource(c);
    }
}
