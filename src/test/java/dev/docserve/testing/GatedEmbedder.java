package dev.docserve.testing;

import dev.docserve.index.embedding.Embedder;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Blocks every document embedding call until the gate opens, after counting down {@code reached}:
 * holds an index job in its running state for as long as a test needs.
 */
public final class GatedEmbedder extends ForwardingEmbedder {

    private final CountDownLatch reached;
    private final CountDownLatch gate;

    public GatedEmbedder(Embedder delegate, CountDownLatch reached, CountDownLatch gate) {
        super(delegate);
        this.reached = reached;
        this.gate = gate;
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        reached.countDown();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return super.embedDocuments(texts);
    }
}
