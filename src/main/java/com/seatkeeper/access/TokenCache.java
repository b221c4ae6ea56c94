package com.seatkeeper.access;

import com.seatkeeper.shared.UserId;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Resolved API tokens, remembered for a few seconds (keyed by the token's hash, never the secret) so that the hot read
 * path does not hit the database for every request. It is correct only together with {@link TokenChanges}: every change
 * that alters what a token may do (revocation, deactivation, a change of role or schools) drops the affected entries on
 * every instance through PostgreSQL NOTIFY, and the cache is used only while this instance is listening for those
 * notifications ({@link #enable}); while the listening connection is down every request resolves its token afresh.
 */
@Component
class TokenCache {
    private static final int MAX_CACHED = 10_000;

    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile boolean enabled;

    private record Cached(ResolvedToken resolved, long expiresAt) {}

    TokenCache(@Value("${seatkeeper.access.token-cache-seconds:5}") long cacheSeconds) {
        this.ttlNanos = Duration.ofSeconds(cacheSeconds).toNanos();
    }

    ResolvedToken get(String tokenHashHex, Supplier<ResolvedToken> resolve) {
        if (!enabled) {
            return resolve.get();
        }
        long now = System.nanoTime();
        Cached c = cache.get(tokenHashHex);
        if (c != null && c.expiresAt() - now > 0) {
            return c.resolved();
        }
        ResolvedToken resolved = resolve.get();
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(tokenHashHex, new Cached(resolved, now + ttlNanos));
        return resolved;
    }

    /** Drops the tokens of one person, and every remembered refusal (it may have been theirs: a reactivated person). */
    void forget(UserId user) {
        cache.values().removeIf(c -> c.resolved().acting().map(a -> user.equals(a.userId())).orElse(true));
    }

    void clear() {
        cache.clear();
    }

    /** Caching on: this instance now hears every change (the listener just (re)connected; the cache starts empty). */
    void enable() {
        cache.clear();
        enabled = true;
    }

    /** Caching off: changes made meanwhile could not be heard. */
    void disable() {
        enabled = false;
        cache.clear();
    }

    boolean isEnabled() {
        return enabled;
    }
}
