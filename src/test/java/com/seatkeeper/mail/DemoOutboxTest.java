package com.seatkeeper.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.TestMail;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Demo mode without an SMTP host: mail never leaves the machine. It is kept (CAUGHT, body and link included) and the
 * vendor admin's Outbox page lists it with its link, which works. Outside demo mode the page is 404
 * ({@code InvitationsTest}).
 */
@ApiTest
@TestPropertySource(properties = {"seatkeeper.demo.enabled=true", "seatkeeper.test.smtp=false"})
class DemoOutboxTest {
    static final Pattern LINK = Pattern.compile("http://localhost:8080(/account/password\\?token=[A-Za-z0-9_-]+)");
    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anInvitationIsCaughtLocallyAndShownWithItsLinkOnTheVendorsOutboxPage() {
        Http http = new Http(port);
        Fixtures fx = new Fixtures(http);
        String teacher = fx.aTeacher(fx.aDistrict());
        String email = http.get("/api/v1/users/" + teacher, Fixtures.ADMIN).text("email");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "CAUGHT".equals(
                jdbc.sql("select status from mail_outbox where recipient = ?").param(email).query(String.class).optional().orElse(null)));
        assertThat(TestMail.to(email)).as("nothing went to an SMTP server").isEmpty();

        String vendor = "vendor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        accounts.ensureVendorAccount(vendor, "vendor-password-123");
        var console = ConsoleClient.signedIn(port, vendor, "vendor-password-123");
        String page = console.get("/vendor/outbox").body();
        assertThat(page).contains("href=\"/vendor/outbox\"").contains("To " + email).contains("You are invited to Seatkeeper");
        Matcher link = LINK.matcher(page.substring(page.indexOf("To " + email)));
        assertThat(link.find()).isTrue();
        assertThat(ConsoleClient.anonymous(port).get(link.group(1)).body()).contains("Welcome to Seatkeeper");

        var demoTeacher = ConsoleClient.signedIn(port, "teacher@demo.test", "demo");
        assertThat(demoTeacher.get("/vendor/outbox").status()).as("vendor admins only").isEqualTo(403);
    }
}
