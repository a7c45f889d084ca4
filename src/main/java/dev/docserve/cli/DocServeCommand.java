package dev.docserve.cli;

import picocli.CommandLine.Command;

@Command(name = "doc-serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Local document and code search server for coding agents.",
        subcommands = {InitCommand.class, StartCommand.class, StopCommand.class, StatusCommand.class,
                ListCommand.class, UrlCommand.class, ServeCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 error, 2 invalid usage or config, 3 not running."})
public class DocServeCommand {
}
