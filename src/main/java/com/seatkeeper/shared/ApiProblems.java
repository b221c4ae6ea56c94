package com.seatkeeper.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place where refusals and request errors become RFC 9457 problem details with a
 * stable {@code code} member and a {@code detail} that says what to do (REST controllers only;
 * the console shows refusals inline and errors as pages).
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblems {
    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    /** The response for a business refusal. */
    public static ResponseEntity<ProblemDetail> of(BusinessRefusal refusal) {
        ProblemDetail p = problem(HttpStatus.valueOf(refusal.status()), refusal.code(), refusal.title(), refusal.detail());
        refusal.properties().forEach(p::setProperty);
        return respond(p);
    }

    public static ProblemDetail problem(HttpStatus status, String code, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://seatkeeper.example/problems/" + code.replace('_', '-')));
        p.setTitle(title);
        p.setProperty("code", code);
        return p;
    }

    public static ResponseEntity<ProblemDetail> respond(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "not_found", "Not found",
                e.getMessage() + " (or it is not visible to you). Check the id."));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "not_found", "Not found",
                "There is no such resource: " + e.getResourcePath() + ". See /v3/api-docs for the API."));
    }

    @ExceptionHandler({ForbiddenException.class, AccessDeniedException.class})
    ResponseEntity<ProblemDetail> forbidden(RuntimeException e) {
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
                e.getMessage() + " Ask an administrator of your district."));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        ResponseEntity<ProblemDetail> out = invalid(Map.of(e.field(), e.getMessage()));
        out.getBody().setProperty("code", e.code());
        out.getBody().setType(URI.create("https://seatkeeper.example/problems/" + e.code().replace('_', '-')));
        return out;
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getBindingResult().getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(),
                f.getField() + " " + f.getDefaultMessage() + "."));
        e.getBindingResult().getGlobalErrors().forEach(g -> errors.putIfAbsent(g.getObjectName(), g.getDefaultMessage()));
        return invalid(errors);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(ConstraintViolationException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getConstraintViolations().forEach(v -> {
            String path = v.getPropertyPath().toString();
            String field = path.substring(path.lastIndexOf('.') + 1);
            errors.putIfAbsent(field, field + " " + v.getMessage() + ".");
        });
        return invalid(errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JacksonException je && !je.getPath().isEmpty()) {
            String field = fieldPath(je.getPath());
            return invalid(Map.of(field, field + " " + wrongValue(je) + "."));
        }
        if (cause instanceof MismatchedInputException m && m.getTargetType() != null && found(m) != null) {
            // well-formed JSON of the wrong kind for the whole body ([] or "x" where an object is expected): say so, not "not JSON"
            return invalid(Map.of("body", "The request body must be " + expected(m.getTargetType()) + ", not " + found(m) + "."));
        }
        if (cause instanceof JacksonException je) {
            Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(je.getOriginalMessage()));
            if (duplicate.find()) {
                String field = duplicate.group(1);
                return invalid(Map.of(field, field + " is given more than once; give each field once."));
            }
            var loc = je instanceof tools.jackson.core.exc.StreamReadException sre ? sre.getLocation() : null;
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            return respond(problem(HttpStatus.BAD_REQUEST, "invalid_request", "Malformed JSON",
                    "The request body is not valid JSON" + where + ". Send a JSON object as described in /v3/api-docs."));
        }
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid_request", "Missing body",
                "The request needs a JSON body as described in /v3/api-docs."));
    }

    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate (?:Object property|field) \"([^\"]*)\"");

    /** What is wrong with a value Jackson could not read, in the words of the expected type (no coercion is made). */
    private static String wrongValue(JacksonException je) {
        String problem = String.valueOf(je.getOriginalMessage());
        if (problem.contains("not one of the values accepted")) {
            return "is " + problem.substring(problem.indexOf("not one of the values accepted")).replace("for Enum class", "for");
        }
        if (je instanceof InvalidNullException) {
            JacksonException.Reference last = je.getPath().get(je.getPath().size() - 1);
            return last.getPropertyName() == null
                    ? "may not be null: give a value, or leave the element out of the list" // an element of a list
                    : "cannot be null here: leave the field out to keep its value, or give one"; // a PATCH field
        }
        if (je instanceof UnrecognizedPropertyException) {
            return "is not a field of this request (see /v3/api-docs for its fields)";
        }
        if (je instanceof InputCoercionException overflow) {
            return "is out of range: it must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                    + (overflow.getTargetType() == null ? "" : " (" + overflow.getTargetType().getSimpleName() + ")");
        }
        Class<?> type = je instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (type == null) {
            return "has a value of the wrong type or form";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class) {
            return "must be a whole number written as a JSON number (such as 5, not 2.9 or \"5\")";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "must be a JSON number (such as 2.5, not \"2.5\")";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false (a JSON boolean, not a string or number)";
        }
        if (type == String.class) {
            return "must be a JSON string (in quotes)";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "must be a date written as YYYY-MM-DD";
        }
        if (type == java.util.UUID.class) {
            return "must be an id (a UUID in quotes)";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a JSON array";
        }
        if (isObject(type)) {
            return "must be " + expected(type) + (found(je) == null ? "" : ", not " + found(je));
        }
        return "has a value of the wrong type or form";
    }

    /** A type Jackson reads from a JSON object: a record or bean of ours, or a map (not a value, an enum or a list). */
    private static boolean isObject(Class<?> type) {
        return java.util.Map.class.isAssignableFrom(type) || !type.isPrimitive() && !type.isEnum() && !type.isArray()
                && !java.util.Collection.class.isAssignableFrom(type) && !CharSequence.class.isAssignableFrom(type)
                && !Number.class.isAssignableFrom(type) && type != Boolean.class && !type.getName().startsWith("java.");
    }

    /** What a value of the type is written as, for a message: "a JSON object (as described in /v3/api-docs)", "a JSON array". */
    private static String expected(Class<?> type) {
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        return isObject(type) ? "a JSON object (as described in /v3/api-docs)" : "a single JSON value (as described in /v3/api-docs)";
    }

    private static final Pattern TOKEN = Pattern.compile("JsonToken\\.([A-Z_]+)");

    /** What was sent instead, from the token Jackson stopped at: "a JSON array", "a JSON string", ...; null when unknown. */
    private static String found(JacksonException je) {
        String t = je.processor() instanceof tools.jackson.core.JsonParser p && p.currentToken() != null ? p.currentToken().name() : null;
        Matcher named = TOKEN.matcher(String.valueOf(je.getOriginalMessage()));
        if (t == null && named.find()) {
            t = named.group(1);
        }
        if (t == null) {
            return null;
        }
        return switch (t) {
            case "START_ARRAY", "END_ARRAY" -> "a JSON array";
            case "START_OBJECT", "END_OBJECT", "PROPERTY_NAME" -> "a JSON object";
            case "VALUE_STRING" -> "a JSON string";
            case "VALUE_NUMBER_INT", "VALUE_NUMBER_FLOAT" -> "a JSON number";
            case "VALUE_TRUE", "VALUE_FALSE" -> "true or false";
            case "VALUE_NULL" -> "null";
            default -> null;
        };
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        return invalid(Map.of(e.getName(), e.getName() + " has an invalid value '" + Text.excerpt(String.valueOf(e.getValue())) + "'."));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return invalid(Map.of(e.getParameterName(), e.getParameterName() + " is required."));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e) {
        return invalid(Map.of(e.getRequestPartName(), e.getRequestPartName() + " is required (multipart form field)."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return respond(problem(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "Method not allowed",
                e.getMethod() + " is not supported here; use " + e.getSupportedHttpMethods() + "."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Unsupported media type",
                "Send the body as application/json."));
    }

    /**
     * A constraint caught what the services' checks missed (a race): the specific problem of {@link ConstraintRefusal},
     * nothing applied. A constraint without a meaning there is a bug: 500 {@code internal_error}.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> constraint(DataIntegrityViolationException e, HttpServletRequest request) throws Exception {
        Optional<ConstraintRefusal> known = ConstraintRefusal.of(e);
        if (known.isPresent()) {
            log.info("Constraint {} refused {} {}: answered {}", known.get().constraint(), request.getMethod(), request.getRequestURI(),
                    known.get().code());
            return of(known.get());
        }
        return internalError(e, request);
    }

    /**
     * Anything else is a bug: 500 problem+json with code {@code internal_error} and a {@code correlationId} that is also
     * in the log line with the stack trace (never the exception's message, which may hold data).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> internalError(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof AuthenticationException) {
            throw e; // the security filters answer 401
        }
        if (ClientAborts.isClientAbort(e)) {
            // the client closed the connection while its answer was written: no fault of ours, and no one to answer
            log.debug("Client went away during {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            return null;
        }
        if (e instanceof ErrorResponse spring && spring.getStatusCode().value() < 500) {
            ProblemDetail p = spring.getBody();
            HttpStatus status = HttpStatus.valueOf(spring.getStatusCode().value());
            String code = switch (status) {
                case NOT_FOUND -> "not_found";
                case METHOD_NOT_ALLOWED -> "method_not_allowed";
                case NOT_ACCEPTABLE -> "not_acceptable";
                case CONTENT_TOO_LARGE -> "payload_too_large"; // Spring 7's name for 413 (valueOf never gives PAYLOAD_TOO_LARGE)
                case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
                default -> "invalid_request";
            };
            if (status == HttpStatus.CONTENT_TOO_LARGE) { // in our words, never Spring's "Maximum upload size exceeded"
                return respond(problem(status, code, "Request body too large", "The request body is larger than this service "
                        + "accepts. Send a smaller body, or split the change into several requests."));
            }
            return respond(problem(status, code, status.getReasonPhrase(),
                    p.getDetail() == null ? status.getReasonPhrase() + "." : p.getDetail()));
        }
        String id = CorrelationIds.next();
        log.error("Internal error {} on {} {}", id, request.getMethod(), request.getRequestURI(), e);
        ProblemDetail p = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Internal error",
                "Something went wrong on our side and nothing was applied. Try again; if it keeps failing, tell support the correlation id "
                        + id + ".");
        p.setProperty("correlationId", id);
        return respond(p);
    }

    static ResponseEntity<ProblemDetail> invalid(Map<String, String> errors) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid_request", "Invalid request", invalidDetail(errors.values()));
        p.setProperty("errors", errors.entrySet().stream()
                .map(en -> Map.of("field", en.getKey(), "message", en.getValue())).toList());
        if (errors.size() == 1) {
            p.setProperty("field", errors.keySet().iterator().next());
        }
        return respond(p);
    }

    /**
     * The detail of an {@code invalid_request}: the messages joined, and the instruction to send again said once, at the
     * end. A message that already ends with its own ("… Remove it and send again.") keeps only its action where another
     * message follows, and the last one's stands for all; otherwise "Correct it and send again." closes the detail.
     * A pure function.
     */
    static String invalidDetail(Collection<String> messages) {
        List<String> all = List.copyOf(messages);
        StringBuilder detail = new StringBuilder();
        for (int i = 0; i < all.size(); i++) {
            String m = all.get(i).strip();
            boolean last = i == all.size() - 1;
            detail.append(detail.isEmpty() ? "" : " ").append(last ? m : SEND_AGAIN.matcher(m).replaceFirst("."));
        }
        return SEND_AGAIN.matcher(detail).find() ? detail.toString() : detail + " Correct it and send again.";
    }

    /** A message's closing "… and send (it) again." */
    private static final Pattern SEND_AGAIN = Pattern.compile(" and send (it )?again\\.$");

    private static String fieldPath(List<JacksonException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference r : path) {
            if (r.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
