package dev.docserve.index.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registers one directory with a watch service: the seam where the operating system can refuse (on
 * Linux, one inotify watch per directory, bounded by {@code fs.inotify.max_user_watches}).
 */
@FunctionalInterface
public interface DirectoryRegistrar {

    /** What the JDK's Linux watch service says when inotify refuses another watch. */
    String INOTIFY_LIMIT_MESSAGE = "User limit of inotify watches reached";

    WatchKey register(Path dir, WatchService service) throws IOException;

    /** Creation, deletion and modification of the directory's entries (renames arrive as a delete and a create). */
    static DirectoryRegistrar system() {
        return (dir, service) -> dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
    }

    /** {@code delegate}, refusing like the OS does once {@code max} directories are registered. */
    static DirectoryRegistrar limitedTo(int max, DirectoryRegistrar delegate) {
        AtomicInteger registered = new AtomicInteger();
        return (dir, service) -> {
            if (registered.incrementAndGet() > max) {
                registered.decrementAndGet();
                throw new IOException(INOTIFY_LIMIT_MESSAGE);
            }
            return delegate.register(dir, service);
        };
    }
}
