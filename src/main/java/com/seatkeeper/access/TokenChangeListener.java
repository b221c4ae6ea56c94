package com.seatkeeper.access;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on its own PostgreSQL connection (outside the pool, so it never takes a request's connection) for
 * {@link TokenChanges} and applies them to this instance's {@link TokenCache}. It waits in
 * {@code PGConnection.getNotifications(timeout)}, so a change reaches every instance within milliseconds of its commit.
 * While the connection is down the cache is off (every request resolves its token from the database: correct, slower);
 * it reconnects with a growing pause (up to {@code seatkeeper.access.listen-retry-max-seconds}), and turns the cache back
 * on, empty, once it is listening again.
 */
@Component
class TokenChangeListener implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TokenChangeListener.class);
    private static final int WAIT_MILLIS = 500;

    private final DataSource dataSource;
    private final TokenChanges changes;
    private final TokenCache cache;
    private final Duration maxPause;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    TokenChangeListener(DataSource dataSource, TokenChanges changes, TokenCache cache,
                        @Value("${seatkeeper.access.listen-retry-max-seconds:30}") long maxPauseSeconds) {
        this.dataSource = dataSource;
        this.changes = changes;
        this.cache = cache;
        this.maxPause = Duration.ofSeconds(maxPauseSeconds);
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::listen, "token-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        cache.disable();
        closeQuietly(connection);
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        long pauseMillis = 200;
        while (running) {
            try (Connection c = open()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + TokenChanges.CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                cache.enable();
                log.debug("Listening for token changes");
                pauseMillis = 200;
                while (running) {
                    PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
                    if (received != null) {
                        for (PGNotification n : received) {
                            changes.apply(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                cache.disable();
                if (!running) {
                    return;
                }
                log.warn("Token change listener lost its connection ({}); API tokens are resolved without cache until it is back",
                        e.getMessage());
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pauseMillis = Math.min(pauseMillis * 2, maxPause.toMillis());
            } finally {
                connection = null;
            }
        }
    }

    /** A connection of its own: Hikari's URL and user when pooled by Hikari (always here), else one taken from the pool for good. */
    private Connection open() throws SQLException {
        if (dataSource instanceof HikariDataSource h && h.getJdbcUrl() != null) {
            Connection c = DriverManager.getConnection(h.getJdbcUrl(), h.getUsername(), h.getPassword());
            c.setAutoCommit(true);
            return c;
        }
        Connection c = dataSource.getConnection();
        c.setAutoCommit(true);
        return c;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing to stop the listener: nothing to do
            }
        }
    }
}
