package com.seatkeeper.access;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ForbiddenException;
import java.util.List;
import java.util.UUID;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets console controllers take an {@link Actor} parameter. A console session holds only the
 * account id; role, district and schools are read afresh on every request, so a changed role
 * or a deactivated person takes effect at once.
 */
@Component
class CurrentActorResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {
    private final Accounts accounts;

    CurrentActorResolver(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Actor.class) && !parameter.hasParameterAnnotation(AuthenticationPrincipal.class);
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                 WebDataBinderFactory binderFactory) {
        return current();
    }

    static Actor current(Accounts accounts) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            throw new AuthenticationCredentialsNotFoundException("not signed in");
        }
        if (auth.getPrincipal() instanceof Actor a) {
            return a;
        }
        if (auth.getPrincipal() instanceof UserDetails u) {
            return accounts.actorForAccount(UUID.fromString(u.getUsername()))
                    .orElseThrow(() -> new ForbiddenException("Your account is inactive."));
        }
        throw new AuthenticationCredentialsNotFoundException("not signed in");
    }

    private Actor current() {
        return current(accounts);
    }
}
