package com.seatkeeper.access;

import com.seatkeeper.platform.SessionEndedPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * What the console answers when a request needs a session it no longer has (idle timeout, signed out elsewhere) or carries
 * the CSRF token of an earlier session, so that nothing fails silently:
 * <ul>
 * <li>a page opened signed out: to the sign-in page ({@code ?expired} when the browser named a session that has ended,
 * which the page says), remembering the page so that signing in returns there (the request cache);</li>
 * <li>an htmx request (header {@code HX-Request}) signed out: {@code HX-Redirect} to the page it came from
 * ({@code HX-Current-URL}, same origin only), which asks to sign in and returns there;</li>
 * <li>a form or htmx request with a missing or stale CSRF token: a plain form gets "Your session has ended — sign in again"
 * with a link back to the page it came from ({@code Referer}); an htmx one a redirect as above when signed out, else a
 * 403 that console.js turns into its banner;</li>
 * <li>any other refusal: 403 with the console's "Not allowed" page (platform.ErrorPages).</li>
 * </ul>
 */
final class SessionEnds implements AuthenticationEntryPoint, AccessDeniedHandler {
    /**
     * Set in the fresh session that a refused form starts (the CSRF filter makes one for its new token), so that the page
     * opened next still knows the previous session ended: the browser's cookie names the fresh session by then.
     */
    private static final String ENDED = SessionEnds.class.getName() + ".ended";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        if (isHtmx(request)) {
            response.setHeader("HX-Redirect", request.getContextPath() + returnPath(request, request.getHeader("HX-Current-URL")));
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        boolean ended = sessionEnded(request) || endedBeforeThisSession(request);
        response.sendRedirect(request.getContextPath() + (ended ? "/login?expired" : "/login"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        if (!(denied instanceof CsrfException)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        boolean signedIn = signedIn();
        if (!signedIn && sessionEnded(request)) {
            request.getSession().setAttribute(ENDED, Boolean.TRUE);
        }
        if (isHtmx(request)) {
            if (!signedIn) {
                response.setHeader("HX-Redirect", request.getContextPath() + returnPath(request, request.getHeader("HX-Current-URL")));
            }
            response.setStatus(signedIn ? HttpServletResponse.SC_FORBIDDEN : HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        SessionEndedPage.show(request, response, signedIn ? HttpServletResponse.SC_FORBIDDEN : HttpServletResponse.SC_UNAUTHORIZED,
                request.getContextPath() + returnPath(request, request.getHeader("Referer")));
    }

    static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    /** The browser named a session (its cookie) that no instance knows any more: it timed out or was signed out. */
    private static boolean sessionEnded(HttpServletRequest request) {
        return request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
    }

    /** The session was started by a refused form whose own session had ended (see {@link #ENDED}); asked once. */
    private static boolean endedBeforeThisSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || session.getAttribute(ENDED) == null) {
            return false;
        }
        session.removeAttribute(ENDED);
        return true;
    }

    private static boolean signedIn() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken);
    }

    /** The page to come back to: {@code address} when it is a path of this server, else the start page. */
    private static String returnPath(HttpServletRequest request, String address) {
        return ReturnPaths.sameOrigin(address, request.getServerName(), request.getServerPort())
                .map(p -> p.startsWith(request.getContextPath()) ? p.substring(request.getContextPath().length()) : p)
                .filter(p -> p.startsWith("/"))
                .orElse("/");
    }
}
