package com.seatkeeper.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a sign-in attempt must wait, as a plain function of the failures counted so far. Two counts, both within
 * {@link #WINDOW}:
 * <ul>
 *   <li>one email from one client address: the first {@value #FREE_PAIR_FAILURES} failures are free, then every further
 *       attempt waits 30 s after the last failure, then 1, 2, 4 ... minutes, at most {@link #MAX_DELAY};</li>
 *   <li>one client address against any emails (someone trying many accounts): looser, the first
 *       {@value #FREE_ADDRESS_FAILURES} failures are free, then the same growing delays. This limit does not apply to
 *       an email that signed in successfully from that address within {@link #KNOWN_ADDRESS_FOR}: many people share
 *       one address (a school's network), and one of them trying made-up emails must not lock out the others.</li>
 * </ul>
 * No count is kept per email alone: failures from one address never slow down the same email from another address,
 * so nobody can lock a person out by typing their email. A successful sign-in clears its pair's failures, and so does
 * setting a password through a one-time link (for the email, from every address).
 */
public final class SignInDelay {
    /** Failures older than this no longer count (and are deleted). */
    public static final Duration WINDOW = Duration.ofHours(24);
    /** Failures of one email from one address before attempts wait. */
    public static final int FREE_PAIR_FAILURES = 3;
    /** Failures from one address, whatever the email, before attempts wait (several people may share one address). */
    public static final int FREE_ADDRESS_FAILURES = 100;
    /** How long after its last successful sign-in an email counts as known at an address (exempt from the address limit). */
    public static final Duration KNOWN_ADDRESS_FOR = Duration.ofDays(90);
    /** The first wait; each further failure doubles it. */
    public static final Duration FIRST_DELAY = Duration.ofSeconds(30);
    /** The longest wait. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private SignInDelay() {
    }

    /** The failures that count for one attempt: how many, and when the last one was (null when none). */
    public record Failures(int count, Instant last) {
        public static final Failures NONE = new Failures(0, null);
    }

    /** Which limit makes an attempt wait: the email from this address, or the address against any emails. */
    public enum Limit {
        /** Failures of this email from this address; setting a new password clears them. */
        EMAIL,
        /** Failures from this address whatever the email; a new password does not help, waiting does. */
        NETWORK
    }

    /** An attempt that must wait: how long, and because of which limit (the one that ends last). */
    public record Wait(Limit limit, Duration left) {}

    /**
     * When the attempt may be made: empty when it may be made now, else the time left and the limit that holds it.
     *
     * @param pair      failures of this email from this client address
     * @param address   failures from this client address, whatever the email
     * @param knownHere whether this email signed in successfully from this address within {@link #KNOWN_ADDRESS_FOR};
     *                  the address limit then does not apply (the pair's own failures still do)
     */
    public static Optional<Wait> waitFor(Failures pair, Failures address, boolean knownHere, Instant now) {
        Duration forEmail = left(pair, FREE_PAIR_FAILURES, now);
        Duration forNetwork = knownHere ? Duration.ZERO : left(address, FREE_ADDRESS_FAILURES, now);
        Wait wait = forNetwork.compareTo(forEmail) > 0 ? new Wait(Limit.NETWORK, forNetwork) : new Wait(Limit.EMAIL, forEmail);
        return wait.left().compareTo(Duration.ZERO) > 0 ? Optional.of(wait) : Optional.empty();
    }

    /** The delay after {@code count} failures of which {@code free} are free: 0, then 30 s doubling, capped. */
    static Duration delayAfter(int count, int free) {
        if (count < free) {
            return Duration.ZERO;
        }
        int doublings = Math.min(count - free, 10);
        Duration d = FIRST_DELAY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    private static Duration left(Failures f, int free, Instant now) {
        if (f.count() < free || f.last() == null) {
            return Duration.ZERO;
        }
        return Duration.between(now, f.last().plus(delayAfter(f.count(), free)));
    }

    /** As {@link #inWords(Duration)} for a number of seconds as text (the sign-in page's {@code wait} parameter); 1 s if not a number. */
    public static String inWords(String seconds) {
        long s;
        try {
            s = Long.parseLong(seconds.trim());
        } catch (NumberFormatException | NullPointerException e) {
            s = 1;
        }
        return inWords(Duration.ofSeconds(Math.max(1, Math.min(s, MAX_DELAY.toSeconds()))));
    }

    /** "30 seconds", "2 minutes": the wait in words, rounded up to whole minutes past one minute. */
    public static String inWords(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
