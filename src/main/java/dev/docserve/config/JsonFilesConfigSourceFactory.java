package dev.docserve.config;

import dev.docserve.lifecycle.layout.InstanceMode;
import dev.docserve.lifecycle.layout.ProjectRoot;
import dev.docserve.lifecycle.layout.SharedHome;
import dev.docserve.lifecycle.layout.StateDir;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts the two JSON config files into the MicroProfile config chain, between the environment
 * (ordinal 300) and the built-in defaults: the project's {@code config.json} at
 * {@value #PROJECT_ORDINAL}, the shared home's {@code shared_config.json} at {@value #SHARED_ORDINAL}.
 *
 * <p>The shared file's {@code bind_host} and {@code port} describe the shared daemon; a project-mode
 * server takes only its indexing settings, otherwise every project would try to bind port 45123.
 */
public class JsonFilesConfigSourceFactory implements ConfigSourceFactory {

    static final int PROJECT_ORDINAL = 280;
    static final int SHARED_ORDINAL = 270;
    /** Below every real source, above the mapping's built-in defaults: the shared daemon's fixed port. */
    static final int SHARED_DEFAULTS_ORDINAL = 10;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean sharedMode = InstanceMode.fromWireName(value(context, "doc-serve.mode").orElse(null)).orElse(InstanceMode.PROJECT)
                == InstanceMode.SHARED;
        SharedHome home = SharedHome.resolve(value(context, "doc-serve.home"));
        List<ConfigSource> sources = new ArrayList<>();
        if (sharedMode) {
            // The daemon is found at a well-known address: 45123 unless a flag, DOC_SERVE_PORT or the file says otherwise.
            sources.add(source("shared mode defaults", SHARED_DEFAULTS_ORDINAL,
                    Map.of("doc-serve.port", String.valueOf(SharedConfig.DEFAULT_PORT))));
        }
        ConfigFiles.readSharedConfig(home.sharedConfigFile())
                .ifPresent(shared -> sources.add(source("shared_config.json", SHARED_ORDINAL, sharedProperties(shared, sharedMode))));
        if (!sharedMode) {
            Path root = ProjectRoot.resolve(value(context, "doc-serve.project-root").map(Path::of).orElse(Path.of("")));
            Path configFile = StateDir.of(root).configFile();
            ConfigFiles.readProjectConfig(configFile)
                    .ifPresent(project -> sources.add(source(configFile.toString(), PROJECT_ORDINAL, projectProperties(project))));
        }
        return sources;
    }

    static Map<String, String> projectProperties(ProjectConfig config) {
        Map<String, String> properties = new HashMap<>();
        put(properties, "doc-serve.bind-host", config.bindHost());
        put(properties, "doc-serve.port", config.port());
        put(properties, "doc-serve.data-dir", config.dataDir());
        put(properties, "doc-serve.log-dir", config.logDir());
        put(properties, "doc-serve.shared-server-url", config.sharedServerUrl());
        put(properties, "doc-serve.watch", config.watch());
        return properties;
    }

    static Map<String, String> sharedProperties(SharedConfig config, boolean sharedMode) {
        Map<String, String> properties = new HashMap<>();
        if (sharedMode) {
            put(properties, "doc-serve.bind-host", config.bindHost());
            put(properties, "doc-serve.port", config.port());
        }
        put(properties, "doc-serve.embedding-model", config.embeddingModel());
        put(properties, "doc-serve.chunk-size", config.chunkSize());
        put(properties, "doc-serve.chunk-overlap", config.chunkOverlap());
        put(properties, "doc-serve.max-concurrent-indexing", config.maxConcurrentIndexing());
        put(properties, "doc-serve.storage", config.storage());
        put(properties, "doc-serve.opensearch.url", config.opensearchUrl());
        put(properties, "doc-serve.opensearch.username", config.opensearchUsername());
        put(properties, "doc-serve.opensearch.password", config.opensearchPassword());
        put(properties, "doc-serve.opensearch.index-prefix", config.opensearchIndexPrefix());
        return properties;
    }

    private static void put(Map<String, String> properties, String key, Object value) {
        if (value != null) {
            properties.put(key, value.toString());
        }
    }

    private static ConfigSource source(String name, int ordinal, Map<String, String> properties) {
        return new MapBackedConfigSource(name, properties, ordinal) {
        };
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? Optional.empty() : Optional.ofNullable(value.getValue()).filter(v -> !v.isBlank());
    }
}
