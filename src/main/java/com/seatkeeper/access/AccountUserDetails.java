package com.seatkeeper.access;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Sign-in by email and password for the console; the user name is the account id. */
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
        boolean canAct = accounts.actorForAccount(s.accountId()).isPresent();
        return User.withUsername(s.accountId().toString()).password(s.passwordHash()).disabled(!canAct)
                .authorities(List.of(new SimpleGrantedAuthority("ROLE_ACCOUNT"))).build();
    }
}
