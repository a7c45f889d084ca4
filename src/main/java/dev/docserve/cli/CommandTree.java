package dev.docserve.cli;

import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds the command tree and runs one command line; returns the process exit code.
 *
 * <p>picocli reads every registered command's annotations up front, which costs tens of milliseconds
 * per command on a cold JVM. So a command line that names a subcommand gets a tree with only that
 * one; the full tree is built for root help, {@code --version} and mistakes (so picocli can list
 * and suggest commands). New commands ({@code index}, {@code query}, ...) are one line in {@link #COMMANDS}.
 */
public final class DocServeCli {

    /** Every subcommand, in the order help lists them. */
    static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        // picocli otherwise probes for groovy.lang.Closure; on the launcher's flat class path that miss
        // opens every jar in lib/ (about 0.2 s of a 0.3 s command).
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        COMMANDS.put("init", InitCommand::new);
        COMMANDS.put("start", StartCommand::new);
        COMMANDS.put("stop", StopCommand::new);
        COMMANDS.put("status", StatusCommand::new);
        COMMANDS.put("list", ListCommand::new);
        COMMANDS.put("url", UrlCommand::new);
        COMMANDS.put("serve", ServeCommand::new);
        COMMANDS.put("index", IndexCommand::new);
        COMMANDS.put("query", QueryCommand::new);
        COMMANDS.put("jobs", JobsCommand::new);
        COMMANDS.put("reset", ResetCommand::new);
        COMMANDS.put("eval", EvalCommand::new);
        COMMANDS.put("bench", BenchCommand::new);
    }

    private DocServeCli() {
    }

    public static int execute(String... args) {
        return commandLine(args).execute(args);
    }

    static CommandLine commandLine(String... args) {
        CommandLine commandLine = new CommandLine(new DocServeCommand());
        Supplier<Object> named = args.length == 0 ? null : COMMANDS.get(args[0]);
        if (named != null) {
            commandLine.addSubcommand(args[0], named.get());
        } else {
            COMMANDS.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
        }
        commandLine.setExecutionExceptionHandler(new CliErrorHandler());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}
