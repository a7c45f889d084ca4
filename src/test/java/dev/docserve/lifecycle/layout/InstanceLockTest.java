package dev.docserve.lifecycle.layout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceLockTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseASecondAcquisitionInTheSameProcessWithoutDroppingTheFirst() throws IOException {
        Path file = dir.resolve("doc-serve.lock");
        try (InstanceLock held = InstanceLock.tryAcquire(file).orElseThrow()) {
            assertThatThrownBy(() -> InstanceLock.tryAcquire(file)).isInstanceOf(LockHeldInThisProcessException.class);

            assertThat(held.isHeld()).isTrue();
        }
    }

    @Test
    void shouldDeleteOwnedFilesAndTheLockFileBeforeReleasing() throws IOException {
        Path file = dir.resolve("doc-serve.lock");
        Path runtime = Files.writeString(dir.resolve("runtime.json"), "{}");
        Path pid = Files.writeString(dir.resolve("doc-serve.pid"), "1");
        InstanceLock held = InstanceLock.tryAcquire(file).orElseThrow();

        held.releaseAndDelete(runtime, pid);

        assertThat(dir).isEmptyDirectory();
        Optional<InstanceLock> again = InstanceLock.tryAcquire(file);
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void shouldNoticeWhenTheLockFileIsReplacedUnderIt() throws IOException {
        Path file = dir.resolve("doc-serve.lock");
        try (InstanceLock held = InstanceLock.tryAcquire(file).orElseThrow()) {
            Files.delete(file);
            assertThat(held.isHeld()).as("deleted").isFalse();

            Files.writeString(file, "");
            assertThat(held.isHeld()).as("replaced by another inode").isFalse();
        }
    }

    @Test
    void shouldBeFreeForTheNextOwnerOnceReleased() throws IOException {
        Path file = dir.resolve("doc-serve.lock");
        InstanceLock.tryAcquire(file).orElseThrow().close();

        try (InstanceLock next = InstanceLock.tryAcquire(file).orElseThrow()) {
            assertThat(next.isHeld()).isTrue();
        }
    }
}
