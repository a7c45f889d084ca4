package dev.docserve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code doc-serve reset}: removes everything indexed for the project (asks first on a terminal). */
@Command(name = "reset", mixinStandardHelpOptions = true, description = "Remove everything indexed for the project.")
public class ResetCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    public Integer call() {
        ProjectServer server = ProjectServer.of(project);
        if (!yes) {
            if (System.console() == null || project.json()) {
                throw new CliException(ExitCodes.USAGE, "reset deletes the whole index; pass --yes to confirm");
            }
            String answer = System.console().readLine("Delete everything indexed for %s? [y/N] ", project.root());
            if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                project.out().println("nothing deleted");
                return ExitCodes.OK;
            }
        }
        JsonNode result = server.delete("/index");
        if (project.json()) {
            project.out().printJson(result);
        } else {
            project.out().println(result.path("message").asText("index removed"));
        }
        return ExitCodes.OK;
    }
}
