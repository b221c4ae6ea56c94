package com.seatkeeper.shared;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * API requests that reach no controller (a path the API does not have, a method or body type the path does not
 * take) fail before any {@code @RestController} is chosen, so {@link ApiProblems}, which is limited to REST
 * controllers, never sees them. They get the same problem details with a {@code code}; requests outside
 * {@code /api/} are passed on to the console's error handling.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ApiRoutingProblems {
    private final ApiProblems problems;

    ApiRoutingProblems(ApiProblems problems) {
        this.problems = problems;
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class, HttpRequestMethodNotSupportedException.class,
            HttpMediaTypeNotSupportedException.class})
    ResponseEntity<ProblemDetail> routing(Exception e, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            throw e; // not an API request: handled as if this advice did not exist
        }
        if (e instanceof NoResourceFoundException notFound) {
            return problems.noResource(notFound);
        }
        if (e instanceof NoHandlerFoundException notFound) {
            // no static resource handler serves the path (static files are only under /css, /js, /webjars)
            return ApiProblems.respond(ApiProblems.problem(HttpStatus.NOT_FOUND, "not_found", "Not found",
                    "There is no such resource: " + notFound.getRequestURL() + ". See /v3/api-docs for the API."));
        }
        if (e instanceof HttpRequestMethodNotSupportedException method) {
            return problems.method(method);
        }
        return problems.mediaType((HttpMediaTypeNotSupportedException) e);
    }
}
