package com.seatkeeper.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The REST API takes no cookies: an API request that carries some (a browser that also has a console session, say) is
 * passed on without them, so that no session is ever looked up for it (sessions live in the database: a lookup would cost
 * a query on the license-read path) and a console session cannot act through the API. Runs before the session filter;
 * requests without cookies, the usual API call, pass unwrapped.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ApiWithoutCookies extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader("Cookie") == null || !HttpErrors.isApi(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Cookie[] getCookies() {
                return null;
            }

            @Override
            public String getHeader(String name) {
                return "Cookie".equalsIgnoreCase(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return "Cookie".equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
            }

            @Override
            public String getRequestedSessionId() {
                return null;
            }
        }, response);
    }
}
