package com.seatkeeper.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The sealed keyset cursor and the page request as plain functions: any sort key survives the round trip, nothing of it
 * is readable in the cursor, instances with the same key read each other's cursors, and every cursor that was not made
 * for the list (forged, edited, cut short, of another key or list) is refused as {@code invalid_cursor} naming the field.
 */
class CursorTest {
    private static final String ID = UUID.randomUUID().toString();
    private static final Function<Cursor, Cursor> PERSON = c -> {
        c.id();
        return c;
    };

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final byte[] key = key();
    private final Cursors cursors = new Cursors(key);

    @Test
    void any_sort_key_survives_the_round_trip_and_none_of_it_is_readable() {
        for (String family : List.of("Garcia", "de la Cruz, Jr.", "O'Brien,,", "Ibáñez-Østergaard", "50% off_x", "", " ", "a\u001fb", "日本")) {
            Cursor c = new Cursor("people", List.of(family, "Finn", ID));
            String text = cursors.seal(c);
            assertThat(text).matches("[A-Za-z0-9_-]+");
            assertThat(cursors.open("after", "people", 3, text, PERSON)).isEqualTo(c);
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.ISO_8859_1);
            assertThat(decoded).as("the cursor carries no name in the clear").doesNotContain("Finn").doesNotContain(ID);
        }
        assertThat(cursors.seal(new Cursor("people", List.of("Garcia", "Finn", ID))))
                .as("sealed with a fresh nonce each time").isNotEqualTo(cursors.seal(new Cursor("people", List.of("Garcia", "Finn", ID))));
    }

    @Test
    void another_instance_with_the_same_key_reads_the_cursor_and_one_with_another_key_refuses_it() {
        String text = cursors.seal(new Cursor("people", List.of("Garcia", "Finn", ID)));
        assertThat(new Cursors(key.clone()).open("after", "people", 3, text, PERSON).values()).containsExactly("Garcia", "Finn", ID);
        assertRefused(() -> new Cursors(key()).open("after", "people", 3, text, PERSON), "after");
    }

    @Test
    void a_cursor_not_made_for_the_list_is_refused_as_invalid_cursor_naming_the_field() {
        String people = cursors.seal(new Cursor("people", List.of("Lopez", "Ana", ID)));
        char[] edited = people.toCharArray();
        edited[people.length() / 2] = edited[people.length() / 2] == 'A' ? 'B' : 'A';
        List<String> bad = List.of("", "!!", "AAAA", people.substring(1), people.substring(0, people.length() - 2), new String(edited),
                cursors.seal(new Cursor("classes", List.of("Math", ID))), "A".repeat(Cursors.MAX_LENGTH + 1),
                Base64.getUrlEncoder().withoutPadding().encodeToString(("1,people,Lopez,Ana," + ID).getBytes(StandardCharsets.UTF_8)));
        for (String text : bad) {
            assertRefused(() -> cursors.open("before", "people", 3, text, PERSON), "before");
        }
        assertRefused(() -> cursors.open("after", "people", 2, people, PERSON), "after");
        for (String id : List.of("not-a-uuid", "1-1-1-1-1", ID.toUpperCase(), "")) {
            String sealed = cursors.seal(new Cursor("people", List.of("Lopez", "Ana", id)));
            assertRefused(() -> cursors.open("after", "people", 3, sealed, PERSON), "after");
        }
        String ledger = cursors.seal(new Cursor("ledger", List.of("abc", "99999999999999999999")));
        assertRefused(() -> cursors.open("after", "ledger", 2, ledger, c -> c.number(0) + c.number(1)), "after");
    }

    @Test
    void offsets_past_1000_and_mixed_paging_are_refused_with_what_to_do() {
        assertThat(new SeekRequest(50, null, null, 1000).offset()).isEqualTo(1000);
        assertThatThrownBy(() -> new SeekRequest(50, null, null, 1001)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.code()).isEqualTo("offset_not_supported");
            assertThat(e.field()).isEqualTo("offset");
            assertThat(e.getMessage()).contains("page with after");
        });
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

    private static void assertRefused(Runnable open, String field) {
        assertThatThrownBy(open::run).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.code()).isEqualTo("invalid_cursor");
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains("unchanged");
        });
    }
}
