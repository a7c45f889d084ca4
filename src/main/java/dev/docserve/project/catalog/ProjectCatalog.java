package dev.docserve.project.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The shared daemon's registrations. The file catalog ({@link FileProjectCatalog}) belongs to one
 * daemon; a catalog in the cluster ({@code project/opensearch}) is shared by every replica configured
 * with it, so a project registered on one replica is known to all. Failures to reach where the
 * catalog lives are {@link java.io.UncheckedIOException}s saying what to check.
 */
public interface ProjectCatalog {

    /** Every readable registration; damaged ones are logged and skipped, never fatal. */
    List<ProjectRecord> loadAll();

    Optional<ProjectRecord> find(String projectId);

    /**
     * Records a registration unless one exists for its project id (replicas may race to register the
     * same project: exactly one record results).
     *
     * @return the record that is now stored: {@code candidate}, or the one that was there first
     */
    ProjectRecord register(ProjectRecord candidate);

    /** Removes the registration; removing an absent one is not an error. */
    void unregister(String projectId);

    /** Whether other processes may change the catalog behind this one's back (then it is re-read, not cached). */
    boolean isShared();
}
