package com.seatkeeper.rostersync;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where Seatkeeper may send a provider's secret (docs/design.md "Rostering sync", SSRF): plain functions. A provider is
 * reached over https at a host whose every address is public; a loopback, private (RFC 1918, RFC 4193), link-local,
 * unspecified, multicast, carrier-grade NAT, documentation or otherwise reserved address is refused, whether written as
 * an address (in any form the JDK reads, e.g. {@code 2130706433}) or reached through a name. Checked when a connection
 * is saved and again before every connection (a name may resolve elsewhere later). Setting
 * {@code seatkeeper.sync.allow-local-providers} (true only in the test and demo profiles) lets http and such hosts
 * through, for a stand-in provider on this machine.
 */
final class ProviderAddress {
    private ProviderAddress() {
    }

    /** Resolves a host name to its addresses (the JDK's resolver in production). */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    static final Resolver SYSTEM = InetAddress::getAllByName;

    /** The URI with its scheme and host in lower case (what is checked is what is used). */
    static URI normalized(URI uri) {
        if (uri == null || uri.getScheme() == null) {
            return uri;
        }
        String s = uri.toString();
        String scheme = uri.getScheme();
        String rest = s.substring(scheme.length());
        String host = uri.getHost();
        if (host != null) {
            int at = rest.indexOf(host);
            if (at >= 0) {
                rest = rest.substring(0, at) + host.toLowerCase(Locale.ROOT) + rest.substring(at + host.length());
            }
        }
        return URI.create(scheme.toLowerCase(Locale.ROOT) + rest);
    }

    /**
     * Why a provider's address may not be used, or empty when it may: a scheme other than https (http too when
     * {@code allowLocal}), or a host that is or resolves to a non-public address (allowed when {@code allowLocal}). A
     * host that cannot be resolved now is not refused when {@code resolveNames} is false (a save: it is checked again
     * before every connection).
     */
    static Optional<String> problem(URI uri, boolean allowLocal, boolean resolveNames, Resolver resolver) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowLocal && scheme.equals("http"))) {
            return Optional.of("uses " + (scheme.isEmpty() ? "no scheme" : scheme) + ": secrets are only sent over https.");
        }
        if (allowLocal) {
            return Optional.empty();
        }
        String host = uri.getHost();
        if (host == null) {
            return Optional.of("has no host.");
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost") || h.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            return Optional.of(NOT_PUBLIC);
        }
        String lower = h.toLowerCase(Locale.ROOT);
        boolean literal = lower.matches("[0-9.]+") || lower.contains(":") || (lower.contains("0x") && lower.matches("[0-9a-fx.]+"));
        if (!literal && !resolveNames) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(h);
        } catch (UnknownHostException e) {
            return literal ? Optional.of(NOT_PUBLIC) : Optional.of("names a host that cannot be found.");
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) {
                return Optional.of(NOT_PUBLIC);
            }
        }
        return addresses.length == 0 ? Optional.of("names a host that cannot be found.") : Optional.empty();
    }

    static final String NOT_PUBLIC = "is not a public internet address (this machine, a private or link-local network, or a "
            + "reserved range): Seatkeeper only connects to a provider on the public internet.";

    /** Whether an address is a public unicast one. */
    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local (RFC 4193)
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false; // 2001:db8::/32 documentation
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x02) {
                return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]}); // 2002::/16 6to4 carries an IPv4 address
            }
            boolean zero10 = true;
            for (int i = 0; i < 10; i++) {
                zero10 &= b[i] == 0;
            }
            if (zero10 && ((b[10] == 0 && b[11] == 0) || ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff))) {
                return false; // ::/96 (IPv4-compatible) and ::ffff:0:0/96 (IPv4-mapped) are not used for a provider
            }
            if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // 64:ff9b::/96 NAT64
            }
            return true;
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        int o2 = b[2] & 0xff;
        return !(o0 == 0 || o0 == 10 || o0 == 127 || o0 >= 224 // this network, private, loopback, multicast and reserved
                || (o0 == 100 && o1 >= 64 && o1 <= 127) // carrier-grade NAT
                || (o0 == 169 && o1 == 254) // link-local (cloud metadata)
                || (o0 == 172 && o1 >= 16 && o1 <= 31) || (o0 == 192 && o1 == 168) // private
                || (o0 == 192 && o1 == 0 && (o2 == 0 || o2 == 2)) // IETF protocol assignments, TEST-NET-1
                || (o0 == 198 && (o1 == 18 || o1 == 19)) // benchmarking
                || (o0 == 198 && o1 == 51 && o2 == 100) || (o0 == 203 && o1 == 0 && o2 == 113)); // TEST-NET-2, TEST-NET-3
    }
}
