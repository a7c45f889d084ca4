package dev.docserve.cli;

import picocli.CommandLine.Command;

/** The root command; its subcommands are registered by {@link CommandTree}. */
@Command(name = "doc-serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Local document and code search server for coding agents.",
        footer = {"", "Exit codes: 0 ok, 1 error, 2 invalid usage or config, 3 not running."})
public class DocServeCommand {
}
