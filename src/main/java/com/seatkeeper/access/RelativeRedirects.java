package com.seatkeeper.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.security.web.RedirectStrategy;

/**
 * Redirects of the sign-in to this server's own paths, never to an origin: the page a sign-in returns to is saved by
 * Spring Security as an absolute URL built from the request's {@code Host} header (which the client chooses), so only its
 * path and query are kept. With {@code server.tomcat.use-relative-redirects} the {@code Location} stays relative
 * (RFC 9110 §10.2.2 allows a relative reference).
 */
final class RelativeRedirects implements RedirectStrategy {

    @Override
    public void sendRedirect(HttpServletRequest request, HttpServletResponse response, String url) throws IOException {
        response.sendRedirect(response.encodeRedirectURL(request.getContextPath() + pathOf(url)));
    }

    /**
     * The path and query of {@code url} (an absolute URL, or a path of this server's context), its scheme and host dropped
     * ({@code //host/x} is {@code /x}, on this server); {@code /} for an address without a path or a malformed one.
     */
    static String pathOf(String url) {
        try {
            URI uri = new URI(url);
            String path = uri.getRawPath();
            if (path == null || !path.startsWith("/") || path.startsWith("//")) {
                return "/";
            }
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (URISyntaxException | NullPointerException e) {
            return "/";
        }
    }
}
