package com.seatkeeper.access;

import com.seatkeeper.shared.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>}, through the {@link TokenCache} so that the hot read
 * path does not hit the database for every request.
 */
class BearerTokenFilter extends OncePerRequestFilter {
    private final Accounts accounts;
    private final TokenCache cache;

    BearerTokenFilter(Accounts accounts, TokenCache cache) {
        this.accounts = accounts;
        this.cache = cache;
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
        return cache.get(java.util.HexFormat.of().formatHex(Accounts.hash(token)), () -> accounts.actorForToken(token));
    }
}
