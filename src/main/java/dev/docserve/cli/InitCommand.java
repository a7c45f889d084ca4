package dev.docserve.cli;

import dev.docserve.lifecycle.layout.InstanceMode;
import dev.docserve.config.ProjectConfig;
import dev.docserve.config.SharedConfig;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.SharedHome;
import dev.docserve.lifecycle.layout.StateDir;
import dev.docserve.json.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code doc-serve init}: writes the project's {@code config.json} with the documented defaults and
 * a {@code .gitignore} that keeps the runtime files out of git. Optional: {@code start} works without.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create .claude/doc-serve/ with a default config.json and a .gitignore.")
public class InitCommand implements Callable<Integer> {

    /** Everything in the state dir is machine-local except the config (and this file). */

    @Mixin
    ProjectOptions project;

    @Mixin
    ModeOption mode;

    @Option(names = "--force", description = "Overwrite an existing config.json and .gitignore with the defaults.")
    boolean force;

    @Override
    public Integer call() {
        StateDir stateDir = project.projectStateDir();
        boolean shared = mode.shared();
        if (Files.exists(stateDir.configFile()) && !force) {
            throw new CliException(ExitCodes.ERROR, stateDir.configFile() + " already exists; keep it, or pass --force "
                    + "to replace it with the defaults");
        }
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(stateDir.dir());
            ProjectConfig defaults = ProjectConfig.defaults();
            ProjectConfig config = shared
                    ? new ProjectConfig(InstanceMode.SHARED.wireName(), defaults.bindHost(), defaults.port(), defaults.dataDir(),
                            defaults.logDir(), defaults.sharedServerUrl(), defaults.watch())
                    : defaults;
            AtomicFiles.writeJson(stateDir.configFile(), config, false);
            written.add(stateDir.configFile());
            if (force || !Files.exists(stateDir.gitignoreFile())) {
                AtomicFiles.write(stateDir.gitignoreFile(), StateDir.GITIGNORE.getBytes(StandardCharsets.UTF_8), false);
                written.add(stateDir.gitignoreFile());
            }
            if (shared) {
                SharedHome home = SharedHome.fromEnvironment();
                if (!Files.exists(home.sharedConfigFile())) {
                    Files.createDirectories(home.dir());
                    AtomicFiles.writeJson(home.sharedConfigFile(), SharedConfig.defaults(), false);
                    written.add(home.sharedConfigFile());
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot write " + stateDir.dir() + ": " + e.getMessage()
                    + "; check the folder's permissions");
        }
        report(stateDir, shared, written);
        return ExitCodes.OK;
    }

    private void report(StateDir stateDir, boolean shared, List<Path> written) {
        Output out = project.out();
        if (out.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("project_root", stateDir.owner().toString());
            doc.put("state_dir", stateDir.dir().toString());
            doc.put("mode", (shared ? InstanceMode.SHARED : InstanceMode.PROJECT).wireName());
            doc.put("written", written.stream().map(Path::toString).toList());
            out.printJson(doc);
            return;
        }
        out.println("initialised doc-serve in " + stateDir.dir());
        written.forEach(file -> out.println("  wrote " + file));
        out.note(shared ? "next: doc-serve start --mode shared, then doc-serve start" : "next: doc-serve start");
    }
}
