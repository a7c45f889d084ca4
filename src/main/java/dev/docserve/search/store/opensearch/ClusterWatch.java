package dev.docserve.search.store.opensearch;

import dev.docserve.search.store.StorageUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Checks the cluster on a thread of its own every {@link OpenSearchBudgets#checkInterval()} and keeps
 * the last answer, so that readiness and {@code /health} answer at once from it. A probe that asked the
 * cluster itself would hang with a frozen node for as long as the request's budget, long after the
 * supervisor's probe timeout. State changes are logged once, not at every check.
 */
final class ClusterWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterWatch.class);

    private final OpenSearchConnection connection;
    private final ScheduledExecutorService timer;
    private volatile Optional<String> problem;
    /** Open once the first check has answered: a probe before it waits for it, briefly. */
    private final java.util.concurrent.CountDownLatch firstCheck = new java.util.concurrent.CountDownLatch(1);
    /** How long a probe waits for the first check; after that it says the cluster has not answered yet. */
    private static final Duration FIRST_CHECK_WAIT = Duration.ofSeconds(1);

    ClusterWatch(OpenSearchConnection connection, Duration interval) {
        this.connection = connection;
        this.problem = Optional.of("OpenSearch at " + connection.settings().describe() + " has not answered the first check "
                + "yet; check that the cluster runs and is not paused or overloaded");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "doc-serve-cluster-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The last check's problem, or empty when the cluster answered and was not red. Right after the start,
     * waits up to a second for the first check, so an unreachable cluster is reported as such at once.
     */
    Optional<String> problem() {
        if (firstCheck.getCount() > 0) {
            try {
                firstCheck.await(FIRST_CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return problem;
    }

    private void check() {
        Optional<String> now;
        try {
            connection.check();
            now = Optional.empty();
        } catch (StorageUnavailableException e) {
            now = Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            now = Optional.of("OpenSearch at " + connection.settings().describe() + " could not be checked: " + e);
        }
        Optional<String> before = firstCheck.getCount() > 0 ? Optional.empty() : problem;
        problem = now;
        firstCheck.countDown();
        if (now.isPresent() && !now.equals(before)) {
            LOG.warnf("storage DOWN: %s", now.get());
        } else if (now.isEmpty() && before.isPresent()) {
            LOG.infof("storage UP: OpenSearch at %s answers", connection.settings().describe());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
