package com.seatkeeper.bulkimport;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.DistrictId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks who may upload ({@link Imports#check}: 404, 403, 409 {@code roster_read_only}) before the upload's body is read:
 * an interceptor runs before Spring binds the handler's arguments, and binding {@code dryRun} already parses the
 * multipart body (up to 1 GB written to disk). A refusal is thrown as {@link Refused}, which {@link ImportController}
 * answers as the refusal's problem.
 */
@Configuration
class UploadGate implements WebMvcConfigurer, HandlerInterceptor {
    /** The refusal of an upload, found before its body was read. */
    static final class Refused extends RuntimeException {
        final transient BusinessRefusal refusal;

        Refused(BusinessRefusal refusal) {
            super(refusal.code(), null, false, false);
            this.refusal = refusal;
        }
    }

    private final Imports imports;

    UploadGate(Imports imports) {
        this.imports = imports;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/districts/*/imports");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        @SuppressWarnings("unchecked")
        Map<String, String> vars = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (auth == null || !(auth.getPrincipal() instanceof Actor actor) || vars == null || vars.get("districtId") == null) {
            return true; // not signed in: security answers 401 before this; the handler refuses the rest
        }
        Optional<BusinessRefusal> refusal = imports.check(actor, DistrictId.of(vars.get("districtId")));
        if (refusal.isPresent()) {
            throw new Refused(refusal.get());
        }
        return true;
    }
}
