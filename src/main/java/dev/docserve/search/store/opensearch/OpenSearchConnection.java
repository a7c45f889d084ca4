package dev.docserve.search.store.opensearch;

import dev.docserve.search.store.StorageUnavailableException;
import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.indices.CreateIndexRequest;
import org.opensearch.client.util.ObjectBuilder;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Options;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * One HTTP client to the cluster, shared by every project of the process (its connection pool is the
 * expensive part). Creating it does no I/O: a daemon starts while the cluster is down, reports
 * readiness DOWN, and serves once the cluster answers.
 *
 * <p>Every request has a time budget ({@link OpenSearchBudgets}): {@link #client()} carries the write
 * budget (index runs, leases, registrations, job records), {@link #reader()} the shorter query budget
 * (searches, counts, manifest reads, the health check). Without them a frozen node held each caller
 * for the HTTP client's 60 s.
 */
public final class OpenSearchConnection implements Closeable {

    private final OpenSearchSettings settings;
    private final OpenSearchTransport transport;
    private final OpenSearchClient client;
    private final OpenSearchClient reader;
    private ClusterWatch watch;
    /** Bookkeeping indexes known to exist: one create request per index and process, not one per write. */
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();
    private final String owner = java.lang.management.ManagementFactory.getRuntimeMXBean().getName() + "/"
            + java.util.UUID.randomUUID().toString().substring(0, 8);

    public OpenSearchConnection(OpenSearchSettings settings) {
        this.settings = settings;
        HttpHost host = new HttpHost(settings.url().getScheme(), settings.url().getHost(),
                settings.url().getPort() < 0 ? (settings.url().getScheme().equals("https") ? 443 : 9200) : settings.url().getPort());
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(new JacksonJsonpMapper())
                .setRequestConfigCallback(config -> config
                        .setConnectTimeout(timeout(settings.budgets().connect()))
                        .setConnectionRequestTimeout(timeout(settings.budgets().connect()))
                        .setResponseTimeout(timeout(settings.budgets().write())));
        if (settings.username().isPresent()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(new AuthScope(host), new UsernamePasswordCredentials(settings.username().get(),
                    settings.password().orElse("").toCharArray()));
            builder.setHttpClientConfigCallback(client -> client.setDefaultCredentialsProvider(credentials));
        }
        if (settings.url().getPath() != null && !settings.url().getPath().isEmpty() && !settings.url().getPath().equals("/")) {
            builder.setPathPrefix(settings.url().getPath());
        }
        this.transport = builder.build();
        this.client = new OpenSearchClient(transport);
        // A per-request configuration replaces the default one whole, so it repeats the connect budgets.
        this.reader = client.withTransportOptions(ApacheHttpClient5Options.DEFAULT.toBuilder()
                .setRequestConfig(RequestConfig.custom()
                        .setConnectTimeout(timeout(settings.budgets().connect()))
                        .setConnectionRequestTimeout(timeout(settings.budgets().connect()))
                        .setResponseTimeout(timeout(settings.budgets().query()))
                        .build())
                .build());
    }

    private static Timeout timeout(java.time.Duration budget) {
        return Timeout.of(budget.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The client with the query budget: what a caller waiting for an answer uses. */
    public OpenSearchClient reader() {
        return reader;
    }

    /**
     * Starts checking the cluster in the background (once); {@link #lastKnownProblem} reads the result.
     * The server starts it; a connection used only by tests or the bench never checks on its own.
     */
    public synchronized void watch() {
        if (watch == null) {
            watch = new ClusterWatch(this, settings.budgets().checkInterval());
        }
    }

    /** What the last background check found, without waiting for the cluster (starts the checks if needed). */
    public java.util.Optional<String> lastKnownProblem() {
        watch();
        return watch.problem();
    }

    public OpenSearchSettings settings() {
        return settings;
    }

    /** Who holds the write leases this connection takes: pid@host and a random suffix per connection. */
    public String owner() {
        return owner;
    }

    public OpenSearchClient client() {
        return client;
    }

    /**
     * Creates a small bookkeeping index (leases, registrations, job records) unless it exists; several
     * replicas may try at once, and every one of them succeeds.
     *
     * @throws StorageUnavailableException when the cluster cannot be reached or refuses
     */
    public void ensureIndex(String name, Function<CreateIndexRequest.Builder, ObjectBuilder<CreateIndexRequest>> spec)
            throws StorageUnavailableException {
        if (ensured.contains(name)) {
            return;
        }
        try {
            client.indices().create(c -> spec.apply(c.index(name)));
        } catch (IOException | RuntimeException e) {
            if (!alreadyExists(e)) {
                throw unavailable("creating the index " + name, e);
            }
        }
        ensured.add(name);
    }

    /**
     * Whether the cluster answers and its health is not red.
     *
     * @throws StorageUnavailableException saying why not
     */
    public void check() throws StorageUnavailableException {
        try {
            String status = reader.cluster().health().status().jsonValue();
            if ("red".equals(status)) {
                throw new StorageUnavailableException("OpenSearch at " + settings.describe()
                        + " reports cluster health red; check the cluster's logs", null);
            }
        } catch (IOException | RuntimeException e) {
            throw unavailable("checking the cluster", e);
        }
    }

    /** A failure talking to the cluster, as an error that names the cluster and what to check. */
    public StorageUnavailableException unavailable(String doing, Exception e) {
        if (e instanceof StorageUnavailableException already) {
            return already;
        }
        String why;
        int status = status(e);
        if (status > 0) {
            why = status == 401 || status == 403
                    ? "it refused the credentials (HTTP " + status + "); check doc-serve.opensearch.username and password"
                    : "it answered HTTP " + status + ": " + e.getMessage();
        } else if (timedOut(e)) {
            why = "it is not answering (no reply within the request's time budget); check that the cluster runs and is "
                    + "not paused or overloaded, or raise doc-serve.opensearch.query-timeout / write-timeout";
        } else {
            why = "it cannot be reached (" + rootMessage(e) + "); check that the cluster runs and doc-serve.opensearch.url";
        }
        return new StorageUnavailableException("OpenSearch at " + settings.describe() + " failed while " + doing + ": " + why, e);
    }

    /**
     * The HTTP status of a failed request, or -1 if none came back. The client reports some statuses
     * (e.g. 409 of a create) as a transport {@code ResponseException} instead of an {@link OpenSearchException}.
     */
    public static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OpenSearchException os) {
                return os.status();
            }
            if (t instanceof org.opensearch.client.transport.httpclient5.ResponseException response) {
                return response.status();
            }
        }
        return -1;
    }

    /** Whether the request ran out of its time budget: the cluster took the connection but never answered. */
    static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a failed write may succeed if sent again: no answer (timeout, lost connection) or an answer
     * that says "later" (429, 502, 503, 504). Every write of a commit is idempotent (ids are fixed).
     */
    public static boolean transientFailure(Throwable e) {
        int status = status(e);
        if (status > 0) {
            return status == 429 || status == 502 || status == 503 || status == 504;
        }
        if (timedOut(e)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof org.apache.hc.core5.http.ConnectionClosedException
                    || t instanceof org.apache.hc.core5.http.NoHttpResponseException) {
                return true;
            }
        }
        return false;
    }

    /** Whether a create-index request failed only because the index is there (another replica made it first). */
    static boolean alreadyExists(Exception e) {
        return status(e) == 400 && String.valueOf(e.getMessage()).contains("resource_already_exists");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // The message alone ("Connect to http://h:9200 failed: Connection refused"): class names mean nothing to a client.
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (watch != null) {
                watch.close();
            }
        }
        transport.close();
    }
}
