package com.seatkeeper.licensing;

import com.seatkeeper.shared.Cursor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The positions of the keyset-paged licensing lists as {@link Cursor} values (plain functions; the cursors themselves
 * are sealed and opened by {@link com.seatkeeper.shared.Cursors}, the one mechanism of every list). A position is the sort
 * key of a page's last row: a time in microseconds since the epoch (PostgreSQL's precision) and an id, a canonical UUID
 * (holders) or a positive number (ledger rows). Reading a position validates both, and the time lies within years 1 to
 * 9999, so no value the database would refuse reaches a query.
 */
final class ListCursor {
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private ListCursor() {}

    /** The sort key of a row: when, and the row's id as text (a uuid or a number). */
    record Position(Instant at, String id) {}

    /** The cursor of {@code list} at the position. */
    static Cursor of(String list, Position p) {
        return new Cursor(list, List.of(Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, p.at())), p.id()));
    }

    /** A holders position: a time and a person's id. */
    static Position holder(Cursor c) {
        return new Position(at(c.number(0)), c.uuid(1).toString());
    }

    /** A ledger position: a time and a ledger row's id. */
    static Position ledgerRow(Cursor c) {
        long id = c.number(1);
        if (id < 1) {
            throw new IllegalArgumentException("not a ledger row id");
        }
        return new Position(at(c.number(0)), Long.toString(id));
    }

    private static Instant at(long micros) {
        Instant at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new IllegalArgumentException("not a time of a list row");
        }
        return at;
    }
}
