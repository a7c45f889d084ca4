package dev.docserve.lifecycle.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.lifecycle.layout.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataTrainingTest {

    @TempDir
    Path temp;

    @Test
    void theTrainingProjectShouldBeItsOwnRootEvenInsideAHomeKeptInGit() throws IOException {
        Files.createDirectories(temp.resolve(".git"));
        Path run = Files.createDirectories(temp.resolve(".doc-serve/cache/cds/training/run-1"));

        Path project = ClassDataTraining.trainingProject(run);

        assertThat(ProjectRoot.resolve(project)).isEqualTo(project.toRealPath());
    }

    @Test
    void theTrainingServerShouldRunOnTheDefaultsUnderItsOwnHomeNotOnTheUsersSettings() {
        Map<String, String> environment = new HashMap<>(Map.of("PATH", "/usr/bin", "DOC_SERVE_HOME", "/home/u/.doc-serve",
                "DOC_SERVE_STORAGE", "opensearch", "DOC_SERVE_OPENSEARCH_URL", "http://cluster:9200", "DOC_SERVE_MODE", "shared",
                "DOC_SERVE_TOKEN", "secret"));

        ClassDataTraining.trainingEnvironment(environment, Path.of("/cache/cds/training/run-1/home"));

        assertThat(environment).containsExactlyInAnyOrderEntriesOf(Map.of("PATH", "/usr/bin",
                "DOC_SERVE_HOME", "/cache/cds/training/run-1/home"));
    }
}
