package dev.docserve.lifecycle.client;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ServerLauncherTest {

    @Test
    void reasonShouldBeTheServersOwnDocServeLineWhenItPrintedOne() {
        String output = "2026-11-27 ERROR [io.quarkus] boom\n\tat x.y.Z\n"
                + "doc-serve: port 4000 on 127.0.0.1 is already in use; choose another with --port\n";

        assertThat(ServerLauncher.reason(output, 1, Path.of("/s/logs/server.out")))
                .isEqualTo("port 4000 on 127.0.0.1 is already in use; choose another with --port"
                        + " (server exit 1; output in /s/logs/server.out)");
    }

    @Test
    void reasonShouldFallBackToTheLastLineThenToAGenericSentence() {
        assertThat(ServerLauncher.reason("a\nOutOfMemoryError\n\n", 137, Path.of("o")))
                .isEqualTo("OutOfMemoryError (server exit 137; output in o)");
        assertThat(ServerLauncher.reason("", 1, Path.of("o")))
                .isEqualTo("the server exited before answering (server exit 1; output in o)");
    }
}
