package com.seatkeeper.rostersync;

import com.seatkeeper.district.RosteringSource;
import java.time.Instant;

/**
 * A district's rostering connection as shown ({@code GET .../rostering}, the console): never a secret, only whether
 * one is stored.
 *
 * @param nightlyAt     {@code HH:mm} local time, null for MANUAL
 * @param timezone      the district's IANA timezone, e.g. {@code America/New_York}
 * @param nextNightlyAt the next nightly run's instant (DST-correct), null for MANUAL
 */
public record RosteringView(RosteringSource source, Clever clever, OneRoster oneRoster, String nightlyAt, String timezone,
                            Instant nextNightlyAt, Instant updatedAt) {

    /** @param tokenStored true when a district token is stored (it is never shown) */
    public record Clever(String baseUrl, String apiVersion, boolean tokenStored) {}

    /** @param secretStored true when a client secret is stored (it is never shown) */
    public record OneRoster(String baseUrl, String version, String auth, String clientId, String tokenUrl, boolean secretStored) {}
}
