package dev.docserve.project;

import dev.docserve.project.catalog.FileProjectCatalog;
import dev.docserve.project.catalog.ProjectCatalog;

import dev.docserve.config.DocServeConfig;
import dev.docserve.index.jobs.JobLog;
import dev.docserve.index.jobs.JobStore;
import dev.docserve.lifecycle.layout.SharedHome;
import dev.docserve.project.opensearch.ReplicaRecords;
import dev.docserve.search.ChunkStores;
import dev.docserve.search.store.opensearch.OpenSearchBudgets;
import dev.docserve.search.store.opensearch.OpenSearchConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * The configured storage backend of this process, and its readiness: with OpenSearch, readiness is
 * DOWN (with the reason) while the cluster does not answer, so a load balancer sends queries to a
 * replica that can serve them. It also says where the shared daemon keeps registrations and job
 * records: files in the shared home with Lucene, documents in the cluster with OpenSearch, so that
 * replicas on one cluster share them (a project-mode server keeps its job records in its data dir).
 */
@Singleton
public class StorageBackend {

    private static final Logger LOG = Logger.getLogger(StorageBackend.class);

    private final ChunkStores stores;
    private final Optional<ReplicaRecords> replicas;

    public StorageBackend(DocServeConfig config) {
        DocServeConfig.OpenSearch cluster = config.opensearch();
        this.stores = ChunkStores.of(config.storage(), cluster.url(), cluster.username(), cluster.password(),
                cluster.indexPrefix(), cluster.leaseTtl(), new OpenSearchBudgets(cluster.connectTimeout(),
                        cluster.queryTimeout(), cluster.writeTimeout(), cluster.checkInterval(), cluster.writeRetries()));
        // Checked in the background from the start, so the first probe already has an answer to give.
        stores.openSearch().ifPresent(OpenSearchConnection::watch);
        this.replicas = stores.openSearch().map(connection -> new ReplicaRecords(connection,
                connection.settings().leaseTtl(), Clock.systemUTC()));
    }

    public ChunkStores stores() {
        return stores;
    }

    /** The shared daemon's registrations. */
    public ProjectCatalog catalog(SharedHome home) {
        return replicas.map(ReplicaRecords::catalog).orElseGet(() -> new FileProjectCatalog(home));
    }

    /** Where a project's job records go: shared by the replicas of a shared daemon on OpenSearch, else its data dir. */
    public JobLog jobLog(String projectId, Path dataDir, boolean sharedMode) {
        return replicas.filter(cluster -> sharedMode).map(cluster -> cluster.jobLog(projectId))
                .orElseGet(() -> new JobStore(dataDir.resolve("jobs")));
    }

    /** Why the backend cannot serve now (the last background check), or empty; never waits for the cluster. */
    public Optional<String> problem() {
        return stores.problem();
    }

    @Produces
    @Readiness
    HealthCheck reachable() {
        return () -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.builder().name("storage-backend")
                    .withData("backend", stores.describe());
            Optional<String> problem = stores.problem();
            problem.ifPresent(reason -> builder.withData("reason", reason));
            return builder.status(problem.isEmpty()).build();
        };
    }

    @PreDestroy
    void close() {
        replicas.ifPresent(ReplicaRecords::close);
        try {
            stores.close();
        } catch (IOException e) {
            LOG.warnf("closing the connection to %s: %s", stores.describe(), e.getMessage());
        }
    }
}
