package com.seatkeeper.access;

import com.seatkeeper.roster.PersonRosterChanged;
import com.seatkeeper.roster.UserDeactivated;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells every instance's {@link TokenCache} that what a token may do has changed: a person deactivated or their role or
 * schools changed (roster events, in the change's transaction), or a token revoked. The message is a PostgreSQL
 * {@code NOTIFY} on channel {@value #CHANNEL} sent inside the change's transaction, so PostgreSQL delivers it exactly when
 * the change commits (and never when it rolls back); {@link TokenChangeListener} applies it on each instance. This
 * instance also drops the entries at once and again after the commit, so that no request here can re-cache the state
 * from before the change.
 *
 * <p>Payloads: {@code user:<uuid>} (that person's tokens) or {@code *} (everything, e.g. after a revocation).
 */
@Component
class TokenChanges {
    static final String CHANNEL = "seatkeeper_token_changes";
    static final String ALL = "*";

    private final JdbcClient jdbc;
    private final TokenCache cache;
    private final AccountStore accounts;
    private final Clock clock;

    TokenChanges(JdbcClient jdbc, TokenCache cache, AccountStore accounts, Clock clock) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * A deactivated person's API tokens are revoked in the deactivation's transaction, so that reactivating them does
     * not bring the tokens back (an administrator issues new ones).
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(UserDeactivated e) {
        accounts.revokeTokensOf(e.userId(), clock.instant());
        changed(e.userId());
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(PersonRosterChanged e) {
        changed(e.userId());
    }

    /** A person's tokens act differently from the commit of the current transaction on. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void changed(UserId user) {
        send("user:" + user.value());
        cache.forget(user);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache.forget(user);
            }
        });
    }

    /** Every cached token must be resolved again from the commit of the current transaction on. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void changedAll() {
        send(ALL);
        cache.clear();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache.clear();
            }
        });
    }

    /** Applies a received payload to this instance's cache; an unknown one drops everything. */
    void apply(String payload) {
        if (payload != null && payload.startsWith("user:")) {
            try {
                cache.forget(new UserId(UUID.fromString(payload.substring(5))));
                return;
            } catch (IllegalArgumentException malformed) {
                // fall through: forget everything
            }
        }
        cache.clear();
    }

    private void send(String payload) {
        jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, payload).query((rs, n) -> 1).list();
    }
}
