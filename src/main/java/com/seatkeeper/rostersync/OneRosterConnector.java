package com.seatkeeper.rostersync;

import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.roster.changes.RosterStaging;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The OneRoster 1.1 / 1.2 REST connector for ClassLink Roster Server and SIS vendors (issue 11; docs/design.md
 * "OneRoster REST connector"; ../shared/specs/oneroster and ../shared/specs/README.md): OAuth 1.0a HMAC-SHA256
 * ({@link OAuth1Signer}) or OAuth 2.0 client credentials ({@link OAuth2Tokens}); orgs, academicSessions, courses, users,
 * classes and enrollments read page by page ({@link OneRosterClient}) into the engine's staging ({@link OneRosterPull});
 * delta pulls with {@code filter=dateLastModified>'<last applied pull's start>'} once the server is known to honour it.
 *
 * <p>Settings: {@code seatkeeper.sync.oneroster.page-size} (1000), {@code .connect-timeout} (PT10S),
 * {@code .request-timeout} (PT60S), {@code .max-attempts} (5), {@code .initial-backoff} (PT1S), {@code .max-backoff}
 * (PT1M), {@code .token-margin} (PT60S), {@code .max-clock-skew} (PT5M), and the shared
 * {@code seatkeeper.sync.max-rate-limit-wait}, {@code max-pull-duration}, {@code max-pages}, {@code max-page-bytes},
 * {@code allow-local-providers} ({@link OneRosterSettings}).
 */
@Component
public class OneRosterConnector implements RosterConnector {
    /** Records asked per collection by a connection test. */
    static final int TEST_PAGE = 100;
    /** The reason of a full pull planned because the server ignored or refused a changes-only request (detected once). */
    static final String FILTER_IGNORED = "the server does not honour requests for changes only (it answered a dateLastModified filter "
            + "with everything, or refused it)";
    private static final Logger log = LoggerFactory.getLogger(OneRosterConnector.class);

    private final OneRosterSettings settings;
    private final Clock clock;
    private final HttpClient http;

    /**
     * The connector of the application: it signs, caches tokens and compares the server's {@code Date} by the wall clock
     * ({@link Clock#systemUTC()}), not the application's business clock: a signature's timestamp and a token's lifetime
     * are checked by the server in real time, whatever day the application believes it is.
     */
    @Autowired
    OneRosterConnector(@Value("${seatkeeper.sync.oneroster.page-size:1000}") int pageSize,
                       @Value("${seatkeeper.sync.oneroster.connect-timeout:PT10S}") Duration connectTimeout,
                       @Value("${seatkeeper.sync.oneroster.request-timeout:PT60S}") Duration requestTimeout,
                       @Value("${seatkeeper.sync.oneroster.max-attempts:5}") int maxAttempts,
                       @Value("${seatkeeper.sync.oneroster.initial-backoff:PT1S}") Duration initialBackoff,
                       @Value("${seatkeeper.sync.oneroster.max-backoff:PT1M}") Duration maxBackoff,
                       @Value("${seatkeeper.sync.max-rate-limit-wait:PT2M}") Duration maxRateLimitWait,
                       @Value("${seatkeeper.sync.max-pull-duration:PT2H}") Duration maxPullDuration,
                       @Value("${seatkeeper.sync.max-pages:100000}") long maxPages,
                       @Value("${seatkeeper.sync.max-page-bytes:67108864}") long maxPageBytes,
                       @Value("${seatkeeper.sync.oneroster.token-margin:PT60S}") Duration tokenMargin,
                       @Value("${seatkeeper.sync.oneroster.max-clock-skew:PT5M}") Duration maxClockSkew,
                       @Value("${seatkeeper.sync.allow-local-providers:false}") boolean allowLocal) {
        this(new OneRosterSettings(pageSize, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, maxRateLimitWait,
                maxPullDuration, maxPages, maxPageBytes, tokenMargin, maxClockSkew, allowLocal), Clock.systemUTC());
    }

    /** A connector with these settings, signing by {@code clock} (tests give a wrong one). */
    OneRosterConnector(OneRosterSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public RosteringSource source() {
        return RosteringSource.CLASSLINK;
    }

    /**
     * {@link PullPlan#decide}; a delta on a server not yet known to honour it is checked once first: {@code users} with
     * the delta filter and {@code limit=1}, and without. A 400, a first record not modified after {@code since}, or as
     * many users filtered as unfiltered (more than none) means the filter is ignored: a full pull now, whose result
     * records IGNORED, so that every later sync is full. Any other failure of the check: a full pull (asked again next time).
     */
    @Override
    public PullPlan plan(Connection connection, PullState state, Instant now, Duration fullEvery) {
        PullPlan plan = PullPlan.decide(state, now, fullEvery, true);
        if (!(plan instanceof PullPlan.Delta delta) || state.deltaSupport() == PullState.DeltaSupport.HONOURED) {
            return plan;
        }
        try {
            OneRosterClient client = new OneRosterClient(http, settings, oneRoster(connection), settings.maxAttempts(), clock);
            Instant[] first = new Instant[1];
            OneRosterClient.Page filtered = client.page("users", 1, 0, OneRosterPull.filter(delta.since()),
                    (r, n) -> first[0] = OneRosterRecords.modified(r), 0);
            OneRosterClient.Page all = client.page("users", 1, 0, null, (r, n) -> { }, 0);
            boolean oldRecord = first[0] != null && !first[0].isAfter(delta.since());
            boolean everything = filtered.total() >= 0 && all.total() > 0 && filtered.total() == all.total();
            return oldRecord || everything ? new PullPlan.Full(FILTER_IGNORED) : plan;
        } catch (OneRosterClient.Failed f) {
            if (f.kind == OneRosterClient.Kind.FILTER_REFUSED) {
                return new PullPlan.Full(FILTER_IGNORED);
            }
            log.info("Could not ask the OneRoster server whether it honours changes-only requests: {}", f.getMessage());
            return new PullPlan.Full("the server could not be asked whether it honours requests for changes only");
        } catch (PullFailure f) {
            return new PullPlan.Full("the server could not be asked whether it honours requests for changes only");
        }
    }

    /** A full pull. */
    @Override
    public PullResult pull(Connection connection, RosterStaging staging, PullProgress progress) throws PullFailure {
        return pull(connection, staging, progress, java.time.ZoneOffset.UTC, new PullPlan.Full("a full pull"));
    }

    /**
     * Pulls as planned: a {@link PullPlan.Full} reads every collection whole (staging BULK: what is absent is removed;
     * {@code tobedeleted} records are left out); a {@link PullPlan.Delta} asks users, classes and enrollments changed after
     * its {@code since} and stages their {@code tobedeleted} records as deletions. The result's {@code deltaSupport}:
     * HONOURED after a delta, IGNORED after a full pull planned for {@link #FILTER_IGNORED} or a delta whose filter was
     * refused midway (that collection was then read whole), else null. OneRoster has no pause window.
     *
     * @throws PullFailure 401 (bad signature, wrong clock, token refused after one renewal), 403 (missing scope), 404 (wrong
     *                     path) and other refusals at once; 5xx, timeouts and broken connections after {@code max-attempts};
     *                     a 429 whose {@code Retry-After} is too far; an answer that is not OneRoster's. Never a secret.
     */
    @Override
    public PullResult pull(Connection connection, RosterStaging staging, PullProgress progress, ZoneId districtZone, PullPlan plan)
            throws PullFailure {
        long started = System.nanoTime();
        OneRosterClient client = new OneRosterClient(http, settings, oneRoster(connection), settings.maxAttempts(), clock);
        Instant since = plan instanceof PullPlan.Delta d ? d.since() : null;
        OneRosterPull pull = new OneRosterPull(client, staging, progress, settings.pageSize(), since);
        PullResult read = pull.run();
        PullState.DeltaSupport learned = since != null ? (pull.filterRefused() ? PullState.DeltaSupport.IGNORED
                : PullState.DeltaSupport.HONOURED)
                : plan instanceof PullPlan.Full f && FILTER_IGNORED.equals(f.why()) ? PullState.DeltaSupport.IGNORED : null;
        log.info("OneRoster {} pull read {} records in {} pages with {} requests ({} tokens) in {} ms", since == null ? "full" : "delta",
                read.records(), read.pages(), read.requests(), client.tokensIssued(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new PullResult(read.requests(), read.pages(), read.records(), false, null, read.warnings(), null, learned);
    }

    /** As {@link #pull(Connection, RosterStaging, PullProgress, ZoneId, PullPlan)}: a full pull. */
    @Override
    public PullResult pull(Connection connection, RosterStaging staging, PullProgress progress, ZoneId districtZone) throws PullFailure {
        return pull(connection, staging, progress, districtZone, new PullPlan.Full("a full pull"));
    }

    /**
     * Reads the first page (at most {@value #TEST_PAGE} records) of orgs and of users, once each, without retries;
     * {@code found} counts them ({@code orgs}, {@code schools} among them, {@code users}). A failure is told in plain words
     * per kind: bad signature, wrong clock, refused client id and secret, missing scope, wrong path, unreachable.
     */
    @Override
    public ConnectionCheck test(Connection connection) {
        Map<String, Long> found = new LinkedHashMap<>();
        try {
            OneRosterClient client = new OneRosterClient(http, settings, oneRoster(connection), 1, clock);
            long[] schools = new long[1];
            found.put("orgs", client.page("orgs", TEST_PAGE, 0, null, (o, n) -> {
                if ("school".equals(OneRosterRecords.orgType(o))) {
                    schools[0]++;
                }
            }, 0).records());
            found.put("schools", schools[0]);
            found.put("users", client.page("users", TEST_PAGE, 0, null, (u, n) -> { }, 0).records());
            return new ConnectionCheck(true, found, null);
        } catch (OneRosterClient.Failed f) {
            return new ConnectionCheck(false, found, testProblem(f, connection));
        } catch (PullFailure f) {
            return new ConnectionCheck(false, found, f.getMessage());
        }
    }

    /** The connection test's sentence for a failure, by kind; the server's own words are not repeated. */
    static String testProblem(OneRosterClient.Failed f, Connection connection) {
        String at = connection instanceof Connection.OneRoster o && o.baseUrl() != null ? ProviderAddress.normalized(o.baseUrl()).toString()
                : "the base URL";
        return switch (f.kind) {
            case UNREACHABLE -> "Could not reach a OneRoster server at " + at + ": no connection, or no whole answer in time. Check the base "
                    + "URL (and the token URL) in the district's rostering settings, then test again.";
            case ADDRESS, CLOCK, CREDENTIALS -> withoutServerWords(f.getMessage());
            case SIGNATURE -> "The server refused the signature (401): the client id (key) or secret is wrong. Paste them again as the "
                    + "server gives them, then test again.";
            case TOKEN -> "The server refused the access token (401): check the client id, secret and token URL, then test again.";
            case FORBIDDEN -> "The server refused access (403): the client lacks the scope or permission to read orgs or users. Ask the "
                    + "server's administrator to grant it, then test again.";
            case NOT_FOUND -> "The server answered 404 Not Found at " + at + ": the base URL's path is wrong. It is the service root "
                    + "with its path, e.g. …/ims/oneroster/v1p1 (1.1) or …/ims/oneroster/rostering/v1p2 (1.2).";
            case BUSY -> "The server is busy or failing right now (it answered 429 or a server error): test again in a few minutes.";
            case FILTER_REFUSED, NOT_ONEROSTER -> "The server at " + at + " answered, but not as a OneRoster server does: check the base "
                    + "URL and the version in the district's rostering settings.";
            case BOUND, STOPPED -> "The test was stopped before the server answered: test again.";
        };
    }

    private static String withoutServerWords(String message) {
        int said = message.indexOf(" The server said:");
        return said < 0 ? message : message.substring(0, said);
    }

    private static Connection.OneRoster oneRoster(Connection connection) {
        if (connection instanceof Connection.OneRoster o) {
            return o;
        }
        throw new IllegalArgumentException("the OneRoster connector cannot pull a " + connection.getClass().getSimpleName() + " connection");
    }
}
