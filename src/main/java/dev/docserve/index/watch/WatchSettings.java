package dev.docserve.index.watch;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * How a project follows its files.
 *
 * @param enabled          whether indexed folders are watched at all ({@code watch: false} turns it off)
 * @param debounce         quiet time after the last change before a run starts: a burst of saves or a
 *                         branch switch becomes one run
 * @param maxDelay         the longest a change waits while changes keep coming
 * @param rescanInterval   how often a folder that cannot be watched (the OS refused more watches) is
 *                         rescanned by size and time instead, and a vanished folder is looked for again
 * @param maxWatchedDirectories a cap on directories watched per project, failing registrations beyond it
 *                         exactly as the OS does at its inotify limit (a seam for tests; unset in use)
 */
public record WatchSettings(boolean enabled, Duration debounce, Duration maxDelay, Duration rescanInterval,
                            OptionalInt maxWatchedDirectories) {

    public static WatchSettings defaults() {
        return new WatchSettings(true, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(60),
                OptionalInt.empty());
    }

    public WatchSettings withEnabled(boolean value) {
        return new WatchSettings(value, debounce, maxDelay, rescanInterval, maxWatchedDirectories);
    }
}
