package com.seatkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.Cursors;
import com.seatkeeper.shared.SeekRequest;
import com.seatkeeper.shared.UserId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The console's one reading of list parameters, as plain functions: what is taken, and what is refused with words. */
class ListParamsTest {

    @Test
    void an_offset_is_a_whole_number_within_the_limit_or_none() {
        assertThat(ListParams.offset(null, 1000)).isZero();
        assertThat(ListParams.offset(" ", 1000)).isZero();
        assertThat(ListParams.offset("1000", 1000)).isEqualTo(1000);
        assertThat(ListParams.offset(" 7 ", 1000)).isEqualTo(7);
        for (String bad : List.of("1001", "-1", "abc", "2147483647", "99999999999", "1e3", "+5", "0x10")) {
            assertThat(ListParams.offset(bad, 1000)).as(bad).isNull();
        }
    }

    @Test
    void a_position_the_list_does_not_serve_is_the_first_page_with_a_reason_in_console_words() {
        ListParams.Position ok = ListParams.position(50, "c", null, null);
        assertThat(ok.problem()).isNull();
        assertThat(ok.request()).isEqualTo(new SeekRequest(50, "c", null, 0));
        assertThat(ok.notFirst()).isTrue();
        for (String[] bad : List.of(new String[] {"a", "b", null}, new String[] {null, null, "abc"}, new String[] {null, null, "1001"},
                new String[] {"a", null, "5"})) {
            ListParams.Position p = ListParams.position(50, bad[0], bad[1], bad[2]);
            assertThat(p.request()).isEqualTo(SeekRequest.first(50));
            assertThat(p.problem()).endsWith("Showing the first page.").doesNotContain("Link").doesNotContain("after");
            assertThat(p.notFirst()).isFalse();
        }
    }

    @Test
    void a_cursor_the_list_refuses_reads_the_first_page_and_says_why() {
        ListParams.Read<String> read = ListParams.position(50, "stale", null, null).read(request -> {
            if (request.after() != null) {
                throw Cursors.invalid("after");
            }
            return "first page";
        });
        assertThat(read.page()).isEqualTo("first page");
        assertThat(read.position().problem()).contains("out of date");
    }

    @Test
    void a_filter_value_is_one_of_the_choices_or_named_and_a_search_text_fits_one_line_of_200() {
        assertThat(ListParams.problem("Role", "TEACHER", List.of("TEACHER", "STUDENT"))).isNull();
        assertThat(ListParams.problem("Role", "", List.of("TEACHER"))).isNull();
        assertThat(ListParams.problem("Role", "WIZ", List.of("TEACHER"))).isEqualTo(
                "Role “WIZ” is not one of the choices, so the list is not filtered by it. Choose one from the list.");
        assertThat(ListParams.searchProblem("x".repeat(200))).isNull();
        assertThat(ListParams.searchProblem(null)).isNull();
        assertThat(ListParams.searchProblem("x".repeat(201))).contains("at most 200 characters").doesNotContain("q ");
        assertThat(ListParams.searchProblem("a\nb")).contains("on one line");
    }

    @Test
    void a_typed_text_given_twice_is_not_one_text_and_is_not_searched_for() {
        ListParams.Typed twice = ListParams.Typed.of(Map.of("fromQ", new String[] {"a", "b"}), "fromQ");
        assertThat(twice.repeated()).isTrue();
        assertThat(twice.problem()).contains("more than once");
        assertThat(twice.searched()).isNull();
        assertThat(twice.shown()).isNull();
        ListParams.Typed once = ListParams.Typed.of(Map.of("q", new String[] {"Smith, Ann"}), "q");
        assertThat(once.problem()).isNull();
        assertThat(once.searched()).isEqualTo("Smith, Ann");
        assertThat(ListParams.Typed.of(Map.of(), "q")).isEqualTo(ListParams.Typed.NONE);
        assertThat(ListParams.Typed.NONE.problem()).isNull();
        ListParams.Typed tooLong = ListParams.Typed.of(Map.of("q", new String[] {"y".repeat(201)}), "q");
        assertThat(tooLong.problem()).contains("at most 200 characters");
        assertThat(tooLong.searched()).isNull();
        assertThat(ListParams.Typed.of(Map.of("q", new String[] {"a\u0000b"}), "q").problem()).isNotNull();
    }

    @Test
    void an_id_filter_is_a_well_formed_id_or_none_with_a_reason() {
        UUID id = UUID.randomUUID();
        assertThat(ListParams.idFilter("Person", id.toString(), UserId::new)).isEqualTo(new ListParams.IdFilter<>(new UserId(id), null));
        assertThat(ListParams.idFilter("Person", " " + id.toString().toUpperCase() + " ", UserId::new).id()).isEqualTo(new UserId(id));
        assertThat(ListParams.idFilter("Person", "", UserId::new)).isEqualTo(new ListParams.IdFilter<>(null, null));
        assertThat(ListParams.idFilter("Person", null, UserId::new)).isEqualTo(new ListParams.IdFilter<>(null, null));
        for (String bad : List.of("nope", "1-1-1-1-1", id + "," + id, id + "x")) {
            ListParams.IdFilter<UserId> f = ListParams.idFilter("Person", bad, UserId::new);
            assertThat(f.id()).as(bad).isNull();
            assertThat(f.problem()).as(bad).startsWith("Person “").contains("is not one of the choices");
        }
    }
}
