package com.seatkeeper.rostersync;

import com.seatkeeper.district.District;
import com.seatkeeper.district.Districts;
import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.platform.Secrets;
import com.seatkeeper.roster.changes.RunRefusal;
import com.seatkeeper.shared.Actor;
import com.seatkeeper.shared.BusinessRefusal;
import com.seatkeeper.shared.DistrictId;
import com.seatkeeper.shared.Outcome;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A district's rostering connection (issue 10 "Connection settings"; docs/design.md "Rostering sync"): which provider,
 * where, with which secrets (encrypted at rest with AES-GCM under {@code seatkeeper.secrets.key}, never returned, never
 * logged), and the local time of its nightly sync. District admins of the district and the vendor admin; others 403
 * {@code role_not_allowed}; another district 404.
 */
@Service
public class RosteringSettings {
    private static final Logger log = LoggerFactory.getLogger(RosteringSettings.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final ConnectionStore store;
    private final Districts districts;
    private final Secrets secrets;
    private final Map<RosteringSource, RosterConnector> connectors = new EnumMap<>(RosteringSource.class);
    private final Clock clock;
    private final boolean allowLocalProviders;

    /**
     * One connector per source: the first in bean order ({@code @Order}) serves it. {@code allowLocalProviders}
     * ({@code seatkeeper.sync.allow-local-providers}, default false; true in the test and demo profiles): http and hosts
     * that are not public internet addresses are accepted, for a stand-in provider on this machine.
     */
    RosteringSettings(ConnectionStore store, Districts districts, Secrets secrets, ObjectProvider<RosterConnector> connectors, Clock clock,
                      @Value("${seatkeeper.sync.allow-local-providers:false}") boolean allowLocalProviders) {
        this.allowLocalProviders = allowLocalProviders;
        this.store = store;
        this.districts = districts;
        this.secrets = secrets;
        connectors.orderedStream().forEach(c -> this.connectors.putIfAbsent(c.source(), c));
        this.clock = clock;
    }

    /** Who may see and change a connection and request syncs: district admins (their district) and the vendor admin. */
    static Optional<RosteringRefusal> mayConfigure(Actor actor) {
        return actor.isDistrictWideAdmin() ? Optional.empty() : Optional.of(new RosteringRefusal.RoleNotAllowed(actor.role().name()));
    }

    /**
     * Connects or reconnects the district ({@code PUT /api/v1/districts/{districtId}/rostering}); also sets the
     * district's rostering source (a MANUAL district becomes CLEVER or CLASSLINK, its roster read-only from then on). A
     * secret left null keeps the stored one (changing only {@code nightlyAt} keeps the token), unless the source or where or
     * how it would be sent changes ({@link ConnectionRules#firstChange}: then 400 on the secret's field, naming what
     * changed). Refusals, nothing changed: 404 another district; 403 {@code role_not_allowed}; 400 {@code invalid_request}
     * with every wrong field in {@code errors} ({@link ConnectionRules#check}: unknown source, a base URL that is not https or whose host is not a
     * public internet address ({@link ProviderAddress}), a missing token on the first connection, {@code nightlyAt} not
     * HH:mm, an unknown {@code apiVersion}); 503 {@code secrets_not_configured} when a secret must be stored and no key is
     * set.
     */
    @Transactional
    public Outcome<RosteringView> connect(Actor actor, DistrictId district, RosteringChange change) {
        return connect(actor, district, new RosteringJson.Read(change, List.of()));
    }

    /**
     * As {@link #connect(Actor, DistrictId, RosteringChange)} for a body read from JSON: its members of the wrong JSON type
     * and those that are no field are in the same 400 as the rules' problems ({@link ConnectionRules#check(RosteringChange,
     * List, ConnectionRules.Current, java.util.Set, boolean)}), after the district (404) and the role (403) are checked.
     */
    @Transactional
    Outcome<RosteringView> connect(Actor actor, DistrictId district, RosteringJson.Read body) {
        District d = districts.get(actor, district);
        Optional<RosteringRefusal> refused = mayConfigure(actor);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        Optional<ConnectionStore.Stored> stored = store.find(district);
        ConnectionRules.Checked checked = ConnectionRules.check(body.change(), body.unread(), current(stored), connectors.keySet(),
                allowLocalProviders);
        if (checked instanceof ConnectionRules.Checked.Refused r) {
            return Outcome.refused(r.refusal());
        }
        ConnectionRules.Plan plan = ((ConnectionRules.Checked.Ok) checked).plan();
        if (plan.newSecret() != null && !secrets.available()) {
            return Outcome.refused(new RosteringRefusal.SecretsNotConfigured(new Secrets.SecretsUnavailableException().getMessage()));
        }
        store.save(row(d, plan, stored.orElse(null), actor.label()));
        if (d.rosteringSource() != plan.source()) {
            districts.setRosteringSource(actor, district, plan.source());
            log.info("District {} is now rostered from {} (connected by {})", district, plan.source(), actor.label());
        }
        return Outcome.done(view(districts.get(actor, district), store.find(district)));
    }

    /**
     * What {@link #connect} would refuse of {@code change}, without saving anything: for a form that cannot be saved yet
     * (its acknowledgement is not ticked) to show every other problem at once. Empty when it would be saved. 404 for
     * another district, as {@link #connect}.
     */
    @Transactional(readOnly = true)
    public Optional<BusinessRefusal> check(Actor actor, DistrictId district, RosteringChange change) {
        districts.get(actor, district);
        Optional<RosteringRefusal> refused = mayConfigure(actor);
        if (refused.isPresent()) {
            return Optional.of(refused.get());
        }
        ConnectionRules.Checked checked = ConnectionRules.check(change, current(store.find(district)), connectors.keySet(),
                allowLocalProviders);
        return checked instanceof ConnectionRules.Checked.Refused r ? Optional.of(r.refusal()) : Optional.empty();
    }

    /** The district's connection without secrets ({@code GET .../rostering}); source MANUAL and nothing else when none. */
    @Transactional(readOnly = true)
    public Outcome<RosteringView> get(Actor actor, DistrictId district) {
        District d = districts.get(actor, district);
        Optional<RosteringRefusal> refused = mayConfigure(actor);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        return Outcome.done(view(d, store.find(district)));
    }

    /**
     * Tests the district's stored connection ({@code POST .../rostering:test}): reads the district and the first page of
     * each kind through the source's {@link RosterConnector#test}; what worked or why not, in plain words. 409
     * {@code rostering_not_connected} for a district without a connection. Changes nothing.
     */
    public Outcome<ConnectionCheck> test(Actor actor, DistrictId district) {
        District d = districts.get(actor, district);
        Optional<RosteringRefusal> refused = mayConfigure(actor);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        Optional<ConnectionStore.Stored> stored = store.find(district).filter(s -> s.source() == d.rosteringSource());
        if (stored.isEmpty()) {
            return Outcome.refused(new RunRefusal.NotConnected());
        }
        RosterConnector connector = connectors.get(stored.get().source());
        if (connector == null) {
            return Outcome.done(new ConnectionCheck(false, Map.of(), "Seatkeeper cannot pull rosters from "
                    + ConnectionRules.name(stored.get().source()) + " yet."));
        }
        Connection connection;
        try {
            connection = decrypt(stored.get());
        } catch (Secrets.UnreadableSecretException e) {
            log.warn("The stored secret of district {} cannot be read: {}", district, e.getMessage());
            return Outcome.done(new ConnectionCheck(false, Map.of(), unreadable(stored.get().source())));
        }
        try {
            return Outcome.done(connector.test(connection));
        } catch (RuntimeException e) {
            log.error("The connection test of district {} ({}) stopped", district, connection, e);
            return Outcome.done(new ConnectionCheck(false, Map.of(), "The test stopped with an internal error before it could say "
                    + "whether the connection works. Try again; if it happens again, tell support."));
        }
    }

    /**
     * The district's connection with its secret decrypted, for the sync job (no actor check: the run was checked when it was
     * queued).
     *
     * @throws PullFailure when the district has no connection of its current source, or its stored secret cannot be
     *                     decrypted (another key): the reason in words, never the secret
     */
    Connection connectionForSync(DistrictId district) throws PullFailure {
        Optional<District> d = districts.find(district);
        Optional<ConnectionStore.Stored> stored = store.find(district).filter(s -> d.isPresent() && s.source() == d.get().rosteringSource());
        if (stored.isEmpty()) {
            throw new PullFailure("The district is no longer connected to a rostering source, so there was nothing to pull. Connect it "
                    + "again to sync.", 0);
        }
        try {
            return decrypt(stored.get());
        } catch (Secrets.UnreadableSecretException e) {
            log.warn("The stored secret of district {} cannot be read: {}", district, e.getMessage());
            throw new PullFailure(unreadable(stored.get().source()), 0);
        }
    }

    /** The district's timezone (a provider's pause window is read in it); UTC for a district that is gone. */
    ZoneId timezoneOf(DistrictId district) {
        return districts.find(district).map(District::timezone).orElse(ZoneOffset.UTC);
    }

    /** The connector of a source, if Seatkeeper has one. */
    Optional<RosterConnector> connector(RosteringSource source) {
        return Optional.ofNullable(connectors.get(source));
    }

    /** What an admin reads when the stored secret cannot be decrypted: connect again. */
    static String unreadable(RosteringSource source) {
        return source == RosteringSource.CLEVER
                ? "The stored Clever district token cannot be read by this Seatkeeper (its encryption key has changed): connect the "
                        + "district again with its district token."
                : "The stored client secret cannot be read by this Seatkeeper (its encryption key has changed): connect the district "
                        + "again with its client secret.";
    }

    private Connection decrypt(ConnectionStore.Stored s) {
        if (s.source() == RosteringSource.CLEVER) {
            return new Connection.Clever(URI.create(s.cleverBaseUrl()), s.cleverApiVersion(),
                    secrets.decrypt(s.cleverToken(), cleverContext(s.districtId())));
        }
        return new Connection.OneRoster(URI.create(s.oneRosterBaseUrl()), s.oneRosterVersion(), s.oneRosterAuth(), s.oneRosterClientId(),
                secrets.decrypt(s.oneRosterClientSecret(), oneRosterContext(s.districtId())),
                s.oneRosterTokenUrl() == null ? null : URI.create(s.oneRosterTokenUrl()));
    }

    /**
     * The row to store. A first connection counts today's night as done when its nightly time has passed (the first
     * nightly sync is the next one, not one at once); a reconnection keeps the night last queued.
     */
    private ConnectionStore.Stored row(District d, ConnectionRules.Plan p, ConnectionStore.Stored old, String by) {
        DistrictId district = d.id();
        Instant now = clock.instant();
        LocalDate queuedFor = old != null ? old.nightlyQueuedFor() : NightlySchedule.due(p.nightlyAt(), d.timezone(), now).orElse(null);
        boolean clever = p.source() == RosteringSource.CLEVER;
        byte[] cleverToken = old == null ? null : old.cleverToken();
        byte[] clientSecret = old == null ? null : old.oneRosterClientSecret();
        if (p.newSecret() != null && clever) {
            cleverToken = secrets.encrypt(p.newSecret(), cleverContext(district));
        } else if (p.newSecret() != null) {
            clientSecret = secrets.encrypt(p.newSecret(), oneRosterContext(district));
        }
        // the other source's settings are kept as they were (switching back needs its secret again: ConnectionRules)
        return new ConnectionStore.Stored(district, p.source(),
                clever ? p.cleverBaseUrl() : old == null ? null : old.cleverBaseUrl(),
                clever ? p.cleverApiVersion() : old == null ? null : old.cleverApiVersion(), cleverToken,
                clever ? old == null ? null : old.oneRosterBaseUrl() : p.oneRosterBaseUrl(),
                clever ? old == null ? null : old.oneRosterVersion() : p.oneRosterVersion(),
                clever ? old == null ? null : old.oneRosterAuth() : p.oneRosterAuth(),
                clever ? old == null ? null : old.oneRosterClientId() : p.oneRosterClientId(), clientSecret,
                clever ? old == null ? null : old.oneRosterTokenUrl() : p.oneRosterTokenUrl(),
                p.nightlyAt(), queuedFor, now, by);
    }

    private static ConnectionRules.Current current(Optional<ConnectionStore.Stored> stored) {
        return stored.map(s -> new ConnectionRules.Current(s.source(), s.cleverBaseUrl(), s.cleverApiVersion(), s.cleverToken() != null,
                s.oneRosterBaseUrl(), s.oneRosterVersion(), s.oneRosterAuth(), s.oneRosterClientId(), s.oneRosterTokenUrl(),
                s.oneRosterClientSecret() != null, s.nightlyAt())).orElse(ConnectionRules.Current.NONE);
    }

    private RosteringView view(District d, Optional<ConnectionStore.Stored> stored) {
        Optional<ConnectionStore.Stored> live = stored.filter(s -> s.source() == d.rosteringSource());
        if (live.isEmpty()) {
            return new RosteringView(d.rosteringSource(), null, null, null, d.timezone().getId(), null, null);
        }
        ConnectionStore.Stored s = live.get();
        RosteringView.Clever clever = s.source() == RosteringSource.CLEVER
                ? new RosteringView.Clever(s.cleverBaseUrl(), s.cleverApiVersion(), s.cleverToken() != null) : null;
        RosteringView.OneRoster oneRoster = s.source() == RosteringSource.CLASSLINK
                ? new RosteringView.OneRoster(s.oneRosterBaseUrl(), s.oneRosterVersion(), s.oneRosterAuth(), s.oneRosterClientId(),
                        s.oneRosterTokenUrl(), s.oneRosterClientSecret() != null) : null;
        return new RosteringView(s.source(), clever, oneRoster, HH_MM.format(s.nightlyAt()), d.timezone().getId(),
                NightlySchedule.next(s.nightlyAt(), d.timezone(), clock.instant()), s.updatedAt());
    }

    private static String cleverContext(DistrictId district) {
        return "rostering.clever-token:" + district;
    }

    private static String oneRosterContext(DistrictId district) {
        return "rostering.oneroster-client-secret:" + district;
    }
}
