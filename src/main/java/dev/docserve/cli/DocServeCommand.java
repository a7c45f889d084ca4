package dev.docserve.cli;

import picocli.CommandLine.Command;

@Command(name = "doc-serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Local document and code search server for coding agents.",
        subcommands = {ServeCommand.class, EvalCommand.class})
public class DocServeCommand {
}
