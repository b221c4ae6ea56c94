package com.seatkeeper.rostersync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The OAuth 1.0a signer against the published worked examples (RFC 5849 §3.4.1.1 and §1.2; OAuth Core 1.0 Appendix
 * A.5.2, which RFC 5849 replaced) and against values computed independently (Python's {@code hmac} and
 * {@code urllib.parse.quote(safe='~-._')}) for a secret and a filter with every awkward character.
 */
class OAuth1SignerTest {

    @Test
    void theBaseStringOfRfc5849Section3411() {
        // POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b with body c2&a3=2+q and the RFC's oauth_* parameters
        URI uri = URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        List<Map.Entry<String, String>> params = new ArrayList<>(OAuth1Signer.queryParameters(uri));
        params.addAll(List.of(Map.entry("c2", ""), Map.entry("a3", "2 q"), Map.entry("oauth_consumer_key", "9djdj82h48djs9d2"),
                Map.entry("oauth_token", "kkk9d7dh3k39sjv7"), Map.entry("oauth_signature_method", "HMAC-SHA1"),
                Map.entry("oauth_timestamp", "137131201"), Map.entry("oauth_nonce", "7d8f3e4a")));

        assertThat(OAuth1Signer.baseString("POST", uri, params)).isEqualTo("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q"
                + "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26"
                + "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7");
    }

    @Test
    void theSignaturesOfThePhotosExample() {
        // RFC 5849 §1.2: GET /photos?file=vacation.jpg&size=original, signature MdpQcU8iPSUjWoN/UDMsK2sui9I=
        URI uri = URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original");
        List<Map.Entry<String, String>> rfc5849 = new ArrayList<>(OAuth1Signer.queryParameters(uri));
        rfc5849.addAll(List.of(Map.entry("oauth_consumer_key", "dpf43f3p2l4k3l03"), Map.entry("oauth_token", "nnch734d00sl2jdk"),
                Map.entry("oauth_signature_method", "HMAC-SHA1"), Map.entry("oauth_timestamp", "137131202"),
                Map.entry("oauth_nonce", "chapoH")));
        // OAuth Core 1.0 A.5.2: the same request with oauth_version, signature tR3+Ty81lMeYAr/Fid0kMTYa/WM=
        List<Map.Entry<String, String>> core10 = new ArrayList<>(OAuth1Signer.queryParameters(uri));
        core10.addAll(List.of(Map.entry("oauth_consumer_key", "dpf43f3p2l4k3l03"), Map.entry("oauth_token", "nnch734d00sl2jdk"),
                Map.entry("oauth_signature_method", "HMAC-SHA1"), Map.entry("oauth_timestamp", "1191242096"),
                Map.entry("oauth_nonce", "kllo9940pd9333jh"), Map.entry("oauth_version", "1.0")));

        assertThat(OAuth1Signer.signature(OAuth1Signer.baseString("GET", uri, rfc5849), "kd94hf93k423kf44", "pfkkdhi9sl3r4s00",
                OAuth1Signer.Method.HMAC_SHA1)).isEqualTo("MdpQcU8iPSUjWoN/UDMsK2sui9I=");
        assertThat(OAuth1Signer.signature(OAuth1Signer.baseString("GET", uri, core10), "kd94hf93k423kf44", "pfkkdhi9sl3r4s00",
                OAuth1Signer.Method.HMAC_SHA1)).isEqualTo("tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
    }

    @Test
    void percentEncodingFollowsSection36() {
        assertThat(OAuth1Signer.encode("s/cr+t=&~ ünï ✓")).isEqualTo("s%2Fcr%2Bt%3D%26~%20%C3%BCn%C3%AF%20%E2%9C%93");
        assertThat(OAuth1Signer.encode("AZaz09-._~")).isEqualTo("AZaz09-._~");
        assertThat(OAuth1Signer.encode("dateLastModified>'x'")).isEqualTo("dateLastModified%3E%27x%27");
    }

    @Test
    void aFilterWithQuotesAndSpacesAndASecretWithEveryAwkwardCharacterAreSignedAsAnIndependentSignerDoes() {
        // the query as the connector sends it: RFC 3986 encoding, a space as %20
        URI uri = URI.create("https://Roster.Example.org:443/ims/oneroster/v1p1/users?filter=dateLastModified%3E%272024-01-01T00%3A00%3A00.000Z"
                + "%27%20AND%20status%3D%27active%27&limit=100&offset=200");
        var signer = new OAuth1Signer("client id", "s/cr+t=&~ ünï ✓", OAuth1Signer.Method.HMAC_SHA256,
                Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC));

        String header = signer.authorization("GET", uri, "abc123", 1_700_000_000L);

        Map<String, String> fields = header(header);
        assertThat(fields).containsEntry("oauth_consumer_key", "client%20id").containsEntry("oauth_nonce", "abc123")
                .containsEntry("oauth_signature_method", "HMAC-SHA256").containsEntry("oauth_timestamp", "1700000000")
                .containsEntry("oauth_version", "1.0");
        // Python: base64(hmac(sha256, quote(secret) + '&', base string)) over the same request
        assertThat(fields.get("oauth_signature")).isEqualTo(OAuth1Signer.encode("GS9VpEdI/PfMJ5H8pjUuWfTUU5ma1ItW7Am/2y46U8A="));
        assertThat(OAuth1Signer.baseUri(uri)).as("host lower case, default port left out").isEqualTo(
                "https://roster.example.org/ims/oneroster/v1p1/users");
    }

    @Test
    void everyRequestGetsAFreshNonceAndTheClocksTimestamp() {
        var signer = new OAuth1Signer("k", "s", OAuth1Signer.Method.HMAC_SHA256, Clock.fixed(Instant.ofEpochSecond(42), ZoneOffset.UTC));
        URI uri = URI.create("https://example.org/ims/oneroster/v1p1/orgs?limit=1");

        Map<String, String> a = header(signer.authorization("GET", uri));
        Map<String, String> b = header(signer.authorization("GET", uri));

        assertThat(a.get("oauth_nonce")).hasSize(32).isNotEqualTo(b.get("oauth_nonce"));
        assertThat(a.get("oauth_timestamp")).isEqualTo("42");
        assertThat(a.get("oauth_signature")).isNotEqualTo(b.get("oauth_signature"));
        assertThat(signer.toString()).doesNotContain("s]").contains("****");
    }

    private static Map<String, String> header(String header) {
        assertThat(header).startsWith("OAuth ");
        Map<String, String> fields = new java.util.HashMap<>();
        Matcher m = Pattern.compile("([a-z_]+)=\"([^\"]*)\"").matcher(header);
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        return fields;
    }
}
