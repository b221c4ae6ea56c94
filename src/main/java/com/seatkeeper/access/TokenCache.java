package com.seatkeeper.access;

import com.seatkeeper.shared.Actor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Resolved API tokens, remembered for a few seconds (keyed by the token's hash, never the secret) so that
 * the hot read path does not hit the database for every request. Role changes and deactivations take effect
 * within that time; a revocation at once on the instance that revokes (it clears the cache).
 */
@Component
class TokenCache {
    private static final int MAX_CACHED = 10_000;

    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<Actor> actor, long expiresAt) {}

    TokenCache(@Value("${seatkeeper.access.token-cache-seconds:5}") long cacheSeconds) {
        this.ttlNanos = Duration.ofSeconds(cacheSeconds).toNanos();
    }

    Optional<Actor> get(String tokenHashHex, Supplier<Optional<Actor>> resolve) {
        long now = System.nanoTime();
        Cached c = cache.get(tokenHashHex);
        if (c != null && c.expiresAt() - now > 0) {
            return c.actor();
        }
        Optional<Actor> actor = resolve.get();
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(tokenHashHex, new Cached(actor, now + ttlNanos));
        return actor;
    }

    void clear() {
        cache.clear();
    }
}
