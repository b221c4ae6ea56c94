package com.seatkeeper.licensing;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a long licensing list: its rows, how many rows the whole list has, and the cursor of the next page.
 *
 * @param items the page's rows, in the list's order
 * @param total how many rows the list has: exact when known cheaply, else a lower bound
 * @param next  the {@code after} cursor of the next page, or null on the last page
 */
public record Listing<T>(List<T> items, Total total, String next) {

    /**
     * A list's size. Exact up to {@link #COUNT_LIMIT} rows (counting stops at the first row past it) or when a stored
     * count knows it; otherwise "more than {@code value}".
     *
     * @param value the number of rows, or the bound when not exact
     * @param exact false: the list has more than {@code value} rows
     */
    public record Total(long value, boolean exact) {
        /** Lists count their rows up to here and say "more than" past it. */
        public static final int COUNT_LIMIT = 10_000;

        /** The total of a count that stopped at {@code COUNT_LIMIT + 1} rows. */
        static Total counted(long rows) {
            return rows > COUNT_LIMIT ? new Total(COUNT_LIMIT, false) : new Total(rows, true);
        }

        /** "1,234" or "more than 10,000". */
        public String label() {
            return exact ? String.format("%,d", value) : "more than " + String.format("%,d", value);
        }
    }

    public <R> Listing<R> map(Function<T, R> f) {
        return new Listing<>(items.stream().map(f).toList(), total, next);
    }
}
