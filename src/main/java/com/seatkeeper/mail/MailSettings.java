package com.seatkeeper.mail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where mail goes: through SMTP when {@code spring.mail.host} is set; kept on this machine (status CAUGHT, shown on the
 * demo Outbox page) when {@code seatkeeper.demo.enabled=true} and no SMTP host is set; otherwise it waits in the outbox
 * (a warning is logged) until an SMTP host is configured. {@code seatkeeper.mail.from} is the sender (default
 * {@code Seatkeeper <no-reply@seatkeeper.invalid>}).
 */
@Component
class MailSettings {
    private final boolean smtp;
    private final boolean demo;
    private final String from;

    MailSettings(@Value("${spring.mail.host:}") String host, @Value("${seatkeeper.demo.enabled:false}") boolean demo,
                 @Value("${seatkeeper.mail.from:Seatkeeper <no-reply@seatkeeper.invalid>}") String from) {
        this.smtp = !host.isBlank();
        this.demo = demo;
        this.from = from;
    }

    boolean sendsBySmtp() {
        return smtp;
    }

    boolean catchesLocally() {
        return !smtp && demo;
    }

    String from() {
        return from;
    }
}
