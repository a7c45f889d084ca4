package dev.docserve.cli;

import picocli.CommandLine.IVersionProvider;

/** picocli's view of {@link AppVersion}. */
public class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {AppVersion.line()};
    }
}
