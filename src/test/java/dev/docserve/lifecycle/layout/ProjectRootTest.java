package dev.docserve.lifecycle.layout;

import dev.docserve.testing.TempProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectRootTest {

    @TempDir
    Path temp;

    @Test
    void shouldResolveAnySubdirectoryToTheGitTopLevel() throws IOException {
        Path project = TempProject.gitProject(temp, "repo");
        Path nested = Files.createDirectories(project.resolve("a/b/c"));

        assertThat(ProjectRoot.resolve(nested)).isEqualTo(project);
    }

    @Test
    void shouldPreferTheGitTopLevelOverANearerBuildFile() throws IOException {
        Path project = TempProject.gitProject(temp, "repo");
        Path module = Files.createDirectories(project.resolve("module"));
        Files.writeString(module.resolve("pom.xml"), "<project/>");

        assertThat(ProjectRoot.resolve(module.resolve("."))).isEqualTo(project);
    }

    @Test
    void shouldUseTheNearestProjectMarkerOutsideGit() throws IOException {
        Path project = Files.createDirectories(temp.resolve("plain"));
        Files.writeString(project.resolve("package.json"), "{}");
        Path nested = Files.createDirectories(project.resolve("src/lib"));

        assertThat(ProjectRoot.resolve(nested)).isEqualTo(project.toRealPath());
    }

    @Test
    void shouldResolveASymlinkedPathToTheSameRoot() throws IOException {
        Path project = TempProject.gitProject(temp, "repo");
        Files.createDirectories(project.resolve("docs"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), project);

        assertThat(ProjectRoot.resolve(link.resolve("docs"))).isEqualTo(project);
    }

    @Test
    void shouldFallBackToTheFolderItselfWithoutGitOrMarkers() throws IOException {
        Path lonely = Files.createDirectories(temp.resolve("lonely"));

        assertThat(ProjectRoot.resolve(lonely)).isEqualTo(lonely.toRealPath());
    }

    @Test
    void shouldExplainAFolderThatDoesNotExist() {
        assertThatThrownBy(() -> ProjectRoot.resolve(temp.resolve("missing")))
                .isInstanceOf(ProjectRootException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("--path");
    }

    @Test
    void shouldDeriveTheProjectIdFromTheCanonicalRoot() {
        // printf '%s' /home/dev/projects/alpha | sha256sum | cut -c1-8
        assertThat(ProjectId.of(Path.of("/home/dev/projects/alpha"))).isEqualTo("p_5b0ca1eb");
    }
}
