package dev.docserve.index.watch;

import dev.docserve.corpus.IndexRequest;
import dev.docserve.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OS side of following a folder, on real directories with the JDK's watch service (inotify on Linux). */
class DirectoryWatchesTest {

    private static final Duration EVENTS = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private DirectoryWatches<String> watches;

    @AfterEach
    void close() {
        if (watches != null) {
            watches.close();
        }
    }

    @Test
    void shouldRegisterEveryDirectoryTheWalkEntersAndNoExcludedOne() throws IOException {
        Path root = folderWith("docs/guide", "node_modules/lib", "target/classes");
        watches = open(DirectoryRegistrar.system());

        watches.watchTree("docs", root, rules(root), () -> true);

        assertThat(watches.watchedDirectories().getOrDefault("docs", 0)).as("root, docs, docs/guide").isEqualTo(3);
        assertThat(watches.isWatched(root.resolve("docs/guide"))).isTrue();
        assertThat(watches.isWatched(root.resolve("node_modules"))).isFalse();
        assertThat(watches.isWatched(root.resolve("target"))).isFalse();
    }

    @Test
    void shouldHandEachChangeToTheListenerWithItsFolderAndDirectory() throws IOException {
        Path root = folderWith("docs");
        watches = open(DirectoryRegistrar.system());
        watches.watchTree("project", root, rules(root), () -> true);
        watches.start();

        Files.writeString(root.resolve("docs/new.md"), "# New\n");

        Eventually.await("the creation heard", EVENTS, () -> heard.contains(
                "project ENTRY_CREATE " + root.resolve("docs") + " " + root.resolve("docs/new.md")));
    }

    @Test
    void shouldSayWhenADirectorysRegistrationEndsAndStopCountingIt() throws IOException {
        Path root = folderWith("docs/old");
        watches = open(DirectoryRegistrar.system());
        watches.watchTree("project", root, rules(root), () -> true);
        watches.start();

        Files.delete(root.resolve("docs/old"));

        Eventually.await("the end of old/ heard", EVENTS, () -> heard.contains("project ended " + root.resolve("docs/old")));
        assertThat(watches.watchedDirectories().getOrDefault("project", 0)).isEqualTo(2);
    }

    @Test
    void shouldDropEveryRegistrationOfAFolderOnCancelAndKeepTheOthers() throws IOException {
        Path one = folderWith("one/a");
        Path two = Files.createDirectories(temp.resolve("two"));
        watches = open(DirectoryRegistrar.system());
        watches.watchTree("one", one, rules(one), () -> true);
        watches.watchTree("two", two, rules(two), () -> true);

        watches.cancel("one");

        assertThat(watches.watchedDirectories().getOrDefault("one", 0)).isZero();
        assertThat(watches.watchedDirectories().getOrDefault("two", 0)).isEqualTo(1);
    }

    @Test
    void shouldStopTheWalkWhenTheCallerSaysSo() throws IOException {
        Path root = folderWith("a", "b", "c");
        watches = open(DirectoryRegistrar.system());

        watches.watchTree("project", root, rules(root), () -> false);

        assertThat(watches.watchedDirectories().getOrDefault("project", 0)).isZero();
    }

    @Test
    void shouldPassOnTheOsRefusalWithAMessageThatSaysWhatToRaise() throws IOException {
        Path root = folderWith("a", "b", "c");
        watches = open(DirectoryRegistrar.limitedTo(2, DirectoryRegistrar.system()));

        assertThatThrownBy(() -> watches.watchTree("project", root, rules(root), () -> true))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(DirectoryWatches.describeLimit((IOException) e))
                        .contains("fs.inotify.max_user_watches").contains("rescanned periodically"));
        assertThat(watches.watchedDirectories().getOrDefault("project", 0)).isEqualTo(2);
    }

    private DirectoryWatches<String> open(DirectoryRegistrar registrar) {
        DirectoryWatches<String> opened = new DirectoryWatches<>("test", registrar, new DirectoryWatches.Listener<>() {
            @Override
            public void overflowed(String folder) {
                heard.add(folder + " overflow");
            }

            @Override
            public void changed(String folder, Path dir, WatchEvent.Kind<?> kind, Path path) {
                heard.add(folder + " " + kind.name() + " " + dir + " " + path);
            }

            @Override
            public void ended(String folder, Path dir) {
                heard.add(folder + " ended " + dir);
            }
        });
        assertThat(opened.failure()).isEmpty();
        return opened;
    }

    private Path folderWith(String... dirs) throws IOException {
        Path root = Files.createDirectories(temp.resolve("project"));
        for (String dir : dirs) {
            Files.createDirectories(root.resolve(dir));
        }
        return root.toRealPath();
    }

    private static FolderRules rules(Path root) {
        return new FolderRules(root, IndexRequest.of(root));
    }
}
