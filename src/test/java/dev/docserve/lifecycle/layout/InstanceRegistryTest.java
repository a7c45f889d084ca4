package dev.docserve.lifecycle.layout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceRegistryTest {

    @TempDir
    Path home;

    private InstanceRegistry registry() {
        return new InstanceRegistry(new SharedHome(home));
    }

    private static RuntimeState project(String root, String instanceId, int port) {
        return RuntimeState.process("project", Path.of(root), instanceId, "127.0.0.1", port, 100 + port,
                Instant.parse("2026-11-27T04:00:00Z").plusSeconds(port));
    }

    @Test
    void entriesShouldListEveryRegisteredInstanceOldestFirst() {
        InstanceRegistry registry = registry();
        RuntimeState b = project("/p/b", "ds_00000b", 2);
        RuntimeState a = project("/p/a", "ds_00000a", 1);
        registry.register(b);
        registry.register(a);

        assertThat(registry.entries()).extracting(InstanceRegistry.Entry::state).containsExactly(a, b);
    }

    @Test
    void eachProcessShouldHaveItsOwnFileSoPruningADeadEntryKeepsTheLiveOneOfTheSameProject() {
        InstanceRegistry registry = registry();
        RuntimeState dead = project("/p/a", "ds_dead00", 1);
        RuntimeState live = project("/p/a", "ds_11fe00", 2);
        registry.register(dead);
        registry.register(live);

        InstanceRegistry.Entry deadEntry = registry.entries().get(0);
        registry.prune(deadEntry);

        assertThat(registry.entries()).extracting(InstanceRegistry.Entry::state).containsExactly(live);
        assertThat(deadEntry.file().getFileName().toString()).isEqualTo(ProjectId.of(Path.of("/p/a")) + ".ds_dead00.json");
    }

    @Test
    void unregisterShouldRemoveOnlyThatInstance() {
        InstanceRegistry registry = registry();
        RuntimeState a = project("/p/a", "ds_00000a", 1);
        RuntimeState daemon = RuntimeState.process("shared", home, "ds_5aaaed", "127.0.0.1", 45123, 7, Instant.now());
        registry.register(a);
        registry.register(daemon);

        registry.unregister(a);

        assertThat(registry.entries()).extracting(InstanceRegistry.Entry::state).containsExactly(daemon);
        assertThat(registry.isRegistered(daemon)).isTrue();
        assertThat(home.resolve("instances/shared.ds_5aaaed.json")).exists();
    }

    @Test
    void entriesShouldSkipTempFilesForeignFilesAndAMissingFolder() throws Exception {
        assertThat(registry().entries()).isEmpty();
        Files.createDirectories(home.resolve("instances"));
        Files.writeString(home.resolve("instances/.p_1.ds_1.json.123.tmp"), "{");
        Files.writeString(home.resolve("instances/garbage.json"), "not json");
        Files.writeString(home.resolve("instances/other.json"), "{\"schema_version\": 1}");

        assertThat(registry().entries()).isEmpty();
    }
}
