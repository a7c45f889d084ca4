package dev.docserve.cli;

import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds picocli's command tree for one command line.
 *
 * <p>picocli reads every registered command's annotations up front, which costs tens of milliseconds
 * per command on a cold JVM. So a command line that names a subcommand gets a tree with only that
 * one; the full tree is built for root help, {@code --version} and mistakes (so picocli can list
 * and suggest commands). New commands ({@code index}, {@code query}, ...) are one line in {@link #commands()}.
 */
final class CommandTree {

    /** Every subcommand, in the order help lists them. */
    static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("init", InitCommand::new);
        commands.put("start", StartCommand::new);
        commands.put("stop", StopCommand::new);
        commands.put("status", StatusCommand::new);
        commands.put("list", ListCommand::new);
        commands.put("url", UrlCommand::new);
        commands.put("mcp", McpCommand::new);
        commands.put("get", GetCommand::new);
        commands.put("skill", SkillCommand::new);
        commands.put("serve", ServeCommand::new);
        commands.put("index", IndexCommand::new);
        commands.put("query", QueryCommand::new);
        commands.put("jobs", JobsCommand::new);
        commands.put("reset", ResetCommand::new);
        commands.put("eval", EvalCommand::new);
        commands.put("bench", BenchCommand::new);
        return commands;
    }

    private CommandTree() {
    }

    static CommandLine commandLine(String... args) {
        // picocli otherwise probes for groovy.lang.Closure; on the launcher's flat class path that miss
        // opens every jar in lib/ (about 0.2 s of a 0.3 s command).
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        CommandLine commandLine = new CommandLine(new DocServeCommand());
        Map<String, Supplier<Object>> commands = commands();
        Supplier<Object> named = args.length == 0 ? null : commands.get(args[0]);
        if (named != null) {
            commandLine.addSubcommand(args[0], named.get());
        } else {
            commands.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
        }
        commandLine.setExecutionExceptionHandler(new CliErrorHandler());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}
