package dev.docserve.security;

import dev.docserve.config.DocServeConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Who may talk to this server. Bound to loopback, anyone on the machine (the contract's default).
 * Bound to any other address, every request but the SmallRye probes ({@code /q/health/*}) must carry
 * {@code Authorization: Bearer <token>}, the token coming from {@code DOC_SERVE_TOKEN} or the file
 * named by {@code DOC_SERVE_TOKEN_FILE}; without a token the server refuses to start unless
 * {@code doc-serve.insecure=true} ({@code DOC_SERVE_INSECURE=true}).
 *
 * <p>The check is a Vert.x route ahead of every other, so it covers JAX-RS resources and Quarkus'
 * own endpoints alike and runs before a request body is read.
 */
@Singleton
public class AccessGuard {

    /** Ahead of Quarkus' body handler and every application route. */
    static final int ROUTE_ORDER = Integer.MIN_VALUE + 10;
    private static final Logger LOG = Logger.getLogger(AccessGuard.class);
    private static final String PROBES = "/q/health";

    private final String bindHost;
    private final boolean tokenRequired;
    private final Optional<AccessToken> token;
    private final Optional<String> refusal;

    public AccessGuard(DocServeConfig config) {
        this.bindHost = config.bindHost();
        Optional<AccessToken> resolved = Optional.empty();
        Optional<String> problem = Optional.empty();
        try {
            resolved = AccessToken.resolve(config.token(), config.tokenFile());
        } catch (IllegalArgumentException e) {
            problem = Optional.of(e.getMessage());
        }
        boolean beyondLoopback = !isLoopback(bindHost);
        this.token = resolved;
        this.tokenRequired = beyondLoopback && !(resolved.isEmpty() && config.insecure());
        if (problem.isEmpty() && tokenRequired && resolved.isEmpty()) {
            problem = Optional.of("bound to " + bindHost + ", beyond loopback, the server needs a bearer token: set "
                    + AccessToken.ENV_TOKEN + " (or " + AccessToken.ENV_TOKEN_FILE
                    + " naming a file that holds it), bind 127.0.0.1 with --host, or run insecure with DOC_SERVE_INSECURE=true");
        }
        // On loopback no token is needed, so a broken token setting is not worth refusing the start for.
        this.refusal = beyondLoopback ? problem : Optional.empty();
    }

    /** Why this server must not start, when its settings leave it open beyond loopback (or name an unusable token). */
    public Optional<String> refusal() {
        return refusal;
    }

    /** The token this server's own requests (the self-check) must send, when one is configured. */
    public Optional<AccessToken> token() {
        return token;
    }

    public boolean isTokenRequired() {
        return tokenRequired;
    }

    void onStart(@Observes StartupEvent event) {
        if (!isLoopback(bindHost) && !tokenRequired) {
            LOG.warnf("bound to %s without a token (DOC_SERVE_INSECURE=true): anyone who reaches this address can "
                    + "read and change the indexes", bindHost);
        }
    }

    void installFilter(@Observes Router router) {
        if (tokenRequired) {
            router.route().order(ROUTE_ORDER).handler(this::filter);
        }
    }

    private void filter(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.equals(PROBES) || path.startsWith(PROBES + "/")) {
            context.next();
            return;
        }
        if (token.isPresent() && token.get().acceptsHeader(context.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            context.next();
            return;
        }
        context.response()
                .setStatusCode(401)
                .putHeader("WWW-Authenticate", "Bearer")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"detail\":\"this server is bound beyond loopback and needs 'Authorization: Bearer <token>' "
                        + "(the token in DOC_SERVE_TOKEN or DOC_SERVE_TOKEN_FILE on the server)\"}");
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
