package com.seatkeeper.access;

import java.time.Instant;

/**
 * What a one-time link is now, as the page that follows it tells the person: open (set a password), or closed with
 * the reason and what to do next.
 */
public sealed interface LinkState {
    /** The link works: the person may set the password of the account with this email. */
    record Open(LinkPurpose purpose, String email) implements LinkState {}

    /** Used already, replaced by a newer link or the password was set since. */
    record Used(LinkPurpose purpose) implements LinkState {}

    /** Past its validity (7 days for an invitation, 1 hour for a reset). */
    record Expired(LinkPurpose purpose) implements LinkState {}

    /** No such link (mistyped, cut off, or never made). */
    record Unknown() implements LinkState {}

    /** The state of a link as a plain function of its row and the time. */
    static LinkState of(LinkStore.LinkRow row, String email, Instant now) {
        if (row.usedAt() != null || row.revokedAt() != null) {
            return new Used(row.purpose());
        }
        if (!now.isBefore(row.expiresAt())) {
            return new Expired(row.purpose());
        }
        return new Open(row.purpose(), email);
    }

    /** What to do when the link does not work, for a person (empty for an open link). */
    default String whatToDo() {
        if (this instanceof Open) {
            return "";
        }
        String why = this instanceof Used ? "This link was already used, or a newer one was sent since."
                : this instanceof Expired ? "This link has expired." : "This link is not valid: it may have been cut off or mistyped.";
        LinkPurpose p = this instanceof Used u ? u.purpose() : this instanceof Expired e ? e.purpose() : null;
        String next = p == LinkPurpose.INVITATION
                ? " Ask your administrator to resend the invitation; if you have already set your password, sign in."
                : " Request a new reset link with \"Forgot password?\" on the sign-in page (it works for one hour), or ask your administrator to resend your invitation.";
        return why + next;
    }
}
