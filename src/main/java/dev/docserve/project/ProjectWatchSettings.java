package dev.docserve.project;

import dev.docserve.config.ConfigFiles;
import dev.docserve.config.DocServeConfig;
import dev.docserve.config.ProjectConfig;
import dev.docserve.index.watch.WatchSettings;
import dev.docserve.lifecycle.layout.StateDir;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * How one served project is followed. A project-mode server has the project's {@code config.json} in
 * its config chain already; the shared daemon reads each project's {@code watch} key itself, so one
 * project can opt out without the others.
 */
final class ProjectWatchSettings {

    private static final Logger LOG = Logger.getLogger(ProjectWatchSettings.class);

    private ProjectWatchSettings() {
    }

    static WatchSettings of(DocServeConfig config, Path root, boolean sharedMode) {
        boolean enabled = config.watch();
        if (sharedMode) {
            try {
                enabled = ConfigFiles.readProjectConfig(StateDir.of(root).configFile())
                        .map(ProjectConfig::watch).orElse(enabled);
            } catch (RuntimeException e) {
                LOG.warnf("ignoring the config of %s for watching: %s", root, e.getMessage());
            }
        }
        DocServeConfig.Freshness f = config.freshness();
        return new WatchSettings(enabled, f.debounce(), f.maxDelay(), f.rescanInterval(), f.maxWatchedDirectories());
    }
}
