package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seatkeeper.shared.Cursor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The licensing lists' positions: a position survives to the microsecond, and a value no row has is refused. */
class ListCursorTest {
    private static final ListCursor.Position HOLDER = new ListCursor.Position(Instant.parse("2026-09-01T08:00:00.123456Z"),
            "7f1c9b1e-7d51-4c43-9a43-0f5b8a3c2d10");

    @Test
    void a_position_survives_to_the_microsecond() {
        assertThat(ListCursor.holder(ListCursor.of("holders|p|all", HOLDER))).isEqualTo(HOLDER);
        ListCursor.Position row = new ListCursor.Position(HOLDER.at(), "42");
        assertThat(ListCursor.ledgerRow(ListCursor.of("ledger|p", row))).isEqualTo(row);
    }

    @Test
    void ids_and_times_that_no_row_has_are_refused() {
        for (List<String> v : List.of(List.of("0", "not-a-uuid"), List.of("0", "1-1-1-1-1"), List.of("-9223372036854775808", HOLDER.id()),
                List.of("9223372036854775807", HOLDER.id()), List.of("x", HOLDER.id()))) {
            assertThatThrownBy(() -> ListCursor.holder(new Cursor("holders", v))).as("%s", v).isInstanceOf(IllegalArgumentException.class);
        }
        for (List<String> v : List.of(List.of("0", "abc"), List.of("0", "99999999999999999999"), List.of("0", "0"), List.of("0", "-5"))) {
            assertThatThrownBy(() -> ListCursor.ledgerRow(new Cursor("ledger", v))).as("%s", v).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
