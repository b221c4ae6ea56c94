package com.seatkeeper.rostersync;

import java.net.URI;

/**
 * A district's connection to its rostering provider, with its secrets decrypted: lives only in memory while a sync or a
 * connection test runs. {@code toString()} never shows a secret.
 */
public sealed interface Connection permits Connection.Clever, Connection.OneRoster {

    /**
     * Clever Data API (../shared/specs/clever/v3.0.yml, v3.1.yml).
     *
     * @param baseUrl       the API root without version, e.g. {@code https://api.clever.com}
     * @param apiVersion    {@code 3.0} or {@code 3.1}: the connector adds {@code /v3.0} or {@code /v3.1}
     * @param districtToken the district-app bearer token
     */
    record Clever(URI baseUrl, String apiVersion, String districtToken) implements Connection {
        @Override
        public String toString() {
            return "Clever[" + baseUrl + ", v" + apiVersion + ", token ****]";
        }
    }

    /**
     * OneRoster 1.1 / 1.2 REST (ClassLink and SIS vendors; issue 11).
     *
     * @param baseUrl      the service root including its path ({@code …/ims/oneroster/v1p1} or {@code …/rostering/v1p2})
     * @param version      {@code 1.1} or {@code 1.2}
     * @param auth         {@code OAUTH1} or {@code OAUTH2}
     * @param tokenUrl     the OAuth 2.0 token endpoint (OAUTH2), else null
     */
    record OneRoster(URI baseUrl, String version, String auth, String clientId, String clientSecret, URI tokenUrl)
            implements Connection {
        @Override
        public String toString() {
            return "OneRoster[" + baseUrl + ", " + version + ", " + auth + ", client " + clientId + ", secret ****]";
        }
    }
}
