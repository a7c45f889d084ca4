package dev.docserve.project;

import dev.docserve.config.DocServeConfig;
import dev.docserve.index.embedding.EmbedderChoice;
import dev.docserve.index.jobs.IndexingSlots;
import dev.docserve.json.AtomicFiles;
import dev.docserve.lifecycle.client.Discovery;
import dev.docserve.lifecycle.client.HealthProbe;
import dev.docserve.lifecycle.client.InstanceFinder;
import dev.docserve.lifecycle.layout.ProjectId;
import dev.docserve.lifecycle.layout.ProjectRoot;
import dev.docserve.lifecycle.layout.ProjectRootException;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.SharedHome;
import dev.docserve.lifecycle.layout.StateDir;
import dev.docserve.lifecycle.server.InstanceIdentity;
import dev.docserve.lifecycle.server.InstanceLifecycle;
import dev.docserve.lifecycle.server.InstanceReady;
import dev.docserve.lifecycle.server.SharedPointers;
import dev.docserve.project.ProjectException.Reason;
import dev.docserve.project.catalog.ProjectRecord;
import dev.docserve.security.AccessGuard;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The projects this process serves, by {@code project_id}: the one project of a project-mode server,
 * or every registered project of the shared daemon. Routes each request to its project's
 * {@link ProjectServices}; the projects share the {@link SharedModel} and the indexing slots
 * ({@code max_concurrent_indexing}).
 *
 * <p>Shared mode: registrations are kept by {@link Registrations}, each project's index and jobs in
 * {@code projects/<project_id>/data} of the shared home (or the cluster), and the daemon keeps a
 * pointer {@code runtime.json} in each project ({@link SharedPointers}) while it runs. A registered
 * root that has disappeared is reported ({@code root_exists: false}) and refused, never served.
 */
@Singleton
public class ProjectRegistry {

    private static final Logger LOG = Logger.getLogger(ProjectRegistry.class);

    private final DocServeConfig config;
    private final InstanceLifecycle lifecycle;
    private final SharedModel model;
    private final StorageBackend storage;
    private final IndexingSlots indexingSlots;
    private final InstanceFinder finder;
    /** Open services by project id: the project in project mode; registered projects whose root exists in shared mode. */
    private final Map<String, ProjectServices> open = new ConcurrentHashMap<>();
    private volatile Registrations registrations;

    public ProjectRegistry(DocServeConfig config, InstanceLifecycle lifecycle, AccessGuard guard, StorageBackend storage,
                           SharedModel model) {
        this.config = config;
        this.lifecycle = lifecycle;
        this.storage = storage;
        this.model = model;
        this.indexingSlots = new IndexingSlots(Math.max(1, config.maxConcurrentIndexing()));
        this.finder = new InstanceFinder(new HealthProbe(config.selfCheck().healthTimeout(), guard.token()));
    }

    /** Opens the project of a project-mode server, or the registrations of the shared daemon, once the state dir is owned. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) StartupEvent event) {
        InstanceIdentity identity = lifecycle.identity();
        if (identity == null || !lifecycle.isLockHeld()) {
            return;
        }
        if (identity.isShared()) {
            registrations = new Registrations(storage.catalog(home()));
            registrations.load().forEach(this::openIfPresent);
            LOG.debugf("loaded %d registered projects, %d with a present root", registrations.all().size(), open.size());
            return;
        }
        try {
            open.put(identity.projectId(), openServices(identity.projectId(), identity.root(), identity.dataDir(), false));
        } catch (RuntimeException e) {
            // Thrown from a startup observer, this left Quarkus half-stopped: a process holding the lock that
            // never served nor exited. Said once, then a clean exit that releases the lock.
            System.err.println("doc-serve: cannot open the index in " + identity.dataDir() + ": " + e.getMessage()
                    + "; check the folder, or remove it to index again from scratch");
            LOG.error("cannot open the index in " + identity.dataDir(), e);
            io.quarkus.runtime.Quarkus.asyncExit(InstanceLifecycle.REFUSED_EXIT);
        }
    }

    /** The one start line a user needs (mode, project, URL, model); then the model loads and the daemon's pointers are written. */
    void onReady(@Observes InstanceReady ready) {
        EmbedderChoice embedder = model.choice();
        LOG.infof("doc-serve ready: mode=%s project=%s url=%s storage=%s model=%s%s", ready.identity().mode().wireName(),
                ready.identity().root(), ready.runtime().baseUrl(), storage.stores().describe(), embedder.embedder().modelName(),
                embedder.fallbackReason().map(reason -> " (" + reason + ")").orElse(""));
        model.warmUpInBackground();
        if (ready.identity().isShared()) {
            pointAllAt(ready.runtime().baseUrl());
        }
        // Only now: a catch-up that embeds while the server boots would take the cores the boot needs.
        all().forEach(ProjectServices::startFollowing);
    }

    /** Removes the pointers this daemon wrote and commits every index, before the lifecycle observer gives up the state dir. */
    void onStop(@Observes @Priority(Interceptor.Priority.APPLICATION) ShutdownEvent event) {
        model.awaitWarmUp();
        Optional<String> baseUrl = lifecycle.published().map(RuntimeState::baseUrl);
        if (registrations != null && baseUrl.isPresent()) {
            registrations.all().forEach(record ->
                    SharedPointers.removeIfOurs(record.root(), record.projectId(), baseUrl.get()));
        }
        open.values().forEach(ProjectRegistry::closeQuietly);
        open.clear();
    }

    /**
     * The project a request is for. A project-mode server ignores {@code projectId}; the shared daemon requires it.
     *
     * @throws ProjectException when the id is missing in shared mode, unknown, its root is gone, or the index is not open
     */
    public ProjectServices resolve(String projectId) {
        if (!isSharedMode()) {
            ProjectServices only = open.get(lifecycle.identity().projectId());
            if (only == null) {
                throw new ProjectException(Reason.NOT_READY, "the project's index is not open; check the server log");
            }
            return only;
        }
        Registrations known = registrations();
        if (projectId == null || projectId.isBlank()) {
            throw new ProjectException(Reason.PROJECT_ID_REQUIRED,
                    "project_id is required by the shared daemon; registered projects: " + known.describe());
        }
        ProjectRecord record = known.require(projectId);
        ProjectServices services = open.get(projectId);
        if (services != null && Files.isDirectory(record.root())) {
            return services;
        }
        synchronized (this) {
            if (!Files.isDirectory(record.root())) {
                throw gone(record);
            }
            // The root came back after the daemon started (a remounted volume): serve it from now on.
            return open.computeIfAbsent(projectId, id -> openServices(record));
        }
    }

    /**
     * The registered project whose root holds {@code path} (any folder inside it), for callers that name a
     * project by folder rather than by id.
     *
     * @throws ProjectException for a path that is not a folder or no registered project
     */
    public ProjectServices resolveByRoot(String path) {
        return resolve(ProjectId.of(canonicalRoot(path)));
    }

    /**
     * Registers a project with the shared daemon (idempotent): its storage, its open services, its pointer.
     *
     * @throws ProjectException for a folder that does not exist, a project-mode server running for it, or
     *                          a daemon that has not published its port yet
     */
    public synchronized Registration register(String requestedRoot) {
        Registrations known = registrations();
        if (requestedRoot == null || requestedRoot.isBlank()) {
            throw new ProjectException(Reason.INVALID_ROOT, "project_root is required: the absolute path of the project folder");
        }
        Path root = canonicalRoot(requestedRoot);
        String baseUrl = lifecycle.published().map(RuntimeState::baseUrl).orElseThrow(() -> new ProjectException(
                Reason.NOT_READY, "the daemon is still starting; retry in a moment"));
        refuseIfProjectModeRuns(root);
        String projectId = ProjectId.of(root);
        Path projectStorage = home().projectStorage(projectId);
        try {
            AtomicFiles.createOwnerOnlyDirectory(projectStorage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + projectStorage + ": " + e.getMessage(), e);
        }
        ProjectRecord record = known.add(ProjectRecord.of(projectId, root, Instant.now()));
        open.computeIfAbsent(projectId, id -> openServices(record));
        SharedPointers.write(record.root(), record.projectId(), baseUrl);
        return new Registration(projectId, root.toString(), baseUrl);
    }

    /**
     * Unregisters a project: its jobs are cancelled, its index committed and closed, its pointer removed if
     * this daemon wrote it. Its storage is kept (registering the same root again resumes its index) unless
     * {@code purge} is set, which deletes {@code projects/<project_id>/} entirely.
     */
    public synchronized ProjectView unregister(String projectId, boolean purge) {
        Registrations known = registrations();
        ProjectRecord record = known.require(projectId);
        ProjectView last = view(record);
        ProjectServices services = open.remove(projectId);
        if (services != null) {
            services.jobs().cancelUnfinished();
            closeQuietly(services);
        }
        lifecycle.published().ifPresent(runtime ->
                SharedPointers.removeIfOurs(record.root(), record.projectId(), runtime.baseUrl()));
        known.remove(projectId);
        if (purge) {
            deleteRecursively(home().projectStorage(projectId));
        }
        LOG.infof("unregistered project %s (%s)%s", projectId, record.projectRoot(), purge ? ", storage deleted" : "");
        return last;
    }

    /** Every registration of the shared daemon, by root. */
    public List<ProjectView> list() {
        syncWithCatalog();
        return registrations().all().stream()
                .sorted(Comparator.comparing(ProjectRecord::projectRoot))
                .map(this::view)
                .toList();
    }

    /** One registration, reported even when its root is gone. */
    public ProjectView status(String projectId) {
        return view(registrations().require(projectId));
    }

    public Collection<ProjectServices> all() {
        return List.copyOf(open.values());
    }

    /** The shared daemon's projects that can be served now (registered, root present). */
    public int activeProjects() {
        return registrations == null ? 0 : registrations.present();
    }

    public EmbedderChoice embedder() {
        return model.choice();
    }

    public boolean isIndexing() {
        return open.values().stream().anyMatch(project -> project.jobs().running().isPresent());
    }

    /** Whether this process is the shared daemon (requests carry {@code project_id}). */
    public boolean isSharedMode() {
        InstanceIdentity identity = lifecycle.identity();
        return identity == null || identity.isShared();
    }

    /** @throws ProjectException {@code NOT_SHARED_MODE} on a project-mode server */
    private Registrations registrations() {
        if (!isSharedMode()) {
            throw new ProjectException(Reason.NOT_SHARED_MODE, "this is a project-mode server for "
                    + lifecycle.identity().root() + "; /projects is served by the shared daemon (doc-serve start --mode shared)");
        }
        Registrations known = registrations;
        if (known == null) {
            throw new ProjectException(Reason.NOT_READY, "the daemon is still starting; retry in a moment");
        }
        return known;
    }

    private static Path canonicalRoot(String path) {
        try {
            return ProjectRoot.resolve(Path.of(path));
        } catch (ProjectRootException | InvalidPathException e) {
            throw new ProjectException(Reason.INVALID_ROOT, "project_root " + path + ": " + e.getMessage());
        }
    }

    private SharedHome home() {
        return new SharedHome(lifecycle.identity().stateDir().dir());
    }

    private static ProjectException gone(ProjectRecord record) {
        return new ProjectException(Reason.ROOT_GONE, "the root of project " + record.projectId() + ", "
                + record.projectRoot() + ", no longer exists; a moved project is a new project: register its new "
                + "path with POST /projects, and DELETE /projects/" + record.projectId() + " to drop this one");
    }

    private void openIfPresent(ProjectRecord record) {
        try {
            if (Files.isDirectory(record.root())) {
                open.computeIfAbsent(record.projectId(), id -> openServices(record));
            } else {
                LOG.warnf("registered project %s: its root %s no longer exists; it is reported, not served",
                        record.projectId(), record.projectRoot());
            }
        } catch (RuntimeException e) {
            LOG.errorf("skipping the registration of %s: %s", record.projectId(), e.getMessage());
        }
    }

    private ProjectServices openServices(ProjectRecord record) {
        Path dataDir = home().projectStorage(record.projectId()).resolve(config.dataDir()).normalize();
        return openServices(record.projectId(), record.root(), dataDir, true);
    }

    private ProjectServices openServices(String projectId, Path root, Path dataDir, boolean sharedMode) {
        try {
            ProjectServices services = ProjectServices.open(projectId, root, dataDir, model.choice().embedder(), indexingSlots,
                    storage.stores(), storage.jobLog(projectId, dataDir, sharedMode),
                    ProjectWatchSettings.of(config, root, sharedMode));
            if (lifecycle.published().isPresent()) {
                services.startFollowing(); // registered while running; at start, onReady starts every project
            }
            return services;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index of " + projectId + " in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Opens projects registered through other replicas and closes those unregistered elsewhere (cancelling their jobs here). */
    private synchronized void syncWithCatalog() {
        Registrations.Changes changes = registrations().sync();
        changes.added().forEach(this::openIfPresent);
        for (String gone : changes.removed()) {
            LOG.infof("project %s was unregistered through another replica; closing it here", gone);
            Optional.ofNullable(open.remove(gone)).ifPresent(ProjectRegistry::closeQuietly);
        }
    }

    private synchronized void pointAllAt(String baseUrl) {
        for (ProjectRecord record : registrations.all()) {
            if (!Files.isDirectory(record.root())) {
                continue;
            }
            try {
                refuseIfProjectModeRuns(record.root());
                SharedPointers.write(record.root(), record.projectId(), baseUrl);
            } catch (ProjectException | UncheckedIOException e) {
                LOG.warnf("not pointing %s at this daemon: %s", record.projectRoot(), e.getMessage());
            }
        }
    }

    private void refuseIfProjectModeRuns(Path root) {
        Discovery found = finder.find(StateDir.of(root));
        if (found.isRunning()) {
            throw new ProjectException(Reason.SERVED_ELSEWHERE, "a project-mode doc-serve server runs for " + root + " at "
                    + found.baseUrl() + "; stop it first ('doc-serve stop' in that project), then register the project again");
        }
    }

    private ProjectView view(ProjectRecord record) {
        boolean rootExists = Files.isDirectory(record.root());
        ProjectServices services = open.get(record.projectId());
        String pointer = StateDir.of(record.root()).runtimeFile().toString();
        return services == null
                ? ProjectView.closed(record, rootExists,
                        home().projectStorage(record.projectId()).resolve(config.dataDir()).normalize().toString(), pointer)
                : ProjectView.open(record, rootExists, services, pointer);
    }

    private static void closeQuietly(ProjectServices project) {
        try {
            project.close();
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "could not close the index of %s cleanly", project.root());
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the registration in " + dir + ": " + e.getMessage(), e);
        }
    }
}
