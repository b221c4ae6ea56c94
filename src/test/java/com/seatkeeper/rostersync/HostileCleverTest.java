package com.seatkeeper.rostersync;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.roster.changes.RosterChanges;
import com.seatkeeper.roster.changes.RunStatus;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.CleverStandIn;
import com.seatkeeper.support.CleverStandInSync;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Clever connector against a hostile or broken server (the stand-in made to misbehave): pages that loop or never
 * end, a body that trickles in, a page too large, a provider address that is not public, and a connection test that
 * neither tells ports apart nor repeats the server's words. Each pull ends FAILED with a plain reason, in bounded time,
 * with nothing applied, and the district free for the next run.
 */
@ApiTest
class HostileCleverTest {
    @LocalServerPort
    int port;
    @Autowired
    RosterChanges changes;
    @Autowired
    JdbcClient jdbc;

    Fixtures fx;
    CleverStandIn clever;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(new Http(port));
        clever = CleverStandIn.start();
    }

    @AfterEach
    void tearDown() {
        clever.close();
    }

    /** Quick waits (1 s per answer, 3 attempts), the bounds given, stand-ins on this machine allowed unless {@code allowLocal} is false. */
    static CleverConnector connector(int pageSize, Duration maxPull, long maxPages, long maxPageBytes, boolean allowLocal) {
        return new CleverConnector(new CleverSettings(pageSize, Duration.ofSeconds(1), Duration.ofSeconds(1), 3, Duration.ofMillis(20),
                Duration.ofMillis(100), Duration.ofSeconds(5), maxPull, maxPages, maxPageBytes, allowLocal), Clock.systemUTC());
    }

    static CleverConnector connector(int pageSize) {
        return connector(pageSize, Duration.ofMinutes(1), 100_000, 64L << 20, true);
    }

    CleverStandInSync.Result sync(CleverConnector connector, String district) {
        return new CleverStandInSync(changes, connector).run(district, clever);
    }

    long cleverUsers(String district) {
        return jdbc.sql("select count(*) from users where district_id = ? and source = 'CLEVER'").param(UUID.fromString(district))
                .query(Long.class).single();
    }

    /** The district is free: a next run starts and applies. */
    void nextRunApplies(String district) {
        var next = sync(connector(100), district);
        assertThat(next.report().status()).as("%s", next.report()).isEqualTo(RunStatus.APPLIED);
    }

    @Test
    void pagesThatLoopBackEndThePullSayingSoAndNothingIsApplied() {
        CleverConnectorTest.smallDistrict(clever, CleverConnectorTest.tag(), 11);
        var d = fx.aDistrict("CLEVER");
        clever.loop(CleverStandIn.Kind.USERS);

        var result = sync(connector(3), d.id());

        assertThat(result.failure()).isNotNull();
        assertThat(result.failure().getMessage()).startsWith("Clever's next-page link after GET /v3.0/users leads back to records already "
                + "read").contains("paging in a loop");
        assertThat(result.report().status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.report().reason()).isEqualTo(result.failure().getMessage());
        assertThat(clever.requestCount("/v3.0/users")).as("page A, page B, and no second round").isEqualTo(2);
        assertThat(cleverUsers(d.id())).isZero();
        clever.loop(null);
        nextRunApplies(d.id());
    }

    @Test
    void endlessDistinctPagesEndAtTheMostPagesAPullReads() {
        CleverConnectorTest.smallDistrict(clever, CleverConnectorTest.tag(), 2);
        var d = fx.aDistrict("CLEVER");
        clever.endless(CleverStandIn.Kind.SCHOOLS);

        var result = sync(connector(5, Duration.ofMinutes(1), 30, 64L << 20, true), d.id());

        assertThat(result.failure().getMessage()).startsWith("Clever kept sending further pages: the sync stopped after 30 pages")
                .contains("seatkeeper.sync.max-pages");
        assertThat(result.report().status()).isEqualTo(RunStatus.FAILED);
        assertThat(clever.requestCount()).as("the district, then 29 pages of schools").isEqualTo(30);
        assertThat(cleverUsers(d.id())).isZero();
    }

    @Test
    void endlessSlowPagesEndAtTheLongestAPullMayTake() {
        CleverConnectorTest.smallDistrict(clever, CleverConnectorTest.tag(), 2);
        var d = fx.aDistrict("CLEVER");
        clever.endless(CleverStandIn.Kind.SCHOOLS).delayNext("/schools", 10_000, Duration.ofMillis(150));

        long started = System.nanoTime();
        var result = sync(connector(5, Duration.ofSeconds(2), 100_000, 64L << 20, true), d.id());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.failure().getMessage()).startsWith("The sync ran longer than the 2 seconds a sync may take "
                + "(seatkeeper.sync.max-pull-duration) and was stopped before GET /v3.0/schools");
        assertThat(result.report().status()).isEqualTo(RunStatus.FAILED);
        assertThat(took).as("the bound, not the server, ended it").isLessThan(Duration.ofSeconds(6));
        assertThat(cleverUsers(d.id())).isZero();
    }

    @Test
    void aTrickledBodyTimesOutAsAWholeIsRetriedAndItsConnectionIsDropped() throws Exception {
        CleverConnectorTest.smallDistrict(clever, CleverConnectorTest.tag(), 4);
        var d = fx.aDistrict("CLEVER");
        clever.trickle("/v3.0/users", Duration.ofMillis(200));

        long started = System.nanoTime();
        var once = sync(connector(100), d.id());

        assertThat(once.report().status()).as("the trickled page timed out after 1 s and its retry answered: %s", once.report())
                .isEqualTo(RunStatus.APPLIED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        assertThat(clever.requestCount("/v3.0/users")).isEqualTo(2);
        awaitDropped(1);

        clever.trickle("/v3.0/sections", 3, Duration.ofMillis(200));
        started = System.nanoTime();
        var always = sync(connector(100), d.id());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(always.failure().getMessage()).isEqualTo("Clever did not answer GET /v3.0/sections in full within 1 second (3 "
                + "attempts). Nothing was changed; the next sync will try again.");
        assertThat(always.report().status()).isEqualTo(RunStatus.FAILED);
        assertThat(took).as("3 attempts of 1 s and short backoffs, not the trickle's pace").isLessThan(Duration.ofSeconds(8));
        awaitDropped(4);
        nextRunApplies(d.id());
    }

    /** Every trickled answer ends because the client dropped its connection: no pull thread is left reading one. */
    void awaitDropped(long dropped) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((clever.tricklesDropped() < dropped || clever.tricklesRunning() > 0) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(clever.tricklesDropped()).as("connections dropped by the connector").isEqualTo(dropped);
        assertThat(clever.tricklesRunning()).isZero();
    }

    @Test
    void aPageLargerThanTheCapEndsThePull() {
        CleverConnectorTest.smallDistrict(clever, CleverConnectorTest.tag(), 11);
        var d = fx.aDistrict("CLEVER");

        var result = sync(connector(100, Duration.ofMinutes(1), 100_000, 4000, true), d.id());

        assertThat(result.failure().getMessage()).startsWith("Clever's answer to GET /v3.0/users was larger than the 4,000 bytes a page may be")
                .contains("seatkeeper.sync.max-page-bytes");
        assertThat(result.report().status()).isEqualTo(RunStatus.FAILED);
        assertThat(clever.requestCount("/v3.0/users")).as("not retried").isEqualTo(1);
    }

    @Test
    void aProviderOnThisMachineIsNotReachedUnlessLocalProvidersAreAllowed() {
        CleverConnectorTest.smallDistrict(clever, CleverConnectorTest.tag(), 2);
        var d = fx.aDistrict("CLEVER");
        var publicOnly = connector(100, Duration.ofMinutes(1), 100_000, 64L << 20, false);

        var overHttp = sync(publicOnly, d.id());
        assertThat(overHttp.failure().getMessage()).startsWith("The Clever base URL " + clever.baseUrl() + " uses http: secrets are "
                + "only sent over https.");
        var https = publicOnly.test(new Connection.Clever(URI.create("https://127.0.0.1:" + clever.baseUrl().getPort()), "3.0",
                clever.token()));
        assertThat(https.problem()).startsWith("The Clever base URL https://127.0.0.1:" + clever.baseUrl().getPort()
                + " is not a public internet address");
        for (String host : List.of("https://169.254.169.254", "https://10.0.0.1:8443", "https://2130706433:18601", "https://[::1]:443",
                "https://LOCALHOST")) {
            assertThat(publicOnly.test(new Connection.Clever(URI.create(host), "3.0", "t")).problem()).as(host)
                    .contains("is not a public internet address");
        }
        assertThat(clever.requestCount()).as("nothing was sent").isZero();
    }

    @Test
    void theConnectionTestTellsNoPortsApartAndRepeatsNothingTheServerSaid() throws Exception {
        var connector = connector(100);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        List<String> said = new ArrayList<>();
        try (ServerSocket notHttp = new ServerSocket(0); ServerSocket silent = new ServerSocket(0);
             ServerSocket redirect = new ServerSocket(0); ServerSocket teapot = new ServerSocket(0)) {
            serve(notHttp, "SSH-2.0-OpenSSH_9.6\r\n");
            serve(silent, null);
            serve(redirect, "HTTP/1.1 302 Found\r\nLocation: http://elsewhere.example/\r\nContent-Length: 0\r\n\r\n");
            String secret = "internal-build-7731 db=prod-eu";
            String body = "{\"message\":\"" + secret + "\"}";
            serve(teapot, "HTTP/1.1 418 I'm a teapot\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                    + body);

            String closedAnswer = connector.test(clever("http://127.0.0.1:" + closed)).problem();
            String notHttpAnswer = connector.test(clever("http://127.0.0.1:" + notHttp.getLocalPort())).problem();
            String silentAnswer = connector.test(clever("http://127.0.0.1:" + silent.getLocalPort())).problem();
            assertThat(notHttpAnswer.replace(":" + notHttp.getLocalPort(), ":N")).as("an open port that does not speak HTTP")
                    .isEqualTo(closedAnswer.replace(":" + closed, ":N"))
                    .isEqualTo(silentAnswer.replace(":" + silent.getLocalPort(), ":N"))
                    .startsWith("Could not reach a Clever Data API at http://127.0.0.1:N");
            String redirected = connector.test(clever("http://127.0.0.1:" + redirect.getLocalPort())).problem();
            String teapotAnswer = connector.test(clever("http://127.0.0.1:" + teapot.getLocalPort())).problem();
            assertThat(redirected.replace(":" + redirect.getLocalPort(), ":N")).isEqualTo(teapotAnswer.replace(":" + teapot.getLocalPort(),
                    ":N")).startsWith("The server at http://127.0.0.1:N answered, but not as Clever's Data API does");
            assertThat(teapotAnswer).doesNotContain(secret).doesNotContain("418").doesNotContain("teapot");
            assertThat(redirected).doesNotContain("302").doesNotContain("elsewhere");
            said.addAll(List.of(closedAnswer, notHttpAnswer, silentAnswer, redirected, teapotAnswer));
        }
        CleverConnectorTest.smallDistrict(clever, CleverConnectorTest.tag(), 2);
        clever.failNext("/districts", 1, 503);
        said.add(connector.test(new Connection.Clever(clever.baseUrl(), "3.0", clever.token())).problem());
        said.add(connector.test(new Connection.Clever(clever.baseUrl(), "3.0", "wrong")).problem());
        clever.failNext("/users", 1, 404);
        said.add(connector.test(new Connection.Clever(clever.baseUrl(), "3.0", clever.token())).problem());
        assertThat(said).as("a test has no run and no next sync").allSatisfy(m -> assertThat(m).isNotNull()
                .doesNotContain("run's id").doesNotContain("next sync"));
    }

    private static Connection.Clever clever(String url) {
        return new Connection.Clever(URI.create(url), "3.0", "a-token");
    }

    /** Accepts connections on a daemon thread; writes {@code answer} after the request arrives (null: says nothing, holds on). */
    private static void serve(ServerSocket server, String answer) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    if (answer == null) {
                        continue; // held open, silent, until the server socket closes
                    }
                    Thread.sleep(50);
                    try (s; OutputStream out = s.getOutputStream()) {
                        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                } catch (Exception e) {
                    return;
                }
            }
        }, "hostile-server");
        t.setDaemon(true);
        t.start();
    }
}
