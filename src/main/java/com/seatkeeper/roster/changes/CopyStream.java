package com.seatkeeper.roster.changes;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One PostgreSQL {@code COPY ... FROM STDIN} fed from a thread of its own, so that the caller encodes the next chunk of
 * rows while PostgreSQL inserts the previous ones (the two would otherwise take turns: a socket holds far less than a
 * chunk). At most {@code inFlight} chunks wait to be sent (memory stays flat); the connection comes from the pool in
 * auto-commit and is returned when the stream ends. A failure of the COPY is thrown to the caller at its next
 * {@link #send} or at {@link #finish}.
 */
final class CopyStream {
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> waiting;
    private final Thread sender;
    private volatile Exception failed;

    CopyStream(DataSource dataSource, String copySql, String name, int inFlight) {
        this.waiting = new ArrayBlockingQueue<>(inFlight);
        this.sender = new Thread(() -> send(dataSource, copySql), name);
        sender.setDaemon(true);
        sender.start();
    }

    /** Queues a chunk of rows in COPY's text format (whole lines); waits while {@code inFlight} chunks are queued. */
    void send(byte[] chunk) {
        put(chunk);
    }

    /** Ends the COPY (its rows are then committed) and waits for it; throws if it failed. */
    void finish() {
        put(END);
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the staged rows were written", e);
        }
        rethrow();
    }

    private void put(byte[] chunk) {
        try {
            while (!waiting.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (!sender.isAlive()) {
                    rethrow();
                    throw new IllegalStateException("the COPY of staged rows ended early");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the staged rows were written", e);
        }
        rethrow();
    }

    private void rethrow() {
        if (failed != null) {
            throw new IllegalStateException(failed.getMessage(), failed);
        }
    }

    private void send(DataSource dataSource, String copySql) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
            try {
                for (byte[] chunk = waiting.take(); chunk != END; chunk = waiting.take()) {
                    copy.writeToCopy(chunk, 0, chunk.length);
                }
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException | InterruptedException | RuntimeException e) {
            failed = e;
            waiting.clear();
        }
    }
}
