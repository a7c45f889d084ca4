package dev.docserve.lifecycle.layout;

import dev.docserve.json.AtomicFiles;
import dev.docserve.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The machine-wide list of running instances behind {@code doc-serve list}: one small JSON file per
 * server process in {@code <shared home>/instances/}, holding that server's runtime state, written
 * by the server when it publishes {@code runtime.json} and deleted when it releases it.
 *
 * <p>Concurrency: there is no shared file to rewrite. Each file is named after its project and its
 * process's {@code instance_id} ({@code p_1a2b3c4d.ds_0f1e2d.json}, {@code shared.ds_....json}) and
 * written atomically, so concurrent starts and stops touch different files, and a reader pruning a
 * dead entry can never delete the entry of a live process (that one has another instance id).
 * Entries are claims, not proof: readers validate each one (process alive, {@code /health} answers
 * with the instance id) and prune the dead ones, which a SIGKILLed server leaves behind.
 */
public final class InstanceRegistry {

    /** One registry file and what it says. */
    public record Entry(Path file, RuntimeState state) {
    }

    private static final String SUFFIX = ".json";

    private final Path dir;

    public InstanceRegistry(SharedHome home) {
        this.dir = home.instancesDir();
    }

    public Path dir() {
        return dir;
    }

    /** Records a published process-form runtime state; a rewrite of the same state is harmless. */
    public void register(RuntimeState state) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeJson(fileOf(state), state, true);
    }

    public boolean isRegistered(RuntimeState state) {
        return Files.exists(fileOf(state));
    }

    public void unregister(RuntimeState state) {
        delete(fileOf(state));
    }

    /** Every readable entry, oldest first; files being written (temp files) and foreign files are skipped. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                if (file.getFileName().toString().startsWith(".")) {
                    continue;
                }
                read(file).ifPresent(state -> entries.add(new Entry(file, state)));
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        entries.sort(Comparator.comparing((Entry e) -> String.valueOf(e.state().startedAt()))
                .thenComparing(e -> e.file().toString()));
        return entries;
    }

    /** Removes an entry found dead; only ever that process's own file. */
    public void prune(Entry entry) {
        delete(entry.file());
    }

    static String fileName(RuntimeState state) {
        String owner = InstanceMode.SHARED.wireName().equals(state.mode()) ? InstanceMode.SHARED.wireName() : ProjectId.of(Paths.get(state.projectRoot()));
        return owner + "." + state.instanceId() + SUFFIX;
    }

    private Path fileOf(RuntimeState state) {
        if (state.instanceId() == null || state.projectRoot() == null) {
            throw new IllegalArgumentException("only a running process's state can be registered");
        }
        return dir.resolve(fileName(state));
    }

    private static Optional<RuntimeState> read(Path file) {
        try {
            RuntimeState state = Json.mapper().readValue(Files.readAllBytes(file), RuntimeState.class);
            return Optional.ofNullable(state).filter(s -> s.instanceId() != null && s.pid() != null);
        } catch (IOException e) {
            // Vanished since listed (a stop), or not ours: nothing to show.
            return Optional.empty();
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
