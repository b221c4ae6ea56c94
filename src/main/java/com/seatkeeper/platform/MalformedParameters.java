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
 * {@code %} (RFC 3986 §2.1: as {@code %25}). A multipart request (an upload) has only its query string checked: its
 * parts are read by the upload's own handling, after authorization and within its limits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class MalformedParameters extends OncePerRequestFilter {
    /** Set on a request whose parameters could not be decoded, for {@link ErrorPages}. */
    static final String MALFORMED = MalformedParameters.class.getName() + ".malformed";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean malformed;
        if (isMultipart(request)) {
            // reading a multipart request's parameters would read its whole body (every part, before authorization and
            // before the upload's own limits answer): only its query string is checked here
            malformed = !decodable(request.getQueryString());
        } else {
            try {
                request.getParameterMap();
                malformed = false;
            } catch (InvalidParameterException e) {
                malformed = true;
            }
        }
        if (malformed) {
            request.setAttribute(MALFORMED, Boolean.TRUE);
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    /**
     * Whether a query string percent-decodes (RFC 3986 §2.1: every {@code %} followed by two hex digits) to UTF-8, as
     * Tomcat requires of parameters; null or empty is fine.
     */
    static boolean decodable(String query) {
        if (query == null || query.isEmpty()) {
            return true;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || Character.digit(query.charAt(i + 1), 16) < 0 || Character.digit(query.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.write(Character.digit(query.charAt(i + 1), 16) * 16 + Character.digit(query.charAt(i + 2), 16));
                i += 2;
            } else if (c == '&' || c == '=') {
                if (!utf8(bytes.toByteArray())) {
                    return false;
                }
                bytes.reset();
            } else {
                bytes.write(c);
            }
        }
        return utf8(bytes.toByteArray());
    }

    private static boolean utf8(byte[] bytes) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
