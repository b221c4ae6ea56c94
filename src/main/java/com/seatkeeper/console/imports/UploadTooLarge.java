package com.seatkeeper.console.imports;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An upload to the Upload page declared larger than {@code seatkeeper.imports.max-upload-bytes} (default 1 GiB) is
 * answered before any of it is read, with a redirect (303) back to the page, which says so next to the form
 * ({@code ?tooLarge=<bytes>}) rather than an error page. Registered first among the filters, ahead of the request body
 * limit of {@code platform.RequestBodyLimit} (a registration bean is ordered before a filter bean of the same order).
 * The page's script refuses such files before sending them; this is the answer without the script.
 */
@Configuration
class UploadTooLarge {
    static final String PATH = "/console/imports";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> uploadTooLargeFilter(
            @Value("${seatkeeper.imports.max-upload-bytes:1GB}") DataSize maxUpload) {
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new Filter(maxUpload.toBytes()));
        bean.addUrlPatterns(PATH);
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }

    /** The filter: only {@code POST /console/imports} with a {@code Content-Length} over the limit is answered here. */
    static final class Filter extends OncePerRequestFilter {
        private final long maxBytes;

        Filter(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long declared = request.getContentLengthLong();
            if (!"POST".equals(request.getMethod()) || !PATH.equals(request.getRequestURI()) || declared <= maxBytes) {
                chain.doFilter(request, response);
                return;
            }
            String query = request.getQueryString();
            String back = PATH + "?" + (query == null || query.isBlank() ? "" : query + "&") + "tooLarge=" + declared;
            response.setHeader("Connection", "close"); // the unread rest is not worth receiving
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + back);
            response.setContentLength(0);
            response.flushBuffer(); // sent now: the container may then wait for (or give up on) the body it will not read
        }
    }
}
