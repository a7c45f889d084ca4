package dev.docserve.project.catalog;

import dev.docserve.lifecycle.layout.SharedHome;
import dev.docserve.json.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Registrations as {@code projects/<project_id>/project.json} in the shared home: one daemon owns the
 * home (its lock), so nobody else changes them.
 */
public final class FileProjectCatalog implements ProjectCatalog {

    private static final Logger LOG = Logger.getLogger(FileProjectCatalog.class);

    private final SharedHome home;

    public FileProjectCatalog(SharedHome home) {
        this.home = home;
    }

    @Override
    public List<ProjectRecord> loadAll() {
        Path dir = home.dir().resolve("projects");
        List<ProjectRecord> records = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return records;
        }
        try (DirectoryStream<Path> storages = Files.newDirectoryStream(dir)) {
            for (Path storage : storages) {
                try {
                    ProjectRecord.read(storage).ifPresent(records::add);
                } catch (IOException | RuntimeException e) {
                    LOG.errorf("skipping the registration in %s: %s", storage, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the registered projects in " + dir + ": " + e.getMessage(), e);
        }
        return records;
    }

    @Override
    public Optional<ProjectRecord> find(String projectId) {
        try {
            return ProjectRecord.read(home.projectStorage(projectId));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public ProjectRecord register(ProjectRecord candidate) {
        Path storage = home.projectStorage(candidate.projectId());
        try {
            AtomicFiles.createOwnerOnlyDirectory(storage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + storage + ": " + e.getMessage(), e);
        }
        Optional<ProjectRecord> existing = Optional.empty();
        try {
            existing = ProjectRecord.read(storage);
        } catch (IOException e) {
            LOG.warnf("replacing the damaged registration in %s: %s", storage, e.getMessage());
        }
        if (existing.isPresent()) {
            return existing.get();
        }
        candidate.write(storage);
        return candidate;
    }

    @Override
    public void unregister(String projectId) {
        Path file = home.projectStorage(projectId).resolve(ProjectRecord.FILE_NAME);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the registration " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isShared() {
        return false;
    }
}
