package com.seatkeeper.rostersync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Where a provider's secret may be sent, as plain functions: a name is judged by every address it resolves to. */
class ProviderAddressTest {
    static ProviderAddress.Resolver resolvesTo(String... addresses) {
        return host -> {
            InetAddress[] a = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                a[i] = InetAddress.getByName(addresses[i]);
            }
            return a;
        };
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIsNotPublicBeforeAConnection() {
        URI uri = URI.create("https://clever.example.org");
        assertThat(ProviderAddress.problem(uri, false, true, resolvesTo("93.184.216.34"))).isEmpty();
        assertThat(ProviderAddress.problem(uri, false, true, resolvesTo("93.184.216.34", "10.0.0.7")))
                .hasValueSatisfying(p -> assertThat(p).startsWith("is not a public internet address"));
        assertThat(ProviderAddress.problem(uri, false, true, resolvesTo("169.254.169.254"))).isPresent();
        assertThat(ProviderAddress.problem(uri, false, true, resolvesTo("2606:4700::1"))).isEmpty();
        assertThat(ProviderAddress.problem(uri, false, true, resolvesTo("fd12::1"))).isPresent();
        assertThat(ProviderAddress.problem(uri, false, true, host -> {
            throw new UnknownHostException(host);
        })).hasValue("names a host that cannot be found.");
        assertThat(ProviderAddress.problem(uri, true, true, resolvesTo("127.0.0.1"))).as("local providers allowed").isEmpty();
    }

    @Test
    void aNameIsNotResolvedWhenSavedOnlyBeforeEachConnection() {
        assertThat(ProviderAddress.problem(URI.create("https://clever.example.org"), false, false, host -> {
            throw new AssertionError("resolved " + host);
        })).isEmpty();
    }

    @Test
    void publicAndNonPublicAddresses() throws Exception {
        for (String a : new String[] {"8.8.8.8", "93.184.216.34", "2606:4700::1", "64:ff9b::808:808"}) {
            assertThat(ProviderAddress.isPublic(InetAddress.getByName(a))).as(a).isTrue();
        }
        for (String a : new String[] {"127.0.0.1", "10.1.1.1", "172.31.0.1", "192.168.0.1", "169.254.169.254", "100.100.100.200", "0.0.0.0",
                "224.0.0.251", "255.255.255.255", "198.18.0.1", "::1", "::", "fc00::1", "fe80::1", "ff02::1", "::ffff:10.0.0.1",
                "64:ff9b::7f00:1", "2002:7f00:1::", "2001:db8::1"}) {
            assertThat(ProviderAddress.isPublic(InetAddress.getByName(a))).as(a).isFalse();
        }
    }
}
