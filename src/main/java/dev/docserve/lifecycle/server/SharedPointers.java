package dev.docserve.lifecycle.server;

import dev.docserve.json.AtomicFiles;
import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.StateDir;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The shared daemon's pointer {@code runtime.json} in each registered project's state dir: what
 * makes {@code doc-serve status} and skills in that project find the daemon. Written once the
 * daemon's port is published, removed at a graceful stop, and only ever removed by the daemon that
 * wrote it (a replica never deletes a pointer naming another replica).
 */
public final class SharedPointers {

    private static final Logger LOG = Logger.getLogger(SharedPointers.class);

    private SharedPointers() {
    }

    /** Writes the pointer atomically, with a .gitignore beside it when the project has none, so it never lands in git. */
    public static void write(Path projectRoot, String projectId, String baseUrl) {
        StateDir stateDir = StateDir.of(projectRoot);
        try {
            AtomicFiles.createOwnerOnlyDirectory(stateDir.dir());
            if (!Files.exists(stateDir.gitignoreFile())) {
                Files.writeString(stateDir.gitignoreFile(), StateDir.GITIGNORE, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + stateDir.dir() + ": " + e.getMessage(), e);
        }
        RuntimeState pointer = RuntimeState.sharedPointer(projectRoot, projectId, baseUrl);
        if (!RuntimeFile.readLeniently(stateDir.runtimeFile()).equals(Optional.of(pointer))) {
            RuntimeFile.write(stateDir.runtimeFile(), pointer);
        }
    }

    /** Removes the pointer if it still names this daemon ({@code baseUrl}) for this project; logs, never throws. */
    public static void removeIfOurs(Path projectRoot, String projectId, String baseUrl) {
        Path file = StateDir.of(projectRoot).runtimeFile();
        Optional<RuntimeState> onDisk = RuntimeFile.readLeniently(file);
        if (onDisk.isPresent() && onDisk.get().isPointer() && projectId.equals(onDisk.get().projectId())
                && baseUrl.equals(onDisk.get().baseUrl())) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("cannot remove the pointer %s: %s", file, e.getMessage());
            }
        }
    }
}
