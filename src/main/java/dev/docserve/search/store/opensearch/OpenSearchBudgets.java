package dev.docserve.search.store.opensearch;

import java.time.Duration;

/**
 * How long each kind of call to the cluster may take before it counts as failed. A frozen node (paused,
 * swapping, stuck in GC) accepts connections and never answers, so only these bounds turn a hang into an
 * error that the caller can report. Each fits its caller: an agent waiting on a query, a job writing
 * a batch, a readiness probe that must answer at once (it reads the last background check instead).
 *
 * @param connect       opening a TCP connection
 * @param query         a search, a count or a manifest read: what a query or a status call waits for
 * @param write         one write request of an index run (bulk, delete-by-query, refresh), and leases,
 *                      registrations and job records
 * @param checkInterval how often the cluster is checked in the background for readiness and {@code /health}
 * @param writeRetries  how many times an index run retries a commit the cluster did not take (timeouts,
 *                      lost connections, HTTP 429/502/503/504), with doubling pauses from 0.5 s
 */
public record OpenSearchBudgets(Duration connect, Duration query, Duration write, Duration checkInterval, int writeRetries) {

    public static final OpenSearchBudgets DEFAULT = new OpenSearchBudgets(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofSeconds(2), 3);

    public OpenSearchBudgets {
        positive("connect-timeout", connect);
        positive("query-timeout", query);
        positive("write-timeout", write);
        positive("check-interval", checkInterval);
        if (writeRetries < 0) {
            throw new IllegalArgumentException("doc-serve.opensearch.write-retries must be 0 or more; got " + writeRetries);
        }
    }

    private static void positive(String setting, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("doc-serve.opensearch." + setting + " must be positive, e.g. 5s; got " + value);
        }
    }
}
