package com.seatkeeper.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
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
 * through {@code unshare -U} (PostgreSQL refuses to run as root). A fixed port that is taken fails the start with a
 * message naming the port and {@value #PORT_PROPERTY}, and the server that answers must report the data directory the
 * embedded one was started from: never another PostgreSQL that happens to listen on the port.
 *
 * <p>{@code seatkeeper.embedded-db.fsync} ({@code on} or {@code off}) sets {@code fsync} and
 * {@code synchronous_commit} together: {@code on} is durable as production runs PostgreSQL (a commit
 * returns after its WAL is flushed to disk), {@code off} skips the flushes. Unset, it is {@code off}
 * for a temporary cluster (tests) and {@code on} with a data directory (run mode). The seat API
 * benchmark sets it {@code on}.
 *
 * <p>Memory (issue 12, README "Production"): with a data directory (run mode) PostgreSQL is sized as production would run
 * it on this machine: {@code shared_buffers} a quarter of the machine's memory (at most 4 GB), {@code effective_cache_size}
 * half of it, {@code work_mem} 32 MB, {@code maintenance_work_mem} 256 MB, {@code random_page_cost} 1.1 and
 * {@code effective_io_concurrency} 200 (SSD storage, as README's production settings recommend), {@code max_wal_size} 8 GB (a
 * million-person upload between two checkpoints); a temporary cluster (tests, several at once)
 * keeps 128 MB of shared buffers with the same {@code work_mem}. {@code seatkeeper.embedded-db.shared-buffers} and
 * {@code seatkeeper.embedded-db.work-mem} (PostgreSQL units, e.g. {@code 512MB}) override them.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseCondition.class)
class EmbeddedDatabaseConfig {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

    /** The property that names the embedded database's port (0 picks a free one). */
    static final String PORT_PROPERTY = "seatkeeper.embedded-db.port";

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${seatkeeper.embedded-db.data-dir:}") String dataDir,
                                      @Value("${" + PORT_PROPERTY + ":0}") int port,
                                      @Value("${seatkeeper.embedded-db.fsync:}") String fsync,
                                      @Value("${seatkeeper.embedded-db.shared-buffers:}") String sharedBuffers,
                                      @Value("${seatkeeper.embedded-db.work-mem:32MB}") String workMem) throws IOException {
        long t0 = System.nanoTime();
        if (port != 0) {
            requirePortFree(port);
        }
        AtomicReference<Path> startedIn = new AtomicReference<>();
        boolean flush = fsync.isBlank() ? !dataDir.isBlank() : fsync.equalsIgnoreCase("on") || fsync.equalsIgnoreCase("true");
        String durable = flush ? "on" : "off";
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "120")
                .setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable) // zonky's default is off
                .setServerConfig("shared_buffers", sharedBuffers.isBlank() ? defaultSharedBuffers(!dataDir.isBlank()) : sharedBuffers)
                .setServerConfig("effective_cache_size", (machineMegabytes() / 2) + "MB")
                .setServerConfig("work_mem", workMem)
                .setServerConfig("maintenance_work_mem", "256MB")
                // SSD: a random read costs about a sequential one (the EXPLAIN guard plans with the same values)
                .setServerConfig("random_page_cost", "1.1")
                .setServerConfig("effective_io_concurrency", "200")
                // a roster upload of a million people writes several GB of WAL in one transaction: with the default 1 GB
                // a checkpoint starts every few seconds of it and each one makes the next write of every page a full image
                .setServerConfig("max_wal_size", dataDir.isBlank() ? "1GB" : "8GB")
                // initdb fails when LANG names a locale that is not installed: never inherit it
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("locale-provider", "builtin")
                .setLocaleConfig("builtin-locale", "C.UTF-8")
                .setPort(port)
                .setDataDirectoryCustomizer(dir -> startedIn.set(dir.toPath()))
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
        try {
            requireStartedServer(pg.getPostgresDatabase(), startedIn.get(), pg.getPort());
        } catch (RuntimeException wrongServer) {
            pg.close();
            throw wrongServer;
        }
        log.info("Embedded PostgreSQL up on port {} in {} ms (data: {}, fsync and synchronous_commit {})", pg.getPort(),
                (System.nanoTime() - t0) / 1_000_000, dataDir.isBlank() ? "temporary" : dataDir, durable);
        return pg;
    }

    /** A quarter of the machine's memory, at most 4 GB, with a data directory; else (a temporary cluster) 128 MB. */
    static String defaultSharedBuffers(boolean runMode) {
        return runMode ? Math.max(128, Math.min(4096, machineMegabytes() / 4)) + "MB" : "128MB";
    }

    /** The machine's physical memory in MB (8 GB when the JVM cannot tell). */
    static long machineMegabytes() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(1024, os.getTotalMemorySize() / (1024 * 1024));
        }
        return 8192;
    }

    /**
     * Fails, naming the port and the setting to change, when something already listens on the port: zonky would otherwise
     * take whatever PostgreSQL answers there for the one it started (and run migrations against it).
     */
    static void requirePortFree(int port) {
        for (InetAddress address : new InetAddress[] {InetAddress.getLoopbackAddress(), null}) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true); // a port in TIME_WAIT is free to use; one that is listened on is not
                probe.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
            } catch (IOException taken) {
                throw new IllegalStateException("The embedded PostgreSQL cannot start: port " + port + " is already in use (another "
                        + "PostgreSQL or program listens there). Stop that program, or set " + PORT_PROPERTY + " to a free port "
                        + "(0 picks one), e.g. --" + PORT_PROPERTY + "=54330.", taken);
            }
        }
    }

    /**
     * Fails unless the server answering on the port is the one started from {@code dataDirectory} (its
     * {@code data_directory} setting): a server started elsewhere that holds the port must never be migrated or used.
     */
    static void requireStartedServer(DataSource answering, Path dataDirectory, int port) {
        String reported;
        try (Connection c = answering.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show data_directory")) {
            rs.next();
            reported = rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded PostgreSQL on port " + port + " does not answer as expected (" + e.getMessage()
                    + "). If another PostgreSQL listens there, set " + PORT_PROPERTY + " to a free port.", e);
        }
        if (dataDirectory == null || !sameDirectory(Path.of(reported), dataDirectory)) {
            throw new IllegalStateException("The PostgreSQL answering on port " + port + " is not the embedded one: it runs from "
                    + reported + ", the embedded one from " + dataDirectory + ". Another PostgreSQL holds the port; stop it or set "
                    + PORT_PROPERTY + " to a free port. Nothing was changed in that database.");
        }
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres pg, @Value("${seatkeeper.embedded-db.pool-size:20}") int poolSize,
                          @Value("${spring.datasource.hikari.connection-init-sql:}") String connectionInitSql) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
        c.setUsername("postgres");
        if (!connectionInitSql.isBlank()) {
            c.setConnectionInitSql(connectionInitSql); // as Boot's pool would for an external database (application.properties)
        }
        c.setMaximumPoolSize(poolSize);
        c.setPoolName("embedded-pg");
        return new HikariDataSource(c);
    }
}
