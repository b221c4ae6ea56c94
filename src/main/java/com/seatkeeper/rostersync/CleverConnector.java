package com.seatkeeper.rostersync;

import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.roster.changes.Problem;
import com.seatkeeper.roster.changes.ReferenceColumns;
import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.Severity;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Clever Data API v3.0/v3.1 connector (../shared/specs/clever; docs/design.md "Clever connector"): pulls a district
 * with its district-app token, page by page (JDK {@link HttpClient}, {@code limit} and {@code links} rel {@code next}),
 * into the engine's staging. Schools, users (students, teachers, staff, district admins; contacts skipped and counted)
 * and sections with their {@code teachers[]} and {@code students[]} become schools, people, classes and enrollments;
 * Clever ids are the sourcedIds; terms and courses give a class its term and course names.
 *
 * <p>Settings: {@code seatkeeper.sync.clever.page-size} (default 10000, Clever's largest),
 * {@code seatkeeper.sync.clever.connect-timeout} (PT10S), {@code seatkeeper.sync.clever.request-timeout} (PT60S),
 * {@code seatkeeper.sync.clever.max-attempts} (5), {@code seatkeeper.sync.clever.initial-backoff} (PT1S, doubled per
 * attempt with ±50% jitter), {@code seatkeeper.sync.clever.max-backoff} (PT1M), {@code seatkeeper.sync.max-rate-limit-wait}
 * (PT2M: a 429 whose {@code X-RateLimit-Reset} is further away ends the pull), {@code seatkeeper.sync.max-pull-duration}
 * (PT2H), {@code seatkeeper.sync.max-pages} (100000), {@code seatkeeper.sync.max-page-bytes} (64 MiB) and
 * {@code seatkeeper.sync.allow-local-providers} (false: only https to public internet addresses; see {@link CleverSettings}).
 * The request timeout covers a whole answer, its body included.
 *
 * <p>Incremental syncs (issue 10 "Scale"; docs/design.md "Clever incremental syncs"): a full pull first asks Clever for its
 * newest event, and the syncs after it read only the events since ({@link CleverEvents}), staged as a DELTA run; a full
 * pull again every {@code seatkeeper.sync.full-pull-every} (P7D), and whenever the events since the last sync cannot all be
 * read (Clever keeps them 30 days): see {@link #plan}.
 */
@Component
public class CleverConnector implements RosterConnector {
    /** Clever's names for the columns of reference and value problems the engine reports about a pulled roster. */
    static final ReferenceColumns COLUMNS = new ReferenceColumns("schools", "school", "id", "students/teachers", "id", "name.first",
            "name.last", "email", "name", "name");
    /** Records asked per resource by a connection test. */
    static final int TEST_PAGE = 100;
    private static final Logger log = LoggerFactory.getLogger(CleverConnector.class);

    private final CleverSettings settings;
    private final Clock clock;
    private final HttpClient http;

    @Autowired
    CleverConnector(Clock clock,
                    @Value("${seatkeeper.sync.clever.page-size:10000}") int pageSize,
                    @Value("${seatkeeper.sync.clever.connect-timeout:PT10S}") Duration connectTimeout,
                    @Value("${seatkeeper.sync.clever.request-timeout:PT60S}") Duration requestTimeout,
                    @Value("${seatkeeper.sync.clever.max-attempts:5}") int maxAttempts,
                    @Value("${seatkeeper.sync.clever.initial-backoff:PT1S}") Duration initialBackoff,
                    @Value("${seatkeeper.sync.clever.max-backoff:PT1M}") Duration maxBackoff,
                    @Value("${seatkeeper.sync.max-rate-limit-wait:PT2M}") Duration maxRateLimitWait,
                    @Value("${seatkeeper.sync.max-pull-duration:PT2H}") Duration maxPullDuration,
                    @Value("${seatkeeper.sync.max-pages:100000}") long maxPages,
                    @Value("${seatkeeper.sync.max-page-bytes:67108864}") long maxPageBytes,
                    @Value("${seatkeeper.sync.allow-local-providers:false}") boolean allowLocal) {
        this(new CleverSettings(pageSize, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, maxRateLimitWait,
                maxPullDuration, maxPages, maxPageBytes, allowLocal), clock);
    }

    CleverConnector(CleverSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public RosteringSource source() {
        return RosteringSource.CLEVER;
    }

    @Override
    public ReferenceColumns referenceColumns() {
        return COLUMNS;
    }

    /** As {@link #pull(Connection, RosterStaging, PullProgress, ZoneId)} with Clever's pause window read in UTC. */
    @Override
    public PullResult pull(Connection connection, RosterStaging staging, PullProgress progress) throws PullFailure {
        return pull(connection, staging, progress, ZoneOffset.UTC);
    }

    /**
     * Pulls the district into {@code staging}: its district record (paused when Clever's {@code state} is
     * {@code paused} or {@code pause_start}..{@code pause_end} covers today in {@code districtZone}), then schools, terms,
     * courses, users and sections, each page straight into staging. Warnings: contacts skipped, sections naming a term or
     * course Clever did not serve, a person whose email is not an address (kept without it).
     *
     * @throws PullFailure 401, 403, 404 and other refusals at once; 5xx, timeouts and broken connections after
     *                     {@code max-attempts}; a 429 whose reset is further than {@code max-rate-limit-wait}; an answer that is
     *                     not Clever's. The message says what to do and never holds the token.
     */
    @Override
    public PullResult pull(Connection connection, RosterStaging staging, PullProgress progress, ZoneId districtZone) throws PullFailure {
        long started = System.nanoTime();
        CleverClient client = new CleverClient(http, settings, clever(connection), settings.maxAttempts());
        PullResult result = new CleverPull(client, staging, progress, settings.pageSize()).run(LocalDate.now(clock.withZone(districtZone)),
                districtZone);
        log.info("Clever pull read {} records in {} pages with {} requests in {} ms{}", result.records(), result.pages(), result.requests(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), result.paused() ? " (district paused)" : "");
        return result;
    }

    /**
     * Plans the next sync ({@link PullPlan#decide}, the Clever cursor as its position): changes only (Clever's events
     * after the stored cursor) unless it is the connection's first sync, a full pull is due, or the events since the last
     * sync cannot all be read: the last full pull gave no events (the app's events are not enabled) or held removals back
     * (the district was paused: no event will name those again), the last sync began
     * more than the 30 days ago that Clever keeps events, or Clever no longer keeps the cursor's event
     * ({@code GET /events/{id}} answers 404). Those last reasons start with "Clever" ({@link #fallback}) and are recorded
     * in the run as a warning. Never throws: a failure to ask plans a full pull (which then reports the failure itself).
     */
    @Override
    public PullPlan plan(Connection connection, PullState state, Instant now, Duration fullEvery) {
        PullPlan usual = PullPlan.decide(state, now, fullEvery, state.cursor() != null);
        if (usual instanceof PullPlan.Full full) {
            return state.lastPullStartedAt() != null && state.cursor() == null
                    ? new PullPlan.Full("Clever gave no position to resume from at the last sync: this sync reads the whole district")
                    : full;
        }
        Optional<CleverEvents.Cursor> cursor = CleverEvents.Cursor.decode(state.cursor());
        if (cursor.isEmpty()) {
            return new PullPlan.Full(CleverPull.PAUSED.equals(state.cursor())
                    ? "Clever said the district was paused at the last full sync, which held removals back: this sync reads the whole "
                    + "district again"
                    : CleverPull.NO_EVENTS.equals(state.cursor())
                    ? "Clever gave no events for the district at the last full sync (events are not enabled for the app): this sync "
                    + "reads the whole district"
                    : "Clever gave no position to resume from at the last sync: this sync reads the whole district");
        }
        if (!state.lastPullStartedAt().plus(CleverEvents.KEPT).isAfter(now)) {
            return new PullPlan.Full("Clever keeps events for 30 days and the last sync began " + state.lastPullStartedAt()
                    + ": the events since cannot all be read, so this sync reads the whole district");
        }
        if (cursor.get().after() != null) {
            try {
                CleverClient client = new CleverClient(http, settings, clever(connection), settings.maxAttempts());
                if (!client.eventKept(cursor.get().after())) {
                    return new PullPlan.Full("Clever no longer keeps the events since the last sync (event " + cursor.get().after()
                            + " has expired; Clever keeps events for 30 days): this sync reads the whole district");
                }
            } catch (PullFailure f) {
                return new PullPlan.Full("Clever could not be asked for the events since the last sync, so this sync reads the whole "
                        + "district");
            }
        }
        return usual;
    }

    /**
     * Pulls as planned: a {@link PullPlan.Full} reads the whole district after asking Clever for its newest event (the
     * result's cursor); a {@link PullPlan.Delta} reads only the events after the cursor ({@link CleverEvents}). A full pull
     * planned because the events could not be used ({@link #fallback}) carries its reason as a WARNING
     * {@code clever_full_pull}, so the run says why it read everything.
     */
    @Override
    public PullResult pull(Connection connection, RosterStaging staging, PullProgress progress, ZoneId districtZone, PullPlan plan)
            throws PullFailure {
        long started = System.nanoTime();
        CleverClient client = new CleverClient(http, settings, clever(connection), settings.maxAttempts());
        LocalDate today = LocalDate.now(clock.withZone(districtZone));
        PullResult result;
        if (plan instanceof PullPlan.Delta delta) {
            CleverEvents.Cursor from = CleverEvents.Cursor.decode(delta.cursor()).orElseThrow(() -> new PullFailure(
                    "The stored position in Clever's events is not readable; nothing was changed. The next sync reads the whole "
                    + "district if the connection is saved again.", 0));
            CleverEvents events = new CleverEvents(client, staging, progress, settings.pageSize(), from);
            result = events.run(today, districtZone);
            log.info("Clever delta pull read {} events ({} records staged) in {} pages with {} requests in {} ms{}", events.events(),
                    result.records(), result.pages(), result.requests(), Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    result.paused() ? " (district paused)" : "");
            return result;
        }
        result = new CleverPull(client, staging, progress, settings.pageSize()).run(today, districtZone, true);
        log.info("Clever full pull read {} records in {} pages with {} requests in {} ms{}", result.records(), result.pages(),
                result.requests(), Duration.ofNanos(System.nanoTime() - started).toMillis(), result.paused() ? " (district paused)" : "");
        if (plan instanceof PullPlan.Full full && fallback(full)) {
            List<Problem> warnings = new ArrayList<>(result.warnings());
            warnings.add(new Problem("events", null, null, Severity.WARNING, "clever_full_pull", full.why() + "."));
            result = new PullResult(result.requests(), result.pages(), result.records(), result.paused(), result.pausedWhy(), warnings,
                    result.cursor(), result.deltaSupport());
        }
        return result;
    }

    /** Whether a full pull was planned because Clever's events could not be used (its reason names Clever), not by rule. */
    static boolean fallback(PullPlan.Full plan) {
        return plan.why().startsWith("Clever");
    }

    /**
     * Reads the district and the first page (at most {@value #TEST_PAGE} records) of schools, users and sections, once
     * each, without retries; {@code found} counts what those first pages held (at least that many: a district with more
     * has further pages). A failure is told in a fixed sentence per kind ({@link #testProblem}): nothing of the server's
     * answer is repeated, and a closed port reads as an open one that does not speak HTTP (the test is no port scanner).
     */
    @Override
    public ConnectionCheck test(Connection connection) {
        Map<String, Long> found = new LinkedHashMap<>();
        try {
            CleverClient client = new CleverClient(http, settings, clever(connection), 1);
            long districts = client.firstPage("districts", 0);
            found.put("districts", districts);
            if (districts == 0) {
                return new ConnectionCheck(false, found, "Clever shows the district token no district: the district may have "
                        + "disconnected the app in Clever. Reconnect it and paste the new token.");
            }
            int limit = Math.min(settings.pageSize(), TEST_PAGE);
            for (String kind : new String[] {"schools", "users", "sections"}) {
                found.put(kind, client.firstPage(kind, limit));
            }
            return new ConnectionCheck(true, found, null);
        } catch (PullFailure f) {
            return new ConnectionCheck(false, found, testProblem(f, connection));
        }
    }

    /** The connection test's sentence for a failure: one per {@link CleverClient.Kind}, no run to name, no upstream text. */
    static String testProblem(PullFailure f, Connection connection) {
        CleverClient.Kind kind = f instanceof CleverClient.Failed failed ? failed.kind : CleverClient.Kind.NOT_CLEVER;
        String at = connection instanceof Connection.Clever c && c.baseUrl() != null ? ProviderAddress.normalized(c.baseUrl()).toString()
                : "the base URL";
        return switch (kind) {
            case UNREACHABLE -> "Could not reach a Clever Data API at " + at + ": no connection, or no whole answer in time. Check the "
                    + "base URL in the district's rostering settings, then test again.";
            case ADDRESS -> f.getMessage();
            case TOKEN -> "Clever refused the district token (401): reconnect the district in Clever and paste the new token.";
            case FORBIDDEN -> "Clever refused access to part of the district's data (403): the district has not shared it with the app. "
                    + "Check the app's data sharing in the district's Clever dashboard, then test again.";
            case NOT_FOUND -> "Clever answered 404 Not Found at " + at + ": the district may have disconnected the app, or the base URL "
                    + "or API version is wrong. Check the district's rostering settings and its connection in Clever.";
            case BUSY -> "Clever is busy or failing right now (it answered 429 or a server error): test again in a few minutes.";
            case NOT_CLEVER -> f.getMessage().startsWith("Clever API version") ? f.getMessage()
                    : "The server at " + at + " answered, but not as Clever's Data API does: check the base URL (the API root, "
                    + "e.g. https://api.clever.com) and the API version in the district's rostering settings.";
            case BOUND, STOPPED -> "The test was stopped before Clever answered: test again.";
        };
    }

    private static Connection.Clever clever(Connection connection) {
        if (connection instanceof Connection.Clever clever) {
            return clever;
        }
        throw new IllegalArgumentException("the Clever connector cannot pull a " + connection.getClass().getSimpleName() + " connection");
    }
}
