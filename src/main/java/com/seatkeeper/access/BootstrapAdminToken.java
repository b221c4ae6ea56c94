package com.seatkeeper.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Installs the vendor-admin token for automation from {@code seatkeeper.bootstrap.admin-token}
 * (environment SEATKEEPER_BOOTSTRAP_ADMIN_TOKEN): after every start exactly that secret works as the token named
 * "bootstrap" (one used before and revoked since is reinstated), checked before "installed" is logged. The secret itself
 * is never logged.
 */
@Component
@Order(0)
class BootstrapAdminToken implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdminToken.class);

    private final Accounts accounts;
    private final String token;

    BootstrapAdminToken(Accounts accounts, @Value("${seatkeeper.bootstrap.admin-token:}") String token) {
        this.accounts = accounts;
        this.token = token;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (token.isBlank()) {
            return;
        }
        if (token.length() < 16) {
            throw new IllegalStateException("seatkeeper.bootstrap.admin-token must be at least 16 characters long");
        }
        accounts.installVendorToken("bootstrap-admin", "bootstrap", token);
        if (accounts.actorForToken(token).isEmpty()) {
            throw new IllegalStateException("The bootstrap admin token was stored but does not authenticate; see the log above.");
        }
        log.info("Bootstrap admin token installed and verified (vendor admin account 'bootstrap-admin')");
    }
}
