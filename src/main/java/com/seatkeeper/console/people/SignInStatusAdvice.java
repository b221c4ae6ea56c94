package com.seatkeeper.console.people;

import com.seatkeeper.access.AccountLinks;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.UserId;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/** A person's page shows whether they can sign in or were invited, next to "Send invitation" / "Resend". */
@ControllerAdvice(assignableTypes = PeopleController.class)
class SignInStatusAdvice {
    private final AccountLinks links;

    SignInStatusAdvice(AccountLinks links) {
        this.links = links;
    }

    @ModelAttribute("signIn")
    AccountLinks.SignInStatus signIn(Actor actor, @PathVariable(required = false) UserId userId) {
        // only for those who manage people: anyone else gets the page's own refusal
        return userId == null || !actor.isAnyOf(ActorRole.DISTRICT_ADMIN, ActorRole.SCHOOL_ADMIN) ? null
                : links.signInStatus(actor, userId);
    }
}
