package dev.docserve.cli;

import dev.docserve.lifecycle.layout.InstanceMode;
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
        return parsed() == InstanceMode.SHARED;
    }

    /** The mode given, {@link InstanceMode#PROJECT} when absent. */
    public InstanceMode parsed() {
        try {
            return InstanceMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** The mode as given, or null when the flag is absent. */
    public String given() {
        shared();
        return mode;
    }
}
