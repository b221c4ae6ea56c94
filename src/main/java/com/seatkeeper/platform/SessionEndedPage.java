package com.seatkeeper.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The console's "Your session has ended — sign in again" page (templates/error/session-ended.html), shown through the
 * error dispatch ({@link ErrorPages}) so that it works from inside the security filters, before any controller.
 */
public final class SessionEndedPage {
    static final String RETURN_TO = SessionEndedPage.class.getName() + ".returnTo";

    private SessionEndedPage() {
    }

    /**
     * Answers {@code status} (401 or 403) with the page; its link opens {@code returnTo}, a same-origin path the caller has
     * checked, which asks to sign in and then returns there.
     */
    public static void show(HttpServletRequest request, HttpServletResponse response, int status, String returnTo) throws IOException {
        request.setAttribute(RETURN_TO, returnTo);
        response.sendError(status);
    }
}
