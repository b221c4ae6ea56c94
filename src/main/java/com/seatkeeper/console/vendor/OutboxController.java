package com.seatkeeper.console.vendor;

import com.seatkeeper.mail.Outbox;
import com.seatkeeper.shared.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Demo mode only: the mail Seatkeeper would have sent (invitations, password resets), kept on this machine, with
 * their links, so that a newcomer can follow an invitation end to end. Vendor admins; 404 outside demo mode.
 */
@Controller
class OutboxController {
    private final Outbox outbox;

    OutboxController(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/vendor/outbox")
    String outbox(Actor actor, Model model) {
        model.addAttribute("mails", outbox.recent(actor, 100));
        return "vendor/outbox";
    }
}
