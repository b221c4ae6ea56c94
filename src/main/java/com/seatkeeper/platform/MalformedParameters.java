package com.seatkeeper.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Parameters that cannot be decoded (a {@code %} not followed by two hex digits, as in {@code ?q=100%} or {@code ?q=%ZZ};
 * bytes that are not UTF-8) are refused once for every request, before any filter or controller reads a parameter:
 * Tomcat throws {@link InvalidParameterException} from the first {@code getParameter}, wherever that is, which would
 * otherwise surface as a 500. The answer is 400 through Boot's {@code /error} ({@link ErrorPages}): problem+json with
 * code {@code invalid_request} on the API, the console's "Check the input" page elsewhere, both saying how to write a
 * {@code %} (RFC 3986 §2.1: as {@code %25}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class MalformedParameters extends OncePerRequestFilter {
    /** Set on a request whose parameters could not be decoded, for {@link ErrorPages}. */
    static final String MALFORMED = MalformedParameters.class.getName() + ".malformed";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (InvalidParameterException e) {
            request.setAttribute(MALFORMED, Boolean.TRUE);
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        chain.doFilter(request, response);
    }
}
