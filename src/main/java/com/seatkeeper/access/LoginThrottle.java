package com.seatkeeper.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Failed-login throttling: after {@value #MAX_FAILURES} failed sign-ins for one email within
 * {@link #WINDOW}, further attempts for it are refused until the window has passed, whatever the
 * password. The failures are kept in the database (table {@code sign_in_failures}, by a hash of
 * the email), so all instances share them and a restart does not clear them.
 */
@Component
class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean isLocked(String email) {
        Instant since = clock.instant().minus(WINDOW);
        long recent = jdbc.sql("select count(*) from sign_in_failures where email_hash = ? and failed_at > ?")
                .params(key(email), Timestamp.from(since)).query(Long.class).single();
        return recent >= MAX_FAILURES;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        recordFailure(event.getAuthentication().getName());
    }

    void recordFailure(String email) {
        Instant now = clock.instant();
        jdbc.sql("insert into sign_in_failures (email_hash, failed_at) values (?, ?)").params(key(email), Timestamp.from(now)).update();
        // failures older than the window no longer count, for any email
        jdbc.sql("delete from sign_in_failures where failed_at <= ?").param(Timestamp.from(now.minus(WINDOW))).update();
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        // the principal is the account id; the email typed is known to the filter of this request
        String typed = ThrottleFilter.TYPED.get();
        if (typed != null) {
            jdbc.sql("delete from sign_in_failures where email_hash = ?").param(key(typed)).update();
        }
    }

    private static byte[] key(String email) {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return Accounts.hash("sign-in:" + normalized);
    }

    /** Refuses sign-in attempts for a locked email before the password is even checked. */
    static class ThrottleFilter extends OncePerRequestFilter {
        static final ThreadLocal<String> TYPED = new ThreadLocal<>();
        private final LoginThrottle throttle;

        ThrottleFilter(LoginThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String email = request.getParameter("email");
            if (throttle.isLocked(email)) {
                response.sendRedirect(request.getContextPath() + "/login?locked");
                return;
            }
            TYPED.set(email);
            try {
                chain.doFilter(request, response);
            } finally {
                TYPED.remove();
            }
        }
    }
}
