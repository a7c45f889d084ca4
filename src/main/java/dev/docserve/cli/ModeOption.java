package dev.docserve.cli;

import picocli.CommandLine.Option;

/** {@code --mode project|shared}: which kind of instance a command acts on. */
public class ModeOption {

    @Option(names = "--mode", paramLabel = "MODE",
            description = "project (the project's own server, default) or shared (the shared daemon).")
    String mode;

    /** The option given without picocli (see {@link QuickCommands}); null when absent. */
    static ModeOption of(String mode) {
        ModeOption option = new ModeOption();
        option.mode = mode;
        return option;
    }

    public boolean shared() {
        if (mode == null || "project".equals(mode)) {
            return false;
        }
        if ("shared".equals(mode)) {
            return true;
        }
        throw new CliException(ExitCodes.USAGE, "unknown mode '" + mode + "': use project or shared");
    }

    /** The mode as given, or null when the flag is absent. */
    public String given() {
        shared();
        return mode;
    }
}
