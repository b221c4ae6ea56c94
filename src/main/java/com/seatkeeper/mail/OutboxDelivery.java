package com.seatkeeper.mail;

import com.seatkeeper.platform.RecurringJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox on the cluster-safe scheduler every {@code seatkeeper.mail.deliver-every} (default 5 s): up to
 * {@value #BATCH} due mails per run, each in its own transaction that claims the row (skip locked) and records the
 * outcome. A failed SMTP hand-over is tried again after 1, 2, 4 ... minutes (capped at one hour) and given up after
 * {@value #MAX_ATTEMPTS} attempts. In demo mode without an SMTP host mail is marked CAUGHT and kept. The log names the
 * mail's id and recipient, never its body (which carries a one-time link).
 */
@Component
class OutboxDelivery implements RecurringJob {
    static final int BATCH = 50;
    static final int MAX_ATTEMPTS = 12;
    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    private final OutboxStore store;
    private final MailSettings settings;
    private final ObjectProvider<JavaMailSender> sender;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration every;
    private volatile boolean warned;

    OutboxDelivery(OutboxStore store, MailSettings settings, ObjectProvider<JavaMailSender> sender, TransactionTemplate tx, Clock clock,
                   @Value("${seatkeeper.mail.deliver-every:PT5S}") Duration every) {
        this.store = store;
        this.settings = settings;
        this.sender = sender;
        this.tx = tx;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public String name() {
        return "mail-outbox-delivery";
    }

    @Override
    public Duration every() {
        return every;
    }

    @Override
    public void run() {
        if (!settings.sendsBySmtp() && !settings.catchesLocally()) {
            warnOnce();
            return;
        }
        for (int i = 0; i < BATCH; i++) {
            Boolean delivered = tx.execute(s -> deliverOne());
            if (!Boolean.TRUE.equals(delivered)) {
                return;
            }
        }
    }

    /** Delivers the oldest due mail; false when none is due. */
    boolean deliverOne() {
        List<OutboxStore.Pending> due = store.claimDue(clock.instant(), 1);
        if (due.isEmpty()) {
            return false;
        }
        OutboxStore.Pending mail = due.get(0);
        if (settings.catchesLocally()) {
            store.caught(mail.id(), clock.instant());
            return true;
        }
        try {
            sender.getObject().send(message(mail));
            store.sent(mail.id(), clock.instant());
        } catch (MailException | IllegalStateException e) {
            int attempt = mail.attempts() + 1;
            Instant next = attempt >= MAX_ATTEMPTS ? null : clock.instant().plus(backoff(attempt));
            log.warn("Mail {} to {} not delivered (attempt {}): {}", mail.id(), mail.recipient(), attempt, e.getClass().getSimpleName());
            store.failed(mail.id(), e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()), next);
        }
        return true;
    }

    /** 1, 2, 4 ... minutes after the attempt, at most one hour. */
    static Duration backoff(int attempt) {
        return Duration.ofMinutes(Math.min(1L << Math.min(attempt - 1, 6), 60));
    }

    private SimpleMailMessage message(OutboxStore.Pending mail) {
        SimpleMailMessage m = new SimpleMailMessage();
        m.setFrom(settings.from());
        m.setTo(mail.recipient());
        m.setSubject(mail.subject());
        m.setText(mail.body());
        return m;
    }

    private void warnOnce() {
        if (!warned && store.countPending() > 0) {
            warned = true;
            log.warn("Mail is waiting in the outbox but no SMTP host is configured: set spring.mail.host (and spring.mail.*).");
        }
    }
}
