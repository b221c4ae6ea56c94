package com.seatkeeper.access;

import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.Outcome;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages a person reaches without being signed in: following a one-time link to set a password, and "Forgot
 * password?". The rules are {@link AccountLinks}' and {@link PasswordPolicy}'s.
 */
@Controller
class AccountPages {
    private final AccountLinks links;

    AccountPages(AccountLinks links) {
        this.links = links;
    }

    @GetMapping("/account/password")
    String passwordForm(@RequestParam(required = false) String token, Model model) {
        return page(links.check(token), token, model);
    }

    @PostMapping("/account/password")
    String setPassword(@RequestParam(required = false) String token, @RequestParam(required = false) String password,
                       @RequestParam(required = false) String confirmation, Model model) {
        Outcome<String> out = links.setPassword(token, password, confirmation);
        if (out instanceof Outcome.Refused<String> refused) {
            if (refused.refusal() instanceof FieldRefusal f) {
                model.addAttribute("error", f.detail());
                model.addAttribute("errorField", f.field());
                return page(links.check(token), token, model);
            }
            return page(((AccountLinks.LinkRefusal) refused.refusal()).state(), token, model);
        }
        return "redirect:/login?passwordSet";
    }

    private static String page(LinkState state, String token, Model model) {
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        if (state instanceof LinkState.Open open) {
            model.addAttribute("token", token);
            model.addAttribute("email", open.email());
            model.addAttribute("invitation", open.purpose() == LinkPurpose.INVITATION);
            return "account/password";
        }
        model.addAttribute("whatToDo", state.whatToDo());
        model.addAttribute("invitation", state instanceof LinkState.Used u && u.purpose() == LinkPurpose.INVITATION
                || state instanceof LinkState.Expired e && e.purpose() == LinkPurpose.INVITATION);
        return "account/link";
    }

    @GetMapping("/account/forgot")
    String forgotForm() {
        return "account/forgot";
    }

    /** The same answer whether or not the email has an account (the mail goes out later, through the outbox). */
    @PostMapping("/account/forgot")
    String forgot(@RequestParam(required = false) String email, Model model) {
        links.requestReset(email);
        model.addAttribute("sent", true);
        return "account/forgot";
    }
}
