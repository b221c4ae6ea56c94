package com.seatkeeper.platform;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC's request mapping, with one change of order: a mapping's path pattern is checked before its
 * other conditions. A request path with a variable ({@code /api/v1/users/{userId}/licenses}) has no
 * direct-path lookup, so Spring tries every mapping of the application, and for each it checks the HTTP
 * method (through the request wrappers), CORS pre-flight, consumes, produces and API version before the
 * path. That was the largest single cost of the license-read path (about 10% of the server's CPU). The
 * path check fails at the first differing segment for nearly all mappings; a mapping matches only when
 * all its conditions do, so the result is the same.
 */
class PathFirstRequestMappingHandlerMapping extends RequestMappingHandlerMapping {
    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        PathPatternsRequestCondition paths = info.getPathPatternsCondition();
        if (paths != null && paths.getMatchingCondition(request) == null) {
            return null;
        }
        return super.getMatchingMapping(info, request);
    }
}
