package com.seatkeeper.mail;

import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mail module's API. Mail is written to the outbox (table {@code mail_outbox}) in the caller's transaction and
 * delivered after it commits by {@link OutboxDelivery}. Bodies are plain text.
 */
@Service
public class Outbox {
    private final OutboxStore store;
    private final MailSettings settings;
    private final Clock clock;

    Outbox(OutboxStore store, MailSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** A mail as the demo Outbox page shows it. {@code body} is null once the mail was handed to SMTP. */
    public record OutboxMail(UUID id, String recipient, String subject, String body, Instant createdAt, String status, Instant deliveredAt) {}

    /**
     * Writes a plain-text mail to the outbox, to be delivered once the calling transaction commits. Must run inside the
     * caller's transaction (else {@code IllegalTransactionStateException}), so a rolled-back change sends nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(String recipient, String subject, String body) {
        store.insert(UUID.randomUUID(), recipient, subject, body, clock.instant());
    }

    /**
     * The newest mail of the outbox (at most {@code limit}, newest first), for the demo-only Outbox page: vendor admins
     * only (403 otherwise), and 404 unless demo mode catches mail locally ({@link MailSettings#catchesLocally()}).
     */
    @Transactional(readOnly = true)
    public List<OutboxMail> recent(Actor actor, int limit) {
        if (!settings.catchesLocally()) {
            throw new NotFoundException("page", "outbox");
        }
        actor.requireAnyOf("see the demo outbox", ActorRole.VENDOR_ADMIN);
        return store.recent(Math.max(1, Math.min(limit, 500)));
    }

    /** Whether mail stays on this machine (demo mode without an SMTP host), i.e. whether the Outbox page exists. */
    public boolean catchesLocally() {
        return settings.catchesLocally();
    }
}
