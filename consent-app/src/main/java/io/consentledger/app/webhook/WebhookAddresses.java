package io.consentledger.app.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Where webhooks may go (server-side request forgery): {@code https} URLs whose host resolves to public addresses only.
 * Checked at registration, and again on every connection by the delivery's own DNS resolver, which hands the HTTP
 * client exactly the addresses it checked: a name that resolves to a public address at registration and to an inside
 * one later (DNS rebinding) is refused then. {@code consent.webhooks.allow-private-addresses=true} (tests, local use)
 * lifts both rules: plain {@code http} and any address.
 */
final class WebhookAddresses {

    static final int MAX_URL_LENGTH = 2000;

    private final boolean allowPrivate;
    private final DnsResolver system = SystemDefaultDnsResolver.INSTANCE;

    WebhookAddresses(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The URL as it will be delivered to, or a refusal saying why not. */
    URI checked(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new WebhookUrlRefused("The url is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawAuthority() == null) {
            throw new WebhookUrlRefused("The url must be an absolute https URL with a host name.");
        }
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            throw new WebhookUrlRefused("The url must use https: deliveries are signed, not encrypted.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new WebhookUrlRefused("The url must not hold a user name or password; the signature authenticates"
                    + " the ledger to the receiver.");
        }
        if (uri.getRawFragment() != null) {
            throw new WebhookUrlRefused("The url must not have a fragment (#...).");
        }
        if (!allowPrivate) {
            try {
                resolve(uri.getHost());
            } catch (UnknownHostException e) {
                throw new WebhookUrlRefused(e.getMessage());
            }
        }
        return uri;
    }

    /** The HTTP client's resolver: the system's, refusing a name with any special address. */
    DnsResolver resolver() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return WebhookAddresses.this.resolve(host);
            }

            @Override
            public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
                return Arrays.stream(resolve(host))
                        .map(address -> new InetSocketAddress(address, port))
                        .toList();
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return system.resolveCanonicalHostname(host);
            }
        };
    }

    /** Every address of the host; refused (as unknown) when any is special and special ones are not allowed. */
    InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = system.resolve(bare);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("The url's host does not resolve.");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (isSpecial(address)) {
                    throw new RefusedAddress();
                }
            }
        }
        return addresses;
    }

    /** A host that is or resolves to a special address; an {@link UnknownHostException} so the client gives up. */
    static final class RefusedAddress extends UnknownHostException {
        RefusedAddress() {
            super("The url's host is or resolves to a loopback, private, link-local or other special address, which"
                    + " webhooks may not be delivered to.");
        }
    }

    /**
     * Loopback, unspecified, private (RFC 1918, unique local), link-local, multicast, carrier-grade NAT, benchmarking,
     * documentation and reserved addresses, and IPv6 addresses that embed an IPv4 one (mapped, compatible, NAT64,
     * 6to4), judged by the address they embed.
     */
    static boolean isSpecial(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isSpecialV4(bytes);
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local
            }
            if (first == 0x20 && (bytes[1] & 0xff) == 0x01 && (bytes[2] & 0xff) == 0x0d && (bytes[3] & 0xff) == 0xb8) {
                return true; // 2001:db8::/32 documentation
            }
            if (first == 0x20 && (bytes[1] & 0xff) == 0x02) {
                return isSpecialV4(Arrays.copyOfRange(bytes, 2, 6)); // 2002::/16 6to4
            }
            boolean zeroPrefix = true;
            for (int i = 0; i < 10; i++) {
                zeroPrefix &= bytes[i] == 0;
            }
            boolean mapped = zeroPrefix && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
            boolean compatible = zeroPrefix && bytes[10] == 0 && bytes[11] == 0;
            boolean nat64 = first == 0x00
                    && (bytes[1] & 0xff) == 0x64
                    && (bytes[2] & 0xff) == 0xff
                    && (bytes[3] & 0xff) == 0x9b;
            if (mapped || compatible || nat64) {
                return isSpecialV4(Arrays.copyOfRange(bytes, 12, 16));
            }
        }
        return false;
    }

    private static boolean isSpecialV4(byte[] bytes) {
        int a = bytes[0] & 0xff;
        int b = bytes[1] & 0xff;
        int c = bytes[2] & 0xff;
        return a == 0 // this network
                || a == 10 // private
                || a == 127 // loopback
                || (a == 100 && b >= 64 && b <= 127) // carrier-grade NAT
                || (a == 169 && b == 254) // link-local (cloud metadata)
                || (a == 172 && b >= 16 && b <= 31) // private
                || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
                || (a == 192 && b == 0 && c == 2) // documentation
                || (a == 192 && b == 168) // private
                || (a == 198 && (b == 18 || b == 19)) // benchmarking
                || (a == 198 && b == 51 && c == 100) // documentation
                || (a == 203 && b == 0 && c == 113) // documentation
                || a >= 224; // multicast, reserved, broadcast
    }
}
