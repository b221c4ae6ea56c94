package com.seatkeeper.access;

import java.util.UUID;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The console sessions of an account (Spring Session JDBC, table {@code spring_session}, indexed by principal name). The
 * principal name is the account id: {@link AccountUserDetails} signs in with it as the user name.
 */
@Component
class AccountSessions {
    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    AccountSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    /**
     * Ends every console session of the account once the caller's transaction commits (nothing when it rolls back). The
     * repository deletes in a transaction of its own, so deleting after the commit also ends a session that signed in
     * while the caller's transaction ran.
     */
    void endAllAfterCommit(UUID account) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                endAll(account);
            }
        });
    }

    /** Ends every console session of the account now. */
    void endAll(UUID account) {
        sessions.findByPrincipalName(account.toString()).keySet().forEach(sessions::deleteById);
    }
}
