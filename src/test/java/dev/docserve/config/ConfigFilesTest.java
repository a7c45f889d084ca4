package dev.docserve.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldTreatAMissingFileAsAbsent() {
        assertThat(ConfigFiles.readProjectConfig(dir.resolve("config.json"))).isEmpty();
    }

    @Test
    void shouldReadDocumentedKeysAndIgnoreUnknownOnes() throws IOException {
        Path file = write("{\"port\": 8080, \"data_dir\": \"/var/ds\", \"from_the_future\": true}");

        ProjectConfig config = ConfigFiles.readProjectConfig(file).orElseThrow();

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo("/var/ds");
        assertThat(config.bindHost()).isNull();
    }

    @Test
    void shouldNameFileLineAndKeyForAValueOfTheWrongType() throws IOException {
        Path file = write("{\n  \"bind_host\": \"127.0.0.1\",\n  \"port\": \"eighty\"\n}");

        assertThatThrownBy(() -> ConfigFiles.readProjectConfig(file))
                .isInstanceOf(InvalidConfigFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("\"port\"")
                .hasMessageContaining("whole number");
    }

    @Test
    void shouldNameFileAndLineForBrokenJson() throws IOException {
        Path file = write("{\n  \"port\": 0,\n  \"log_dir\" \"logs\"\n}");

        assertThatThrownBy(() -> ConfigFiles.readProjectConfig(file))
                .isInstanceOf(InvalidConfigFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void shouldRefuseAnEmptyFileAndSayHowToFixIt() throws IOException {
        Path file = write("  \n");

        assertThatThrownBy(() -> ConfigFiles.readProjectConfig(file))
                .hasMessageContaining("is empty")
                .hasMessageContaining("{}");
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("config.json"), content);
    }
}
