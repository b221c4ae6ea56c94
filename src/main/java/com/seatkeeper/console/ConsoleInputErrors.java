package com.seatkeeper.console;

import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.Text;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A path or query value of a console page that does not convert to its type (a malformed id, say). Ordered before
 * Spring Boot's problem-details advice, which would otherwise answer the console with JSON: a malformed id in a path
 * names nothing, so it is the same designed 404 page as an unknown id, in the path or in the query
 * ({@code ?district=not-an-id}); any other malformed parameter is the designed
 * 400 page saying which. (Form fields never get here: they bind into the form's {@code BindingResult}.)
 */
@ControllerAdvice(basePackages = "com.seatkeeper.console")
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ConsoleInputErrors {

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String mismatch(MethodArgumentTypeMismatchException e, Model model, HttpServletResponse response) {
        if (e.getParameter().hasParameterAnnotation(PathVariable.class) || isId(e.getRequiredType())) {
            return ConsoleModel.notFoundPage(model, response);
        }
        return ConsoleModel.invalidPage(new InvalidRequestException(e.getName(), "This page's address gives “" + Forms.words(e.getName()) + "” as “"
                + Text.excerpt(String.valueOf(e.getValue())) + "”, which it does not take. Go back and use the page's links and choices."), model, response);
    }

    /** Whether the parameter's type is one of the ids ({@code DistrictId}, {@code SyncRunId}, …: records named "…Id"). */
    static boolean isId(Class<?> type) {
        return type != null && type.isRecord() && type.getSimpleName().endsWith("Id");
    }
}
