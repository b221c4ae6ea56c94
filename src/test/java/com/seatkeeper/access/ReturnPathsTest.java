package com.seatkeeper.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where signing in again may return to: this server's pages only (no open redirect). */
class ReturnPathsTest {

    @Test
    void aPageOfThisServerIsKeptWithItsQuery() {
        assertThat(ReturnPaths.sameOrigin("http://localhost:8080/licenses/p1/holders?page=2", "localhost", 8080))
                .contains("/licenses/p1/holders?page=2");
        assertThat(ReturnPaths.sameOrigin("/classes/c1", "localhost", 8080)).contains("/classes/c1");
        assertThat(ReturnPaths.sameOrigin("https://seats.example/people", "seats.example", 443)).contains("/people");
    }

    @Test
    void anotherSiteOrAMalformedAddressIsRefused() {
        assertThat(ReturnPaths.sameOrigin("https://evil.example/licenses", "localhost", 8080)).isEmpty();
        assertThat(ReturnPaths.sameOrigin("http://localhost:9999/licenses", "localhost", 8080)).as("another port").isEmpty();
        assertThat(ReturnPaths.sameOrigin("//evil.example/licenses", "localhost", 8080)).isEmpty();
        assertThat(ReturnPaths.sameOrigin("/\\evil.example", "localhost", 8080)).isEmpty();
        assertThat(ReturnPaths.sameOrigin("javascript:alert(1)", "localhost", 8080)).isEmpty();
        assertThat(ReturnPaths.sameOrigin("licenses", "localhost", 8080)).as("not a path").isEmpty();
        assertThat(ReturnPaths.sameOrigin("http://localhost:8080/a b", "localhost", 8080)).isEmpty();
        assertThat(ReturnPaths.sameOrigin(null, "localhost", 8080)).isEmpty();
        assertThat(ReturnPaths.sameOrigin("/login?error", "localhost", 8080)).as("the sign-in page itself").isEmpty();
    }
}
