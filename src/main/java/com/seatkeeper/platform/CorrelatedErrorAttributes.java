package com.seatkeeper.platform;

import com.seatkeeper.shared.CorrelationIds;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Errors that happen outside any controller (in a filter, say) reach Boot's {@code /error}: they get the same {@code code}
 * and, for a server error, a {@code correlationId} that is also in the log line with the stack trace, as
 * {@code ApiProblems} and the console's error page give for errors inside controllers (templates/error/5xx.html).
 */
@Component
class CorrelatedErrorAttributes extends DefaultErrorAttributes {
    private static final Logger log = LoggerFactory.getLogger(CorrelatedErrorAttributes.class);
    private static final String ID = CorrelatedErrorAttributes.class.getName() + ".id";

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Object status = attributes.get("status");
        if (status instanceof Integer s && s >= 500) {
            Object id = request.getAttribute(ID, RequestAttributes.SCOPE_REQUEST);
            if (id == null) { // once per request, even when the attributes are asked twice
                id = CorrelationIds.next();
                request.setAttribute(ID, id, RequestAttributes.SCOPE_REQUEST);
                log.error("Internal error {} on {}", id, attributes.get("path"), getError(request));
            }
            attributes.put("code", "internal_error");
            attributes.put("correlationId", id);
        } else if (status instanceof Integer s) {
            attributes.put("code", s == 404 ? "not_found" : s == 401 ? "unauthorized" : s == 403 ? "forbidden" : "invalid_request");
        }
        return attributes;
    }
}
