package com.seatkeeper.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The path a sign-in redirects to ({@link RelativeRedirects#pathOf}): the saved page's path and query, never an origin. */
class RelativeRedirectsPathTest {

    @Test
    void only_the_path_and_query_of_a_saved_page_are_kept() {
        assertThat(RelativeRedirects.pathOf("http://evil.example/people?continue")).isEqualTo("/people?continue");
        assertThat(RelativeRedirects.pathOf("https://evil.example:8443/licenses/a%20b?q=x%26y")).isEqualTo("/licenses/a%20b?q=x%26y");
        assertThat(RelativeRedirects.pathOf("/login?error")).isEqualTo("/login?error");
        assertThat(RelativeRedirects.pathOf("//evil.example/x")).as("scheme-relative: its path, on this server").isEqualTo("/x");
        assertThat(RelativeRedirects.pathOf("http://evil.example")).isEqualTo("/");
        assertThat(RelativeRedirects.pathOf("javascript:alert(1)")).isEqualTo("/");
        assertThat(RelativeRedirects.pathOf("not a url")).isEqualTo("/");
    }
}
