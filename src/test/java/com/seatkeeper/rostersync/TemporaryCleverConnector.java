package com.seatkeeper.rostersync;

import com.seatkeeper.district.RosteringSource;
import com.seatkeeper.roster.changes.RosterStaging;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** TEMPORARY until CONNECTOR's CleverConnector is merged: a Clever connector that pulls nothing. */
@TestConfiguration(proxyBeanMethods = false)
class TemporaryCleverConnector {
    @Bean
    RosterConnector temporaryClever() {
        return new RosterConnector() {
            public RosteringSource source() { return RosteringSource.CLEVER; }
            public PullResult pull(Connection c, RosterStaging s, PullProgress p) throws PullFailure { throw new PullFailure("temporary", 0); }
            public ConnectionCheck test(Connection c) { return new ConnectionCheck(true, Map.of(), null); }
        };
    }
}
