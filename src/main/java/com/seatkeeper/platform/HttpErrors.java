package com.seatkeeper.platform;

import com.seatkeeper.shared.ByteSizes;
import java.util.Locale;
import org.springframework.util.unit.DataSize;

/**
 * What an HTTP error status means to the caller, in one place: the {@code code}, title and {@code detail} (saying what to
 * do) of the API's problem details and the heading of the console's error page. Used for errors that reach no controller:
 * Boot's {@code /error} ({@link ErrorPages}) and what Tomcat answers before Spring ({@link ProblemReportValve}).
 */
record HttpErrors(int status, String code, String title, String detail) {

    /** A query parameter or form field whose percent-encoding cannot be decoded ({@link MalformedParameters}). */
    static final HttpErrors MALFORMED_PARAMETERS = new HttpErrors(400, "invalid_request", "Malformed parameter",
            "A query parameter or form field could not be read: a % must be followed by two hexadecimal digits, the decoded "
                    + "bytes must be UTF-8 (RFC 3986 §2.1), and every value needs a name. To search for a % sign, write it as %25. "
                    + "Correct the address and send it again.");

    /**
     * The answer to parameters Tomcat could not read ({@link MalformedParameters}), by cause: {@code maxCount} is the
     * connector's limit of query parameters and form fields together, {@code maxFormSize} its limit of a form body,
     * {@code maxParts} its limit of parts of a multipart body.
     */
    static HttpErrors parameters(ParameterFault fault, int maxCount, DataSize maxFormSize, int maxParts) {
        return switch (fault) {
            case TOO_MANY_PARTS -> new HttpErrors(400, "too_many_parts", "Too many parts",
                    "The multipart body has more than " + count(maxParts) + " parts (server.tomcat.max-part-count), so nothing was "
                            + "read or done. Send fewer fields; only roster uploads take files, and several CSV files go in one zip.");
            case MALFORMED -> MALFORMED_PARAMETERS;
            case TOO_MANY -> new HttpErrors(400, "too_many_parameters", "Too many parameters",
                    "The request has more than " + count(maxCount) + " query parameters and form fields; at most " + count(maxCount)
                            + " are read, so nothing was done. Send fewer at once: choose fewer people at a time in the console, or, for "
                            + "many people, use the API's bulk endpoints (POST /api/v1/license-pools/{poolId}/assignments:bulk and "
                            + "unassignments:bulk take up to 10,000 ids in a JSON body) or a roster upload.");
            case TOO_LARGE -> new HttpErrors(413, "payload_too_large", "Form too large",
                    "The form's fields are larger than this service accepts (" + ByteSizes.readable(maxFormSize.toBytes())
                            + " in all), so nothing was done. Send fewer or shorter values, or split the change into several requests.");
            case UNREADABLE -> new HttpErrors(400, "invalid_request", "Incomplete request",
                    "The request body ended before all its form fields arrived (fewer bytes than its Content-Length), so nothing was "
                            + "done. Send it again.");
        };
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The meaning of {@code status}; an unknown 4xx is a malformed request, an unknown 5xx an internal error. */
    static HttpErrors of(int status) {
        return switch (status) {
            case 400 -> new HttpErrors(400, "invalid_request", "Malformed request",
                    "The request could not be read: its address, headers or body are malformed (for example an encoded slash, "
                            + "a NUL or an invalid percent escape in the path). Correct it as described in /v3/api-docs and send it again.");
            case 401 -> new HttpErrors(401, "unauthorized", "Not signed in",
                    "Send a valid API token as 'Authorization: Bearer <token>'. Tokens are issued by a district or vendor administrator.");
            case 403 -> new HttpErrors(403, "forbidden", "Not allowed", "Your role may not do this. Ask an administrator of your district.");
            case 404 -> new HttpErrors(404, "not_found", "Not found", "There is no such resource. See /v3/api-docs for the API's paths.");
            case 405 -> new HttpErrors(405, "method_not_allowed", "Method not allowed",
                    "This method is not supported here. See /v3/api-docs for the methods each path takes.");
            case 406 -> new HttpErrors(406, "not_acceptable", "Not acceptable",
                    "This resource is only available as application/json. Accept application/json (or */*) and send it again.");
            case 408 -> new HttpErrors(408, "request_timeout", "Request timeout", "The request took too long to arrive. Send it again.");
            case 413 -> new HttpErrors(413, "payload_too_large", "Request body too large",
                    "The request body is larger than this service accepts (1 MB). Send a smaller body, or split the change into several requests.");
            case 414 -> new HttpErrors(414, "uri_too_long", "Address too long",
                    "The request line is longer than this service accepts (8 KB). Shorten the address or its query.");
            case 415 -> new HttpErrors(415, "unsupported_media_type", "Unsupported media type",
                    "Send the body as application/json (Content-Type: application/json).");
            case 431 -> new HttpErrors(431, "headers_too_large", "Headers too large",
                    "The request headers are larger than this service accepts (8 KB in all). Send fewer or shorter headers.");
            case 501 -> new HttpErrors(501, "not_implemented", "Method not implemented",
                    "This method is not known to this service. See /v3/api-docs for the methods each path takes.");
            default -> status >= 500
                    ? new HttpErrors(status, "internal_error", "Internal error",
                            "Something went wrong on our side and nothing was applied. Try again; if it keeps failing, tell support the correlation id.")
                    : new HttpErrors(status, "invalid_request", "Request not accepted",
                            "The request was not accepted. Check it against /v3/api-docs and send it again.");
        };
    }

    /** Whether a request path (as sent, before decoding) belongs to the REST API rather than the console. */
    static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/") || path.startsWith("/api;"));
    }
}
