package com.seatkeeper.console.imports;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An upload to the Upload page that the container will not take is answered with a redirect (303) back to the page,
 * which says why next to the form, rather than with an error page:
 * <ul>
 * <li>declared larger than {@code seatkeeper.imports.max-upload-bytes} (default 1 GiB): answered before any of it is
 * read ({@code ?tooLarge=<bytes>}, which the page shows only above the limit);</li>
 * <li>chunked (no length) and over that limit, or with more parts than {@code server.tomcat.max-part-count}: the
 * container stops reading it while storing the parts ({@code ?refused=too-large} or {@code ?refused=too-many-files}).</li>
 * </ul>
 * Registered first among the filters, ahead of the request body limit of {@code platform.RequestBodyLimit} (a
 * registration bean is ordered before a filter bean of the same order), and the parts are stored here, before the CSRF
 * check reads its field from them. The page's script refuses too large or too many files before sending them; this is
 * the answer without the script.
 */
@Configuration
class UploadTooLarge {
    static final String PATH = "/console/imports";

    /** Why the container did not take an upload, as the page's {@code refused} parameter names it. */
    enum Refused {
        TOO_LARGE, TOO_MANY_FILES;

        /** The parameter's value, e.g. {@code too-many-files}. */
        String param() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The reason a parameter names; empty for anything else (an address typed by hand). */
        static Optional<Refused> of(String param) {
            for (Refused r : values()) {
                if (r.param().equals(param)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }

        /** Why the container stopped reading the upload (its cause chain), or empty when it failed otherwise. */
        static Optional<Refused> causeOf(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof FileCountLimitExceededException) {
                    return Optional.of(TOO_MANY_FILES);
                }
                if (t instanceof SizeException) {
                    return Optional.of(TOO_LARGE);
                }
            }
            return Optional.empty();
        }
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> uploadTooLargeFilter(
            @Value("${seatkeeper.imports.max-upload-bytes:1GB}") DataSize maxUpload) {
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new Filter(maxUpload.toBytes()));
        bean.addUrlPatterns(PATH);
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }

    /** The filter: only {@code POST /console/imports} is looked at here. */
    static final class Filter extends OncePerRequestFilter {
        private final long maxBytes;

        Filter(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!"POST".equals(request.getMethod()) || !PATH.equals(request.getRequestURI())) {
                chain.doFilter(request, response);
                return;
            }
            long declared = request.getContentLengthLong();
            if (declared > maxBytes) {
                back(request, response, "tooLarge=" + declared);
                return;
            }
            Optional<Refused> refused = storeParts(request);
            if (refused.isPresent()) {
                back(request, response, "refused=" + refused.get().param());
                return;
            }
            chain.doFilter(request, response);
        }

        /** Has the container store the parts now; why it would not, if it was a limit. Other failures are left to the page. */
        private static Optional<Refused> storeParts(HttpServletRequest request) throws IOException {
            String type = request.getContentType();
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                return Optional.empty();
            }
            if (request.getCharacterEncoding() == null) {
                request.setCharacterEncoding("UTF-8"); // as the encoding filter would, before the parts' names are decoded
            }
            try {
                request.getParts();
                return Optional.empty();
            } catch (ServletException | IOException | IllegalStateException e) {
                return Refused.causeOf(e);
            }
        }

        /** 303 back to the page with the reason; the connection is closed: the unread rest is not worth receiving. */
        private static void back(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
            String query = request.getQueryString();
            String back = PATH + "?" + (query == null || query.isBlank() ? "" : query + "&") + reason;
            response.setHeader("Connection", "close");
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + back);
            response.setContentLength(0);
            response.flushBuffer(); // sent now: the container may then wait for (or give up on) the body it will not read
        }
    }
}
