package dev.docserve.lifecycle.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadDumpTest {

    @Test
    void shouldNameEveryThreadWithItsStateAndWholeStack() {
        String dump = ThreadDump.ofAllThreads();

        assertThat(dump).contains('"' + Thread.currentThread().getName() + '"' + " RUNNABLE")
                .contains("dev.docserve.lifecycle.server.ThreadDumpTest.shouldNameEveryThreadWithItsStateAndWholeStack(ThreadDumpTest.java:")
                .contains("\"Finalizer\" daemon WAITING");
    }
}
