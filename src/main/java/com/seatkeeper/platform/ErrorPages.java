package com.seatkeeper.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Boot's {@code /error}, for every error that reaches no controller's own handling (an unknown address, a method or body
 * type a path does not take, what a filter or the security firewall refuses, a bug in a filter), whatever the request
 * accepts: an API path ({@code /api/**}) gets problem+json with a {@code code} and a {@code detail} saying what to do
 * ({@link HttpErrors}); a console path gets the designed page (templates/error/4xx.html, 5xx.html with the correlation id
 * that is also in the log). Replaces Boot's BasicErrorController, whose JSON has no code and whose {@code GET /error}
 * answers 500 "status 999".
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ErrorPages implements ErrorController {
    private final ErrorAttributes errorAttributes;
    private final JsonMapper json;

    ErrorPages(ErrorAttributes errorAttributes, JsonMapper json) {
        this.errorAttributes = errorAttributes;
        this.json = json;
    }

    @RequestMapping
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> attributes = errorAttributes.getErrorAttributes(new ServletWebRequest(request), ErrorAttributeOptions.defaults());
        int status = (Integer) attributes.get("status");
        Object correlationId = attributes.get("correlationId");
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String s ? s : request.getRequestURI();
        response.setStatus(status);
        HttpErrors parameters = request.getAttribute(MalformedParameters.REFUSED) instanceof HttpErrors e ? e : null;
        if (HttpErrors.isApi(path)) {
            writeProblem(response, parameters != null ? parameters : HttpErrors.of(status), correlationId);
            return null;
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("status", status);
        if (parameters != null) {
            model.put("problemTitle", "Check the input");
            model.put("message", parameters.detail());
            return new ModelAndView("error/problem", model, HttpStatusCode.valueOf(status));
        }
        if (request.getAttribute(SessionEndedPage.RETURN_TO) instanceof String returnTo) {
            model.put("returnTo", returnTo);
            return new ModelAndView("error/session-ended", model, HttpStatusCode.valueOf(status));
        }
        model.put("correlationId", correlationId);
        return new ModelAndView(status >= 500 ? "error/5xx" : "error/4xx", model, HttpStatusCode.valueOf(status));
    }

    private void writeProblem(HttpServletResponse response, HttpErrors error, Object correlationId) throws IOException {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(error.status()),
                correlationId == null ? error.detail() : error.detail().replace("the correlation id", "the correlation id " + correlationId));
        p.setType(URI.create("https://seatkeeper.example/problems/" + error.code().replace('_', '-')));
        p.setTitle(error.title());
        p.setProperty("code", error.code());
        if (correlationId != null) {
            p.setProperty("correlationId", correlationId);
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), p);
    }
}
