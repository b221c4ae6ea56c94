package com.seatkeeper.rostersync;

import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.roster.changes.RosterStaging;
import com.seatkeeper.roster.changes.RowAt;
import com.seatkeeper.roster.changes.Staged;
import com.seatkeeper.shared.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A provider for tests of the sync job itself: it serves, per district token, a roster the test sets, in two pages (the
 * second empty), and can break off on the second page or wait on the first until the test lets it go. It accepts a
 * connection only with the token its roster was set for, so a test also proves the job decrypted the stored token. It
 * serves CLEVER ahead of the real connector ({@code @Order}); the Clever connector's own wire format is tested against
 * the Clever stand-in.
 */
final class ScriptedConnector implements RosterConnector {
    /** Shared by every application context of the JVM, so a second instance in a test serves the same rosters. */
    private static final Map<String, Script> scripts = new ConcurrentHashMap<>();
    final AtomicInteger pulls = new AtomicInteger();

    /** What a district token's pull serves. */
    static final class Script {
        volatile List<String> students = List.of();
        volatile String failOnSecondPage;
        volatile boolean paused;
        volatile CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch release;

        /** Serves school sch-1, teacher t1 and the students (ids) in class c1. */
        Script students(List<String> ids) {
            this.students = List.copyOf(ids);
            return this;
        }

        /** The next pull breaks off on its second page with this reason (a 401 midway). */
        Script failOnSecondPage(String reason) {
            this.failOnSecondPage = reason;
            return this;
        }

        /** The next pull waits after its first page until {@link #release()}. */
        Script hold() {
            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
            return this;
        }

        boolean awaitEntered() throws InterruptedException {
            return entered.await(30, TimeUnit.SECONDS);
        }

        void release() {
            release.countDown();
        }
    }

    /** The script of a district token (made on first use). */
    Script script(String token) {
        return scripts.computeIfAbsent(token, t -> new Script());
    }

    /** The ids s1..sN. */
    static List<String> students(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            ids.add("s" + i);
        }
        return ids;
    }

    @Override
    public RosteringSource source() {
        return RosteringSource.CLEVER;
    }

    @Override
    public PullResult pull(Connection connection, RosterStaging staging, PullProgress progress) throws PullFailure {
        pulls.incrementAndGet();
        String token = ((Connection.Clever) connection).districtToken();
        Script s = scripts.get(token);
        if (s == null) {
            throw new PullFailure("Clever refused the district token (401): reconnect the district in Clever and paste the new token.", 1);
        }
        String tag = token.substring(Math.max(0, token.length() - 8));
        staging.school(new Staged.School("sch-1", "North " + tag, new RowAt("schools", 1)));
        staging.person(new Staged.Person("t1", Role.TEACHER, true, "Tess", "Teacher", "t1-" + tag + "@example.test", List.of("sch-1"),
                List.of(), new RowAt("users", 1)));
        staging.rosterClass(new Staged.Class("c1", "Math 1", "sch-1", null, null, null, new RowAt("sections", 1)));
        staging.enrollment(new Staged.Enrollment("c1", "t1", Staged.EnrollmentRole.TEACHER, new RowAt("sections", 1)));
        int line = 2;
        for (String id : s.students) {
            staging.person(new Staged.Person(id, Role.STUDENT, true, "Sam", "Student " + id, id + "-" + tag + "@example.test",
                    List.of("sch-1"), List.of(), "09", new RowAt("users", line++)));
            staging.enrollment(new Staged.Enrollment("c1", id, Staged.EnrollmentRole.STUDENT, new RowAt("sections", 1)));
        }
        long records = 3L + s.students.size();
        progress.page(1, records);
        s.entered.countDown();
        CountDownLatch release = s.release;
        if (release != null) {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            s.release = null;
        }
        String failure = s.failOnSecondPage;
        if (failure != null) {
            s.failOnSecondPage = null;
            throw new PullFailure(failure, 2);
        }
        progress.page(2, records);
        return new PullResult(2, 2, records, s.paused, s.paused ? "Clever says the district is paused" : null, List.of());
    }

    @Override
    public ConnectionCheck test(Connection connection) {
        String token = ((Connection.Clever) connection).districtToken();
        return scripts.containsKey(token) ? new ConnectionCheck(true, Map.of("users", (long) script(token).students.size() + 1), null)
                : new ConnectionCheck(false, Map.of(), "Clever refused the district token (401): reconnect the district in Clever and "
                        + "paste the new token.");
    }

    /** The scripted connector as the application's Clever connector. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Config {
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        ScriptedConnector scriptedConnector() {
            return new ScriptedConnector();
        }
    }
}
