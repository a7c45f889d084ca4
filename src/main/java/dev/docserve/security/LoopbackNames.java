package dev.docserve.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which names in a {@code Host} header or an {@code Origin} address this machine's loopback:
 * {@code localhost}, an IPv4 literal in 127.0.0.0/8, {@code [::1]} (and IPv4-mapped forms of those),
 * with any port.
 *
 * <p>Names are never resolved: a DNS-rebinding attack works precisely by making a foreign name resolve
 * to 127.0.0.1, so only the literal text of the header counts.
 */
public final class LoopbackNames {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private LoopbackNames() {
    }

    /** Whether an authority ({@code host}, {@code host:port}, {@code [v6]:port}) names loopback. */
    public static boolean isLoopbackAuthority(String authority) {
        return host(authority).map(LoopbackNames::isLoopbackHost).orElse(false);
    }

    /** The host part of an authority, without port or brackets; empty when it is not well formed. */
    static Optional<String> host(String authority) {
        if (authority == null || authority.isEmpty()) {
            return Optional.empty();
        }
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0 || !validPort(authority.substring(close + 1))) {
                return Optional.empty();
            }
            return Optional.of(authority.substring(1, close));
        }
        int colon = authority.indexOf(':');
        if (colon >= 0 && (authority.indexOf(':', colon + 1) >= 0 || !validPort(authority.substring(colon)))) {
            return Optional.empty();
        }
        return Optional.of(colon < 0 ? authority : authority.substring(0, colon));
    }

    private static boolean validPort(String rest) {
        return rest.isEmpty() || rest.length() > 1 && rest.length() <= 6 && rest.charAt(0) == ':'
                && rest.substring(1).chars().allMatch(Character::isDigit);
    }

    /** Whether a bare host (no port, no brackets) is a loopback name or literal. */
    static boolean isLoopbackHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals("localhost")) {
            return true;
        }
        if (IPV4.matcher(name).matches()) {
            String[] octets = name.split("\\.");
            return Integer.parseInt(octets[0]) == 127
                    && java.util.Arrays.stream(octets).allMatch(octet -> Integer.parseInt(octet) <= 255);
        }
        if (name.contains(":") && name.chars().allMatch(LoopbackNames::ipv6Char)) {
            try {
                // With a ':' the JDK parses the text as an IPv6 literal and never looks it up.
                return InetAddress.getByName(name).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean ipv6Char(int c) {
        return Character.digit(c, 16) >= 0 || c == ':' || c == '.';
    }
}
