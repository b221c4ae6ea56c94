package com.seatkeeper.access;

import com.seatkeeper.shared.Actor;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Sign-in by email and password for the console; the user name is the account id. Inactive people are disabled; people
 * without a console ({@link ConsoleRoles}) are refused with credentials expired, which the sign-in page explains.
 */
@Component
class AccountUserDetails implements UserDetailsService {
    private final Accounts accounts;

    AccountUserDetails(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        Accounts.SignIn s = accounts.signIn(email).orElseThrow(() -> new UsernameNotFoundException("no account"));
        // a deactivated person keeps their account but cannot sign in
        Optional<Actor> actor = accounts.actorForAccount(s.accountId());
        // a student or staff member has no console: refused only after the password matched (credentials expired is
        // checked after the password), so that the sign-in page can say why without telling strangers the role
        boolean console = actor.map(a -> ConsoleRoles.hasConsole(a.role())).orElse(true);
        return User.withUsername(s.accountId().toString()).password(s.passwordHash()).disabled(actor.isEmpty())
                .credentialsExpired(!console)
                .authorities(List.of(new SimpleGrantedAuthority("ROLE_ACCOUNT"))).build();
    }
}
