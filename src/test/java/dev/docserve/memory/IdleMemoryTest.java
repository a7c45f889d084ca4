package dev.docserve.memory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdleMemoryTest {

    @Test
    void theNativeHeapTrimShouldReachTheJvmsDiagnosticCommandOnThisJdk() {
        // 17.0.9+ answers "Trim native heap: RSS+Swap: ...", which is what gives ONNX Runtime's freed memory back.
        assertThat(IdleMemory.trimNativeHeap()).startsWith("Trim native heap");
    }
}
