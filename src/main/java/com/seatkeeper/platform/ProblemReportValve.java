package com.seatkeeper.platform;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.HtmlUtils;

/**
 * Tomcat's error report for what it refuses before any Spring code runs (a malformed or over-long request line, headers
 * too large, an address with {@code %00}, {@code %2F} or an invalid escape, a method it does not know): instead of
 * Tomcat's own HTML page ("HTTP Status 400 – Bad Request"), problem+json with a {@code code} on API paths and a plain page
 * in the console's look elsewhere. Errors that reach the application are answered by {@link ErrorPages}; this valve
 * writes only when nothing has been written yet. Registered as the host's error report valve by {@link TomcatErrors}.
 */
public class ProblemReportValve extends ErrorReportValve {
    private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String uri = request.getRequestURI();
        int status = refinedStatus(response.getStatus(), uri, throwable);
        HttpErrors error = HttpErrors.of(status);
        if (throwable != null) {
            log.warn("Request refused by the server with {} ({})", status, throwable.toString());
        }
        // a request line too malformed to read has no path: answer in the API's form, which a browser shows as text
        boolean api = uri == null || HttpErrors.isApi(uri);
        try {
            response.setStatus(status);
            response.setContentType(api ? "application/problem+json" : "text/html");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(api ? problemJson(error) : page(error));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not write the error report for {}", status, e); // the client is gone or the response is committed
        }
    }

    /**
     * Tomcat answers a head larger than {@code server.max-http-request-header-size} with 400; it is 414 when the request
     * line alone was too long to read (no path yet), 431 when the headers were.
     */
    static int refinedStatus(int status, String uri, Throwable throwable) {
        if (status == 400 && throwable instanceof IllegalArgumentException && String.valueOf(throwable.getMessage()).contains("too large")) {
            return uri == null ? 414 : 431;
        }
        return status;
    }

    /** The problem details of {@code error} as JSON (only fixed texts: nothing of the request is echoed). */
    static String problemJson(HttpErrors error) {
        return "{\"type\":\"https://seatkeeper.example/problems/" + error.code().replace('_', '-') + "\",\"title\":\"" + error.title()
                + "\",\"status\":" + error.status() + ",\"detail\":\"" + error.detail().replace("\"", "\\\"") + "\",\"code\":\""
                + error.code() + "\"}";
    }

    /** A standalone page with the console's header, heading and way back (templates/error/4xx.html has the same parts). */
    static String page(HttpErrors error) {
        String title = error.status() >= 500 ? "Something went wrong" : error.status() == 404 ? "Not found" : "Check the address";
        String text = error.status() >= 500
                ? "Something went wrong on our side and nothing was changed. Go back and try again."
                : "This request could not be understood (" + error.title().toLowerCase() + "). Nothing was changed. Go back and try "
                        + "again from a link in the console.";
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + HtmlUtils.htmlEscape(title)
                + " · Seatkeeper</title><link rel=\"stylesheet\" href=\"/css/console.css\"></head>\n<body><header class=\"top\">"
                + "<a class=\"brand\" href=\"/\">Seatkeeper</a></header>\n<main id=\"main\" class=\"narrow\"><h1>" + HtmlUtils.htmlEscape(title)
                + "</h1><p>" + HtmlUtils.htmlEscape(text) + "</p><p><a href=\"/\">Back to the start page</a></p></main></body></html>\n";
    }
}
