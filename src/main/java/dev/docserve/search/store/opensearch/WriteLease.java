package dev.docserve.search.store.opensearch;

import dev.docserve.search.store.StoreBusyException;
import dev.docserve.search.store.WriteClaim;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpType;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;

/**
 * A lease on one project index, held in a document of the lease index so that replicas on different
 * machines exclude each other (a local lock file would not). Protocol:
 *
 * <ol>
 *   <li>acquire: create the document {@code {owner, expires_at}} with {@code op_type=create}; exactly
 *       one of several concurrent creators succeeds, the others get 409;</li>
 *   <li>on 409, read the document: a lease past its {@code expires_at} belongs to a writer that died
 *       (or stalled longer than the TTL); take it over by writing with {@code if_seq_no} and
 *       {@code if_primary_term} of what was read, so of two replicas taking over at once one wins;</li>
 *   <li>renew (at each commit, and on each write when a third of the TTL has passed) the same
 *       compare-and-set way; a renewal that finds another owner means the lease was lost, and the run
 *       stops with an error instead of writing beside the new owner;</li>
 *   <li>release by deleting the document, again only if it is still ours.</li>
 * </ol>
 *
 * <p>Limits: expiry compares the acquirer's clock with the holder's, so replicas' clocks must agree to
 * well within the TTL (NTP does); a holder stalled longer than the TTL between two renewals can write
 * once more before it notices. The TTL is long next to a commit interval (seconds) for that reason.
 */
final class WriteLease implements WriteClaim {

    private static final Logger LOG = Logger.getLogger(WriteLease.class);

    private final OpenSearchClient client;
    private final String leaseIndex;
    private final String key;
    private final String owner;
    private final Duration ttl;
    private final Clock clock;
    private long seqNo;
    private long primaryTerm;
    private Instant renewedAt;
    private boolean released;

    private WriteLease(OpenSearchClient client, String leaseIndex, String key, String owner, Duration ttl, Clock clock) {
        this.client = client;
        this.leaseIndex = leaseIndex;
        this.key = key;
        this.owner = owner;
        this.ttl = ttl;
        this.clock = clock;
    }

    static WriteLease acquire(OpenSearchClient client, String leaseIndex, String key, String owner, Duration ttl, Clock clock)
            throws IOException {
        WriteLease lease = new WriteLease(client, leaseIndex, key, owner, ttl, clock);
        lease.take();
        return lease;
    }

    private void take() throws IOException {
        Instant now = clock.instant();
        try {
            var created = client.index(r -> r.index(leaseIndex).id(key).opType(OpType.Create).refresh(Refresh.True)
                    .document(document(now)));
            held(created.seqNo(), created.primaryTerm(), now);
            return;
        } catch (OpenSearchException | IOException e) {
            if (OpenSearchConnection.status(e) != 409) {
                throw e;
            }
        }
        var current = client.get(g -> g.index(leaseIndex).id(key), Map.class);
        if (!current.found()) {
            take(); // released between our create and our read: try again
            return;
        }
        Map<?, ?> holder = current.source();
        Instant expires = Instant.ofEpochMilli(((Number) holder.get("expires_at")).longValue());
        if (now.isBefore(expires) && !owner.equals(holder.get("owner"))) {
            throw new StoreBusyException("another doc-serve replica (" + holder.get("owner") + ") is indexing this project "
                    + "until at least " + expires + "; retry when its job has finished");
        }
        try {
            var taken = client.index(r -> r.index(leaseIndex).id(key).ifSeqNo(current.seqNo())
                    .ifPrimaryTerm(current.primaryTerm()).refresh(Refresh.True).document(document(now)));
            LOG.infof("took over the expired write lease of %s from %s", key, holder.get("owner"));
            held(taken.seqNo(), taken.primaryTerm(), now);
        } catch (OpenSearchException | IOException e) {
            if (OpenSearchConnection.status(e) == 409) {
                throw new StoreBusyException("another doc-serve replica took over the write lease of " + key
                        + " at the same moment; retry when its job has finished");
            }
            throw e;
        }
    }

    /** Extends the lease if a third of its TTL has passed since the last renewal. */
    void renewIfDue() throws IOException {
        if (Duration.between(renewedAt, clock.instant()).compareTo(ttl.dividedBy(3)) >= 0) {
            renew();
        }
    }

    void renew() throws IOException {
        Instant now = clock.instant();
        try {
            var renewed = client.index(r -> r.index(leaseIndex).id(key).ifSeqNo(seqNo).ifPrimaryTerm(primaryTerm)
                    .refresh(Refresh.True).document(document(now)));
            held(renewed.seqNo(), renewed.primaryTerm(), now);
        } catch (OpenSearchException | IOException e) {
            int status = OpenSearchConnection.status(e);
            if (status == 409 || status == 404) {
                throw new StoreBusyException("the write lease of " + key + " expired and another replica took it over; "
                        + "this run stops so that two writers never interleave (the files it committed are kept)");
            }
            throw e;
        }
    }

    private void held(long seqNo, long primaryTerm, Instant at) {
        this.seqNo = seqNo;
        this.primaryTerm = primaryTerm;
        this.renewedAt = at;
    }

    private Map<String, Object> document(Instant now) {
        return Map.of("owner", owner, "expires_at", now.plus(ttl).toEpochMilli());
    }

    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            client.delete(d -> d.index(leaseIndex).id(key).ifSeqNo(seqNo).ifPrimaryTerm(primaryTerm).refresh(Refresh.True));
        } catch (OpenSearchException e) {
            if (OpenSearchConnection.status(e) != 409 && OpenSearchConnection.status(e) != 404) {
                LOG.warnf("could not release the write lease of %s: %s (it expires by itself)", key, e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            if (OpenSearchConnection.status(e) == 409 || OpenSearchConnection.status(e) == 404) {
                return; // no longer ours: nothing to release
            }
            LOG.warnf("could not release the write lease of %s: %s (it expires by itself)", key, e.getMessage());
        }
    }
}
