package dev.docserve.index.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IndexingSlotsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final IndexingSlots slots = new IndexingSlots(1);
    private final List<String> granted = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopWaiters() throws InterruptedException {
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join();
        }
    }

    @Test
    void shouldGrantSlotsInArrivalOrderAndReportEachWaitersPlace() throws InterruptedException {
        slots.acquire("running");
        for (String job : List.of("b", "c", "d")) {
            waitFor(job);
        }

        assertThat(List.of(slots.position("b"), slots.position("c"), slots.position("d")))
                .containsExactly(OptionalInt.of(1), OptionalInt.of(2), OptionalInt.of(3));
        assertThat(slots.position("running")).isEmpty();

        slots.release();
        Eventually.await("b holds the slot", WAIT, () -> granted.equals(List.of("b")));
        assertThat(slots.position("c")).hasValue(1);
        assertThat(slots.position("d")).hasValue(2);

        slots.release();
        Eventually.await("c holds the slot", WAIT, () -> granted.equals(List.of("b", "c")));
        slots.release();
        Eventually.await("d holds the slot", WAIT, () -> granted.equals(List.of("b", "c", "d")));
        assertThat(slots.waiting()).isZero();
    }

    @Test
    void shouldLetSeveralRunWhenSeveralSlotsAreFree() throws InterruptedException {
        IndexingSlots two = new IndexingSlots(2);
        two.acquire("a");
        two.acquire("b");

        assertThat(two.waiting()).isZero();
        assertThat(two.position("a")).isEmpty();
    }

    @Test
    void shouldForgetAWaiterThatIsInterrupted() throws InterruptedException {
        slots.acquire("running");
        Thread b = waitFor("b");
        waitFor("c");

        b.interrupt();
        b.join();

        assertThat(slots.position("b")).isEmpty();
        assertThat(slots.position("c")).hasValue(1);
        slots.release();
        Eventually.await("c holds the slot", WAIT, () -> granted.equals(List.of("c")));
    }

    /** Starts a thread that asks for a slot as {@code job}, and returns once it is in line. */
    private Thread waitFor(String job) {
        Thread thread = new Thread(() -> {
            try {
                slots.acquire(job);
                granted.add(job);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "waiter-" + job);
        threads.add(thread);
        thread.start();
        Eventually.await(job + " in line", WAIT, () -> slots.position(job).isPresent());
        return thread;
    }
}
