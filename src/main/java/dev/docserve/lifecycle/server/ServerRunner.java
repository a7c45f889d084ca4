package dev.docserve.lifecycle.server;

import dev.docserve.json.AtomicFiles;
import io.quarkus.runtime.PreventFurtherStepsException;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusBindException;
import sun.misc.Signal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Boots Quarkus for {@code serve} and turns its end into an exit code: 0 after a graceful stop
 * (SIGTERM and SIGINT included, which the JVM would otherwise report as 143 and 130), 0 when the
 * project turned out to run already, and otherwise 1 with one line on stderr instead of a stack trace.
 */
public final class ServerRunner {

    private final Map<String, String> settings;
    private final Path logDir;

    /**
     * @param settings command-line settings, handed to Quarkus as system properties (the top of the chain)
     * @param logDir where the server writes its log file
     */
    public ServerRunner(Map<String, String> settings, Path logDir) {
        this.settings = settings;
        this.logDir = logDir;
    }

    public int run() {
        settings.forEach(System::setProperty);
        if (logDirWritable()) {
            System.setProperty("quarkus.log.file.enabled", "true");
            System.setProperty("quarkus.log.file.path", logDir.resolve("doc-serve.log").toString());
        }
        stopGracefullyOn("TERM");
        stopGracefullyOn("INT");
        AtomicInteger exit = new AtomicInteger(InstanceLifecycle.REFUSED_EXIT);
        // No QuarkusApplication: a start refused by the lifecycle observer ends the wait with its exit code.
        Quarkus.run(null, (code, failure) -> exit.set(failure == null ? code : report(failure)));
        return exit.get();
    }

    private boolean logDirWritable() {
        try {
            AtomicFiles.createOwnerOnlyDirectory(logDir);
            return Files.isWritable(logDir);
        } catch (IOException e) {
            System.err.println("doc-serve: cannot write logs to " + logDir + " (" + e.getMessage() + "); logging to the console only");
            return false;
        }
    }

    private static void stopGracefullyOn(String signal) {
        Signal.handle(new Signal(signal), received -> Quarkus.asyncExit(0));
    }

    private int report(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof PreventFurtherStepsException refusal) {
            // The observer that refused the start has already said why.
            return refusal.getExitCode();
        }
        if (root instanceof QuarkusBindException bind) {
            System.err.println("doc-serve: port " + bind.getPort() + " on " + bind.getHost()
                    + " is already in use; choose another with --port, or set port 0 so the OS picks a free one");
            return InstanceLifecycle.REFUSED_EXIT;
        }
        System.err.println("doc-serve: the server failed to start: " + root.getMessage() + " (details in "
                + logDir.resolve("doc-serve.log") + ")");
        return InstanceLifecycle.REFUSED_EXIT;
    }
}
