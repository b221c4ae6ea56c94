package com.seatkeeper.access;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where the console may send someone back to after signing in again: a path of this server only, never another site (no
 * open redirect). A plain function of the address a browser reported (htmx's {@code HX-Current-URL}, a form's
 * {@code Referer}) and the server's own origin.
 */
final class ReturnPaths {
    private ReturnPaths() {
    }

    /**
     * The path and query of {@code address} when it is a page of this server: a relative path starting with a single
     * {@code /}, or an absolute http(s) URL of the same host and port; empty otherwise (another host, a scheme-relative
     * {@code //host}, a backslash, a malformed address, the sign-in or error pages themselves).
     */
    static Optional<String> sameOrigin(String address, String host, int port) {
        if (address == null || address.isBlank() || address.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getScheme() != null || uri.getRawAuthority() != null) {
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            int uriPort = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            if (!http || uri.getHost() == null || !uri.getHost().equalsIgnoreCase(host) || uriPort != port) {
                return Optional.empty();
            }
        }
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.equals("/login") || path.equals("/logout")
                || path.startsWith("/error")) {
            return Optional.empty();
        }
        return Optional.of(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
    }
}
