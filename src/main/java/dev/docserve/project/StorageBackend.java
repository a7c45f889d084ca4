package dev.docserve.project;

import dev.docserve.config.DocServeConfig;
import dev.docserve.search.store.ChunkStores;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * The configured storage backend of this process, and its readiness: with OpenSearch, readiness is
 * DOWN (with the reason) while the cluster does not answer, so a load balancer sends queries to a
 * replica that can serve them.
 */
@Singleton
public class StorageBackend {

    private static final Logger LOG = Logger.getLogger(StorageBackend.class);

    private final ChunkStores stores;

    public StorageBackend(DocServeConfig config) {
        this.stores = ChunkStores.of(config.storage(), config.opensearch().url(), config.opensearch().username(),
                config.opensearch().password(), config.opensearch().indexPrefix());
    }

    public ChunkStores stores() {
        return stores;
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
        try {
            stores.close();
        } catch (IOException e) {
            LOG.warnf("closing the connection to %s: %s", stores.describe(), e.getMessage());
        }
    }
}
