package dev.docserve.project;

import dev.docserve.project.catalog.ProjectCatalog;
import dev.docserve.project.catalog.ProjectRecord;

import dev.docserve.api.ApiException;
import dev.docserve.config.DocServeConfig;
import dev.docserve.index.IndexStatus;
import dev.docserve.index.embedding.EmbedderChoice;
import dev.docserve.index.embedding.EmbedderFactory;
import dev.docserve.index.embedding.EmbeddingEnvironment;
import dev.docserve.index.jobs.IndexingSlots;
import dev.docserve.index.jobs.JobRecord;
import dev.docserve.index.jobs.JobStatus;
import dev.docserve.json.AtomicFiles;
import dev.docserve.lifecycle.client.Discovery;
import dev.docserve.lifecycle.client.HealthProbe;
import dev.docserve.lifecycle.client.InstanceFinder;
import dev.docserve.lifecycle.server.InstanceIdentity;
import dev.docserve.lifecycle.server.InstanceLifecycle;
import dev.docserve.lifecycle.server.InstanceReady;
import dev.docserve.lifecycle.layout.ProjectId;
import dev.docserve.lifecycle.layout.ProjectRoot;
import dev.docserve.lifecycle.layout.ProjectRootException;
import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.SharedHome;
import dev.docserve.lifecycle.layout.StateDir;
import dev.docserve.security.AccessGuard;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The projects this process serves, by {@code project_id}: the one project of a project-mode
 * server, or every registered project of the shared daemon. Routes each request to its project and
 * shares the embedding model and the indexing slots ({@code max_concurrent_indexing}) between them.
 *
 * <p>Shared mode: registrations live in the {@link ProjectCatalog} ({@code projects/<project_id>/project.json}
 * in the shared home, or documents in the OpenSearch cluster that replicas share), the project's index
 * and jobs in {@code projects/<project_id>/data} (or the cluster), and the daemon keeps a pointer
 * {@code runtime.json} in the project's state dir while it runs. Registrations are loaded at start;
 * a shared catalog is read again on every list and on a request for a project this replica does not
 * know yet, which it then opens. Pointers are (re)written once the port is published and removed at a
 * graceful stop; a replica does not point a project registered elsewhere at itself. A registered root
 * that has disappeared is reported ({@code root_exists: false}) and answered with 410, never served.
 */
@Singleton
public class ProjectRegistry {

    private static final Logger LOG = Logger.getLogger(ProjectRegistry.class);
    private static final java.time.Duration WARM_UP_WAIT = java.time.Duration.ofSeconds(60);
    static final String GITIGNORE = "# doc-serve: everything here is local state except the config\n*\n!config.json\n!.gitignore\n";

    private final DocServeConfig config;
    private final InstanceLifecycle lifecycle;
    private final EmbedderChoice embedder;
    private final IndexingSlots indexingSlots;
    private final InstanceFinder finder;
    private final StorageBackend storage;
    /** Open services by project id: every project in project mode; registered projects whose root exists in shared mode. */
    private final Map<String, ProjectServices> projects = new ConcurrentHashMap<>();
    /** Shared mode: every registration, whether or not its root still exists. */
    private final Map<String, ProjectRecord> registrations = new ConcurrentHashMap<>();
    private volatile Thread warmUp;
    private ProjectCatalog catalog;

    public ProjectRegistry(DocServeConfig config, InstanceLifecycle lifecycle, AccessGuard guard, StorageBackend storage) {
        this.config = config;
        this.storage = storage;
        this.lifecycle = lifecycle;
        // Chosen now, loaded lazily on first use: the model never holds up readiness.
        this.embedder = new EmbedderFactory(EmbeddingEnvironment.fromSystem()).create(config.embeddingModel());
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
            loadRegistrations();
            return;
        }
        try {
            projects.put(identity.projectId(), ProjectServices.open(identity.projectId(), identity.root(),
                    identity.dataDir(), embedder.embedder(), indexingSlots, storage.stores(),
                    storage.jobLog(identity.projectId(), identity.dataDir(), false), watchSettings(identity.root(), false)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index in " + identity.dataDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The one start line a user needs (mode, project, URL, model); then the model loads in the
     * background, and the shared daemon points its registered projects at itself.
     */
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
        this.warmUp = warmUp;
        LOG.infof("doc-serve ready: mode=%s project=%s url=%s storage=%s model=%s%s", ready.identity().mode(),
                ready.identity().root(), ready.runtime().baseUrl(), storage.stores().describe(), embedder.embedder().modelName(),
                embedder.fallbackReason().map(reason -> " (" + reason + ")").orElse(""));
        if (ready.identity().isShared()) {
            rewritePointers(ready.runtime().baseUrl());
        }
    }

    /**
     * Removes the pointers this daemon wrote and commits every index, before the lifecycle observer
     * gives up the state directory.
     */
    void onStop(@Observes @Priority(Interceptor.Priority.APPLICATION) ShutdownEvent event) {
        awaitWarmUp();
        InstanceIdentity identity = lifecycle.identity();
        if (identity != null && identity.isShared()) {
            Optional<String> baseUrl = lifecycle.published().map(RuntimeState::baseUrl);
            synchronized (this) {
                for (ProjectRecord record : registrations.values()) {
                    baseUrl.ifPresent(url -> removePointerIfOurs(record, url));
                }
            }
        }
        for (ProjectServices project : List.copyOf(projects.values())) {
            closeQuietly(project);
        }
        projects.clear();
    }

    /**
     * The project a request is for. A project-mode server ignores {@code projectId}; the shared
     * daemon requires it.
     *
     * @throws ApiException 400 when the id is missing in shared mode, 404 when no such project is
     *                      registered, 410 when its root no longer exists
     */
    public ProjectServices resolve(String projectId) {
        if (!isShared()) {
            ProjectServices only = projects.get(lifecycle.identity().projectId());
            if (only == null) {
                throw new ApiException(Response.Status.SERVICE_UNAVAILABLE,
                        "the project's index is not open; check the server log");
            }
            return only;
        }
        if (projectId == null || projectId.isBlank()) {
            throw ApiException.badRequest("project_id is required by the shared daemon; registered projects: "
                    + (registrations.isEmpty() ? "none (register one with POST /projects)" : describeRegistered()));
        }
        ProjectRecord record = registered(projectId);
        ProjectServices open = projects.get(projectId);
        if (open != null && Files.isDirectory(record.root())) {
            return open;
        }
        synchronized (this) {
            if (!Files.isDirectory(record.root())) {
                throw gone(record);
            }
            // The root came back after the daemon started (a remounted volume): serve it from now on.
            return projects.computeIfAbsent(projectId, id -> open(record));
        }
    }

    /**
     * Registers a project with the shared daemon (idempotent): its storage, its open services, its pointer.
     *
     * @throws ApiException 400 for a folder that does not exist or is not a directory, 409 when a
     *                      project-mode server runs for it, 503 before the daemon has published its port
     */
    public synchronized Registration register(String requestedRoot) {
        requireShared();
        if (requestedRoot == null || requestedRoot.isBlank()) {
            throw ApiException.badRequest("project_root is required: the absolute path of the project folder");
        }
        Path root;
        try {
            root = ProjectRoot.resolve(Path.of(requestedRoot));
        } catch (ProjectRootException | java.nio.file.InvalidPathException e) {
            throw ApiException.badRequest("project_root " + requestedRoot + ": " + e.getMessage());
        }
        String baseUrl = lifecycle.published().map(RuntimeState::baseUrl).orElseThrow(() -> new ApiException(
                Response.Status.SERVICE_UNAVAILABLE, "the daemon is still starting; retry in a moment"));
        String projectId = ProjectId.of(root);
        refuseIfProjectModeRuns(root);
        Path storage = home().projectStorage(projectId);
        try {
            AtomicFiles.createOwnerOnlyDirectory(storage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + storage + ": " + e.getMessage(), e);
        }
        ProjectRecord record = catalog().register(ProjectRecord.of(projectId, root, Instant.now()));
        if (registrations.put(projectId, record) == null) {
            LOG.infof("registered project %s (%s)", projectId, root);
        }
        ProjectRecord registered = record;
        projects.computeIfAbsent(projectId, id -> open(registered));
        writePointer(record, baseUrl);
        return new Registration(projectId, root.toString(), baseUrl);
    }

    /**
     * Unregisters a project: its jobs are cancelled, its index committed and closed, its pointer
     * removed if this daemon wrote it. Its storage is kept (registering the same root again resumes
     * its index) unless {@code purge} is set, which deletes {@code projects/<project_id>/} entirely.
     */
    public synchronized ProjectView unregister(String projectId, boolean purge) {
        requireShared();
        ProjectRecord record = registered(projectId);
        ProjectView last = view(record);
        ProjectServices services = projects.remove(projectId);
        if (services != null) {
            services.jobs().list().stream().filter(job -> !job.status().isFinished())
                    .forEach(job -> services.jobs().cancel(job.jobId()));
            closeQuietly(services);
        }
        lifecycle.published().ifPresent(runtime -> removePointerIfOurs(record, runtime.baseUrl()));
        catalog().unregister(projectId);
        Path storage = home().projectStorage(projectId);
        try {
            if (purge) {
                deleteRecursively(storage);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the registration in " + storage + ": " + e.getMessage(), e);
        }
        registrations.remove(projectId);
        LOG.infof("unregistered project %s (%s)%s", projectId, record.projectRoot(), purge ? ", storage deleted" : "");
        return last;
    }

    /** Every registration of the shared daemon, by root. */
    public List<ProjectView> list() {
        requireShared();
        if (catalog().isShared()) {
            syncWithCatalog();
        }
        return registrations.values().stream()
                .sorted(Comparator.comparing(ProjectRecord::projectRoot))
                .map(this::view)
                .toList();
    }

    /** One registration, reported even when its root is gone. */
    public ProjectView status(String projectId) {
        requireShared();
        return view(registered(projectId));
    }

    public Collection<ProjectServices> all() {
        return List.copyOf(projects.values());
    }

    /** The shared daemon's projects that can be served now (registered, root present). */
    public int activeProjects() {
        return (int) registrations.values().stream().filter(record -> Files.isDirectory(record.root())).count();
    }

    public EmbedderChoice embedder() {
        return embedder;
    }

    public boolean isIndexing() {
        return projects.values().stream().anyMatch(project -> project.jobs().running().isPresent());
    }

    /** Whether this process is the shared daemon (requests carry {@code project_id}). */
    public boolean isSharedMode() {
        return isShared();
    }

    private boolean isShared() {
        InstanceIdentity identity = lifecycle.identity();
        return identity == null || identity.isShared();
    }

    private void requireShared() {
        if (!isShared()) {
            throw ApiException.notFound("this is a project-mode server for " + lifecycle.identity().root()
                    + "; /projects is served by the shared daemon (doc-serve start --mode shared)");
        }
    }

    private SharedHome home() {
        return new SharedHome(lifecycle.identity().stateDir().dir());
    }

    private ProjectRecord registered(String projectId) {
        ProjectRecord record = projectId == null ? null : registrations.get(projectId);
        if (record == null && projectId != null && catalog().isShared()) {
            // Registered through another replica since this one last read the catalog.
            record = catalog().find(projectId).map(found -> {
                registrations.putIfAbsent(found.projectId(), found);
                return registrations.get(found.projectId());
            }).orElse(null);
        }
        if (record == null) {
            throw ApiException.notFound("no registered project " + projectId + "; see GET /projects");
        }
        return record;
    }

    private String describeRegistered() {
        Map<String, String> sorted = new TreeMap<>();
        registrations.values().forEach(record -> sorted.put(record.projectId(), record.projectRoot()));
        List<String> described = new ArrayList<>();
        sorted.forEach((id, root) -> described.add(id + " (" + root + ")"));
        return String.join(", ", described);
    }

    private static ApiException gone(ProjectRecord record) {
        return new ApiException(Response.Status.GONE, "the root of project " + record.projectId() + ", "
                + record.projectRoot() + ", no longer exists; a moved project is a new project: register its new "
                + "path with POST /projects, and DELETE /projects/" + record.projectId() + " to drop this one");
    }

    private ProjectServices open(ProjectRecord record) {
        Path dataDir = home().projectStorage(record.projectId()).resolve(config.dataDir()).normalize();
        try {
            return ProjectServices.open(record.projectId(), record.root(), dataDir, embedder.embedder(), indexingSlots,
                    storage.stores(), storage.jobLog(record.projectId(), dataDir, true), watchSettings(record.root(), true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index of " + record.projectId() + " in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The watch settings of one project. The shared daemon reads each project's {@code config.json} for
     * its {@code watch} key (a project-mode server has it in its config chain already).
     */
    private dev.docserve.index.watch.WatchSettings watchSettings(Path root, boolean shared) {
        boolean enabled = config.watch();
        if (shared) {
            try {
                enabled = dev.docserve.config.ConfigFiles.readProjectConfig(StateDir.of(root).configFile())
                        .map(dev.docserve.config.ProjectConfig::watch).orElse(enabled);
            } catch (RuntimeException e) {
                LOG.warnf("ignoring the config of %s for watching: %s", root, e.getMessage());
            }
        }
        DocServeConfig.Freshness f = config.freshness();
        return new dev.docserve.index.watch.WatchSettings(enabled, f.debounce(), f.maxDelay(), f.rescanInterval(),
                f.maxWatchedDirectories());
    }

    private void loadRegistrations() {
        List<ProjectRecord> records;
        try {
            records = catalog().loadAll();
        } catch (UncheckedIOException e) {
            if (!catalog().isShared()) {
                throw e;
            }
            // The cluster may come up after the daemon: the catalog is read again on the first list or request.
            LOG.warnf("registrations not loaded yet: %s", e.getMessage());
            return;
        }
        records.forEach(this::load);
        LOG.debugf("loaded %d registered projects, %d with a present root", registrations.size(), projects.size());
    }

    private void load(ProjectRecord record) {
        try {
            registrations.put(record.projectId(), record);
            if (Files.isDirectory(record.root())) {
                projects.computeIfAbsent(record.projectId(), id -> open(record));
            } else {
                LOG.warnf("registered project %s: its root %s no longer exists; it is reported, not served",
                        record.projectId(), record.projectRoot());
            }
        } catch (RuntimeException e) {
            LOG.errorf("skipping the registration of %s: %s", record.projectId(), e.getMessage());
        }
    }

    /**
     * Brings this replica up to date with a catalog other replicas change: opens projects registered
     * elsewhere, and closes those unregistered elsewhere (cancelling any job of theirs it runs).
     */
    private synchronized void syncWithCatalog() {
        List<ProjectRecord> current = catalog().loadAll();
        current.stream().filter(record -> !registrations.containsKey(record.projectId())).forEach(this::load);
        java.util.Set<String> ids = new java.util.HashSet<>();
        current.forEach(record -> ids.add(record.projectId()));
        for (String gone : List.copyOf(registrations.keySet())) {
            if (!ids.contains(gone)) {
                LOG.infof("project %s was unregistered through another replica; closing it here", gone);
                registrations.remove(gone);
                Optional.ofNullable(projects.remove(gone)).ifPresent(ProjectRegistry::closeQuietly);
            }
        }
    }

    private synchronized ProjectCatalog catalog() {
        if (catalog == null) {
            catalog = storage.catalog(home());
        }
        return catalog;
    }

    private synchronized void rewritePointers(String baseUrl) {
        for (ProjectRecord record : registrations.values()) {
            if (!Files.isDirectory(record.root())) {
                continue;
            }
            try {
                refuseIfProjectModeRuns(record.root());
                writePointer(record, baseUrl);
            } catch (ApiException | UncheckedIOException e) {
                LOG.warnf("not pointing %s at this daemon: %s", record.projectRoot(), e.getMessage());
            }
        }
    }

    private void refuseIfProjectModeRuns(Path root) {
        Discovery found = finder.find(StateDir.of(root));
        if (found.isRunning()) {
            throw ApiException.conflict("a project-mode doc-serve server runs for " + root + " at " + found.baseUrl()
                    + "; stop it first ('doc-serve stop' in that project), then register the project again");
        }
    }

    /** Writes the pointer atomically, with a .gitignore beside it when the project has none, so it never lands in git. */
    private static void writePointer(ProjectRecord record, String baseUrl) {
        StateDir stateDir = StateDir.of(record.root());
        try {
            AtomicFiles.createOwnerOnlyDirectory(stateDir.dir());
            if (!Files.exists(stateDir.gitignoreFile())) {
                Files.writeString(stateDir.gitignoreFile(), GITIGNORE, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + stateDir.dir() + ": " + e.getMessage(), e);
        }
        RuntimeState pointer = RuntimeState.sharedPointer(record.root(), record.projectId(), baseUrl);
        if (!RuntimeFile.readLeniently(stateDir.runtimeFile()).equals(Optional.of(pointer))) {
            RuntimeFile.write(stateDir.runtimeFile(), pointer);
        }
    }

    private static void removePointerIfOurs(ProjectRecord record, String baseUrl) {
        Path file = StateDir.of(record.root()).runtimeFile();
        Optional<RuntimeState> onDisk = RuntimeFile.readLeniently(file);
        if (onDisk.isPresent() && onDisk.get().isPointer() && record.projectId().equals(onDisk.get().projectId())
                && baseUrl.equals(onDisk.get().baseUrl())) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("cannot remove the pointer %s: %s", file, e.getMessage());
            }
        }
    }

    private ProjectView view(ProjectRecord record) {
        boolean rootExists = Files.isDirectory(record.root());
        ProjectServices services = projects.get(record.projectId());
        Path storage = home().projectStorage(record.projectId());
        String pointer = StateDir.of(record.root()).runtimeFile().toString();
        if (services == null) {
            return new ProjectView(record.projectId(), record.projectRoot(), rootExists, record.registeredAt(),
                    rootExists ? "idle" : "unavailable", null, null, 0, 0, 0, null, List.of(),
                    storage.resolve(config.dataDir()).normalize().toString(), pointer);
        }
        IndexStatus index;
        try {
            index = services.index().status();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index of " + record.projectId() + ": " + e.getMessage(), e);
        }
        List<JobRecord> jobs = services.jobs().list();
        Optional<JobRecord> running = jobs.stream().filter(job -> job.status() == JobStatus.RUNNING).findFirst();
        int pending = (int) jobs.stream().filter(job -> job.status() == JobStatus.PENDING).count();
        String state = !rootExists ? "unavailable" : running.isPresent() ? "indexing" : pending > 0 ? "queued" : "idle";
        return new ProjectView(record.projectId(), record.projectRoot(), rootExists, record.registeredAt(), state,
                running.map(JobRecord::jobId).orElse(null), running.map(job -> job.progress().percent()).orElse(null),
                pending, index.totalDocuments(), index.totalChunks(), index.lastIndexedAt(), index.indexedFolders(),
                services.dataDir().toString(), pointer);
    }

    /**
     * A JVM that exits while the model is still being loaded in native code dies with SIGBUS (exit
     * 134, no cleanup): a stop right after a start waits for the load to end first.
     */
    private void awaitWarmUp() {
        Thread loading = warmUp;
        if (loading == null || !loading.isAlive()) {
            return;
        }
        try {
            loading.join(WARM_UP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loading.isAlive()) {
            LOG.warnf("the embedding model is still loading after %d s; stopping anyway", WARM_UP_WAIT.toSeconds());
        }
    }

    private static void closeQuietly(ProjectServices project) {
        try {
            project.close();
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "could not close the index of %s cleanly", project.root());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
