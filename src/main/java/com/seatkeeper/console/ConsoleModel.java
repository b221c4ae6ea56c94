package com.seatkeeper.console;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ForbiddenException;
import com.seatkeeper.shared.InvalidRequestException;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.ConstraintRefusal;
import com.seatkeeper.shared.CorrelationIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Error pages of the console (the REST API answers with problem details instead). */
// console controllers only: @RestController is a @Controller too, and the API needs neither "me" nor error pages
@ControllerAdvice(basePackages = "com.seatkeeper.console")
@Order(Ordered.LOWEST_PRECEDENCE)
class ConsoleModel {
    private static final Logger log = LoggerFactory.getLogger(ConsoleModel.class);
    private final Accounts accounts;

    ConsoleModel(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The signed-in person for the page frame (navigation by role); null on the sign-in page. */
    @ModelAttribute("me")
    Actor me() {
        return accounts.current().orElse(null);
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletResponse response) {
        return notFoundPage(model, response);
    }

    /** The designed 404 page: the same for an unknown id, a malformed one and one of another district. */
    static String notFoundPage(Model model, HttpServletResponse response) {
        response.setStatus(404);
        model.addAttribute("problemTitle", "Not found");
        model.addAttribute("message", "This page does not exist or is not visible to you.");
        return "error/problem";
    }

    @ExceptionHandler(ForbiddenException.class)
    String forbidden(ForbiddenException e, Model model, HttpServletResponse response) {
        response.setStatus(403);
        model.addAttribute("problemTitle", "Not allowed");
        model.addAttribute("message", e.getMessage());
        return "error/problem";
    }

    /** Input a service refused on its face (a search text with a control character, a malformed parameter): 400, saying what. */
    @ExceptionHandler(InvalidRequestException.class)
    String invalid(InvalidRequestException e, Model model, HttpServletResponse response) {
        return invalidPage(e, model, response);
    }

    /** The designed 400 page, saying what is wrong. */
    static String invalidPage(InvalidRequestException e, Model model, HttpServletResponse response) {
        response.setStatus(400);
        model.addAttribute("problemTitle", "Check the input");
        model.addAttribute("message", e.getMessage() + " Go back, correct it and try again.");
        return "error/problem";
    }

    /** A constraint caught what a check missed (a race): the same specific problem as the API, else a bug (below). */
    @ExceptionHandler(DataIntegrityViolationException.class)
    String constraint(DataIntegrityViolationException e, Model model, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        Optional<ConstraintRefusal> known = ConstraintRefusal.of(e);
        if (known.isEmpty()) {
            return internalError(e, model, request, response);
        }
        response.setStatus(known.get().status());
        model.addAttribute("problemTitle", known.get().title());
        model.addAttribute("message", known.get().detail() + " Nothing was changed; go back and reload the page.");
        return "error/problem";
    }

    /** A bug: a designed page with a correlation id that is also in the log line with the stack trace. */
    @ExceptionHandler(Exception.class)
    String internalError(Exception e, Model model, HttpServletRequest request, HttpServletResponse response) throws Exception {
        if (e instanceof AuthenticationException || e instanceof AccessDeniedException
                || e instanceof ErrorResponse spring && spring.getStatusCode().value() < 500) {
            throw e; // sign-in, 403 and Spring MVC's own 4xx answers stay as they are
        }
        if (com.seatkeeper.shared.ClientAborts.isClientAbort(e)) {
            // the browser closed the connection while the page was written: not a bug, and no one to show a page to
            log.debug("Client went away during {} {} (console): {}", request.getMethod(), request.getRequestURI(), e.toString());
            return null;
        }
        String id = CorrelationIds.next();
        log.error("Internal error {} on {} {} (console)", id, request.getMethod(), request.getRequestURI(), e);
        response.setStatus(500);
        model.addAttribute("problemTitle", "Something went wrong");
        model.addAttribute("message", "Something went wrong on our side and nothing was changed. Go back and try again; if it keeps "
                + "happening, tell support the correlation id below.");
        model.addAttribute("correlationId", id);
        return "error/problem";
    }

    static boolean isAdmin(Actor a) {
        return a.isAnyOf(com.seatkeeper.shared.ActorRole.VENDOR_ADMIN, com.seatkeeper.shared.ActorRole.DISTRICT_ADMIN,
                com.seatkeeper.shared.ActorRole.SCHOOL_ADMIN);
    }
}
