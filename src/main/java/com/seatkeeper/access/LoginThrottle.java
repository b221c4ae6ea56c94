package com.seatkeeper.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Failed-login throttling by email and client address together, with growing delays ({@link SignInDelay}) instead of a
 * lock. The failures are kept in the database (table {@code sign_in_failures}: a hash of the typed email, the client
 * address as {@code request.getRemoteAddr()} gives it, the time), so all instances share them and a restart does not
 * clear them. Behind a proxy, set {@code server.forward-headers-strategy} so that the address is the client's. Successful
 * sign-ins are remembered per email and address (table {@code sign_in_known_addresses}) so that the address-wide limit
 * does not slow people who sign in from that address regularly.
 */
@Component
class LoginThrottle {
    private final JdbcClient jdbc;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How long a sign-in for this email from this address must still wait, and why; empty when it may go ahead. */
    Optional<SignInDelay.Wait> waitFor(String email, String address) {
        Instant now = clock.instant();
        Timestamp since = Timestamp.from(now.minus(SignInDelay.WINDOW));
        byte[] key = key(email);
        SignInDelay.Failures pair = jdbc.sql("""
                select count(*) as count, max(failed_at) as last from sign_in_failures
                where email_hash = :email and address = :address and failed_at > :since""")
                .param("email", key).param("address", address).param("since", since).query(LoginThrottle::failures).single();
        SignInDelay.Failures fromAddress = jdbc.sql("""
                select count(*) as count, max(failed_at) as last from sign_in_failures where address = :address and failed_at > :since""")
                .param("address", address).param("since", since).query(LoginThrottle::failures).single();
        boolean knownHere = jdbc.sql("""
                select exists (select 1 from sign_in_known_addresses
                               where email_hash = :email and address = :address and last_success_at > :since)""")
                .param("email", key).param("address", address).param("since", Timestamp.from(now.minus(SignInDelay.KNOWN_ADDRESS_FOR)))
                .query(Boolean.class).single();
        return SignInDelay.waitFor(pair, fromAddress, knownHere, now);
    }

    private static SignInDelay.Failures failures(ResultSet rs, int n) throws SQLException {
        Timestamp last = rs.getTimestamp("last");
        return new SignInDelay.Failures(rs.getInt("count"), last == null ? null : last.toInstant());
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Attempt a = ThrottleFilter.CURRENT.get();
        recordFailure(a != null ? a.email() : event.getAuthentication().getName(), a != null ? a.address() : "unknown");
    }

    void recordFailure(String email, String address) {
        Instant now = clock.instant();
        jdbc.sql("insert into sign_in_failures (email_hash, address, failed_at) values (:email, :address, :now)")
                .param("email", key(email)).param("address", address).param("now", Timestamp.from(now)).update();
        // failures older than the window no longer count, for any email
        jdbc.sql("delete from sign_in_failures where failed_at <= :before").param("before", Timestamp.from(now.minus(SignInDelay.WINDOW))).update();
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        // the principal is the account id; the email typed and the address are known to the filter of this request
        Attempt a = ThrottleFilter.CURRENT.get();
        if (a != null) {
            recordSuccess(a.email(), a.address());
        }
    }

    /** Clears the pair's failures and remembers the address as known for the email (for {@link SignInDelay#KNOWN_ADDRESS_FOR}). */
    void recordSuccess(String email, String address) {
        Instant now = clock.instant();
        jdbc.sql("delete from sign_in_failures where email_hash = :email and address = :address")
                .param("email", key(email)).param("address", address).update();
        jdbc.sql("""
                insert into sign_in_known_addresses (email_hash, address, last_success_at) values (:email, :address, :now)
                on conflict (email_hash, address) do update set last_success_at = excluded.last_success_at""")
                .param("email", key(email)).param("address", address).param("now", Timestamp.from(now)).update();
        jdbc.sql("delete from sign_in_known_addresses where last_success_at <= :before")
                .param("before", Timestamp.from(now.minus(SignInDelay.KNOWN_ADDRESS_FOR))).update();
    }

    /**
     * Forgets every failure of this email, from any address: its password was just set through a one-time link, so the
     * guesses before no longer matter and "reset your password" is advice that works.
     */
    void passwordSet(String email) {
        jdbc.sql("delete from sign_in_failures where email_hash = :email").param("email", key(email)).update();
    }

    private static byte[] key(String email) {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return Accounts.hash("sign-in:" + normalized);
    }

    record Attempt(String email, String address) {}

    /**
     * Refuses a sign-in attempt that must still wait before the password is even checked, redirecting to
     * {@code /login?wait=<seconds>} (with {@code &by=network} when the address-wide limit holds it); the attempt is not
     * counted as a failure.
     */
    static class ThrottleFilter extends OncePerRequestFilter {
        static final ThreadLocal<Attempt> CURRENT = new ThreadLocal<>();
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
            Attempt attempt = new Attempt(request.getParameter("email"), request.getRemoteAddr());
            Optional<SignInDelay.Wait> wait = throttle.waitFor(attempt.email(), attempt.address());
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().left().toMillis() + 999) / 1000);
                String by = wait.get().limit() == SignInDelay.Limit.NETWORK ? "&by=network" : "";
                response.sendRedirect(request.getContextPath() + "/login?wait=" + seconds + by);
                return;
            }
            CURRENT.set(attempt);
            try {
                chain.doFilter(request, response);
            } finally {
                CURRENT.remove();
            }
        }
    }
}
