package dev.docserve.lifecycle.layout;

/** How a client on this machine reaches a server bound to a host and port. */
public final class BaseUrl {

    private BaseUrl() {
    }

    /** A wildcard bind is reached through loopback; IPv6 literals get their brackets. */
    public static String of(String bindHost, int port) {
        String host = switch (bindHost) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]", "::0" -> "[::1]";
            default -> bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
        };
        return "http://" + host + ":" + port;
    }
}
