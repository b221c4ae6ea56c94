package com.seatkeeper.console;

import static com.seatkeeper.support.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Http;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import jakarta.servlet.Filter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An unexpected error (here a constraint that no problem is mapped to, and a plain bug) is a 500 with code
 * {@code internal_error} and a correlation id that is also in the log line with the stack trace; never the generic
 * "conflict", never Whitelabel. The endpoints below exist only in this test's application context.
 */
@ApiTest
@Import({InternalErrorTest.FailingApi.class, InternalErrorTest.FailingPage.class, InternalErrorTest.FailingFilter.class})
@ExtendWith(OutputCaptureExtension.class)
class InternalErrorTest {
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @RestController
    static class FailingApi {
        private final JdbcClient jdbc;

        FailingApi(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        /** Breaks a CHECK that has no meaning for callers (ledger actions): a bug, not a refusal. */
        @PostMapping("/api/v1/test-only/unmapped-constraint")
        void unmappedConstraint() {
            jdbc.sql("insert into districts (id, name, rostering_source, timezone, created_at) values (?, 'x', 'NOPE', 'UTC', now())")
                    .param(UUID.randomUUID()).update();
        }

        @GetMapping("/api/v1/test-only/bug")
        String bug() {
            throw new IllegalStateException("secret detail that must not reach the caller");
        }
    }

    @Controller
    static class FailingPage {
        @GetMapping("/test-only/bug")
        String bug() {
            throw new IllegalStateException("secret detail of a page");
        }
    }

    /** A failure before any controller: Boot's /error answers, with the same code and correlation id. */
    @TestConfiguration
    static class FailingFilter {
        @Bean
        FilterRegistrationBean<Filter> failingFilter() {
            var registration = new FilterRegistrationBean<Filter>((request, response, chain) -> {
                throw new IllegalStateException("secret detail of a filter");
            });
            registration.addUrlPatterns("/api/v1/test-only/filter-bug", "/test-only/filter-bug");
            return registration;
        }
    }

    private static String idIn(String text) {
        Matcher m = Pattern.compile("\\b([0-9a-f]{12})\\b").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    @Test
    void anUnmappedConstraintIsAnInternalErrorWithACorrelationIdInTheLog(CapturedOutput log) {
        var r = new Http(port).post("/api/v1/test-only/unmapped-constraint", ADMIN, "{}");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("code")).isEqualTo("internal_error");
        String id = r.text("correlationId");
        assertThat(id).matches("[0-9a-f]{12}");
        assertThat(r.text("detail")).contains(id).doesNotContain("districts_rostering_source_check");
        assertThat(log.getOut()).contains("Internal error " + id).contains("districts_rostering_source_check");
    }

    @Test
    void aBugBeforeAnyControllerIsAnInternalErrorWithACorrelationIdToo(CapturedOutput log) {
        var r = new Http(port).get("/api/v1/test-only/filter-bug", ADMIN);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text("code")).isEqualTo("internal_error");
        String id = r.text("correlationId");
        assertThat(id).matches("[0-9a-f]{12}");
        assertThat(r.raw()).doesNotContain("secret detail");
        assertThat(log.getOut()).contains("Internal error " + id).contains("secret detail of a filter");

        String email = "v-" + UUID.randomUUID() + "@example.test";
        accounts.ensureVendorAccount(email, "pw-internal-error");
        var page = ConsoleClient.signedIn(port, email, "pw-internal-error").getPage("/test-only/filter-bug");
        assertThat(page.status()).isEqualTo(500);
        assertThat(page.body()).contains("Something went wrong").contains("id=\"correlation\"").doesNotContain("Whitelabel");
        assertThat(log.getOut()).contains("Internal error " + idIn(page.body().substring(page.body().indexOf("id=\"correlation\""))));
    }

    @Test
    void aBugInTheApiIsAnInternalErrorWithoutItsMessage(CapturedOutput log) {
        var r = new Http(port).get("/api/v1/test-only/bug", ADMIN);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text("code")).isEqualTo("internal_error");
        assertThat(r.raw()).doesNotContain("secret detail");
        assertThat(log.getOut()).contains("Internal error " + r.text("correlationId")).contains("secret detail that must not reach");
    }

    @Test
    void aBugInTheConsoleIsADesignedPageWithTheSameCorrelationIdAsTheLog(CapturedOutput log) {
        String email = "v-" + UUID.randomUUID() + "@example.test";
        accounts.ensureVendorAccount(email, "pw-internal-error");
        var page = ConsoleClient.signedIn(port, email, "pw-internal-error").get("/test-only/bug");
        assertThat(page.status()).isEqualTo(500);
        assertThat(page.body()).contains("Something went wrong").contains("id=\"correlation\"").doesNotContain("Whitelabel")
                .doesNotContain("secret detail");
        String id = idIn(page.body().substring(page.body().indexOf("id=\"correlation\"")));
        assertThat(log.getOut()).contains("Internal error " + id).contains("secret detail of a page");
    }
}
