package dev.docserve.cli;

import java.util.OptionalInt;

/**
 * Runs one command line and returns the process exit code: the plain forms of the quick commands
 * directly ({@link QuickCommands}), everything else through picocli ({@link CommandTree}).
 *
 * <p>This class must not mention picocli types itself: verifying a class that passes, say, a
 * {@link CliErrorHandler} where picocli expects its handler interface loads that interface, and
 * finding picocli's jar on the launcher's class path opens most of the other jars first.
 */
public final class DocServeCli {

    private DocServeCli() {
    }

    public static int execute(String... args) {
        OptionalInt quick = QuickCommands.run(args);
        return quick.isPresent() ? quick.getAsInt() : CommandTree.commandLine(args).execute(args);
    }
}
