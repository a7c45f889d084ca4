package dev.docserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent-sized commands from a shell: get PATH[:LINE], query --max-chars and --files, skill install. */
class AgentCliIT {

    @TempDir
    Path tmp;

    private CliProcess cli;
    private ServerCleanup servers;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliProcess(Files.createDirectories(tmp.resolve("home")));
        servers = new ServerCleanup(cli);
    }

    @AfterEach
    void stopServers() {
        servers.stopAll();
    }

    @Test
    void shouldGetLinesQueryWithinABudgetListFilesAndInstallTheSkill() throws Exception {
        Path project = servers.track(CliProcess.gitProject(tmp, "p"));
        Path docs = Files.createDirectories(project.resolve("docs"));
        Files.writeString(docs.resolve("penguins.md"), "# Penguins\n\nEmperor penguins eat krill and fish.\n\n"
                + "They dive deep. ".repeat(200) + "\n");
        Files.writeString(docs.resolve("volcano.md"), "# Volcanoes\n\nShield volcanoes erupt basaltic lava.\n");
        assertThat(cli.run(project, "start").exitCode()).isZero();
        assertThat(cli.run(docs, "index", ".", "--wait").exitCode()).isZero();

        CliProcess.Result line = cli.run(docs, "get", "docs/penguins.md:3", "-l", "1");
        assertThat(line.exitCode()).as(line.toString()).isZero();
        assertThat(line.stdout().strip()).isEqualTo("Emperor penguins eat krill and fish.");

        CliProcess.Result budget = cli.run(project, "query", "penguins dive", "--max-chars", "300");
        assertThat(budget.exitCode()).as(budget.toString()).isZero();
        assertThat(budget.stdout().strip().length()).isLessThanOrEqualTo(300);
        assertThat(budget.stdout()).contains("## docs/penguins.md");

        CliProcess.Result files = cli.run(project, "query", "penguins volcanoes", "--files");
        assertThat(files.stdout().strip().lines().toList()).containsExactlyInAnyOrder("docs/penguins.md", "docs/volcano.md");

        CliProcess.Result missing = cli.run(project, "get", "docs/nope.md");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("not an indexed file");

        CliProcess.Result skill = cli.run(project, "skill", "install");
        assertThat(skill.exitCode()).as(skill.toString()).isZero();
        Path installed = project.resolve(".claude/skills/doc-serve/SKILL.md");
        try (InputStream shipped = getClass().getClassLoader().getResourceAsStream("skills/doc-serve/SKILL.md")) {
            assertThat(Files.readAllBytes(installed)).isEqualTo(shipped.readAllBytes());
        }
        assertThat(Files.readString(installed)).startsWith("---\nname: doc-serve\n");
    }
}
