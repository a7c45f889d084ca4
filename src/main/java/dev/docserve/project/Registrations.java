package dev.docserve.project;

import dev.docserve.project.catalog.ProjectCatalog;
import dev.docserve.project.catalog.ProjectRecord;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared daemon's registrations as this replica knows them: every registered project, whether or
 * not its root still exists, backed by the {@link ProjectCatalog} (files in the shared home, or
 * documents in the cluster that replicas share). A shared catalog is read again when asked for a
 * project this replica does not know yet, and on every {@link #sync()}.
 */
final class Registrations {

    private static final Logger LOG = Logger.getLogger(Registrations.class);

    /** What a {@link #sync()} changed: projects registered and unregistered through other replicas. */
    record Changes(List<ProjectRecord> added, List<String> removed) {
    }

    private final ProjectCatalog catalog;
    private final Map<String, ProjectRecord> records = new ConcurrentHashMap<>();

    Registrations(ProjectCatalog catalog) {
        this.catalog = catalog;
    }

    /** Reads the catalog; a shared catalog whose cluster is not up yet is read again on the first list or request. */
    List<ProjectRecord> load() {
        try {
            catalog.loadAll().forEach(record -> records.put(record.projectId(), record));
        } catch (UncheckedIOException e) {
            if (!catalog.isShared()) {
                throw e;
            }
            LOG.warnf("registrations not loaded yet: %s", e.getMessage());
        }
        return List.copyOf(records.values());
    }

    /** The registration of a project, looking in a shared catalog for one registered through another replica. */
    Optional<ProjectRecord> find(String projectId) {
        if (projectId == null) {
            return Optional.empty();
        }
        ProjectRecord known = records.get(projectId);
        if (known != null || !catalog.isShared()) {
            return Optional.ofNullable(known);
        }
        return catalog.find(projectId).map(found -> records.computeIfAbsent(found.projectId(), id -> found));
    }

    /** @throws ProjectException {@code UNKNOWN_PROJECT} when no such project is registered */
    ProjectRecord require(String projectId) {
        return find(projectId).orElseThrow(() -> new ProjectException(ProjectException.Reason.UNKNOWN_PROJECT,
                "no registered project " + projectId + "; registered: " + describe() + " (see GET /projects)"));
    }

    /** Registers a project (idempotent: racing registrations of one root keep one record). */
    ProjectRecord add(ProjectRecord candidate) {
        ProjectRecord record = catalog.register(candidate);
        if (records.put(record.projectId(), record) == null) {
            LOG.infof("registered project %s (%s)", record.projectId(), record.projectRoot());
        }
        return record;
    }

    void remove(String projectId) {
        catalog.unregister(projectId);
        records.remove(projectId);
    }

    Collection<ProjectRecord> all() {
        return List.copyOf(records.values());
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    /** Projects that can be served now: registered, with their root present. */
    int present() {
        return (int) records.values().stream().filter(record -> Files.isDirectory(record.root())).count();
    }

    /** Brings this replica's view up to date with a catalog other replicas change; a no-op for a file catalog. */
    Changes sync() {
        if (!catalog.isShared()) {
            return new Changes(List.of(), List.of());
        }
        List<ProjectRecord> current = catalog.loadAll();
        List<ProjectRecord> added = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ProjectRecord record : current) {
            ids.add(record.projectId());
            if (records.putIfAbsent(record.projectId(), record) == null) {
                added.add(record);
            }
        }
        List<String> removed = new ArrayList<>();
        for (String id : List.copyOf(records.keySet())) {
            if (!ids.contains(id)) {
                records.remove(id);
                removed.add(id);
            }
        }
        return new Changes(added, removed);
    }

    /** The registered projects as "id (root)", sorted by id: for errors that must tell the caller what exists. */
    String describe() {
        if (records.isEmpty()) {
            return "none (register one with POST /projects)";
        }
        Map<String, String> sorted = new TreeMap<>();
        records.values().forEach(record -> sorted.put(record.projectId(), record.projectRoot()));
        List<String> described = new ArrayList<>();
        sorted.forEach((id, root) -> described.add(id + " (" + root + ")"));
        return String.join(", ", described);
    }
}
