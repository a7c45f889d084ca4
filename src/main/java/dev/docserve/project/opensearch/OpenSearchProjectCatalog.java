package dev.docserve.project.opensearch;

import dev.docserve.json.Json;
import dev.docserve.project.catalog.ProjectCatalog;
import dev.docserve.project.catalog.ProjectRecord;
import dev.docserve.search.store.opensearch.OpenSearchConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch._types.OpType;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch.core.search.Hit;

/**
 * Registrations as documents of {@code <prefix>--projects}, id = {@code project_id}, shared by every
 * replica on the cluster. Registering creates the document with {@code op_type=create}: when two
 * replicas register the same project at once, one creates it and the other reads the winner's record,
 * so there is exactly one registration with one {@code registered_at}.
 */
final class OpenSearchProjectCatalog implements ProjectCatalog {

    private static final Logger LOG = Logger.getLogger(OpenSearchProjectCatalog.class);
    /** More registrations than one daemon could serve; the list is read in one request. */
    private static final int MAX_PROJECTS = 10_000;

    private final OpenSearchConnection connection;
    private final String index;

    OpenSearchProjectCatalog(OpenSearchConnection connection) {
        this.connection = connection;
        this.index = connection.settings().projectsIndex();
    }

    @Override
    public List<ProjectRecord> loadAll() {
        List<ProjectRecord> records = new ArrayList<>();
        try {
            ensureIndex();
            var found = connection.client().search(s -> s.index(index).size(MAX_PROJECTS), Map.class);
            for (Hit<Map> hit : found.hits().hits()) {
                read(hit.id(), hit.source()).ifPresent(records::add);
            }
        } catch (IOException | RuntimeException e) {
            throw failed("reading the registered projects", e);
        }
        return records;
    }

    @Override
    public Optional<ProjectRecord> find(String projectId) {
        try {
            ensureIndex();
            var found = connection.client().get(g -> g.index(index).id(projectId), Map.class);
            return found.found() ? read(projectId, found.source()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw failed("reading the registration of " + projectId, e);
        }
    }

    @Override
    public ProjectRecord register(ProjectRecord candidate) {
        try {
            ensureIndex();
            connection.client().index(r -> r.index(index).id(candidate.projectId()).opType(OpType.Create)
                    .refresh(Refresh.True).document(Json.mapper().convertValue(candidate, Map.class)));
            return candidate;
        } catch (IOException | RuntimeException e) {
            if (OpenSearchConnection.status(e) != 409) {
                throw failed("registering " + candidate.projectId(), e);
            }
        }
        // Registered by someone else first (or at the same moment): theirs is the registration.
        return find(candidate.projectId()).orElseGet(() -> register(candidate));
    }

    @Override
    public void unregister(String projectId) {
        try {
            ensureIndex();
            connection.client().delete(d -> d.index(index).id(projectId).refresh(Refresh.True));
        } catch (IOException | RuntimeException e) {
            if (OpenSearchConnection.status(e) != 404) {
                throw failed("removing the registration of " + projectId, e);
            }
        }
    }

    @Override
    public boolean isShared() {
        return true;
    }

    private void ensureIndex() throws IOException {
        connection.ensureIndex(index, c -> c.mappings(m -> m.dynamic(DynamicMapping.False)));
    }

    private static Optional<ProjectRecord> read(String id, Map<?, ?> source) {
        try {
            ProjectRecord record = Json.mapper().convertValue(source, ProjectRecord.class);
            if (record != null && record.schemaVersion() == ProjectRecord.SCHEMA_VERSION && id.equals(record.projectId())
                    && record.projectRoot() != null) {
                return Optional.of(record);
            }
        } catch (IllegalArgumentException e) {
            LOG.errorf("skipping the registration %s: %s", id, e.getMessage());
            return Optional.empty();
        }
        LOG.errorf("skipping the registration %s: not a project record of schema_version %d", id, ProjectRecord.SCHEMA_VERSION);
        return Optional.empty();
    }

    private UncheckedIOException failed(String doing, Exception e) {
        var unavailable = connection.unavailable(doing, e);
        return new UncheckedIOException(unavailable.getMessage(), unavailable);
    }
}
