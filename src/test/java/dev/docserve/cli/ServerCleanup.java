package dev.docserve.cli;

import dev.docserve.lifecycle.layout.PidFile;
import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.StateDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Remembers every project a test may have started a server for and stops them all afterwards,
 * whether the test passed or not: first politely through the CLI, then by PID from the state files.
 */
final class ServerCleanup {

    private final CliProcess cli;
    private final List<Path> projects = new ArrayList<>();
    private boolean daemon;

    ServerCleanup(CliProcess cli) {
        this.cli = cli;
    }

    Path track(Path project) {
        projects.add(project);
        return project;
    }

    /** The test may start the shared daemon of the CLI's temp home. */
    void trackDaemon() {
        daemon = true;
    }

    void stopAll() {
        if (daemon) {
            cli.run(cli.home(), "stop", "--mode", "shared", "--force");
            kill(new StateDir(cli.home(), cli.home()));
        }
        for (Path project : projects) {
            cli.run(project, "stop", "--force", "--timeout", "10");
            kill(StateDir.of(project));
        }
    }

    private static void kill(StateDir stateDir) {
        PidFile.read(stateDir.pidFile()).ifPresent(ServerCleanup::kill);
        RuntimeFile.readLeniently(stateDir.runtimeFile()).map(RuntimeState::pid).ifPresent(ServerCleanup::kill);
    }

    private static void kill(long pid) {
        ProcessHandle.of(pid).filter(p -> p.info().commandLine().orElse("").contains("quarkus-run.jar"))
                .ifPresent(ProcessHandle::destroyForcibly);
    }
}
