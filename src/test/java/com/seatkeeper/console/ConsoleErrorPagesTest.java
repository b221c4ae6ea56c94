package com.seatkeeper.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.ConsoleClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Client errors that reach no console controller (an unknown page, a malformed address) get the console's designed
 * page (templates/error/4xx.html), never Spring's Whitelabel page.
 */
@ApiTest
class ConsoleErrorPagesTest {
    static final String PASSWORD = "pw-" + UUID.randomUUID();

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void anUnknownPageAndAMalformedAddressGetTheDesignedPage() {
        String email = "vendor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        accounts.ensureVendorAccount(email, PASSWORD);
        ConsoleClient console = ConsoleClient.signedIn(port, email, PASSWORD);

        var unknown = console.getPage("/no-such-page");
        var malformed = console.getPage("/licenses//holders");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("<h1>Not found</h1>").contains("Back to the start page").doesNotContain("Whitelabel");
        assertThat(malformed.status()).isBetween(400, 404);
        assertThat(malformed.body()).contains("Back to the start page").doesNotContain("Whitelabel");
    }
}
