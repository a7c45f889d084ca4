package dev.docserve.lifecycle.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataDumpTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheThreeNewestArchivesAndNothingElseOfTheirKind() throws IOException {
        for (int i = 0; i < 5; i++) {
            Path archive = Files.writeString(dir.resolve("serve-" + i + ".jsa"), "x");
            Files.setLastModifiedTime(archive, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Files.writeString(dir.resolve("notes.txt"), "not an archive");

        ClassDataDump.dropOlderArchives(dir);

        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("serve-4.jsa", "serve-3.jsa", "serve-2.jsa", "notes.txt");
        }
    }
}
