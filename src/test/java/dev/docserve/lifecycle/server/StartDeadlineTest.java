package dev.docserve.lifecycle.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The start deadline behind its seam: the give-up action is handed in, so no JVM ends here. */
class StartDeadlineTest {

    @Test
    void shouldGiveUpWithAMessageWhenTheServerNeverBecomesReady() throws InterruptedException {
        BlockingQueue<String> gaveUp = new LinkedBlockingQueue<>();
        try (StartDeadline deadline = new StartDeadline(Duration.ofMillis(100), "/p/.claude/doc-serve", gaveUp::add)) {
            String message = gaveUp.poll(60, TimeUnit.SECONDS);

            assertThat(message).contains("did not become ready within", "/p/.claude/doc-serve", "runtime.json",
                    "doc-serve.start-timeout");
        }
    }

    @Test
    void shouldNotGiveUpOnceTheServerIsReady() throws InterruptedException {
        BlockingQueue<String> gaveUp = new LinkedBlockingQueue<>();
        try (StartDeadline deadline = new StartDeadline(Duration.ofMillis(300), "/p", gaveUp::add)) {
            deadline.reached();

            assertThat(gaveUp.poll(1, TimeUnit.SECONDS)).isNull();
        }
    }
}
