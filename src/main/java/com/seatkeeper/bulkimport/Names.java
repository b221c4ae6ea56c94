package com.seatkeeper.bulkimport;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggestions for misspelt names (headers, school names, product codes): the nearest by Levenshtein distance. */
final class Names {
    private Names() {}

    /**
     * The candidate nearest to {@code name} (ignoring case), if its edit distance is at most {@code maxDistance}; ties go to
     * the first candidate.
     */
    static Optional<String> nearest(String name, Collection<String> candidates, int maxDistance) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(lower, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return bestDistance <= maxDistance ? Optional.of(best) : Optional.empty();
    }

    /** The nearest candidate whatever the distance (empty only when there is none). */
    static Optional<String> nearest(String name, Collection<String> candidates) {
        return nearest(name, candidates, Integer.MAX_VALUE - 1);
    }

    /** Levenshtein distance: insertions, deletions and substitutions, each 1. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
