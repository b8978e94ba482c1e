package dev.mediawatch.ingest;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * SSRF guard: feed URLs come from users, so a fetch must not reach the cloud metadata service, the broker or anything
 * else on the host's own networks unless the operator allowed private networks.
 *
 * <p>Limit: the JDK client resolves the host again when it connects, so a DNS server that answers differently the
 * second time (DNS rebinding) is not caught here.
 */
public final class AddressGuard {

    // inet_aton accepts 1 to 4 parts, each decimal, 0x-hex or 0-octal; browsers and curl follow it, the JDK does not
    private static final Pattern NUMERIC_HOST =
            Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}\\.?");
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    private AddressGuard() {
    }

    /** True for every address a fetch of an untrusted URL must not reach. */
    public static boolean isForbidden(InetAddress a) {
        Objects.requireNonNull(a, "address");
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        return a instanceof Inet4Address ? isForbiddenV4(a.getAddress()) : isForbiddenV6(a.getAddress());
    }

    private static boolean isForbiddenV4(byte[] b) {
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        int o2 = b[2] & 0xff;
        return o0 == 0 || o0 == 10 || o0 == 127 || o0 >= 224                 // this net, private, loopback, class D/E
                || (o0 == 100 && (o1 & 0xc0) == 64)                          // CGNAT 100.64/10
                || (o0 == 169 && o1 == 254)                                  // link-local, cloud metadata
                || (o0 == 172 && (o1 & 0xf0) == 16)
                || (o0 == 192 && o1 == 168)
                || (o0 == 192 && o1 == 0 && (o2 == 0 || o2 == 2))            // IETF protocol, TEST-NET-1
                || (o0 == 198 && (o1 & 0xfe) == 18)                          // benchmarking 198.18/15
                || (o0 == 198 && o1 == 51 && o2 == 100)
                || (o0 == 203 && o1 == 0 && o2 == 113);
    }

    private static boolean isForbiddenV6(byte[] b) {
        if ((b[0] & 0xfe) == 0xfc) return true;                              // unique local fc00::/7
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) return true;     // link-local fe80::/10
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) return true;     // old site-local fec0::/10
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) return true; // documentation
        if (isZero(b, 0, 10) && isMappedOrCompatible(b)) return isForbiddenV4(Arrays.copyOfRange(b, 12, 16))
                || isZero(b, 0, 16);
        if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return isForbiddenV4(Arrays.copyOfRange(b, 12, 16));             // NAT64 64:ff9b::/96
        }
        if (b[0] == 0x20 && b[1] == 0x02) return isForbiddenV4(Arrays.copyOfRange(b, 2, 6)); // 6to4
        return false;
    }

    private static boolean isMappedOrCompatible(byte[] b) {
        boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = b[10] == 0 && b[11] == 0;
        return mapped || compatible;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) return false;
        }
        return true;
    }

    /**
     * Refuses a URL that is not http(s) ({@code BAD_URL}) or, unless {@code allowPrivate}, whose host resolves to any
     * forbidden address ({@code BLOCKED}). All addresses are checked because the client may connect to any of them.
     */
    public static void check(URI uri, boolean allowPrivate) throws FetchException {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(FetchException.Kind.BAD_URL, "only http and https URLs are fetched: " + scheme);
        }
        String host = hostOf(uri);
        if (host.isEmpty()) throw new FetchException(FetchException.Kind.BAD_URL, "URL has no host");
        if (allowPrivate) return;
        for (InetAddress a : resolve(host)) {
            if (isForbidden(a)) {
                throw new FetchException(FetchException.Kind.BLOCKED,
                        "host " + host + " resolves to a private or reserved address " + a.getHostAddress());
            }
        }
    }

    /** The host, also where {@link URI#getHost()} gives up (e.g. {@code 0x7f.1}, whose last label is numeric). */
    private static String hostOf(URI uri) {
        if (uri.getHost() != null) return stripBrackets(uri.getHost());
        String authority = uri.getRawAuthority();
        if (authority == null) return "";
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) return stripBrackets(host.substring(0, host.indexOf(']') + 1));
        int colon = host.lastIndexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static InetAddress[] resolve(String host) throws FetchException {
        if (NUMERIC_HOST.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            return new InetAddress[] {numericV4(host)};
        }
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new FetchException(FetchException.Kind.IO, "unknown host " + host, e);
        }
    }

    /**
     * Reads a numeric host the way inet_aton does. Such a host is refused either way: if it is forbidden as BLOCKED,
     * else as BAD_URL, because the JDK reads it differently (0177.0.0.1 as 177.0.0.1) from browsers and curl.
     */
    private static InetAddress numericV4(String host) throws FetchException {
        String[] parts = host.endsWith(".") ? host.substring(0, host.length() - 1).split("\\.") : host.split("\\.");
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) values[i] = parsePart(parts[i], host);
        long addr = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xff) throw badNumeric(host);
            addr |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        if (last >= (1L << (8 * (4 - (parts.length - 1))))) throw badNumeric(host);
        addr |= last;
        InetAddress a = toInet4(addr, host);
        if (isForbidden(a)) return a;
        throw new FetchException(FetchException.Kind.BAD_URL, "ambiguous numeric host " + host);
    }

    private static long parsePart(String part, String host) throws FetchException {
        try {
            String p = part.toLowerCase(Locale.ROOT);
            if (p.startsWith("0x")) return p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
            if (p.length() > 1 && p.startsWith("0")) return Long.parseLong(p.substring(1), 8);
            return Long.parseLong(p);
        } catch (NumberFormatException e) {
            throw badNumeric(host);
        }
    }

    private static InetAddress toInet4(long addr, String host) throws FetchException {
        byte[] b = {(byte) (addr >>> 24), (byte) (addr >>> 16), (byte) (addr >>> 8), (byte) addr};
        try {
            return InetAddress.getByAddress(host, b);
        } catch (UnknownHostException e) {
            throw badNumeric(host);
        }
    }

    private static FetchException badNumeric(String host) {
        return new FetchException(FetchException.Kind.BAD_URL, "malformed numeric host " + host);
    }
}
