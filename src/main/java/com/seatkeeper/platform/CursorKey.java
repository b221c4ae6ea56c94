package com.seatkeeper.platform;

import com.seatkeeper.shared.Cursors;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key that seals list cursors ({@link Cursors}): derived from {@code seatkeeper.secrets.key} ({@link Secrets}), so every
 * instance with the same configuration reads the others' cursors, and a cursor outlives a restart. Without a secrets key
 * (a production start that has not set it), a random key for the life of the process: cursors then work only on the
 * instance that gave them (a "Next" link answered by another instance is refused as {@code invalid_cursor}), and the log
 * says so.
 */
@Configuration(proxyBeanMethods = false)
class CursorKey {
    private static final Logger log = LoggerFactory.getLogger(CursorKey.class);
    static final String PURPOSE = "seatkeeper list cursors v1";

    @Bean
    Cursors cursors(Secrets secrets) {
        byte[] key = secrets.derivedKey(PURPOSE);
        if (key == null) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            log.warn("seatkeeper.secrets.key is not set: list cursors are sealed with a key of this process only, so several "
                    + "instances cannot read each other's Next links; set seatkeeper.secrets.key on every instance");
        }
        return new Cursors(key);
    }
}
