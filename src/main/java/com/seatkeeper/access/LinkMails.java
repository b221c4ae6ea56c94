package com.seatkeeper.access;

/** The plain-text mails that carry one-time links. */
final class LinkMails {
    private LinkMails() {
    }

    static String invitation(String givenName, String invitedBy, String email, String link, String signIn) {
        return """
                Hello %s,

                %s invited you to Seatkeeper, where your district manages its licenses, classes and students.

                Set your password here (the link works once, for 7 days):
                %s

                Then sign in at %s with %s.

                If you did not expect this mail, you can ignore it.
                """.formatted(givenName, invitedBy, link, signIn, email);
    }

    static String reset(String link, String signIn) {
        return """
                Hello,

                Someone (we hope you) asked to reset the password of your Seatkeeper account.

                Choose a new password here (the link works once, for one hour):
                %s

                Then sign in at %s.

                If you did not ask for this, ignore this mail: your password stays as it is.
                """.formatted(link, signIn);
    }
}
