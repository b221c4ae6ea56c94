package com.seatkeeper.rostersync;

/**
 * The body of {@code PUT /api/v1/districts/{districtId}/rostering}: {@code {source, clever: {baseUrl, districtToken,
 * apiVersion}, oneRoster: {baseUrl, version, auth, clientId, clientSecret, tokenUrl}, nightlyAt}}. The block of
 * the source is used; the other source's block, like a {@code tokenUrl} with {@code OAUTH1}, is refused, never dropped
 * ({@code ConnectionRules.check}). A null secret keeps the stored one while nothing of where or how it is sent changes
 * ({@code ConnectionRules.firstChange}).
 *
 * @param source    {@code CLEVER} or {@code CLASSLINK} ({@code MANUAL} disconnects: issue 10 leaves it refused)
 * @param nightlyAt the local time of the nightly sync in the district's timezone, {@code HH:mm} (default {@code 02:00})
 */
public record RosteringChange(String source, Clever clever, OneRoster oneRoster, String nightlyAt) {

    /** @param baseUrl default {@code https://api.clever.com}; @param apiVersion {@code 3.0} (default) or {@code 3.1} */
    public record Clever(String baseUrl, String districtToken, String apiVersion) {
        @Override
        public String toString() {
            return "Clever[" + baseUrl + ", " + apiVersion + ", token " + (districtToken == null ? "kept" : "****") + "]";
        }
    }

    /** Issue 11: a OneRoster REST server. */
    public record OneRoster(String baseUrl, String version, String auth, String clientId, String clientSecret, String tokenUrl) {
        @Override
        public String toString() {
            return "OneRoster[" + baseUrl + ", " + version + ", " + auth + ", " + clientId + ", secret "
                    + (clientSecret == null ? "kept" : "****") + "]";
        }
    }
}
