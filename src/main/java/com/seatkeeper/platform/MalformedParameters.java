package com.seatkeeper.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Parameters Tomcat cannot read are refused once for every request, before any filter or controller reads a parameter:
 * Tomcat throws {@link InvalidParameterException} from the first {@code getParameter}, wherever that is, which would
 * otherwise surface as a 500. Each cause Tomcat reports gets its own answer ({@link ParameterFault}, words in
 * {@link HttpErrors#parameters}): more query parameters and form fields than {@code server.tomcat.max-parameter-count}
 * (400 {@code too_many_parameters}, naming the limit and the API's bulk endpoints), a form body larger than
 * {@code server.tomcat.max-http-form-post-size} (413 {@code payload_too_large}), a value that cannot be decoded (a
 * {@code %} not followed by two hex digits, bytes that are not UTF-8, a value without a name: 400 {@code invalid_request}
 * saying how to write a {@code %}, RFC 3986 §2.1), a body that ended early (400 {@code invalid_request}). The answer goes
 * through Boot's {@code /error} ({@link ErrorPages}): problem+json on the API, the console's "Check the input" page
 * elsewhere; more multipart parts than {@code server.tomcat.max-part-count} is 400 {@code too_many_parts} naming the
 * limit (Tomcat reports it as a size). A roster upload has only its query string checked: its parts are read by the
 * upload's own handling, after authorization and within its limits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class MalformedParameters extends OncePerRequestFilter {
    /**
     * Set on a request refused before Spring, with the {@link HttpErrors} to answer, for {@link ErrorPages}: parameters
     * that could not be read (here), a body over the limit ({@link RequestBodyLimit}).
     */
    static final String REFUSED = MalformedParameters.class.getName() + ".refused";

    private final int maxCount;
    private final DataSize maxFormSize;
    private final int maxParts;

    /**
     * {@code maxCount}: Tomcat's {@code maxParameterCount} (query parameters and form fields together);
     * {@code maxFormSize}: its {@code maxPostSize} for form bodies; {@code maxParts}: its {@code maxPartCount} for
     * multipart bodies. All as Boot configures the connector.
     */
    MalformedParameters(@Value("${server.tomcat.max-parameter-count:1000}") int maxCount,
                        @Value("${server.tomcat.max-http-form-post-size:2MB}") DataSize maxFormSize,
                        @Value("${server.tomcat.max-part-count:50}") int maxParts) {
        this.maxCount = maxCount;
        this.maxFormSize = maxFormSize;
        this.maxParts = maxParts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ParameterFault fault = null;
        if (isMultipart(request) && RequestBodyLimit.isUpload(request)) {
            // reading an upload's parameters would read its whole body (every part, before authorization and before the
            // upload's own limits answer): only its query string is checked here. Any other multipart body is at most
            // seatkeeper.request.max-body-size (RequestBodyLimit): its parts are read as any form's fields, within
            // Tomcat's part count
            fault = decodable(request.getQueryString()) ? null : ParameterFault.MALFORMED;
        } else {
            try {
                request.getParameterMap();
            } catch (InvalidParameterException e) {
                fault = ParameterFault.of(e, maxCount);
            }
        }
        if (fault != null) {
            HttpErrors error = HttpErrors.parameters(fault, maxCount, maxFormSize, maxParts);
            request.setAttribute(REFUSED, error);
            response.sendError(error.status());
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /**
     * Whether a query string percent-decodes (RFC 3986 §2.1: every {@code %} followed by two hex digits) to UTF-8, as
     * Tomcat requires of parameters; null or empty is fine.
     */
    static boolean decodable(String query) {
        if (query == null || query.isEmpty()) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
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
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
