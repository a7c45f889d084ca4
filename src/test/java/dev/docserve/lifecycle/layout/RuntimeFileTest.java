package dev.docserve.lifecycle.layout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteExactlyTheDocumentedSnakeCaseKeysOwnerOnly() throws IOException {
        Path file = dir.resolve("runtime.json");
        RuntimeFile.write(file, RuntimeState.process("project", Path.of("/p"), "ds_abc123", "127.0.0.1", 4321, 99,
                Instant.parse("2026-01-27T10:00:00Z")));

        JsonNode json = Json.mapper().readTree(file.toFile());

        List<String> keys = Stream.of("schema_version", "mode", "project_root", "instance_id", "base_url",
                "bind_host", "port", "pid", "started_at").toList();
        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(keys);
        assertThat(json.get("schema_version").isInt()).isTrue();
        assertThat(json.get("base_url").asText()).isEqualTo("http://127.0.0.1:4321");
        assertThat(json.get("started_at").asText()).isEqualTo("2026-01-27T10:00:00Z");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.list(dir)).as("no temp file left behind").hasSize(1);
    }

    @Test
    void shouldWriteTheSharedPointerForm() throws IOException {
        Path file = dir.resolve("runtime.json");
        RuntimeFile.write(file, RuntimeState.sharedPointer(Path.of("/p"), "p_12345678", "http://127.0.0.1:45123"));

        JsonNode json = Json.mapper().readTree(file.toFile());

        assertThat(json.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("schema_version", "mode", "project_root", "project_id", "base_url");
        assertThat(RuntimeFile.read(file).orElseThrow().isPointer()).isTrue();
    }

    @Test
    void shouldIgnoreUnknownKeys() throws IOException {
        Path file = Files.writeString(dir.resolve("runtime.json"), """
                {"schema_version": 1, "mode": "project", "project_root": "/p", "instance_id": "ds_abc123",
                 "base_url": "http://127.0.0.1:1", "bind_host": "127.0.0.1", "port": 1, "pid": 2,
                 "started_at": "2026-01-27T10:00:00Z", "added_in_v2": {"x": 1}}
                """);

        assertThat(RuntimeFile.read(file).orElseThrow().instanceId()).isEqualTo("ds_abc123");
    }

    @Test
    void shouldRefuseAnUnknownSchemaVersionInsteadOfGuessing() throws IOException {
        Path file = Files.writeString(dir.resolve("runtime.json"), "{\"schema_version\": 2, \"mode\": \"project\"}");

        assertThatThrownBy(() -> RuntimeFile.read(file))
                .isInstanceOf(UnreadableRuntimeFileException.class)
                .hasMessage("unsupported runtime.json schema_version 2");
    }

    @Test
    void shouldRefuseATruncatedFile() throws IOException {
        Path file = Files.writeString(dir.resolve("runtime.json"), "{\"schema_version\": 1, \"mode\": \"pro");

        assertThatThrownBy(() -> RuntimeFile.read(file)).isInstanceOf(UnreadableRuntimeFileException.class);
        assertThat(RuntimeFile.readLeniently(file)).isEmpty();
    }

    @Test
    void whatIsWrittenShouldReadBackEqualInEveryForm() {
        Path file = dir.resolve("runtime.json");
        RuntimeState process = RuntimeState.process("project", Path.of("/p/with \"quotes\" and é"), "ds_abc123",
                "::1", 4321, 1L << 40, Instant.parse("2026-01-27T10:00:00.123456789Z"));
        RuntimeState pointer = RuntimeState.sharedPointer(Path.of("/p"), "p_12345678", "http://127.0.0.1:45123");

        for (RuntimeState state : List.of(process, pointer)) {
            RuntimeFile.write(file, state);
            assertThat(RuntimeFile.read(file)).contains(state);
        }
    }

    @Test
    void missingOptionalFieldsShouldReadAsNull() throws IOException {
        Path file = Files.writeString(dir.resolve("runtime.json"), "{\"schema_version\": 1, \"base_url\": null}");

        assertThat(RuntimeFile.read(file)).contains(new RuntimeState(1, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void aFieldOfTheWrongTypeShouldMakeTheFileUnreadableWithAMessageNamingIt() throws IOException {
        Path file = dir.resolve("runtime.json");
        for (String[] wrong : new String[][] {
                {"\"pid\": \"12\"", "pid should be an integer, not a string"},
                {"\"port\": 1.5", "port should be an integer, not a number"},
                {"\"port\": 70000", "port 70000 is out of range"},
                {"\"base_url\": [\"x\"]", "base_url should be a string, not an array"},
                {"\"started_at\": \"yesterday\"", "started_at is not an ISO-8601 instant: yesterday"}}) {
            Files.writeString(file, "{\"schema_version\": 1, " + wrong[0] + "}");

            assertThatThrownBy(() -> RuntimeFile.read(file)).as(wrong[0])
                    .isInstanceOf(UnreadableRuntimeFileException.class).hasMessage(file + ": " + wrong[1]);
        }
    }

    @Test
    void aFileThatIsNotAnObjectOrHasNoIntegerVersionShouldBeUnreadable() throws IOException {
        Path file = dir.resolve("runtime.json");
        Files.writeString(file, "[1]");
        assertThatThrownBy(() -> RuntimeFile.read(file)).hasMessage(file + " does not hold a JSON object");
        Files.writeString(file, "{\"schema_version\": \"1\"}");
        assertThatThrownBy(() -> RuntimeFile.read(file)).hasMessage(file + " has no integer schema_version");
        Files.writeString(file, "");
        assertThatThrownBy(() -> RuntimeFile.read(file)).hasMessageStartingWith(file + " is not valid JSON");
    }
}
