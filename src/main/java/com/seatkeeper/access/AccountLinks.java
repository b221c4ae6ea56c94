package com.seatkeeper.access;

import com.seatkeeper.mail.Outbox;
import com.seatkeeper.roster.PeopleAdmin;
import com.seatkeeper.roster.PersonCreated;
import com.seatkeeper.roster.PersonEmailChanged;
import com.seatkeeper.roster.PersonRosterChanged;
import com.seatkeeper.roster.RosterPolicy;
import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.roster.Rosters;
import com.seatkeeper.roster.UserDeactivated;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.FieldRefusal;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.Text;
import com.seatkeeper.shared.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time links that let a person set their password: invitations for educators (valid 7 days) and password resets
 * (valid 1 hour). A link's secret is 256 random bits, mailed once through the {@link Outbox} in the same transaction
 * and stored only as its SHA-256 hash. A resent invitation replaces the earlier invitation; a reset link revokes nothing
 * (several may be open, each for its hour), so asking for one cannot void someone's invitation. Setting a password uses
 * the link, revokes the account's other links and ends the account's console sessions. A change of whom the account
 * belongs to or whether it may sign in (email corrected, person deactivated, made a student) revokes its open links in
 * that change's transaction. Links are {@code seatkeeper.public-url} (default
 * {@code http://localhost:8080}) + {@code /account/password?token=<secret>}. Secrets and links are never logged.
 */
@Service
public class AccountLinks {
    /** A reset link is mailed at most once per account within this time, however often it is asked for. */
    static final Duration RESET_SPACING = Duration.ofMinutes(1);

    private final AccountStore accounts;
    private final LinkStore links;
    private final Accounts access;
    private final Rosters rosters;
    private final PeopleAdmin people;
    private final Outbox outbox;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final AccountSessions sessions;
    private final Clock clock;
    private final String publicUrl;

    AccountLinks(AccountStore accounts, LinkStore links, Accounts access, Rosters rosters, PeopleAdmin people, Outbox outbox,
                 PasswordEncoder passwords, LoginThrottle throttle, AccountSessions sessions, Clock clock, @Value("${seatkeeper.public-url:http://localhost:8080}") String publicUrl) {
        this.accounts = accounts;
        this.links = links;
        this.access = access;
        this.rosters = rosters;
        this.people = people;
        this.outbox = outbox;
        this.passwords = passwords;
        this.throttle = throttle;
        this.sessions = sessions;
        this.clock = clock;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /** An invitation as sent: to whom, and until when its link works. */
    public record Invitation(UserId userId, String email, Instant expiresAt) {}

    /** Invitations sent to many people at once, and the people skipped with the reason. */
    public record Invitations(List<Invitation> sent, List<Skipped> skipped) {}

    /** A person of a bulk invitation who got none, and why. */
    public record Skipped(UserId userId, String name, BusinessRefusal reason) {}

    /**
     * Whether the caller may invite the person, as a plain function of the person found in the caller's scope:
     * the person must have a console ({@link ConsoleRoles}: {@link AccessRefusal.StudentNotInvited},
     * {@link AccessRefusal.NoConsole}) whose role the caller manages
     * ({@link RosterPolicy#mayManage}, 403), active ({@link AccessRefusal.Inactive}) and with an email
     * ({@link AccessRefusal.NoEmail}).
     */
    static Optional<BusinessRefusal> mayInvite(Actor actor, RosterUser person) {
        Optional<AccessRefusal> console = ConsoleRoles.mayHaveConsole(person.role(), person.id().toString());
        if (console.isPresent()) {
            return Optional.of(console.get());
        }
        Optional<? extends BusinessRefusal> role = RosterPolicy.mayManage(actor.role(), person.role());
        if (role.isPresent()) {
            return Optional.of(role.get());
        }
        if (!person.isActive()) {
            return Optional.of(new AccessRefusal.Inactive(person.displayName()));
        }
        if (person.email() == null) {
            return Optional.of(new AccessRefusal.NoEmail(person.displayName()));
        }
        return Optional.empty();
    }

    /**
     * Sends (or resends) an invitation to set a password: 404 for a person outside the caller's scope or district,
     * 403 for callers who manage no one or not this role, then the refusals of {@link #mayInvite}; nothing is sent on
     * a refusal. A newer invitation replaces the person's open links.
     */
    @Transactional
    public Outcome<Invitation> invite(Actor actor, UserId user) {
        RosterUser person = people.managed(actor, user);
        Optional<BusinessRefusal> refused = mayInvite(actor, person);
        return refused.isPresent() ? Outcome.refused(refused.get()) : send(person, actor.label());
    }

    /**
     * Invites many people in one transaction: all of them must be in the caller's scope (else 404 naming the first
     * other, nothing sent); the people {@link #mayInvite} refuses are skipped and listed, the others invited.
     */
    @Transactional
    public Invitations inviteAll(Actor actor, List<UserId> users) {
        List<RosterUser> persons = new LinkedHashSet<>(users).stream().map(id -> people.managed(actor, id)).toList();
        List<Invitation> sent = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (RosterUser person : persons) {
            Optional<BusinessRefusal> refused = mayInvite(actor, person);
            Outcome<Invitation> out = refused.isPresent() ? Outcome.refused(refused.get()) : send(person, actor.label());
            if (out instanceof Outcome.Refused<Invitation> r) {
                skipped.add(new Skipped(person.id(), person.displayName(), r.refusal()));
            } else {
                sent.add(out.value());
            }
        }
        return new Invitations(sent, skipped);
    }

    /** A new educator with an email is invited in the transaction that created them. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(PersonCreated e) {
        if (ConsoleRoles.hasConsole(e.role()) && e.email() != null) {
            rosters.find(e.userId()).ifPresent(person -> send(person, e.createdBy()));
        }
    }

    /**
     * A person's email was corrected: whoever read the old address may have taken the account (an invitation sent to a
     * mistyped address), so the account now belongs to the corrected address. In the same transaction the sign-in email
     * follows the correction (or is removed when the corrected email signs in another account), the password is cleared,
     * the open links stop working, and an invitation goes to the corrected address when the person may sign in
     * ({@link ConsoleRoles}, active); once this commits, the account's console sessions end. API tokens stay: they act as
     * the person, not by email.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(PersonEmailChanged e) {
        Optional<AccountStore.AccountRow> account = accounts.byUser(e.userId());
        accounts.changeEmail(e.userId(), e.email());
        if (account.isEmpty()) {
            return;
        }
        UUID id = account.get().id();
        accounts.setPassword(id, null);
        links.revokeOpen(id, clock.instant());
        sessions.endAllAfterCommit(id);
        if (e.email() != null) {
            rosters.find(e.userId()).filter(p -> p.isActive() && ConsoleRoles.hasConsole(p.role()))
                    .ifPresent(person -> send(person, access.current().map(Actor::label).orElse("Your administrator")));
        }
    }

    /** A deactivated person cannot sign in: the links of their account stop working in the same transaction. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(UserDeactivated e) {
        links.revokeOpenOfPerson(e.userId(), clock.instant());
    }

    /** A person who became a student does not sign in: the links of their account stop working in the same transaction. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(PersonRosterChanged e) {
        if (e.newRole() == Role.STUDENT && e.oldRole() != Role.STUDENT) {
            links.revokeOpenOfPerson(e.userId(), clock.instant());
        }
    }

    private Outcome<Invitation> send(RosterUser person, String invitedBy) {
        UUID account = access.ensurePersonAccount(person.id(), null);
        AccountStore.AccountRow row = accounts.byId(account).orElseThrow();
        if (row.email() == null || !row.email().equalsIgnoreCase(person.email())) {
            return Outcome.refused(new AccessRefusal.EmailSignsInElsewhere(person.email()));
        }
        Instant expires = newLink(account, LinkPurpose.INVITATION, secret -> outbox.enqueue(row.email(), "You are invited to Seatkeeper",
                LinkMails.invitation(person.givenName(), invitedBy, row.email(), link(secret), publicUrl + "/login")));
        return Outcome.done(new Invitation(person.id(), row.email(), expires));
    }

    /**
     * Where a person stands with signing in, as their page shows it next to "Send invitation" / "Resend".
     * {@code invitedEmail}: where the open invitation was mailed (the account's email: a corrected email revokes the
     * links mailed to the old one and re-invites at the new one), null when not invited.
     */
    public record SignInStatus(boolean canSignIn, Instant invitationOpenUntil, String invitedEmail) {
        /** Whether an invitation was sent whose link still works. */
        public boolean invited() {
            return invitationOpenUntil != null;
        }

        /** "2026-06-17 16:00 UTC", or empty when not invited. */
        public String openUntilText() {
            return invitationOpenUntil == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                    .withZone(ZoneOffset.UTC).format(invitationOpenUntil);
        }
    }

    /** The person's sign-in status (404 for a person the caller may not manage, as {@link PeopleAdmin#managed}). */
    @Transactional(readOnly = true)
    public SignInStatus signInStatus(Actor actor, UserId user) {
        people.managed(actor, user);
        Optional<AccountStore.AccountRow> account = accounts.byUser(user);
        Instant openUntil = account.flatMap(a -> links.openUntil(a.id(), LinkPurpose.INVITATION, clock.instant())).orElse(null);
        return new SignInStatus(account.map(a -> a.passwordHash() != null && a.email() != null).orElse(false), openUntil,
                openUntil == null ? null : account.get().email());
    }

    /**
     * "Forgot password?": mails a reset link (valid 1 hour) when an account signs in with this email and its person may
     * sign in to the console (active, {@link ConsoleRoles}), and does nothing otherwise, so the answer cannot tell whether the email has an account. At most one reset mail per account per
     * minute. A reset link revokes no other link: neither the invitation (so that anyone who knows the email cannot void
     * it) nor earlier reset links.
     */
    @Transactional
    public void requestReset(String email) {
        if (email == null || Text.optionalEmail("email", email).isPresent()) {
            return;
        }
        Optional<AccountStore.AccountRow> account = accounts.byEmail(email.trim())
                .filter(a -> access.actorForAccount(a.id()).filter(actor -> ConsoleRoles.hasConsole(actor.role())).isPresent());
        if (account.isEmpty() || links.madeSince(account.get().id(), LinkPurpose.RESET, clock.instant().minus(RESET_SPACING))) {
            return;
        }
        AccountStore.AccountRow a = account.get();
        newLink(a.id(), LinkPurpose.RESET, secret -> outbox.enqueue(a.email(), "Reset your Seatkeeper password",
                LinkMails.reset(link(secret), publicUrl + "/login")));
    }

    /** What the link with this secret is now (open, used, expired, unknown). */
    @Transactional(readOnly = true)
    public LinkState check(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 200) {
            return new LinkState.Unknown();
        }
        return links.byHash(Accounts.hash(secret)).map(l -> LinkState.of(l, emailOf(l.accountId()), clock.instant()))
                .orElse(new LinkState.Unknown());
    }

    /**
     * Sets the password through an open link: refused with {@link PasswordPolicy}'s {@link FieldRefusal} (the link
     * stays open), or with {@link LinkRefusal} when the link is not open (nothing changed). On success the link is used,
     * the account's other open links are revoked and, once this commits, every console session of the account ends (a
     * session opened with the old password, perhaps by whoever made the reset necessary, does not survive it).
     *
     * @return the account's sign-in email
     */
    @Transactional
    public Outcome<String> setPassword(String secret, String password, String confirmation) {
        Optional<LinkStore.LinkRow> row = secret == null || secret.length() > 200 ? Optional.empty() : links.lockByHash(Accounts.hash(secret));
        Instant now = clock.instant();
        LinkState state = row.map(l -> LinkState.of(l, emailOf(l.accountId()), now)).orElse(new LinkState.Unknown());
        if (!(state instanceof LinkState.Open open)) {
            return Outcome.refused(new LinkRefusal(state));
        }
        Optional<FieldRefusal> weak = PasswordPolicy.check(password, confirmation, open.email());
        if (weak.isPresent()) {
            return Outcome.refused(weak.get());
        }
        accounts.setPassword(row.get().accountId(), passwords.encode(password));
        links.markUsed(row.get().id(), now);
        links.revokeOpen(row.get().accountId(), now);
        throttle.passwordSet(open.email());
        sessions.endAllAfterCommit(row.get().accountId());
        return Outcome.done(open.email());
    }

    /** A link that is not open: 410 {@code link_not_valid}, saying why and what to do. */
    public record LinkRefusal(LinkState state) implements BusinessRefusal {
        public String code() { return "link_not_valid"; }
        public int status() { return 410; }
        public String title() { return "Link not valid"; }
        public String detail() { return state.whatToDo(); }
    }

    private Instant newLink(UUID account, LinkPurpose purpose, Consumer<String> mail) {
        Instant now = clock.instant();
        Instant expires = now.plus(purpose.validFor());
        String secret = Accounts.newSecret();
        if (purpose == LinkPurpose.INVITATION) {
            links.revokeOpen(account, LinkPurpose.INVITATION, now);
        }
        links.insert(account, purpose, Accounts.hash(secret), now, expires);
        mail.accept(secret);
        return expires;
    }

    private String link(String secret) {
        return publicUrl + "/account/password?token=" + secret;
    }

    private String emailOf(UUID account) {
        return accounts.byId(account).map(AccountStore.AccountRow::email).orElse(null);
    }
}
