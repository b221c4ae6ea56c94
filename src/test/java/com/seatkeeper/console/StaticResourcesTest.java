package com.seatkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * Static files are served under /css, /js and /webjars only, and no other URL is taken for one (issue 12: with Boot's
 * default {@code /**} mapping, every link and form action a console page rendered was looked up in the jar's class path
 * by the resource chain's URL encoding — 1.4 s for a page of 400 schools). The stylesheet, the scripts and htmx by its
 * version-free path are still served.
 */
@ApiTest
class StaticResourcesTest {
    @LocalServerPort
    int port;
    @Autowired
    ResourceUrlProvider resourceUrls;

    @Test
    void onlyCssJsAndWebjarsAreResourcePathsAndTheyAreServed() {
        assertThat(resourceUrls.getHandlerMap().keySet()).as("springdoc's own Swagger UI files besides ours")
                .containsExactlyInAnyOrder("/css/**", "/js/**", "/webjars/**", "/swagger-ui/**", "/swagger-ui/*swagger-initializer.js");
        assertThat(resourceUrls.getForLookupPath("/schools/0b6f3a8e-0000-4000-8000-000000000000/deactivate")).isNull();

        ConsoleClient anonymous = ConsoleClient.anonymous(port);
        var css = anonymous.get("/css/console.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");
        assertThat(anonymous.get("/js/console.js").status()).isEqualTo(200);
        var htmx = anonymous.get("/webjars/htmx.org/dist/htmx.min.js");
        assertThat(htmx.status()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
        assertThat(anonymous.get("/css/nothing-here.css").status()).isEqualTo(404);
    }
}
