package com.seatkeeper.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seatkeeper.support.OneRosterSignatureCheck.Param;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The stand-in's OAuth 1.0a check, function by function, against the published examples: RFC 5849 §3.4.1.1's base
 * string, RFC 5849 §1.2's HMAC-SHA1 signature, and OAuth Core 1.0 Appendix A.5's (the often-quoted
 * {@code tR3+Ty81lMeYAr/Fid0kMTYa/WM=}); then encodings of the values that break naive signers.
 */
class OneRosterSignatureCheckTest {

    @Test
    void theBaseStringOfRfc5849Section3411() {
        // POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b with the form body c2&a3=2+q
        List<Param> params = new ArrayList<>(OneRosterSignatureCheck.queryParams("b5=%3D%253D&a3=a&c%40=&a2=r%20b"));
        params.addAll(OneRosterSignatureCheck.queryParams("c2&a3=2+q"));
        params.add(new Param("oauth_consumer_key", "9djdj82h48djs9d2"));
        params.add(new Param("oauth_token", "kkk9d7dh3k39sjv7"));
        params.add(new Param("oauth_signature_method", "HMAC-SHA1"));
        params.add(new Param("oauth_timestamp", "137131201"));
        params.add(new Param("oauth_nonce", "7d8f3e4a"));

        String uri = OneRosterSignatureCheck.baseStringUri(URI.create("http://EXAMPLE.COM:80/request"));
        String base = OneRosterSignatureCheck.baseString("post", uri, params);

        assertThat(base).isEqualTo("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D"
                + "%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method"
                + "%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7");
    }

    @Test
    void theSignaturesOfRfc5849Section12AndOAuthCore10AppendixA5() {
        String rfc = base("chapoH", "137131202", false);
        String core = base("kllo9940pd9333jh", "1191242096", true);

        assertThat(OneRosterSignatureCheck.signature("HMAC-SHA1", rfc, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"))
                .isEqualTo("MdpQcU8iPSUjWoN/UDMsK2sui9I=");
        assertThat(core).isEqualTo("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key"
                + "%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp"
                + "%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal");
        assertThat(OneRosterSignatureCheck.signature("HMAC-SHA1", core, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"))
                .isEqualTo("tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
    }

    private static String base(String nonce, String timestamp, boolean version) {
        List<Param> params = new ArrayList<>(OneRosterSignatureCheck.queryParams("file=vacation.jpg&size=original"));
        params.add(new Param("oauth_consumer_key", "dpf43f3p2l4k3l03"));
        params.add(new Param("oauth_token", "nnch734d00sl2jdk"));
        params.add(new Param("oauth_signature_method", "HMAC-SHA1"));
        params.add(new Param("oauth_timestamp", timestamp));
        params.add(new Param("oauth_nonce", nonce));
        if (version) {
            params.add(new Param("oauth_version", "1.0"));
        }
        String uri = OneRosterSignatureCheck.baseStringUri(URI.create("http://photos.example.net/photos"));
        return OneRosterSignatureCheck.baseString("GET", uri, params);
    }

    @Test
    void percentEncodingKeepsOnlyUnreservedCharactersAndEncodesUtf8Bytes() {
        assertThat(OneRosterSignatureCheck.encode("a/b+c=d&e~f g")).isEqualTo("a%2Fb%2Bc%3Dd%26e~f%20g");
        assertThat(OneRosterSignatureCheck.encode("Videregående skole ☃")).isEqualTo("Videreg%C3%A5ende%20skole%20%E2%98%83");
        assertThat(OneRosterSignatureCheck.encode("dateLastModified>'2026-01-01T00:00:00.000Z'"))
                .isEqualTo("dateLastModified%3E%272026-01-01T00%3A00%3A00.000Z%27");
        assertThat(OneRosterSignatureCheck.encode("-._~AZaz09*")).isEqualTo("-._~AZaz09%2A");
        assertThat(OneRosterSignatureCheck.decode("a%2Fb+c%20d", true)).isEqualTo("a/b c d");
        assertThat(OneRosterSignatureCheck.decode("a+b", false)).isEqualTo("a+b");
        assertThatThrownBy(() -> OneRosterSignatureCheck.decode("100%", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKeyIsTheEncodedSecretAndAnAmpersand() throws Exception {
        String base = "GET&http%3A%2F%2Fh%2Fp&a%3Db";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("a%2Fb%2Bc%3Dd%26e~f%20g&".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));

        assertThat(OneRosterSignatureCheck.signature("HMAC-SHA256", base, "a/b+c=d&e~f g", "")).isEqualTo(expected);
        assertThatThrownBy(() -> OneRosterSignatureCheck.signature("PLAINTEXT", base, "s", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAuthorizationHeaderIsParsedWithDecodedValuesAndRefusedWhenMalformed() {
        assertThat(OneRosterSignatureCheck.parseAuthorization("OAuth realm=\"Example\", oauth_consumer_key=\"a%2Fb\",oauth_nonce=\"n\""))
                .containsEntry("realm", "Example").containsEntry("oauth_consumer_key", "a/b").containsEntry("oauth_nonce", "n");
        assertThatThrownBy(() -> OneRosterSignatureCheck.parseAuthorization("Bearer x")).hasMessageContaining("not \"OAuth");
        assertThatThrownBy(() -> OneRosterSignatureCheck.parseAuthorization("OAuth oauth_nonce=n")).hasMessageContaining("name=\"value\"");
        assertThatThrownBy(() -> OneRosterSignatureCheck.parseAuthorization("OAuth a=\"1\", a=\"2\"")).hasMessageContaining("twice");
    }

    @Test
    void aCheckSaysWhichPartFailedAndANonceIsUsedOnce() {
        OneRosterSignatureCheck check = new OneRosterSignatureCheck();
        Instant now = Instant.parse("2026-09-01T08:00:00Z");
        URI uri = URI.create("http://127.0.0.1:8080/ims/oneroster/v1p1/users?limit=5&filter=status%3D%27active%27");
        String good = OneRosterStandInTest.oauthHeader("GET", uri, "key", "a/b+c=d&e~f g", now.getEpochSecond(), "n1");

        assertThat(check.check("GET", uri, good, "key", "a/b+c=d&e~f g", now, false)).isEmpty();
        assertThat(check.check("GET", uri, good, "key", "a/b+c=d&e~f g", now, false)).get().asString().startsWith("nonce:");
        String other = OneRosterStandInTest.oauthHeader("GET", uri, "key", "a/b+c=d&e~f g", now.getEpochSecond(), "n2");
        assertThat(check.check("GET", uri, other, "key", "wrong", now, false)).get().asString().startsWith("signature:");
        assertThat(check.check("GET", uri, other, "other-key", "a/b+c=d&e~f g", now, false)).get().asString().startsWith("consumer key:");
        assertThat(check.check("GET", uri, other, "key", "a/b+c=d&e~f g", now.plusSeconds(301), false)).get().asString()
                .startsWith("timestamp:").contains("301 s behind");
        assertThat(check.check("GET", uri, null, "key", "s", now, false)).get().asString().startsWith("authorization:");
        assertThat(check.check("GET", uri, other, "key", "a/b+c=d&e~f g", now.plusSeconds(299), false)).as("inside the window").isEmpty();
    }
}
