package com.seatkeeper.console;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Whether a console request came from htmx (header {@code HX-Request: true}) and so wants a
 * fragment of the page rather than the whole page. Handlers take it as a parameter:
 *
 * <pre>
 *   return htmx.view("licenses/holders", "panel"); // "licenses/holders :: panel" for htmx, else the page
 * </pre>
 *
 * @param request true for an htmx request
 */
public record Htmx(boolean request) {

    /** The view to render: the named fragment of the page for htmx, the whole page otherwise. */
    public String view(String page, String fragment) {
        return request ? page + " :: " + fragment : page;
    }

    /** Resolves the {@link Htmx} parameter of a handler from the request's {@code HX-Request} header. */
    static final class Resolver implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType().equals(Htmx.class);
        }

        @Override
        public Htmx resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                    WebDataBinderFactory binderFactory) {
            return new Htmx("true".equals(request.getHeader("HX-Request")));
        }
    }
}
