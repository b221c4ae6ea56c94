package com.seatkeeper.platform;

import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.Text;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
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
 * with the default.
 *
 * <p>The names an operation takes are read from its handler method's {@code @RequestParam}s (and undeclared simple
 * arguments, which Spring binds from parameters too), so the check cannot drift from the handlers. A handler that
 * takes all parameters ({@code @RequestParam Map}, {@code @ModelAttribute}) is not checked for unknown names.
 * Registered for {@code /api/**} only: the console's filters are lenient by design.
 */
final class StrictQueryParameters implements HandlerInterceptor {
    /** What a handler method accepts; {@code any} when it binds every parameter. */
    record Accepted(boolean any, SortedSet<String> names) {
        static final Accepted ANY = new Accepted(true, new TreeSet<>());
    }

    private final ParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();
    private final Map<Method, Accepted> accepted = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            Accepted takes = accepted.computeIfAbsent(method.getMethod(), m -> acceptedBy(method));
            refusal(request.getQueryString(), takes).ifPresent(e -> {
                throw e;
            });
        }
        return true;
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
        for (MethodParameter p : handler.getMethodParameters()) {
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            if (p.hasParameterAnnotation(ModelAttribute.class) || (param != null && Map.class.isAssignableFrom(p.getParameterType()))) {
                return Accepted.ANY;
            }
            String declaredName = declared == null ? null : declared[p.getParameterIndex()];
            if (param != null) {
                String named = !param.name().isEmpty() ? param.name() : param.value();
                result.add(named.isEmpty() ? declaredName : named);
            } else if (p.getParameterAnnotations().length == 0 && BeanUtils.isSimpleProperty(p.getParameterType()) && declaredName != null) {
                result.add(declaredName);
            }
        }
        return new Accepted(false, result);
    }
}
