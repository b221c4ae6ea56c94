package com.seatkeeper.console;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.Actor;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The error pages that no console controller renders (platform's error controller: unknown page, firewall refusal, a bug
 * in a filter) show the console's navigation for whoever is signed in, like every other page.
 */
@ControllerAdvice(assignableTypes = ErrorController.class)
class ErrorPageFrame {
    private final Accounts accounts;

    ErrorPageFrame(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The signed-in person for the page frame; null when no one is. */
    @ModelAttribute("me")
    Actor me() {
        return accounts.current().orElse(null);
    }
}
