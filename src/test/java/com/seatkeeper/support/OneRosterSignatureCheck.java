package com.seatkeeper.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The OneRoster 1.1 stand-in's check of OAuth 1.0a two-legged requests (RFC 5849; HMAC-SHA256 as ClassLink signs, and
 * HMAC-SHA1 for RFC 5849's own examples), written from the RFC and independent of the connector's signer so that the two
 * meet in the middle. The pieces are plain functions: {@link #encode} (§3.6), {@link #parseAuthorization} (§3.5.1),
 * {@link #baseString} (§3.4.1: method, base string URI §3.4.1.2, normalized parameters §3.4.1.3), {@link #signature}
 * (§3.4.2 with key {@code encode(client secret) & encode(token secret)}); {@link #check} applies them to a request and
 * says which check failed. Not thread-safe on its own: the nonce memory is guarded by the caller.
 */
final class OneRosterSignatureCheck {
    /** How far a request's {@code oauth_timestamp} may be from the server's clock (RFC 5849 §3.3 leaves it to the server). */
    static final Duration WINDOW = Duration.ofMinutes(5);

    /** A parameter name and value, decoded. */
    record Param(String name, String value) {}

    private final Map<String, Long> seenNonces = new HashMap<>();

    // ---- plain functions ----

    /**
     * Percent-encodes per RFC 5849 §3.6: the UTF-8 bytes of the text, every byte except the unreserved characters
     * {@code A-Z a-z 0-9 - . _ ~} as {@code %XX} with upper-case hex digits.
     */
    static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~';
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * Decodes {@code %XX} escapes (UTF-8); with {@code plusIsSpace} also {@code +} as a space, as
     * {@code application/x-www-form-urlencoded} query components are read (RFC 5849 §3.4.1.3.1).
     *
     * @throws IllegalArgumentException on a broken escape
     */
    static String decode(String s, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("a broken percent escape in " + s);
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("a broken percent escape in " + s);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                out.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The parameters of a raw query component (RFC 5849 §3.4.1.3.1), decoded, in order; a name without {@code =} has an empty value. */
    static List<Param> queryParams(String rawQuery) {
        List<Param> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.add(new Param(decode(eq < 0 ? pair : pair.substring(0, eq), true), eq < 0 ? "" : decode(pair.substring(eq + 1), true)));
        }
        return out;
    }

    /**
     * The parameters of an {@code Authorization: OAuth ...} header (RFC 5849 §3.5.1): comma-separated {@code name="value"}
     * pairs, values percent-decoded; {@code realm} is kept (the caller leaves it out of the signature).
     *
     * @throws IllegalArgumentException when the header is not an OAuth header or a pair is malformed
     */
    static Map<String, String> parseAuthorization(String header) {
        if (header == null || !header.regionMatches(true, 0, "OAuth ", 0, 6)) {
            throw new IllegalArgumentException("the Authorization header is not \"OAuth ...\"");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : header.substring(6).split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0 || p.length() < eq + 3 || p.charAt(eq + 1) != '"' || !p.endsWith("\"")) {
                throw new IllegalArgumentException("the OAuth parameter " + p + " is not name=\"value\"");
            }
            String name = decode(p.substring(0, eq).strip(), false);
            if (out.put(name, decode(p.substring(eq + 2, p.length() - 1), false)) != null) {
                throw new IllegalArgumentException("the OAuth parameter " + name + " is given twice");
            }
        }
        return out;
    }

    /**
     * The base string URI (RFC 5849 §3.4.1.2): scheme and host in lower case, the port only when it is not the scheme's
     * default, the path as sent (an empty path is {@code /}), no query or fragment.
     */
    static String baseStringUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    /**
     * The signature base string (RFC 5849 §3.4.1.1): upper-case method, {@code &}, the encoded base string URI, {@code &},
     * the encoded normalized parameters (§3.4.1.3.2: each name and value encoded, sorted by name then value, joined as
     * {@code name=value} with {@code &}). {@code params} are every query parameter and every {@code oauth_*} parameter
     * except {@code oauth_signature} (and {@code realm}), decoded.
     */
    static String baseString(String method, String baseStringUri, List<Param> params) {
        List<String[]> encoded = new ArrayList<>();
        for (Param p : params) {
            encoded.add(new String[] {encode(p.name()), encode(p.value())});
        }
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder normalized = new StringBuilder();
        for (String[] p : encoded) {
            if (!normalized.isEmpty()) {
                normalized.append('&');
            }
            normalized.append(p[0]).append('=').append(p[1]);
        }
        return method.toUpperCase(Locale.ROOT) + "&" + encode(baseStringUri) + "&" + encode(normalized.toString());
    }

    /**
     * The base64 signature of a base string (RFC 5849 §3.4.2) for {@code HMAC-SHA1} or {@code HMAC-SHA256}, keyed with
     * {@code encode(clientSecret) & encode(tokenSecret)} (two-legged: an empty token secret).
     *
     * @throws IllegalArgumentException for another method
     */
    static String signature(String method, String baseString, String clientSecret, String tokenSecret) {
        String algorithm = switch (method) {
            case "HMAC-SHA1" -> "HmacSHA1";
            case "HMAC-SHA256" -> "HmacSHA256";
            default -> throw new IllegalArgumentException("signature method " + method + " is not HMAC-SHA1 or HMAC-SHA256");
        };
        try {
            Mac mac = Mac.getInstance(algorithm);
            String key = encode(clientSecret) + "&" + encode(tokenSecret == null ? "" : tokenSecret);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the check of one request ----

    /**
     * Checks a request's OAuth 1.0a signature, in this order: the header parses; {@code oauth_consumer_key} is the expected
     * one; {@code oauth_signature_method} is HMAC-SHA256 (or HMAC-SHA1 when {@code sha1Allowed}); {@code oauth_version}, if
     * given, is {@code 1.0}; {@code oauth_timestamp} is within {@link #WINDOW} of {@code now}; the signature matches
     * (compared in constant time); and only then the nonce was not used with this key and timestamp within the window
     * (a refused request does not use up its nonce).
     *
     * @param uri the URI as the client addressed it (scheme, the Host header's host and port, raw path and raw query)
     * @return empty when the request is signed right, else which check failed and why, in words for the 401's description
     */
    Optional<String> check(String method, URI uri, String authorization, String consumerKey, String consumerSecret, Instant now,
                           boolean sha1Allowed) {
        try {
            Map<String, String> oauth = parameters(authorization, consumerKey, sha1Allowed);
            long timestamp = timestamp(oauth.get("oauth_timestamp"), now);
            verifySignature(method, uri, oauth, consumerSecret);
            useNonce(consumerKey, timestamp, oauth.get("oauth_nonce"), now);
            return Optional.empty();
        } catch (Failed f) {
            return Optional.of(f.getMessage());
        }
    }

    /** A failed check: its message names the check and says why. */
    private static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message, null, false, false);
        }
    }

    /** The header's parameters, all required ones present, from the expected client, with an accepted method and version. */
    private static Map<String, String> parameters(String authorization, String consumerKey, boolean sha1Allowed) {
        Map<String, String> oauth;
        try {
            oauth = parseAuthorization(authorization);
        } catch (IllegalArgumentException e) {
            throw new Failed("authorization: " + e.getMessage());
        }
        for (String required : List.of("oauth_consumer_key", "oauth_signature_method", "oauth_timestamp", "oauth_nonce",
                "oauth_signature")) {
            if (!oauth.containsKey(required)) {
                throw new Failed("authorization: " + required + " is missing");
            }
        }
        if (!oauth.get("oauth_consumer_key").equals(consumerKey)) {
            throw new Failed("consumer key: " + oauth.get("oauth_consumer_key") + " is not a known client");
        }
        String signatureMethod = oauth.get("oauth_signature_method");
        if (!signatureMethod.equals("HMAC-SHA256") && !(sha1Allowed && signatureMethod.equals("HMAC-SHA1"))) {
            throw new Failed("signature method: " + signatureMethod + " is not accepted (HMAC-SHA256 is)");
        }
        if (oauth.containsKey("oauth_version") && !oauth.get("oauth_version").equals("1.0")) {
            throw new Failed("version: oauth_version must be 1.0, not " + oauth.get("oauth_version"));
        }
        return oauth;
    }

    /** The timestamp in seconds, within {@link #WINDOW} of the server's clock. */
    private static long timestamp(String value, Instant now) {
        long timestamp;
        try {
            timestamp = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Failed("timestamp: " + value + " is not a number of seconds");
        }
        long skew = timestamp - now.getEpochSecond();
        if (Math.abs(skew) > WINDOW.toSeconds()) {
            throw new Failed("timestamp: " + timestamp + " is " + Math.abs(skew) + " s " + (skew < 0 ? "behind" : "ahead of")
                    + " the server's clock (" + now.getEpochSecond() + "); at most " + WINDOW.toSeconds() + " s is accepted");
        }
        return timestamp;
    }

    /** The signature over the query and the oauth parameters (without {@code oauth_signature} and {@code realm}). */
    private static void verifySignature(String method, URI uri, Map<String, String> oauth, String consumerSecret) {
        List<Param> params;
        try {
            params = queryParams(uri.getRawQuery());
        } catch (IllegalArgumentException e) {
            throw new Failed("signature: the query cannot be decoded: " + e.getMessage());
        }
        oauth.forEach((name, value) -> {
            if (!name.equals("oauth_signature") && !name.equals("realm")) {
                params.add(new Param(name, value));
            }
        });
        String base = baseString(method, baseStringUri(uri), params);
        String expected = signature(oauth.get("oauth_signature_method"), base, consumerSecret, "");
        byte[] given = oauth.get("oauth_signature").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given)) {
            throw new Failed("signature: it does not match the request (the server's base string is " + base + ")");
        }
    }

    /** RFC 5849 §3.3: a nonce is used once per client and timestamp; nonces older than the window are forgotten. */
    private void useNonce(String consumerKey, long timestamp, String nonce, Instant now) {
        seenNonces.values().removeIf(t -> Math.abs(t - now.getEpochSecond()) > WINDOW.toSeconds());
        if (seenNonces.putIfAbsent(consumerKey + "\n" + timestamp + "\n" + nonce, timestamp) != null) {
            throw new Failed("nonce: " + nonce + " was already used with timestamp " + timestamp);
        }
    }
}
