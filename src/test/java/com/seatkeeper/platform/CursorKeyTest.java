package com.seatkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seatkeeper.shared.Cursor;
import com.seatkeeper.shared.Cursors;
import com.seatkeeper.shared.InvalidRequestException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;

/** Two instances configured with the same secrets key read each other's cursors; another key does not. */
class CursorKeyTest {
    private static final Function<Cursor, Cursor> AS_IS = c -> c;

    @Test
    void instances_with_the_same_secrets_key_read_each_others_cursors() {
        String key = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        Cursors one = cursors(key);
        Cursors two = cursors(key);
        Cursor c = new Cursor("people", List.of("Garcia", "Finn", UUID.randomUUID().toString()));
        assertThat(two.open("after", "people", 3, one.seal(c), AS_IS)).isEqualTo(c);

        Cursors other = cursors(Base64.getEncoder().encodeToString(new byte[32]));
        assertThatThrownBy(() -> other.open("after", "people", 3, one.seal(c), AS_IS)).isInstanceOf(InvalidRequestException.class);
        assertThat(new Secrets(key, "k1", new StandardEnvironment()).derivedKey(CursorKey.PURPOSE))
                .as("derived, not the secrets key itself").isNotEqualTo(Base64.getDecoder().decode(key)).hasSize(32);
    }

    private static Cursors cursors(String secretsKey) {
        return new CursorKey().cursors(new Secrets(secretsKey, "k1", new StandardEnvironment()));
    }
}
