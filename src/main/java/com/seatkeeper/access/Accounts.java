package com.seatkeeper.access;

import com.seatkeeper.roster.RosterUser;
import com.seatkeeper.roster.Rosters;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.ActorRole;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.NotFoundException;
import com.seatkeeper.shared.Outcome;
import com.seatkeeper.shared.Role;
import com.seatkeeper.shared.Text;
import com.seatkeeper.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The access module's API: accounts that can sign in, API tokens (stored as SHA-256 hashes, shown
 * once) and the resolution of an account to the {@link Actor} it acts as.
 */
@Service
public class Accounts {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountStore store;
    private final Rosters rosters;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final TokenChanges tokenChanges;

    Accounts(AccountStore store, Rosters rosters, PasswordEncoder passwords, Clock clock, TokenChanges tokenChanges) {
        this.store = store;
        this.rosters = rosters;
        this.passwords = passwords;
        this.clock = clock;
        this.tokenChanges = tokenChanges;
    }

    /** A token as issued: the secret is shown once and only its hash is kept. */
    public record IssuedToken(String token, UUID tokenId, UUID accountId, ActorRole role, DistrictId districtId) {}

    /**
     * An API token as an administrator sees it: never its secret. {@code actsAs}: the label (email or name) of the account
     * the token acts as; {@code createdBy}: the issuer's label, null when unknown (tokens issued before migration V17).
     */
    public record TokenInfo(UUID id, UserId userId, DistrictId districtId, String name, java.time.Instant createdAt,
                            java.time.Instant revokedAt, String actsAs, String createdBy) {
        public boolean isRevoked() {
            return revokedAt != null;
        }
    }

    /** Gives a roster person a sign-in account (or sets its password); idempotent. */
    @Transactional
    public UUID ensurePersonAccount(UserId user, String rawPassword) {
        RosterUser person = rosters.find(user).orElseThrow(() -> new IllegalArgumentException("no user " + user));
        String hash = rawPassword == null ? null : passwords.encode(rawPassword);
        UUID id = store.upsert(UUID.randomUUID(), person.districtId(), user, person.email(), hash,
                person.email() != null ? person.email() : person.displayName(), clock.instant());
        if (hash != null) {
            store.setPassword(id, hash);
        }
        return id;
    }

    /** Gives a vendor staff member a sign-in account (or sets its password); idempotent. */
    @Transactional
    public UUID ensureVendorAccount(String email, String rawPassword) {
        String hash = rawPassword == null ? null : passwords.encode(rawPassword);
        UUID id = store.upsert(UUID.randomUUID(), null, null, email, hash, email, clock.instant());
        if (hash != null) {
            store.setPassword(id, hash);
        }
        return id;
    }

    /**
     * Issues an API token for a person of a district the caller administers. {@code name}: {@link Text#requiredLine} up to
     * {@link Text#REFERENCE}, else 400 naming {@code name}; 404 for a person the caller may not see; then the refusals of
     * {@link #mayHaveToken} (nothing issued).
     */
    @Transactional
    public Outcome<IssuedToken> issueToken(Actor actor, UserId user, String name) {
        actor.requireAnyOf("issue API tokens", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN);
        RosterUser person = rosters.user(actor, user);
        String cleanName = Text.requireLine("name", name, Text.REFERENCE);
        Optional<TokenRefusal> refused = mayHaveToken(person);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        UUID account = ensurePersonAccount(user, null);
        String token = newToken();
        UUID id = store.insertToken(account, person.districtId().value(), cleanName, hash(token), clock.instant(), actor.label());
        return Outcome.done(new IssuedToken(token, id, account, ActorRole.of(person.role()), person.districtId()));
    }

    /**
     * Whether an API token may act as the person, as a plain function of the person: not a student
     * ({@link TokenRefusal.Student}, students do not use the API) and active ({@link TokenRefusal.Inactive}, the token
     * would be refused on first use).
     */
    static Optional<TokenRefusal> mayHaveToken(RosterUser person) {
        if (person.role() == Role.STUDENT) {
            return Optional.of(new TokenRefusal.Student(person.displayName()));
        }
        if (!person.isActive()) {
            return Optional.of(new TokenRefusal.Inactive(person.displayName()));
        }
        return Optional.empty();
    }

    /** The API tokens of a person of a district the caller administers, newest first (404 for anyone else's). */
    @Transactional(readOnly = true)
    public java.util.List<TokenInfo> tokensOf(Actor actor, UserId user) {
        actor.requireAnyOf("see API tokens", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN);
        rosters.user(actor, user);
        return store.tokensOf(user).stream().map(Accounts::info).toList();
    }

    /**
     * The API tokens of the caller's own district (every person's), newest first, at most 500; never their secrets.
     * District admins only (403 {@link com.seatkeeper.shared.ForbiddenException} for anyone else): the console's token page.
     */
    @Transactional(readOnly = true)
    public java.util.List<TokenInfo> districtTokens(Actor actor) {
        actor.requireAnyOf("manage the district's API tokens", ActorRole.DISTRICT_ADMIN);
        return store.tokensOfDistrict(actor.districtId().value()).stream().map(Accounts::info).toList();
    }

    /**
     * Issues an API token acting as the calling district admin, for one of the district's integrations (the console's
     * token page). Same rules as {@link #issueToken}; 403 for anyone but a district admin. Never refused by
     * {@link #mayHaveToken}: a district admin who can act is active and no student.
     */
    @Transactional
    public IssuedToken issueOwnToken(Actor actor, String name) {
        actor.requireAnyOf("create API tokens for the district", ActorRole.DISTRICT_ADMIN);
        return issueToken(actor, actor.userId(), name).value();
    }

    /**
     * Revokes an API token of a district the caller administers (vendor-admin tokens: vendor admins only).
     * Idempotent. It takes effect at once on every instance when the revocation commits ({@link TokenChanges}).
     */
    @Transactional
    public void revokeToken(Actor actor, UUID tokenId) {
        actor.requireAnyOf("revoke API tokens", ActorRole.VENDOR_ADMIN, ActorRole.DISTRICT_ADMIN);
        AccountStore.TokenRow t = store.token(tokenId).orElseThrow(() -> new NotFoundException("API token", tokenId));
        if (t.districtId() == null ? !actor.isVendor() : !actor.maySee(new DistrictId(t.districtId()))) {
            throw new NotFoundException("API token", tokenId);
        }
        if (store.revoke(tokenId, clock.instant())) {
            tokenChanges.changedAll();
        }
    }

    private static TokenInfo info(AccountStore.TokenRow t) {
        return new TokenInfo(t.id(), t.userId() == null ? null : new UserId(t.userId()), t.districtId() == null ? null : new DistrictId(t.districtId()),
                t.name(), t.createdAt(), t.revokedAt(), t.actsAs(), t.createdBy());
    }

    /** Issues an API token for a vendor account (start-up and tests). */
    @Transactional
    public IssuedToken issueVendorToken(String email, String name) {
        UUID account = ensureVendorAccount(email, null);
        String token = newToken();
        UUID id = store.insertToken(account, null, name, hash(token), clock.instant(), null);
        return new IssuedToken(token, id, account, ActorRole.VENDOR_ADMIN, null);
    }

    /**
     * Makes the given secret the one valid token of that name of the vendor account (bootstrap admin), whatever came
     * before: a secret used earlier and revoked since (X, then Y, then X again) is reinstated, the others of that name
     * are revoked. Throws {@link IllegalStateException} when the secret is another account's token.
     */
    @Transactional
    public void installVendorToken(String label, String name, String secret) {
        UUID account = store.upsert(UUID.nameUUIDFromBytes(("vendor:" + label).getBytes(StandardCharsets.UTF_8)), null, null, null,
                null, label, clock.instant());
        byte[] hash = hash(secret);
        if (!store.installToken(account, name, hash, clock.instant())) {
            throw new IllegalStateException("The " + label + " token's secret is already another account's API token; choose another secret.");
        }
        store.revokeTokensNamed(account, name, hash, clock.instant());
        tokenChanges.changedAll();
    }

    /** The actor behind a bearer token; empty when the token is unknown, revoked or its person may not hold one. */
    @Transactional(readOnly = true)
    public Optional<Actor> actorForToken(String token) {
        return resolveToken(token).acting();
    }

    /**
     * What a bearer token acts as: the rule that refuses to issue a token ({@link #mayHaveToken}) also applies to every
     * use, so a token of a person made a student, or deactivated, is refused with the reason.
     */
    @Transactional(readOnly = true)
    ResolvedToken resolveToken(String token) {
        Optional<AccountStore.AccountRow> account = store.byTokenHash(hash(token));
        if (account.isEmpty()) {
            return new ResolvedToken.Unknown();
        }
        AccountStore.AccountRow a = account.get();
        if (a.vendorAdmin()) {
            return new ResolvedToken.Acting(new Actor(a.id(), null, ActorRole.VENDOR_ADMIN, null, Set.of(), a.label()));
        }
        Optional<RosterUser> person = rosters.find(new UserId(a.userId()));
        if (person.isEmpty()) {
            return new ResolvedToken.Unknown();
        }
        Optional<TokenRefusal> refused = mayHaveToken(person.get());
        if (refused.isPresent()) {
            return new ResolvedToken.Refused(refused.get());
        }
        RosterUser p = person.get();
        return new ResolvedToken.Acting(new Actor(a.id(), p.id(), ActorRole.of(p.role()), p.districtId(), p.schoolIds(), a.label()));
    }

    /** The actor of a sign-in account; empty when it cannot act (an inactive person). */
    @Transactional(readOnly = true)
    public Optional<Actor> actorForAccount(UUID accountId) {
        return store.byId(accountId).flatMap(this::actorOf);
    }

    /** The password hash and account id for a sign-in by email (console). */
    @Transactional(readOnly = true)
    public Optional<SignIn> signIn(String email) {
        if (email == null || Text.optionalLine("email", email, Text.EMAIL).isPresent()) {
            return Optional.empty(); // a control character or an overlong value: no account has such an email
        }
        return store.byEmail(email).filter(a -> a.passwordHash() != null).map(a -> new SignIn(a.id(), a.email(), a.passwordHash()));
    }

    public record SignIn(UUID accountId, String email, String passwordHash) {}

    /** The signed-in actor of the current request (API token or console session), if any. */
    public Optional<Actor> current() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.of(CurrentActorResolver.current(this));
    }

    private Optional<Actor> actorOf(AccountStore.AccountRow a) {
        if (a.vendorAdmin()) {
            return Optional.of(new Actor(a.id(), null, ActorRole.VENDOR_ADMIN, null, Set.of(), a.label()));
        }
        return rosters.find(new UserId(a.userId())).filter(RosterUser::isActive)
                .map(p -> new Actor(a.id(), p.id(), ActorRole.of(p.role()), p.districtId(), p.schoolIds(), a.label()));
    }

    static String newToken() {
        return "sk_" + newSecret();
    }

    /** 256 random bits, URL-safe Base64 without padding (43 characters). */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Tokens are long random secrets, so a fast hash is enough (no salt or stretching needed). */
    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
