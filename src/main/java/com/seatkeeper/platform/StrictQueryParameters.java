package com.seatkeeper.platform;

import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.Text;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.beans.BeanUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Query parameters of the API are read as they are written, like its bodies ({@link StrictJsonConfig}): a name the
 * operation does not take ({@code POST /users/{id}/deactivate?dryRun=true}) is refused with 400
 * {@code invalid_request} naming it and listing the names the operation takes, rather than ignored, and a name given
 * twice ({@code dryRun=true&dryRun=false}) is refused rather than "the first one wins", and so is a name with an empty
 * or blank value ({@code ?limit=}, {@code ?schoolId=%20}), which Spring would otherwise read as "not given" and answer
 * with the default. A typed value is read strictly too ({@link #typed}): {@code dryRun=no} is refused, never read as
 * true or false.
 *
 * <p>The names an operation takes are read from its handler method's {@code @RequestParam}s (and undeclared simple
 * arguments, which Spring binds from parameters too), so the check cannot drift from the handlers. A handler that
 * takes all parameters ({@code @RequestParam Map}, {@code @ModelAttribute}) is not checked for unknown names.
 * Registered for {@code /api/**} only: the console's filters are lenient by design.
 */
final class StrictQueryParameters implements HandlerInterceptor {
    /**
     * What a handler method accepts; {@code any} when it binds every parameter. {@code types} maps each taken name to
     * the Java type its handler argument converts it to (names bound as text are absent).
     */
    record Accepted(boolean any, SortedSet<String> names, Map<String, Class<?>> types) {
        static final Accepted ANY = new Accepted(true, new TreeSet<>(), Map.of());

        Accepted(boolean any, SortedSet<String> names) {
            this(any, names, Map.of());
        }
    }

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    private static final Pattern CANONICAL_UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();
    private final Map<Method, Accepted> accepted = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            Accepted takes = accepted.computeIfAbsent(method.getMethod(), m -> acceptedBy(method));
            refusal(request.getQueryString(), takes).ifPresent(e -> {
                throw e;
            });
            // a typed value sent as a multipart form field (POST /imports?dryRun) is read as strictly as a query value
            takes.types().forEach((name, type) -> {
                for (String value : formValues(request, name)) {
                    typed(name, value, type).ifPresent(e -> {
                        throw e;
                    });
                }
            });
        }
        return true;
    }

    /**
     * The values of {@code name} in the query and a form body; none when the body cannot be read here (an upload past
     * Tomcat's part limits): the handler meets the same failure and answers it as it does without this check.
     */
    private static String[] formValues(HttpServletRequest request, String name) {
        try {
            String[] values = request.getParameterValues(name);
            return values == null ? new String[0] : values;
        } catch (IllegalStateException | IllegalArgumentException unreadable) {
            return new String[0];
        }
    }

    /**
     * The refusal of a query string for an operation that accepts {@code takes}, or empty when every name is taken
     * and given once. A pure function of its inputs.
     */
    static Optional<InvalidRequestException> refusal(String queryString, Accepted takes) {
        if (queryString == null || queryString.isEmpty()) {
            return Optional.empty();
        }
        Set<String> seen = new HashSet<>();
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!takes.any() && !takes.names().contains(name)) {
                return Optional.of(new InvalidRequestException(Text.excerpt(name), "\"" + Text.excerpt(name) + "\" is not a query parameter of this operation; "
                        + accepts(takes.names()) + " See /v3/api-docs."));
            }
            if (!seen.add(name)) {
                return Optional.of(new InvalidRequestException(Text.excerpt(name), "\"" + Text.excerpt(name) + "\" is given more than once; give each query parameter once."));
            }
            if (eq < 0 || decode(pair.substring(eq + 1)).isBlank()) {
                return Optional.of(new InvalidRequestException(name, "\"" + name + "\" is given without a value; give a value, or leave "
                        + name + " out for its default."));
            }
            Class<?> type = takes.types().get(name);
            if (type != null) {
                Optional<InvalidRequestException> wrong = typed(name, decode(pair.substring(eq + 1)), type);
                if (wrong.isPresent()) {
                    return wrong;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The refusal of {@code value} (decoded) for a parameter converted to {@code type}, or empty when it is written as
     * the contract (OpenAPI) says: a boolean exactly {@code true} or {@code false} (Spring alone would also take
     * {@code yes}, {@code on}, {@code 1}, {@code no}, {@code off}, {@code 0}), an integer as plain digits (Spring alone
     * would take {@code +5}, {@code 5 }, {@code 0x10}), a UUID in its canonical 8-4-4-4-12 hex form (RFC 9562 §4; Spring
     * alone trims it and takes {@code 1-2-3-4-5}), an enum as one of its names exactly (Spring alone trims it). No
     * parameter of the API is meaningfully negative, so no sign is taken. A pure function.
     */
    static Optional<InvalidRequestException> typed(String name, String value, Class<?> type) {
        String shown = "\"" + Text.excerpt(value) + "\"";
        if (type == boolean.class || type == Boolean.class) {
            return value.equals("true") || value.equals("false") ? Optional.empty()
                    : Optional.of(new InvalidRequestException(name, name + " takes true or false; " + shown + " is neither."));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class || type == short.class || type == Short.class) {
            return DIGITS.matcher(value).matches() ? Optional.empty()
                    : Optional.of(new InvalidRequestException(name, name + " takes a whole number written as digits only (no sign, spaces or other characters); "
                            + shown + " is not one."));
        }
        if (type == UUID.class) {
            return CANONICAL_UUID.matcher(value).matches() ? Optional.empty()
                    : Optional.of(new InvalidRequestException(name, name + " takes an id (a UUID such as 3f2b8c1e-0000-4000-8000-000000000000); "
                            + shown + " is not one."));
        }
        if (type.isEnum()) {
            List<String> constants = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            return constants.contains(value) ? Optional.empty()
                    : Optional.of(new InvalidRequestException(name, name + " takes one of " + String.join(", ", constants) + "; "
                            + shown + " is not one of them."));
        }
        return Optional.empty();
    }

    private static String accepts(Collection<String> names) {
        return names.isEmpty() ? "it takes no query parameters." : "it takes only " + String.join(", ", names) + ".";
    }

    private static String decode(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return name;
        }
    }

    private Accepted acceptedBy(HandlerMethod handler) {
        String[] declared = names.getParameterNames(handler.getMethod());
        SortedSet<String> result = new TreeSet<>();
        Map<String, Class<?>> types = new HashMap<>();
        for (MethodParameter p : handler.getMethodParameters()) {
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            if (p.hasParameterAnnotation(ModelAttribute.class) || (param != null && Map.class.isAssignableFrom(p.getParameterType()))) {
                return Accepted.ANY;
            }
            String declaredName = declared == null ? null : declared[p.getParameterIndex()];
            if (param != null) {
                String named = !param.name().isEmpty() ? param.name() : param.value();
                String taken = named.isEmpty() ? declaredName : named;
                result.add(taken);
                types.put(taken, p.getParameterType());
            } else if (p.getParameterAnnotations().length == 0 && BeanUtils.isSimpleProperty(p.getParameterType()) && declaredName != null) {
                result.add(declaredName);
                types.put(declaredName, p.getParameterType());
            }
        }
        return new Accepted(false, result, Map.copyOf(types));
    }
}
