package com.seatkeeper.licensing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands rows read on the caller's thread to {@code each} on a thread of its own, in batches, so that reading the next
 * rows from PostgreSQL and writing the previous ones (formatting a CSV line, sending it to the client) overlap instead of
 * taking turns: a cursor fetch leaves the database idle while the rows are written, and the writer idle while they are
 * fetched (issue 12: the holders CSV of 750,000 rows ran at 0.45 of a {@code COPY} of the same rows). Rows keep their
 * order; at most {@code inFlight} batches wait (bounded memory). A failure of {@code each} (e.g. the client went away)
 * stops the reading at its next row and is thrown to the caller; {@link #close} waits for the last row to be written.
 * Not thread-safe: one reading thread.
 */
final class HandOff<T> implements Consumer<T>, AutoCloseable {
    private static final List<Object> END = List.of();

    private final BlockingQueue<List<T>> batches;
    private final int batchSize;
    private final Thread writer;
    private List<T> filling;
    private volatile RuntimeException failed;
    /** Whether the writer's failure was thrown to the reader already (close then throws nothing more). */
    private boolean reported;

    HandOff(Consumer<T> each, int batchSize, int inFlight, String name) {
        this.batches = new ArrayBlockingQueue<>(inFlight);
        this.batchSize = batchSize;
        this.filling = new ArrayList<>(batchSize);
        this.writer = new Thread(() -> drain(each), name);
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the row; waits while {@code inFlight} batches are queued; throws the writer's failure. */
    @Override
    public void accept(T row) {
        filling.add(row);
        if (filling.size() == batchSize) {
            put(filling);
            filling = new ArrayList<>(batchSize);
        }
    }

    /** Sends the last batch, waits until every row is written, and throws the writer's failure if there was one. */
    @Override
    @SuppressWarnings("unchecked")
    public void close() {
        if (reported) {
            return; // the writer failed and ended; its failure was thrown from accept
        }
        if (!filling.isEmpty()) {
            put(filling);
            filling = new ArrayList<>();
        }
        put((List<T>) END);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the rows were written", e);
        }
        rethrow();
    }

    private void put(List<T> batch) {
        try {
            while (!batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (!writer.isAlive()) {
                    throw new IllegalStateException("the writer of the rows stopped early");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the rows were written", e);
        }
        rethrow();
    }

    private void rethrow() {
        if (failed != null && !reported) {
            reported = true;
            throw failed;
        }
    }

    private void drain(Consumer<T> each) {
        try {
            for (List<T> batch = batches.take(); batch != END; batch = batches.take()) {
                for (T row : batch) {
                    each.accept(row);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = new IllegalStateException("interrupted while the rows were written", e);
        } catch (RuntimeException e) {
            failed = e;
        }
    }
}
