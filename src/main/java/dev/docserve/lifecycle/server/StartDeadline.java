package dev.docserve.lifecycle.server;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@code serve} that holds the project's lock but never publishes {@code runtime.json} keeps every
 * later start waiting on it and answers nobody. This deadline gives up after the start budget: it
 * hands a message saying so to its action, which the server turns into one stderr line and an exit
 * (the kernel frees the lock), instead of lingering. The action is a parameter so that tests can
 * exercise the deadline without ending their JVM.
 */
public final class StartDeadline implements AutoCloseable {

    private final CountDownLatch reached = new CountDownLatch(1);
    private final Thread watcher;

    /**
     * @param budget  how long the start may take, from now
     * @param where   the state directory, named in the message
     * @param giveUp  what to do when the budget runs out first, with the message
     */
    public StartDeadline(Duration budget, String where, Consumer<String> giveUp) {
        this.watcher = new Thread(() -> {
            try {
                if (!reached.await(budget.toMillis(), TimeUnit.MILLISECONDS)) {
                    giveUp.accept("the server did not become ready within " + budget.toSeconds() + " s (it holds the lock of "
                            + where + " but never published runtime.json) and exits so that the next start can take over; "
                            + "see its log, or raise doc-serve.start-timeout on a slow machine");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "doc-serve-start-deadline");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The server is ready (runtime.json published): the deadline no longer applies. */
    public void reached() {
        reached.countDown();
    }

    /** Stops watching without giving up: the server is stopping anyway. */
    @Override
    public void close() {
        watcher.interrupt();
    }
}
