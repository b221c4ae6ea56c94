package com.seatkeeper.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.shared.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The opaque list cursors: a cursor names the position it was made for, and nothing else is accepted. */
class ListCursorTest {
    private static final String LIST = "holders|pool-1|all";
    private static final ListCursor.Position AT = new ListCursor.Position(Instant.parse("2026-09-01T08:00:00.123456Z"),
            "7f1c9b1e-7d51-4c43-9a43-0f5b8a3c2d10");

    @Test
    void aCursorDecodesToItsPositionToTheMicrosecond() {
        String cursor = ListCursor.encode(LIST, AT);

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(ListCursor.decode(LIST, cursor)).isEqualTo(Outcome.done(AT));
    }

    @Test
    void aCursorOfAnotherListOrFilterIsRefused() {
        String cursor = ListCursor.encode(LIST, AT);

        assertRefused(ListCursor.decode("holders|pool-2|all", cursor), "another list");
        assertRefused(ListCursor.decode("ledger|pool-1|all|null|null", cursor), "another list");
    }

    @Test
    void anEditedCursorIsRefused() {
        String text = new String(Base64.getUrlDecoder().decode(ListCursor.encode(LIST, AT)), StandardCharsets.UTF_8);
        String moved = text.replace("|7f1c9b1e", "|0f1c9b1e");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(moved.getBytes(StandardCharsets.UTF_8));

        assertRefused(ListCursor.decode(LIST, forged), "was changed");
    }

    @Test
    void somethingThatIsNoCursorIsRefusedWithTheFieldNamed() {
        for (String junk : new String[] {"%%%", "bm90IGEgY3Vyc29y", "", "djF8MXwy", ListCursor.encode(LIST, AT).substring(3)}) {
            Outcome<ListCursor.Position> decoded = ListCursor.decode(LIST, junk);
            assertThat(decoded).as(junk).isInstanceOf(Outcome.Refused.class);
            ListRefusal.InvalidCursor refusal = (ListRefusal.InvalidCursor) ((Outcome.Refused<ListCursor.Position>) decoded).refusal();
            assertThat(refusal.code()).isEqualTo("invalid_cursor");
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(refusal.properties()).containsEntry("field", "after");
        }
    }

    private static void assertRefused(Outcome<ListCursor.Position> decoded, String why) {
        assertThat(decoded).isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Refused<ListCursor.Position>) decoded).refusal().detail()).contains(why.equals("another list")
                ? "another list" : why);
    }
}
