package com.seatkeeper.console;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ForbiddenException;
import com.seatkeeper.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Error pages of the console (the REST API answers with problem details instead). */
// console controllers only: @RestController is a @Controller too, and the API needs neither "me" nor error pages
@ControllerAdvice(basePackages = "com.seatkeeper.console")
@Order(Ordered.LOWEST_PRECEDENCE)
class ConsoleModel {
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

    static boolean isAdmin(Actor a) {
        return a.isAnyOf(com.seatkeeper.shared.ActorRole.VENDOR_ADMIN, com.seatkeeper.shared.ActorRole.DISTRICT_ADMIN,
                com.seatkeeper.shared.ActorRole.SCHOOL_ADMIN);
    }
}
