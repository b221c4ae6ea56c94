package com.seatkeeper.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Failed-login throttling: after {@value #MAX_FAILURES} failed sign-ins for one email within
 * {@link #WINDOW}, further attempts for it are refused until the window has passed, whatever the
 * password. Kept in memory per instance (a restart clears it).
 */
@Component
class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    boolean isLocked(String email) {
        Deque<Instant> f = failures.get(key(email));
        if (f == null) {
            return false;
        }
        synchronized (f) {
            prune(f);
            return f.size() >= MAX_FAILURES;
        }
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Deque<Instant> f = failures.computeIfAbsent(key(event.getAuthentication().getName()), k -> new ArrayDeque<>());
        synchronized (f) {
            prune(f);
            f.addLast(clock.instant());
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        // the principal is the account id; the email typed is known to the filter of this request
        String typed = ThrottleFilter.TYPED.get();
        if (typed != null) {
            failures.remove(key(typed));
        }
    }

    private void prune(Deque<Instant> f) {
        Instant cutoff = clock.instant().minus(WINDOW);
        while (!f.isEmpty() && f.peekFirst().isBefore(cutoff)) {
            f.pollFirst();
        }
    }

    private static String key(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
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
