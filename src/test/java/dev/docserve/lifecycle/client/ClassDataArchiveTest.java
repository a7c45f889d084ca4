package dev.docserve.lifecycle.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.lifecycle.layout.SharedHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {

    @TempDir
    Path temp;

    @Test
    void aServerShouldMapTheArchiveOnceItExistsAndOnlyATrainingServerShouldRecord() throws IOException {
        ClassDataArchive archive = ClassDataArchive.of(new SharedHome(temp.resolve("home")), jar());

        assertThat(archive.file().getParent()).isEqualTo(temp.resolve("home/cache/cds"));
        assertThat(archive.exists()).isFalse();
        assertThat(archive.jvmOptions()).isEmpty();
        assertThat(archive.trainingOptions()).contains("-XX:+RecordDynamicDumpInfo",
                "-D" + ClassDataArchive.PROPERTY + "=" + archive.file()).noneMatch(o -> o.contains("SharedArchiveFile"));

        Files.createDirectories(archive.file().getParent());
        Files.write(archive.file(), new byte[] {1});

        assertThat(archive.exists()).isTrue();
        assertThat(archive.jvmOptions()).contains("-XX:SharedArchiveFile=" + archive.file())
                .noneMatch(o -> o.contains("RecordDynamicDumpInfo"));
    }

    @Test
    void shouldBeOnUnlessTurnedOffExplicitly() {
        assertThat(ClassDataArchive.requested(null)).isTrue();
        assertThat(ClassDataArchive.requested("true")).isTrue();
        assertThat(ClassDataArchive.requested("")).isTrue();
        assertThat(ClassDataArchive.requested("false")).isFalse();
        assertThat(ClassDataArchive.requested("0")).isFalse();
        assertThat(ClassDataArchive.requested(" OFF ")).isFalse();
        assertThat(ClassDataArchive.requested("no")).isFalse();
    }

    @Test
    void shouldStartANewArchiveWhenTheBuildChanges() throws IOException {
        SharedHome home = new SharedHome(temp.resolve("home"));
        Path jar = jar();
        Path before = ClassDataArchive.of(home, jar).file();

        Files.setLastModifiedTime(jar.resolveSibling("lib/main/a.jar"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));

        assertThat(ClassDataArchive.of(home, jar).file()).isNotEqualTo(before);
        assertThat(ClassDataArchive.of(home, jar).file()).isEqualTo(ClassDataArchive.of(home, jar).file());
    }

    private Path jar() throws IOException {
        Path app = Files.createDirectories(temp.resolve("quarkus-app"));
        Files.createDirectories(app.resolve("app"));
        Files.createDirectories(app.resolve("lib/main"));
        Files.writeString(app.resolve("lib/main/a.jar"), "a");
        return Files.writeString(app.resolve("quarkus-run.jar"), "launcher");
    }
}
