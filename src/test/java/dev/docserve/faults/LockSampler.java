package dev.docserve.faults;

import java.util.HashSet;
import java.util.Set;

/**
 * Watches, on a thread of its own, which processes hold a project's lock while a fault runs, and keeps
 * the worst moment: two holders at once is the failure the lock protocol exists to prevent, and it can
 * be transient, so a check only at the end of a round would miss it.
 */
final class LockSampler implements AutoCloseable {

    private final ServerProcesses servers;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Set<Long> worst = Set.of();
    private volatile int samples;

    LockSampler(ServerProcesses servers) {
        this.servers = servers;
        this.thread = new Thread(this::sample, "lock-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            Set<Long> holders = new HashSet<>(servers.lockHolders());
            if (holders.size() > worst.size()) {
                worst = Set.copyOf(holders);
            }
            samples++;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The largest set of simultaneous lock holders seen so far. */
    Set<Long> worst() {
        return worst;
    }

    int samples() {
        return samples;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
