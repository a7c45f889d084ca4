package dev.docserve.project;

import dev.docserve.api.ApiException;
import dev.docserve.config.DocServeConfig;
import dev.docserve.index.embedding.EmbedderChoice;
import dev.docserve.index.embedding.EmbedderFactory;
import dev.docserve.index.embedding.EmbeddingEnvironment;
import dev.docserve.instance.InstanceIdentity;
import dev.docserve.instance.InstanceLifecycle;
import dev.docserve.instance.InstanceReady;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The projects this process serves, by {@code project_id}: the one project of a project-mode
 * server, or every registered project of the shared daemon. Routes each request to its project and
 * shares the embedding model and the indexing slots ({@code max_concurrent_indexing}) between them.
 */
@Singleton
public class ProjectRegistry {

    private static final Logger LOG = Logger.getLogger(ProjectRegistry.class);

    private final InstanceLifecycle lifecycle;
    private final EmbedderChoice embedder;
    private final Semaphore indexingSlots;
    private final Map<String, ProjectServices> projects = new ConcurrentHashMap<>();

    public ProjectRegistry(DocServeConfig config, InstanceLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        // Chosen now, loaded lazily on first use: the model never holds up readiness.
        this.embedder = new EmbedderFactory(EmbeddingEnvironment.fromSystem()).create(config.embeddingModel());
        this.indexingSlots = new Semaphore(Math.max(1, config.maxConcurrentIndexing()), true);
    }

    /** Opens the project of a project-mode server, once the lifecycle observer owns the state dir. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) StartupEvent event) {
        InstanceIdentity identity = lifecycle.identity();
        if (identity == null || !lifecycle.isLockHeld() || identity.isShared()) {
            return;
        }
        try {
            projects.put(identity.projectId(), ProjectServices.open(identity.projectId(), identity.root(),
                    identity.dataDir(), embedder.embedder(), indexingSlots));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index in " + identity.dataDir() + ": " + e.getMessage(), e);
        }
    }

    /** The one start line a user needs: mode, project, URL and model; then the model loads in the background. */
    void onReady(@Observes InstanceReady ready) {
        Thread warmUp = new Thread(() -> {
            try {
                embedder.embedder().warmUp();
            } catch (RuntimeException | LinkageError e) {
                LOG.warnf("the embedding model could not be loaded ahead of use: %s", e);
            }
        }, "doc-serve-model-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        LOG.infof("doc-serve ready: mode=%s project=%s url=%s model=%s%s", ready.identity().mode(),
                ready.identity().root(), ready.runtime().baseUrl(), embedder.embedder().modelName(),
                embedder.fallbackReason().map(reason -> " (" + reason + ")").orElse(""));
    }

    /** Commits every index before the lifecycle observer gives up the state directory. */
    void onStop(@Observes @Priority(Interceptor.Priority.APPLICATION) ShutdownEvent event) {
        for (ProjectServices project : List.copyOf(projects.values())) {
            try {
                project.close();
            } catch (IOException | RuntimeException e) {
                LOG.errorf(e, "could not close the index of %s cleanly", project.root());
            }
        }
        projects.clear();
    }

    /**
     * The project a request is for. A project-mode server ignores {@code projectId}; the shared
     * daemon requires it.
     *
     * @throws ApiException 400 when the id is missing in shared mode, 404 when no such project is registered
     */
    public ProjectServices resolve(String projectId) {
        InstanceIdentity identity = lifecycle.identity();
        if (identity != null && !identity.isShared()) {
            ProjectServices only = projects.get(identity.projectId());
            if (only == null) {
                throw new ApiException(jakarta.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE,
                        "the project's index is not open; check the server log");
            }
            return only;
        }
        if (projectId == null || projectId.isBlank()) {
            throw ApiException.badRequest("project_id is required by the shared daemon; registered projects: "
                    + (projects.isEmpty() ? "none (register one with POST /projects)" : String.join(", ", projects.keySet())));
        }
        ProjectServices project = projects.get(projectId);
        if (project == null) {
            throw ApiException.notFound("no registered project " + projectId + "; see GET /projects");
        }
        return project;
    }

    public Collection<ProjectServices> all() {
        return List.copyOf(projects.values());
    }

    public EmbedderChoice embedder() {
        return embedder;
    }

    public boolean isIndexing() {
        return projects.values().stream().anyMatch(project -> project.jobs().running().isPresent());
    }
}
