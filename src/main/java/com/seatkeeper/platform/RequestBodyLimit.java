package com.seatkeeper.platform;

import com.seatkeeper.shared.ByteSizes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies above {@code seatkeeper.request.max-body-size} (1 MB; no request of the API or the console needs more)
 * are refused with 413 before anything reads them or looks up a session: problem+json on API paths, the console's page
 * elsewhere ({@link ErrorPages}). A body of declared length is judged by its {@code Content-Length}; a chunked one (no
 * length) is read here up to the limit, and passed on from memory when it fits, except a form
 * ({@code application/x-www-form-urlencoded}): Tomcat parses form fields from its own input, not from a wrapper's, so a
 * form read here would lose every field (its CSRF token too). A chunked form is passed on unread, and Tomcat's own limit
 * for form bodies, {@code server.tomcat.max-http-form-post-size} (1 MB, which covers chunked bodies), stops it while the
 * fields are read: {@code MalformedParameters} answers that 413 {@code payload_too_large} naming the limit, and more fields
 * than {@code server.tomcat.max-parameter-count} 400 {@code too_many_parameters}, as for a form of declared length. A
 * chunked multipart body (outside the uploads) is refused with 411 {@code length_required}, for the same reason.
 *
 * <p>Roster uploads ({@code POST /api/v1/districts/{id}/imports} and {@code POST /console/imports}) have their own limit,
 * {@code seatkeeper.imports.max-upload-bytes} (1 GB): a declared length above it is refused here (API: 413
 * {@code upload_too_large}); a chunked upload is passed on unread, and the multipart limits (set to the same value)
 * stop it while it is written to disk.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimit extends OncePerRequestFilter {
    private static final Pattern UPLOAD_PATHS = Pattern.compile("/api/v1/districts/[^/]+/imports|/console/imports");
    private final long maxBytes;
    private final long maxUploadBytes;

    RequestBodyLimit(@Value("${seatkeeper.request.max-body-size:1MB}") DataSize maxBodySize,
                     @Value("${seatkeeper.imports.max-upload-bytes:1GB}") DataSize maxUpload) {
        this.maxBytes = maxBodySize.toBytes();
        this.maxUploadBytes = maxUpload.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isUpload(request)) {
            if (request.getContentLengthLong() > maxUploadBytes) {
                uploadTooLarge(request, response);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            tooLarge(request, response);
            return;
        }
        if (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null && isMultipart(request)) {
            lengthRequired(request, response);
            return;
        }
        if (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null && !isForm(request)) {
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                tooLarge(request, response);
                return;
            }
            chain.doFilter(new BufferedBody(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.trim().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    /**
     * 411 (RFC 9110 §15.5.12): a multipart body outside the roster uploads must declare its length. Its parts are read
     * by Tomcat from its own input, so a body read here would lose them; unread, it would be bounded only by the uploads'
     * multipart limits. Browsers always send a multipart form with its Content-Length.
     */
    private static void lengthRequired(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setAttribute(MalformedParameters.REFUSED, new HttpErrors(411, "length_required", "Length required",
                "A multipart body is taken here only with its Content-Length (it was sent chunked), so nothing was done. Send it "
                        + "with a Content-Length, or as application/json as described in /v3/api-docs."));
        response.setHeader("Connection", "close");
        response.sendError(HttpServletResponse.SC_LENGTH_REQUIRED);
    }

    /** Whether the request is a roster upload ({@code POST} to one of the upload paths), which has limits of its own. */
    static boolean isUpload(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && UPLOAD_PATHS.matcher(request.getRequestURI()).matches();
    }

    /**
     * Whether the body is a form Tomcat parses into parameters: its media type (without parameters such as charset) is
     * {@code application/x-www-form-urlencoded}, compared as Tomcat compares it (ignoring case).
     */
    static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().equalsIgnoreCase("application/x-www-form-urlencoded");
    }

    private void uploadTooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getRequestURI().startsWith("/api/")) {
            tooLarge(request, response);
            return;
        }
        response.setHeader("Connection", "close");
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"https://seatkeeper.example/problems/upload-too-large\",\"title\":\"Upload too large\","
                + "\"status\":413,\"code\":\"upload_too_large\",\"detail\":\"The upload is larger than " + ByteSizes.readable(maxUploadBytes)
                + " (seatkeeper.imports.max-upload-bytes). Zip the CSV files, or split the roster: upload one kind of file at a time "
                + "as delta files.\"}");
        response.flushBuffer(); // the client sees the answer while Tomcat swallows (at most max-swallow-size of) the rest
    }

    /** 413 naming the limit, through Boot's {@code /error} ({@link ErrorPages}: problem+json or the console's page). */
    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setAttribute(MalformedParameters.REFUSED, new HttpErrors(413, "payload_too_large", "Request body too large",
                "The request body is larger than this service accepts (" + ByteSizes.readable(maxBytes)
                        + ", seatkeeper.request.max-body-size), so nothing was done. Send less at once, or split the change into "
                        + "several requests."));
        response.setHeader("Connection", "close"); // the unread rest is not worth receiving
        response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    }

    /**
     * A request whose (chunked) body was read into memory: readable as a stream or a reader (JSON, CSV), never as
     * parameters, which is why forms are not buffered.
     */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }
    }
}
