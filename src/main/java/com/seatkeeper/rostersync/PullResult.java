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
 */
public record PullResult(long requests, long pages, long records, boolean paused, String pausedWhy, List<Problem> warnings) {
    public PullResult {
        warnings = List.copyOf(warnings);
    }
}
