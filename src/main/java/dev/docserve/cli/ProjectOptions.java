package dev.docserve.cli;

import dev.docserve.lifecycle.layout.ProjectRoot;
import dev.docserve.lifecycle.layout.ProjectRootException;
import dev.docserve.lifecycle.layout.SharedHome;
import dev.docserve.lifecycle.layout.StateDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/**
 * The options every client command shares: {@code --path DIR} (which project) and {@code --json}
 * (one JSON document on stdout). Add it to a command with {@code @Mixin ProjectOptions project;}.
 */
public class ProjectOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--path", paramLabel = "DIR",
            description = "Act on the project holding DIR (default: the working directory).")
    Path path;

    @Option(names = "--json", description = "Print one JSON document on stdout and nothing else.")
    boolean json;

    private Output output;

    /** Options given without picocli (see {@link QuickCommands}), with the output already chosen. */
    static ProjectOptions of(Path path, boolean json, Output output) {
        ProjectOptions options = new ProjectOptions();
        options.path = path;
        options.json = json;
        options.output = output;
        return options;
    }

    /** The canonical project root: git top level or nearest marker, symlinks resolved. */
    public Path root() {
        try {
            return ProjectRoot.resolve(path == null ? Path.of("") : path);
        } catch (ProjectRootException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    public StateDir projectStateDir() {
        return StateDir.of(root());
    }

    /** The project's state dir, or the shared daemon's when {@code shared}. */
    public StateDir stateDir(boolean shared) {
        return shared ? SharedHome.fromEnvironment().daemonStateDir() : projectStateDir();
    }

    public boolean json() {
        return json;
    }

    public Output out() {
        if (output == null) {
            output = Output.forProcess(spec.commandLine().getOut(), spec.commandLine().getErr(), json);
        }
        return output;
    }
}
