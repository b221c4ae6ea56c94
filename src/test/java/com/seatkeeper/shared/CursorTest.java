package com.seatkeeper.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The keyset cursor and page request as plain functions: round trips of any text, and every malformed input refused. */
class CursorTest {
    private static final String ID = UUID.randomUUID().toString();

    @Test
    void any_sort_key_survives_the_round_trip() {
        for (String family : List.of("Lopez", "de la Cruz, Jr.", "O'Brien,,", "Ibáñez-Østergaard", "50% off_x", "", " ", "a\u001fb", "日本")) {
            Cursor c = new Cursor("people", List.of(family, "Ana", ID));
            String text = c.encode();
            assertThat(text).matches("[A-Za-z0-9_-]+");
            assertThat(Cursor.decode("after", "people", 3, text)).isEqualTo(c);
        }
    }

    @Test
    void a_cursor_of_another_list_or_shape_is_refused_as_invalid_cursor_naming_the_field() {
        String people = new Cursor("people", List.of("Lopez", "Ana", ID)).encode();
        for (String bad : List.of("", "!!", people.substring(1), new Cursor("classes", List.of("Math", ID)).encode(),
                new Cursor("people", List.of("Lopez", "Ana", "nope")).encode(), new Cursor("people", List.of("Lo\u0000", "Ana", ID)).encode(),
                "A".repeat(Cursor.MAX_LENGTH + 1))) {
            assertThatThrownBy(() -> Cursor.decode("before", "people", 3, bad)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                assertThat(e.code()).isEqualTo("invalid_cursor");
                assertThat(e.field()).isEqualTo("before");
            });
        }
        assertThatThrownBy(() -> Cursor.decode("after", "people", 2, people)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void offsets_past_1000_and_mixed_paging_are_refused_with_what_to_do() {
        assertThat(new SeekRequest(50, null, null, 1000).offset()).isEqualTo(1000);
        assertThatThrownBy(() -> new SeekRequest(50, null, null, 1001)).hasMessageContaining("page with after");
        assertThatThrownBy(() -> new SeekRequest(50, "a", "b", 0)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo("before"));
        assertThatThrownBy(() -> new SeekRequest(50, "a", null, 5)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo("offset"));
        assertThatThrownBy(() -> new SeekRequest(0, null, null, 0)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo("limit"));
        assertThat(new SeekRequest(10, " ", "", 0).cursor()).as("blank cursors are none").isNull();
        assertThat(Slice.Total.ofCapped(10_000)).isEqualTo(new Slice.Total(10_000, true));
        assertThat(Slice.Total.ofCapped(10_001).label()).isEqualTo("more than 10,000");
    }
}
