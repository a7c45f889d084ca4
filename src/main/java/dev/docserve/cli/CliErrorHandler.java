package dev.docserve.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** picocli's hook for {@link CliErrors}: a failed command becomes one line on stderr and its exit code. */
public class CliErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        ParseResult own = commandLine.getParseResult();
        return CliErrors.handle(e, commandLine.getOut(), commandLine.getErr(), own != null && own.hasMatchedOption("--json"));
    }
}
