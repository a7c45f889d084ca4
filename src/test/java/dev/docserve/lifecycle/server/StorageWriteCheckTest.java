package dev.docserve.lifecycle.server;

import dev.docserve.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Readiness asks whether the data dir takes writes; the answer never waits for the disk longer than a bound. */
class StorageWriteCheckTest {

    private static final Duration ALWAYS_STALE = Duration.ZERO;
    private static final Duration NEVER_STALE = Duration.ofHours(1);
    private static final Duration ANSWER_WAIT = Duration.ofMillis(100);
    /** Far longer than any answer may take: a call still running then would be waiting on the probe. */
    private static final Duration HANG = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private final CountDownLatch release = new CountDownLatch(1);
    private StorageWriteCheck check;

    @AfterEach
    void stop() {
        release.countDown();
        if (check != null) {
            check.close();
        }
    }

    @Test
    void shouldSayWhatTheWriteFound() {
        check = new StorageWriteCheck("data", () -> Optional.of("cannot write to data: No space left on device"),
                ALWAYS_STALE, ANSWER_WAIT, Duration.ofSeconds(5));

        assertThat(Eventually.await("the write's answer", HANG, () -> check.problem().orElse(null)))
                .isEqualTo("cannot write to data: No space left on device");
    }

    @Test
    void shouldProbeOnlyOnceWhileTheLastResultIsFresh() {
        AtomicInteger probes = new AtomicInteger();
        check = new StorageWriteCheck("data", () -> {
            probes.incrementAndGet();
            return Optional.empty();
        }, NEVER_STALE, ANSWER_WAIT, Duration.ofSeconds(5));

        check.problem();
        check.problem();
        check.problem();

        assertThat(probes).hasValue(1);
    }

    @Test
    void shouldAnswerFromTheLastResultWhileASlowWriteIsStillRunning() {
        AtomicInteger probes = new AtomicInteger();
        check = new StorageWriteCheck("data", () -> {
            if (probes.incrementAndGet() > 1) {
                awaitRelease();
                return Optional.empty();
            }
            return Optional.of("cannot write to data: No space left on device");
        }, ALWAYS_STALE, ANSWER_WAIT, Duration.ofMinutes(5));
        // Once the first write has answered, each call starts the next, which blocks: the answer is the first's.
        Eventually.await("the first write's answer", HANG, () -> check.problem().orElse(null));
        Eventually.await("a second write under way", HANG, () -> check.problem().isPresent() && probes.get() == 2);

        Optional<String> whileBlocked = assertTimeoutPreemptively(HANG, () -> check.problem());

        assertThat(whileBlocked).as("the last result, not a wait for the disk").contains("cannot write to data: No space left on device");
        assertThat(probes).as("no second write while one is under way").hasValue(2);
    }

    @Test
    void shouldCallAWriteThatHangsPastItsBudgetAProblemAndRecoverOnceItReturns() {
        AtomicInteger probes = new AtomicInteger();
        check = new StorageWriteCheck("data", firstQuickThenBlocked(probes), ALWAYS_STALE, ANSWER_WAIT, Duration.ofMillis(300));
        assertThat(check.problem()).isEmpty();

        String hung = Eventually.await("the hung write reported", HANG, () -> check.problem().orElse(null));
        assertThat(hung).startsWith("a 4 KiB write to data has not completed for").contains("check the disk");

        release.countDown();
        Eventually.await("writable again", HANG, () -> check.problem().isEmpty() ? true : null);
    }

    @Test
    void shouldWriteASyncedBlockIntoTheDataDirAndLeaveNothingBehind() throws IOException {
        Path dataDir = temp.resolve("data");

        assertThat(StorageWriteCheck.writeBlock(dataDir)).isEmpty();

        try (var left = Files.list(dataDir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void shouldSayWhyWhenTheDataDirCannotTakeAFile() throws IOException {
        Path notADirectory = Files.writeString(temp.resolve("data"), "a file where the data dir should be");

        assertThat(StorageWriteCheck.writeBlock(notADirectory)).hasValueSatisfying(problem ->
                assertThat(problem).startsWith("cannot write to " + notADirectory));
    }

    /** The first probe answers at once; later ones block until the test releases them. */
    private Supplier<Optional<String>> firstQuickThenBlocked(AtomicInteger probes) {
        return () -> {
            if (probes.incrementAndGet() > 1) {
                awaitRelease();
            }
            return Optional.empty();
        };
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
