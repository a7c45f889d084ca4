package dev.docserve.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

import java.util.Arrays;

/**
 * A command line picocli cannot parse: one line on stderr naming the mistake and where help is
 * (instead of the whole usage text), exit 2; under {@code --json} also the error document on stdout.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String help = command.getCommandSpec().qualifiedName() + " --help";
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        message += "; see '" + help + "'";
        CliErrors.report(command.getOut(), command.getErr(), message, ExitCodes.USAGE, Arrays.asList(args).contains("--json"));
        return ExitCodes.USAGE;
    }
}
