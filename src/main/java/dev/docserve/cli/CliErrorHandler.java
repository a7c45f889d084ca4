package dev.docserve.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one line on stderr that says what to do, never a stack trace. Exceptions
 * that carry an exit code ({@link CliException}) choose it; anything else is exit 1.
 */
public class CliErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        commandLine.getErr().println("doc-serve: " + message);
        commandLine.getErr().flush();
        return e instanceof CliException cli ? cli.exitCode() : ExitCodes.ERROR;
    }
}
