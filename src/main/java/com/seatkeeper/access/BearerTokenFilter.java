package com.seatkeeper.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>}, through the {@link TokenCache} so that the hot read
 * path does not hit the database for every request. A valid token whose person may not hold one now (made a student,
 * deactivated) authenticates no one; its {@link TokenRefusal} is left for the 401 to say why.
 */
class BearerTokenFilter extends OncePerRequestFilter {
    /** Request attribute: the {@link TokenRefusal} of a valid token whose person may not hold one now (the 401 says why). */
    static final String REFUSED = BearerTokenFilter.class.getName() + ".refused";

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
            ResolvedToken resolved = resolve(token);
            if (resolved instanceof ResolvedToken.Refused r) {
                request.setAttribute(REFUSED, r.why());
            }
            resolved.acting().ifPresent(actor -> {
                var auth = new UsernamePasswordAuthenticationToken(actor, null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
                SecurityContextHolder.getContext().setAuthentication(auth);
            });
        }
        chain.doFilter(request, response);
    }

    private ResolvedToken resolve(String token) {
        if (token.isEmpty() || token.length() > 200) {
            return new ResolvedToken.Unknown();
        }
        return cache.get(HexFormat.of().formatHex(Accounts.hash(token)), () -> accounts.resolveToken(token));
    }
}
