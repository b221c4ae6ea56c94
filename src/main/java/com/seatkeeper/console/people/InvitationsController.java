package com.seatkeeper.console.people;

import com.seatkeeper.access.AccountLinks;
import com.seatkeeper.console.ConsoleWords;
import com.seatkeeper.console.Flash;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.UserId;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Send invitation" / "Resend" on a person's page and "Send invitations" for the people selected in the people list:
 * mails a one-time link to set a password. The rules (scope, roles, students, emails) are {@link AccountLinks}'.
 */
@Controller
class InvitationsController {
    private final AccountLinks links;

    InvitationsController(AccountLinks links) {
        this.links = links;
    }

    @PostMapping("/people/{userId}/invitation")
    String invite(Actor actor, @PathVariable UserId userId, RedirectAttributes redirect) {
        PeopleController.requireAdmin(actor);
        Outcome<AccountLinks.Invitation> out = links.invite(actor, userId);
        Flash flash = out instanceof Outcome.Refused<AccountLinks.Invitation> r
                ? Flash.error("No invitation was sent.", ConsoleWords.detail(r.refusal()))
                : Flash.ok("Invitation sent to " + out.value().email() + ".",
                        "The link in it works once, for 7 days. Sending again replaces it.");
        redirect.addFlashAttribute("flash", flash);
        return "redirect:/people/" + userId + "/edit";
    }

    @PostMapping("/people/invitations")
    String inviteAll(Actor actor, @RequestParam(name = "userId", required = false) List<UserId> userIds, RedirectAttributes redirect) {
        PeopleController.requireAdmin(actor);
        if (userIds == null || userIds.isEmpty()) {
            redirect.addFlashAttribute("flash", Flash.error("No one selected.",
                    "Tick the people to invite in the list, then choose Send invitations."));
            return "redirect:/people";
        }
        AccountLinks.Invitations out = links.inviteAll(actor, userIds);
        int n = out.sent().size();
        String message = n == 0 ? "No invitation was sent." : n == 1 ? "1 invitation sent." : n + " invitations sent.";
        String skipped = out.skipped().isEmpty() ? null : "Not invited: " + out.skipped().stream()
                .map(s -> s.name() + " (" + ConsoleWords.detail(s.reason()) + ")").collect(Collectors.joining("; "));
        redirect.addFlashAttribute("flash", n == 0 ? Flash.error(message, skipped) : out.skipped().isEmpty() ? Flash.ok(message, skipped) : Flash.warn(message, skipped));
        return "redirect:/people";
    }
}
