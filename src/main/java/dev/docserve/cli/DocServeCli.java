package dev.docserve.cli;

import picocli.CommandLine;

/** Builds the command tree and runs one command line; returns the process exit code. */
public final class DocServeCli {

    private DocServeCli() {
    }

    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new DocServeCommand());
        commandLine.setExecutionExceptionHandler(new CliErrorHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine.execute(args);
    }
}
