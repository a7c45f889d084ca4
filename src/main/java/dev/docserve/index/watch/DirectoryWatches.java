package dev.docserve.index.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The operating-system side of following folders: one JDK {@link WatchService} (inotify on Linux), one
 * registration per directory a folder's walk would enter, and a thread that hands every event to the
 * {@link Listener} with the folder it belongs to. What an event means (debounce, runs, folder states)
 * is {@link ProjectWatch}'s business; this class only knows directories.
 *
 * @param <F> the caller's folder: events come back with it
 */
final class DirectoryWatches<F> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DirectoryWatches.class);

    /** Called on the event thread, one event at a time. */
    interface Listener<F> {

        /** The OS dropped events of a directory of {@code folder}: anything under it may have changed. */
        void overflowed(F folder);

        /** {@code path}, an entry of the watched directory {@code dir}, was created, deleted or modified. */
        void changed(F folder, Path dir, WatchEvent.Kind<?> kind, Path path);

        /** The registration of {@code dir} ended (the directory was deleted or moved away). */
        void ended(F folder, Path dir);
    }

    private final DirectoryRegistrar registrar;
    private final Listener<F> listener;
    private final WatchService service;
    private final String failure;
    private final Map<WatchKey, Watched<F>> keys = new ConcurrentHashMap<>();
    private final Thread eventThread;
    private volatile boolean closed;

    private record Watched<F>(F folder, Path dir) {
    }

    DirectoryWatches(String name, DirectoryRegistrar registrar, Listener<F> listener) {
        this.registrar = registrar;
        this.listener = listener;
        WatchService opened = null;
        String refused = null;
        try {
            opened = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            refused = describeLimit(e);
        }
        this.service = opened;
        this.failure = refused;
        this.eventThread = new Thread(this::takeEvents, "doc-serve-watch-" + name);
        eventThread.setDaemon(true);
    }

    /** Why nothing can be watched (the OS refused a watch service), with the fix; empty when watching works. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Starts handing events to the listener; does nothing without a watch service. */
    void start() {
        if (service != null) {
            eventThread.start();
        }
    }

    /**
     * Registers {@code dir} and every directory below it that {@code rules} enter, for {@code folder};
     * stops early once {@code keepGoing} says no. Directories registered already stay as they are.
     *
     * @throws IOException when the OS refuses a registration (its message says which limit), or there is
     *                     no watch service at all
     */
    void watchTree(F folder, Path dir, FolderRules rules, BooleanSupplier keepGoing) throws IOException {
        if (service == null) {
            throw new IOException(failure);
        }
        int depth = rules.isRecursive() ? Integer.MAX_VALUE : 1; // depth 1: the root as a directory, its entries as files
        Files.walkFileTree(dir, Set.of(), depth, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!rules.enters(d)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (closed || !keepGoing.getAsBoolean()) {
                    return FileVisitResult.TERMINATE;
                }
                keys.putIfAbsent(registrar.register(d, service), new Watched<>(folder, d));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // vanished meanwhile or unreadable: the walk of a run reports it
            }
        });
    }

    /** Whether {@code dir} is a registered directory (of any folder). */
    boolean isWatched(Path dir) {
        return keys.values().stream().anyMatch(watched -> watched.dir().equals(dir));
    }

    /** How many directories of each folder are registered, in one pass over the registrations. */
    Map<F, Integer> watchedDirectories() {
        Map<F, Integer> counts = new IdentityHashMap<>();
        for (Watched<F> watched : keys.values()) {
            counts.merge(watched.folder(), 1, Integer::sum);
        }
        return counts;
    }

    /** Drops every registration of {@code folder}. */
    void cancel(F folder) {
        keys.entrySet().removeIf(entry -> {
            if (entry.getValue().folder() == folder) {
                entry.getKey().cancel();
                return true;
            }
            return false;
        });
    }

    private void takeEvents() {
        while (!closed) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Watched<F> watched = keys.get(key);
            if (watched == null) {
                key.cancel();
                continue;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    listener.overflowed(watched.folder());
                } else {
                    listener.changed(watched.folder(), watched.dir(), event.kind(), watched.dir().resolve((Path) event.context()));
                }
            }
            if (!key.reset()) {
                keys.remove(key);
                listener.ended(watched.folder(), watched.dir());
            }
        }
    }

    /** The reason a watch could not be set up, with the fix when it is a known OS limit. */
    static String describeLimit(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("inotify watches")) {
            return "the OS refused more file watches (" + message + "); raise fs.inotify.max_user_watches, e.g. "
                    + "'sudo sysctl fs.inotify.max_user_watches=524288' (persist it in /etc/sysctl.d/), then restart"
                    + " doc-serve; until then the folder is rescanned periodically";
        }
        if (message.contains("inotify instances") || message.contains("Too many open files")) {
            return "the OS refused another file watcher (" + message + "); raise fs.inotify.max_user_instances"
                    + " (e.g. 'sudo sysctl fs.inotify.max_user_instances=512') or the open-files limit, then restart"
                    + " doc-serve; until then the folder is rescanned periodically";
        }
        return "the folder cannot be watched (" + message + "); it is rescanned periodically instead";
    }

    @Override
    public void close() {
        closed = true;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                LOG.debugf("closing the watch service: %s", e.getMessage());
            }
        }
        eventThread.interrupt();
    }
}
