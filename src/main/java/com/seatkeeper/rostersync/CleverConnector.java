package com.seatkeeper.rostersync;

import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.roster.changes.ReferenceColumns;
import com.seatkeeper.roster.changes.RosterStaging;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * attempt with ±50% jitter), {@code seatkeeper.sync.clever.max-backoff} (PT1M) and {@code seatkeeper.sync.max-rate-limit-wait}
 * (PT2M: a 429 whose {@code X-RateLimit-Reset} is further away ends the pull).
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
                    @Value("${seatkeeper.sync.max-rate-limit-wait:PT2M}") Duration maxRateLimitWait) {
        this(new CleverSettings(pageSize, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, maxRateLimitWait),
                clock);
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
     * Reads the district and the first page (at most {@value #TEST_PAGE} records) of schools, users and sections, once
     * each, without retries; {@code found} counts what those pages held.
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
            return new ConnectionCheck(false, found, f.getMessage());
        }
    }

    private static Connection.Clever clever(Connection connection) {
        if (connection instanceof Connection.Clever clever) {
            return clever;
        }
        throw new IllegalArgumentException("the Clever connector cannot pull a " + connection.getClass().getSimpleName() + " connection");
    }
}
