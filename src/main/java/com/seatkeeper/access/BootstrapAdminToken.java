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
 * (environment SEATKEEPER_BOOTSTRAP_ADMIN_TOKEN). The secret itself is never logged.
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
        log.info("Bootstrap admin token installed (vendor admin account 'bootstrap-admin')");
    }
}
