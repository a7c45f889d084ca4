package dev.docserve.security;

import dev.docserve.config.DocServeConfig;
import dev.docserve.json.Json;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Who may talk to this server, checked by one Vert.x route ahead of every other (so it covers JAX-RS
 * resources and Quarkus' own endpoints alike, and runs before a request body is read):
 *
 * <ol>
 * <li><b>Host</b>, bound to loopback: the {@code Host} header must name loopback ({@link LoopbackNames}),
 * else 403. A web page that rebinds its own DNS name to 127.0.0.1 reaches the port, but its requests
 * still carry its own name. Bound beyond loopback the server's names are not known here; the token
 * guards it instead. A request without a {@code Host} header passes: browsers always send one.</li>
 * <li><b>Origin</b>, always: a request carrying an {@code Origin} other than the server's own
 * ({@code http://} + its {@code Host}) is refused with 403, preflights included, and no CORS header is
 * ever sent, so no browser page elsewhere can make this server act or read its answers.
 * Command-line clients send no {@code Origin}.</li>
 * <li><b>Body size</b>: a declared {@code Content-Length} over {@code quarkus.http.limits.max-body-size}
 * gets a 413 with a JSON detail (Quarkus' own check answers with an empty body).</li>
 * <li><b>Token</b>, bound beyond loopback: every request but the SmallRye probes ({@code /q/health/*})
 * must carry {@code Authorization: Bearer <token>}, the token coming from {@code DOC_SERVE_TOKEN} or the
 * file named by {@code DOC_SERVE_TOKEN_FILE}; without a token the server refuses to start unless
 * {@code doc-serve.insecure=true} ({@code DOC_SERVE_INSECURE=true}). Loopback stays token-free.</li>
 * </ol>
 */
@Singleton
public class AccessGuard {

    /** Ahead of Quarkus' body handler and every application route. */
    static final int ROUTE_ORDER = Integer.MIN_VALUE + 10;
    private static final Logger LOG = Logger.getLogger(AccessGuard.class);
    private static final String PROBES = "/q/health";

    private final String bindHost;
    private final boolean loopback;
    private final boolean tokenRequired;
    private final Optional<AccessToken> token;
    private final Optional<String> refusal;
    private final long maxBodyBytes;

    public AccessGuard(DocServeConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize maxBodySize) {
        this.bindHost = config.bindHost();
        this.maxBodyBytes = maxBodySize.asLongValue();
        Optional<AccessToken> resolved = Optional.empty();
        Optional<String> problem = Optional.empty();
        try {
            resolved = AccessToken.resolve(config.token(), config.tokenFile());
        } catch (IllegalArgumentException e) {
            problem = Optional.of(e.getMessage());
        }
        this.loopback = isLoopback(bindHost);
        this.token = resolved;
        this.tokenRequired = !loopback && !(resolved.isEmpty() && config.insecure());
        if (problem.isEmpty() && tokenRequired && resolved.isEmpty()) {
            problem = Optional.of("bound to " + bindHost + ", beyond loopback, the server needs a bearer token: set "
                    + AccessToken.ENV_TOKEN + " (or " + AccessToken.ENV_TOKEN_FILE
                    + " naming a file that holds it), bind 127.0.0.1 with --host, or run insecure with DOC_SERVE_INSECURE=true");
        }
        // On loopback no token is needed, so a broken token setting is not worth refusing the start for.
        this.refusal = loopback ? Optional.empty() : problem;
    }

    /** Why this server must not start, when its settings leave it open beyond loopback (or name an unusable token). */
    public Optional<String> refusal() {
        return refusal;
    }

    /** The token this server's own requests (the self-check) must send, when one is configured. */
    public Optional<AccessToken> token() {
        return token;
    }

    void onStart(@Observes StartupEvent event) {
        if (!loopback && !tokenRequired) {
            LOG.warnf("bound to %s without a token (DOC_SERVE_INSECURE=true): anyone who reaches this address can "
                    + "read and change the indexes", bindHost);
        }
    }

    void installFilter(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::filter);
    }

    private void filter(RoutingContext context) {
        HttpServerRequest request = context.request();
        String host = request.getHeader(HttpHeaders.HOST);
        if (loopback && host != null && !LoopbackNames.isLoopbackAuthority(host)) {
            refuse(context, 403, "the Host header '" + printable(host) + "' does not name this machine's loopback: "
                    + "a server bound to " + bindHost + " answers only requests addressed to localhost, 127.0.0.1 or "
                    + "[::1] (a defence against DNS rebinding); use the base_url in runtime.json");
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !isSameOrigin(origin, host)) {
            refuse(context, 403, "cross-origin requests are refused (Origin '" + printable(origin) + "'): doc-serve "
                    + "serves local tools and scripts, not web pages elsewhere; call it without an Origin header");
            return;
        }
        if (declaredBodyTooLarge(request)) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            refuse(context, 413, "the request body is larger than " + maxBodyBytes + " bytes; send a smaller body");
            return;
        }
        if (!tokenRequired || isProbe(context.normalizedPath())
                || token.isPresent() && token.get().acceptsHeader(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            context.next();
            return;
        }
        context.response().putHeader("WWW-Authenticate", "Bearer");
        refuse(context, 401, "this server is bound beyond loopback and needs 'Authorization: Bearer <token>' "
                + "(the token in DOC_SERVE_TOKEN or DOC_SERVE_TOKEN_FILE on the server)");
    }

    private static boolean isProbe(String path) {
        return path.equals(PROBES) || path.startsWith(PROBES + "/");
    }

    /** Same origin: {@code http://} followed by exactly the authority the request was sent to. */
    static boolean isSameOrigin(String origin, String host) {
        return host != null && origin.equalsIgnoreCase("http://" + host);
    }

    private boolean declaredBodyTooLarge(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void refuse(RoutingContext context, int status, String detail) {
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.mapper().createObjectNode().put("detail", detail).toString());
    }

    /** Header text echoed in a detail: at most 100 characters, control characters shown as '?'. */
    private static String printable(String value) {
        String shortened = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return shortened.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
