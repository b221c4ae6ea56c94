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

    @Override
    public String toString() {
        return value.toString();
    }
}
