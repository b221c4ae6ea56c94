package com.seatkeeper.rostersync;

import com.seatkeeper.roster.changes.Problem;
import java.util.List;

/**
 * What a pull read.
 *
 * @param requests   HTTP requests made, retries included
 * @param pages      pages read (an empty last page counts)
 * @param records    records read in all (districts, schools, users, sections, terms, courses)
 * @param paused     the provider says the district is paused (Clever {@code state} paused, or {@code pause_start} ..
 *                   {@code pause_end} covering today in the district's timezone): the run removes nobody
 * @param pausedWhy  why, in words, when paused; else null
 * @param warnings   what the pull skipped or tolerated (contacts skipped, a section naming a term not served), as WARNINGs
 * @param cursor     the provider's position to resume from at the next delta (Clever: the newest event's id when the pull
 *                   began), null to keep the stored one
 * @param deltaSupport what this pull learned about delta requests (HONOURED, IGNORED), null when it learned nothing
 */
public record PullResult(long requests, long pages, long records, boolean paused, String pausedWhy, List<Problem> warnings,
                         String cursor, PullState.DeltaSupport deltaSupport) {
    public PullResult {
        warnings = List.copyOf(warnings);
    }

    /** A pull that leaves no cursor and learned nothing about deltas (a full pull of a source without deltas). */
    public PullResult(long requests, long pages, long records, boolean paused, String pausedWhy, List<Problem> warnings) {
        this(requests, pages, records, paused, pausedWhy, warnings, null, null);
    }
}
