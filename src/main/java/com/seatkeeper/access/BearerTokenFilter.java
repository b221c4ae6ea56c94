package com.seatkeeper.access;

import com.seatkeeper.shared.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>}. Resolved tokens are remembered for a few
 * seconds (keyed by the token's hash, never the secret) so that the hot read path does not
 * hit the database for every request; revocation and role changes take effect within that time.
 */
class BearerTokenFilter extends OncePerRequestFilter {
    private static final int MAX_CACHED = 10_000;

    private final Accounts accounts;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<Actor> actor, long expiresAt) {}

    BearerTokenFilter(Accounts accounts, Duration ttl) {
        this.accounts = accounts;
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            resolve(token).ifPresent(actor -> {
                var auth = new UsernamePasswordAuthenticationToken(actor, null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
                SecurityContextHolder.getContext().setAuthentication(auth);
            });
        }
        chain.doFilter(request, response);
    }

    private Optional<Actor> resolve(String token) {
        if (token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        String key = java.util.HexFormat.of().formatHex(Accounts.hash(token));
        long now = System.nanoTime();
        Cached c = cache.get(key);
        if (c != null && c.expiresAt() - now > 0) {
            return c.actor();
        }
        Optional<Actor> actor = accounts.actorForToken(token);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Cached(actor, now + ttlNanos));
        return actor;
    }
}
