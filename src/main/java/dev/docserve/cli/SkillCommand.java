package dev.docserve.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code doc-serve skill install}: writes the doc-serve skill that ships in the jar
 * ({@code skills/doc-serve/SKILL.md}) into the project's {@code .claude/skills/doc-serve/}, where Claude
 * Code finds project skills. An existing, different file is kept unless {@code --force}.
 */
@Command(name = "skill", mixinStandardHelpOptions = true,
        description = "Install the doc-serve skill for agents into the project (.claude/skills/doc-serve/SKILL.md).")
public class SkillCommand implements Callable<Integer> {

    static final String RESOURCE = "skills/doc-serve/SKILL.md";

    @Mixin
    ProjectOptions project;

    @Parameters(index = "0", paramLabel = "ACTION", description = "install (the only action).")
    String action;

    @Option(names = "--force", description = "Replace an existing SKILL.md that differs.")
    boolean force;

    @Override
    public Integer call() {
        if (!"install".equals(action)) {
            throw new CliException(ExitCodes.USAGE, "unknown action '" + action + "': use 'doc-serve skill install'");
        }
        Path target = project.root().resolve(".claude").resolve("skills").resolve("doc-serve").resolve("SKILL.md");
        byte[] skill = shipped();
        try {
            if (Files.exists(target) && !force && !java.util.Arrays.equals(Files.readAllBytes(target), skill)) {
                throw new CliException(ExitCodes.USAGE, target + " exists and differs from this version's skill; "
                        + "keep it, or replace it with 'doc-serve skill install --force'");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, skill);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot write " + target + ": " + e.getMessage());
        }
        if (project.json()) {
            project.out().printJson(Map.of("installed", target.toString()));
        } else {
            project.out().println(target.toString());
            project.out().note("installed the doc-serve skill; add the MCP server with: claude mcp add doc-serve -- doc-serve mcp");
        }
        return ExitCodes.OK;
    }

    static byte[] shipped() {
        try (InputStream in = SkillCommand.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
