package com.seatkeeper.rostersync;

import java.util.Map;

/**
 * The answer of a connection test ({@code POST /api/v1/districts/{districtId}/rostering:test}): JSON
 * {@code {ok, found, problem}}.
 *
 * @param ok      true when every read worked
 * @param found   what the first pages held, by kind ({@code district} the district's name as the provider calls it is
 *                not here; counts only): e.g. {@code {"schools": 3, "users": 100, "sections": 20}}; counts of the first pages
 *                (at most 100 records each), so the district has at least that many
 * @param problem what did not work and what to do, in plain words (null when ok), never a secret
 */
public record ConnectionCheck(boolean ok, Map<String, Long> found, String problem) {
    public ConnectionCheck {
        found = Map.copyOf(found);
    }
}
