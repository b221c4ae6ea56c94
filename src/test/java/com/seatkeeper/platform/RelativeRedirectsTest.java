package com.seatkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.seatkeeper.access.Accounts;
import com.seatkeeper.shared.UserId;
import com.seatkeeper.support.ApiTest;
import com.seatkeeper.support.Fixtures;
import com.seatkeeper.support.Http;
import com.seatkeeper.support.RawHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * No redirect of the console carries an origin taken from the request: every request here says {@code Host: evil.example}
 * (and {@code X-Forwarded-Host}), and every {@code Location} is a path of this server ({@code server.tomcat.use-relative-redirects},
 * access.RelativeRedirects): the sign-in page for an anonymous visitor and for an ended session, a failed sign-in, the
 * page a sign-in returns to, the start page's redirect (a controller's {@code redirect:}), a form's post-redirect-get and
 * the sign-out.
 */
@ApiTest
class RelativeRedirectsTest {
    static final String PW = "relative-redirects-pw-1";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|name=\"csrf-token\" content=\"([^\"]+)\"");
    static final Pattern SESSION = Pattern.compile("SESSION=([^;]+)");

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    private final List<String> locations = new ArrayList<>();
    private String session;

    @Test
    void every_console_redirect_is_a_path_of_this_server_whatever_the_host_header_says() {
        var fx = new Fixtures(new Http(port));
        var d = fx.aDistrict();
        String admin = fx.aDistrictAdmin(d);
        accounts.ensurePersonAccount(UserId.of(admin), PW);
        String email = fx.emailOf(admin);

        assertThat(redirect(get("/licenses"))).isEqualTo("/login");
        assertThat(redirect(post("/login", "email=" + enc(email) + "&password=wrong-one-123&_csrf=" + csrf(get("/login")))))
                .isEqualTo("/login?error");
        get("/people"); // the page to return to, saved by the request cache from this request (Host: evil.example)
        assertThat(redirect(post("/login", "email=" + enc(email) + "&password=" + PW + "&_csrf=" + csrf(get("/login")))))
                .startsWith("/people");
        assertThat(redirect(get("/"))).isEqualTo("/licenses");
        String token = csrf(get("/tokens"));
        Matcher revoke = Pattern.compile("/tokens/([0-9a-f-]{36})/revoke").matcher(post("/tokens", "name=relative&_csrf=" + token).body());
        assertThat(revoke.find()).isTrue();
        assertThat(redirect(post("/tokens/" + revoke.group(1) + "/revoke", "_csrf=" + token))).as("post-redirect-get")
                .isEqualTo("/tokens");
        assertThat(redirect(post("/logout", "_csrf=" + token))).isEqualTo("/login?logout");
        assertThat(redirect(get("/licenses"))).as("an ended session").startsWith("/login");

        assertThat(locations).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("/").doesNotStartWith("//").doesNotContain("evil"));
    }

    private RawHttp.Response get(String path) {
        return send("GET " + path + " HTTP/1.1\r\n" + headers(), null);
    }

    private RawHttp.Response post(String path, String form) {
        return send("POST " + path + " HTTP/1.1\r\n" + headers() + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + form.length() + "\r\n", form.getBytes(StandardCharsets.US_ASCII));
    }

    private String headers() {
        return "Host: evil.example\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\nAccept: text/html\r\n"
                + (session == null ? "" : "Cookie: SESSION=" + session + "\r\n");
    }

    private RawHttp.Response send(String head, byte[] body) {
        RawHttp.Response r = RawHttp.send(port, head, body);
        String cookie = r.headers().get("set-cookie");
        Matcher m = cookie == null ? null : SESSION.matcher(cookie);
        if (m != null && m.find()) {
            session = m.group(1).isEmpty() ? null : m.group(1);
        }
        if (r.headers().containsKey("location")) {
            locations.add(r.headers().get("location"));
        }
        return r;
    }

    private String redirect(RawHttp.Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(302);
        return r.headers().get("location");
    }

    private static String csrf(RawHttp.Response page) {
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("a CSRF token on %s", page).isTrue();
        return enc(m.group(1) != null ? m.group(1) : m.group(2));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
