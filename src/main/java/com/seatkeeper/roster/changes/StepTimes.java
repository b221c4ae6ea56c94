package com.seatkeeper.roster.changes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Wall time of the named steps of one compare or apply, in milliseconds, in the order they ran: logged at INFO with the
 * run (docs/benchmarks.md reads them to show where an import's time goes). One per transaction attempt; not thread-safe.
 */
final class StepTimes {
    private final Map<String, Long> millis = new LinkedHashMap<>();

    /** Runs {@code step}, adding its wall time to {@code name}. */
    void time(String name, Runnable step) {
        long t0 = System.nanoTime();
        try {
            step.run();
        } finally {
            millis.merge(name, (System.nanoTime() - t0) / 1_000_000, Long::sum);
        }
    }

    /** As {@link #time(String, Runnable)}, returning the step's value. */
    <T> T time(String name, Supplier<T> step) {
        long t0 = System.nanoTime();
        try {
            return step.get();
        } finally {
            millis.merge(name, (System.nanoTime() - t0) / 1_000_000, Long::sum);
        }
    }

    /** The sum of all steps, in milliseconds. */
    long total() {
        return millis.values().stream().mapToLong(Long::longValue).sum();
    }

    /** E.g. {@code "12,345 ms (schools 12, users 4,002, ...)"}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(java.util.Locale.US, "%,d ms (", total()));
        String sep = "";
        for (Map.Entry<String, Long> e : millis.entrySet()) {
            s.append(sep).append(e.getKey()).append(' ').append(String.format(java.util.Locale.US, "%,d", e.getValue()));
            sep = ", ";
        }
        return s.append(')').toString();
    }
}
