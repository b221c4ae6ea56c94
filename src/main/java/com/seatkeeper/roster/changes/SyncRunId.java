package com.seatkeeper.roster.changes;

import com.seatkeeper.shared.Ids;
import java.util.Objects;
import java.util.UUID;

/** Identifies a run (one upload or one sync) in {@code sync_runs}; never null. */
public record SyncRunId(UUID value) {
    public SyncRunId {
        Objects.requireNonNull(value, "run id");
    }

    public static SyncRunId of(String text) {
        return new SyncRunId(Ids.parse(text, "run"));
    }

    /**
     * The schema that holds this run's staged rows ({@code staged_rows}, one unlogged partition per kind) and, for a
     * preview, its kept comparison: {@code staged_} and the id in hex (V31). Dropped whole when the run's staging is.
     */
    public String stagingSchema() {
        return "staged_" + value.toString().replace("-", "");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
