package com.seatkeeper.platform;

import com.seatkeeper.shared.CorrelationIds;
import jakarta.servlet.RequestDispatcher;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Errors that happen outside any controller (in a filter, say) reach Boot's {@code /error} ({@link ErrorPages}): they get
 * the {@code code} of {@link HttpErrors} and, for a server error, a {@code correlationId} that is also in the log line with
 * the stack trace, as {@code ApiProblems} and the console's error page give for errors inside controllers. A request for
 * {@code /error} itself (no error behind it) is a 404, not Boot's "status 999".
 */
@Component
class CorrelatedErrorAttributes extends DefaultErrorAttributes {
    private static final Logger log = LoggerFactory.getLogger(CorrelatedErrorAttributes.class);
    private static final String ID = CorrelatedErrorAttributes.class.getName() + ".id";

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE, RequestAttributes.SCOPE_REQUEST) == null) {
            attributes.put("status", 404); // GET /error typed in: there is no such page
            attributes.put("error", "Not Found");
        }
        int status = (Integer) attributes.get("status");
        if (status >= 500) {
            Object id = request.getAttribute(ID, RequestAttributes.SCOPE_REQUEST);
            if (id == null) { // once per request, even when the attributes are asked twice
                id = CorrelationIds.next();
                request.setAttribute(ID, id, RequestAttributes.SCOPE_REQUEST);
                log.error("Internal error {} on {}", id, attributes.get("path"), getError(request));
            }
            attributes.put("correlationId", id);
        }
        attributes.put("code", HttpErrors.of(status).code());
        return attributes;
    }
}
