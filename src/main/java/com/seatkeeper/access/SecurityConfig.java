package com.seatkeeper.access;

import com.seatkeeper.shared.ApiProblems;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // bcrypt, upgradable
    }

    /**
     * No tracing observations of the security filters: with an observation registry present, Spring Security
     * otherwise wraps every filter of every request in an observation (measurable on the license-read path);
     * requests are still observed as a whole by the web server's metrics.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The REST API: bearer tokens only, no session, no CSRF (no cookies are accepted). It leaves out the
     * filters an API without sessions has no use for (anonymous user, logout, servlet API wrapper), and
     * writes its fixed security headers at once rather than through request and response wrappers.
     */
    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, Accounts accounts, TokenCache tokens, JsonMapper json) throws Exception {
        http.securityMatcher("/api/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .anonymous(a -> a.disable())
                .logout(l -> l.disable())
                .servletApi(s -> s.disable())
                .headers(h -> h.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }))
                .addFilterBefore(new BearerTokenFilter(accounts, tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> write(res, json, req.getAttribute(BearerTokenFilter.REFUSED) instanceof TokenRefusal r
                                ? ApiProblems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Token no longer works", r.detailOnUse())
                                : ApiProblems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Not signed in",
                                "Send a valid API token as 'Authorization: Bearer <token>'. Tokens are issued by a district or vendor administrator.")))
                        .accessDeniedHandler((req, res, ex) -> write(res, json, ApiProblems.problem(HttpStatus.FORBIDDEN,
                                "forbidden", "Not allowed", "Your role may not do this. Ask an administrator of your district."))));
        return http.build();
    }

    /**
     * The console: form sign-in (session id changed at sign-in; back to the page that asked for it, else the start page),
     * CSRF on every form and htmx request, failed-login throttling, a strict content security policy, and a clear answer
     * when the session has ended ({@link SessionEnds}). Sessions live in the database (Spring Session JDBC), so every
     * instance knows them.
     */
    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, LoginThrottle throttle) throws Exception {
        SessionEnds sessionEnds = new SessionEnds();
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**",
                                "/swagger-ui.html", "/error", "/login", "/account/password", "/account/forgot", "/css/**", "/js/**", "/webjars/**", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").usernameParameter("email").passwordParameter("password")
                        .successHandler(signedIn()).failureHandler(signInFailures()).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .requestCache(c -> c.requestCache(pagesToReturnTo()))
                .exceptionHandling(e -> e.authenticationEntryPoint(sessionEnds).accessDeniedHandler(sessionEnds))
                .addFilterBefore(new LoginThrottle.ThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * Where a sign-in goes: the page asked for before it ({@link #pagesToReturnTo}), else {@code /}; by its path only
     * ({@link RelativeRedirects}), never to the origin of the request's Host header.
     */
    private static AuthenticationSuccessHandler signedIn() {
        SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler();
        handler.setDefaultTargetUrl("/");
        handler.setRequestCache(pagesToReturnTo());
        handler.setRedirectStrategy(new RelativeRedirects());
        return handler;
    }

    /**
     * Where a failed sign-in goes: {@code /login?error} ("do not match"), or {@code /login?noConsole} when the password
     * matched but the person has no console ({@link AccountUserDetails}: students and staff).
     */
    private static AuthenticationFailureHandler signInFailures() {
        ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
        handler.setDefaultFailureUrl("/login?error");
        handler.setExceptionMappings(Map.of(CredentialsExpiredException.class.getName(), "/login?noConsole"));
        return handler;
    }

    /**
     * The page someone asked for before being sent to sign in, to return there afterwards: a page (GET, not an htmx
     * fragment, not a script, style or error), never a form post. The address is this server's own by construction.
     */
    private static RequestCache pagesToReturnTo() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> "GET".equals(request.getMethod()) && !SessionEnds.isHtmx(request)
                && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
                && !request.getRequestURI().matches("^/(css|js|webjars|error|favicon\\.ico|\\.well-known)(/.*)?$"));
        return cache;
    }

    /**
     * Requests the security firewall refuses (an encoded slash or NUL, a {@code ;jsessionid} path parameter, {@code ..}):
     * 400 through the error pages (problem+json on API paths, the console's page elsewhere) rather than a 500.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return new HttpStatusRequestRejectedHandler(HttpServletResponse.SC_BAD_REQUEST);
    }

    private static void write(HttpServletResponse res, JsonMapper json, ProblemDetail problem) throws java.io.IOException {
        res.setStatus(problem.getStatus());
        res.setContentType("application/problem+json");
        json.writeValue(res.getOutputStream(), problem);
    }
}
