package com.seatkeeper.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The tests' SMTP server: one GreenMail per test JVM on a free port, started before the first application context
 * (registered as an initializer in META-INF/spring.factories, which points {@code spring.mail.host} and
 * {@code spring.mail.port} at it). Tests find their mail by recipient (fixtures give everyone a unique email).
 */
public final class TestMail implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static final Pattern LINK = Pattern.compile("https?://\\S+/account/password\\?token=[A-Za-z0-9_-]+");
    private static GreenMail server;
    private static int port;

    /** The running server (started on first use). */
    public static synchronized GreenMail server() {
        if (server == null) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
        return server;
    }

    /** Points the application at the test SMTP server, unless the test sets {@code seatkeeper.test.smtp=false} (demo mode without SMTP). */
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if ("false".equals(context.getEnvironment().getProperty("seatkeeper.test.smtp"))) {
            return;
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-mail",
                Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", port())));
    }

    /** The SMTP server's port (fixed for the JVM, also across {@link #restart()}). */
    public static synchronized int port() {
        server();
        return port;
    }

    /** Stops the SMTP server (an outage) until {@link #restart()}. */
    public static synchronized void stop() {
        server().stop();
    }

    /** Starts the SMTP server again on the same port, with the mail received so far forgotten. */
    public static synchronized void restart() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** The mail received for the recipient so far, oldest first. */
    public static List<MimeMessage> to(String recipient) {
        return Arrays.stream(server().getReceivedMessages()).filter(m -> isTo(m, recipient)).toList();
    }

    /** Waits (up to 10 s) until {@code count} mails were received for the recipient; returns the newest. */
    public static MimeMessage await(String recipient, int count) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            List<MimeMessage> mine = to(recipient);
            if (mine.size() >= count) {
                return mine.get(mine.size() - 1);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no mail #" + count + " for " + recipient + " within 10 s (have " + to(recipient).size() + ")");
    }

    /** The first mail to the recipient. */
    public static MimeMessage await(String recipient) {
        return await(recipient, 1);
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String body(MimeMessage m) {
        try {
            return String.valueOf(m.getContent());
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one-time link of the mail, as a path with its query ({@code /account/password?token=...}). */
    public static String linkPath(MimeMessage m) {
        Matcher matcher = LINK.matcher(body(m));
        if (!matcher.find()) {
            throw new AssertionError("no link in: " + body(m));
        }
        return matcher.group().replaceFirst("^https?://[^/]+", "");
    }

    /** The link's full text as mailed. */
    public static String link(MimeMessage m) {
        Matcher matcher = LINK.matcher(body(m));
        if (!matcher.find()) {
            throw new AssertionError("no link in: " + body(m));
        }
        return matcher.group();
    }

    private static boolean isTo(MimeMessage m, String recipient) {
        try {
            return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
