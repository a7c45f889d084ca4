package dev.docserve.config;

import dev.docserve.lifecycle.layout.InstanceMode;
import dev.docserve.testing.TempProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The precedence chain: flag > environment > project config.json > shared_config.json > default.
 * (The environment rank is SmallRye's own EnvConfigSource at ordinal 300; a JVM cannot set its own
 * environment, so the process tests cover it.)
 */
class EffectiveConfigTest {

    @TempDir
    Path temp;

    private Path project;
    private Path home;
    private final Map<String, String> flags = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        project = TempProject.gitProject(temp, "project");
        home = Files.createDirectories(temp.resolve("home"));
        flags.put("doc-serve.project-root", project.toString());
        flags.put("doc-serve.home", home.toString());
    }

    @Test
    void shouldUseDocumentedDefaultsWithoutAnyFile() {
        DocServeConfig config = EffectiveConfig.load(flags);

        assertThat(config.mode()).isEqualTo(InstanceMode.PROJECT);
        assertThat(config.bindHost()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.dataDir()).isEqualTo("data");
        assertThat(config.logDir()).isEqualTo("logs");
        assertThat(config.sharedServerUrl()).isEmpty();
        assertThat(config.chunkSize()).isEqualTo(512);
        assertThat(config.chunkOverlap()).isEqualTo(50);
        assertThat(config.maxConcurrentIndexing()).isEqualTo(2);
        assertThat(config.selfCheck().interval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldStoreInLuceneUnlessTheSharedConfigNamesAnOpenSearchCluster() throws IOException {
        assertThat(EffectiveConfig.load(flags).storage()).isEqualTo("lucene");
        assertThat(EffectiveConfig.load(flags).opensearch().indexPrefix()).isEqualTo("doc-serve");

        writeShared("{\"storage\": \"opensearch\", \"opensearch_url\": \"http://127.0.0.1:9200\", "
                + "\"opensearch_username\": \"admin\", \"opensearch_password\": \"s3cret\", \"opensearch_index_prefix\": \"team\"}");
        DocServeConfig config = EffectiveConfig.load(flags);

        assertThat(config.storage()).isEqualTo("opensearch");
        assertThat(config.opensearch().url()).hasValue("http://127.0.0.1:9200");
        assertThat(config.opensearch().username()).hasValue("admin");
        assertThat(config.opensearch().password()).hasValue("s3cret");
        assertThat(config.opensearch().indexPrefix()).isEqualTo("team");

        flags.put("doc-serve.opensearch.index-prefix", "other");
        assertThat(EffectiveConfig.load(flags).opensearch().indexPrefix()).as("a flag wins").isEqualTo("other");
    }

    @Test
    void shouldFollowFilesUnlessTheProjectConfigOrAFlagTurnsWatchingOff() throws IOException {
        assertThat(EffectiveConfig.load(flags).watch()).isTrue();
        assertThat(EffectiveConfig.load(flags).freshness().debounce()).isEqualTo(Duration.ofMillis(500));

        writeProject("{\"watch\": false}");
        assertThat(EffectiveConfig.load(flags).watch()).isFalse();

        flags.put("doc-serve.watch", "true");
        assertThat(EffectiveConfig.load(flags).watch()).as("a flag wins").isTrue();
    }

    @Test
    void shouldLetTheProjectConfigOverrideTheSharedConfig() throws IOException {
        writeShared("{\"chunk_size\": 256, \"chunk_overlap\": 20}");
        writeProject("{\"data_dir\": \"index\"}");

        DocServeConfig config = EffectiveConfig.load(flags);

        assertThat(config.chunkSize()).isEqualTo(256);
        assertThat(config.chunkOverlap()).isEqualTo(20);
        assertThat(config.dataDir()).isEqualTo("index");
    }

    @Test
    void shouldLetAFlagOverrideTheProjectConfig() throws IOException {
        writeProject("{\"port\": 8123, \"bind_host\": \"0.0.0.0\"}");
        flags.put("doc-serve.port", "9000");

        DocServeConfig config = EffectiveConfig.load(flags);

        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.bindHost()).isEqualTo("0.0.0.0");
    }

    @Test
    void shouldIgnoreTheDaemonsAddressInProjectMode() throws IOException {
        writeShared("{\"port\": 45123, \"bind_host\": \"0.0.0.0\"}");

        DocServeConfig config = EffectiveConfig.load(flags);

        assertThat(config.port()).as("project servers let the OS pick").isZero();
        assertThat(config.bindHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldTakeTheDaemonsAddressFromTheSharedConfigInSharedMode() throws IOException {
        writeShared("{\"port\": 46000}");
        flags.put("doc-serve.mode", "shared");

        DocServeConfig config = EffectiveConfig.load(flags);

        assertThat(config.port()).isEqualTo(46000);
    }

    @Test
    void shouldBindTheSharedDaemonToTheFixedPortWhenNothingSetsOne() {
        flags.put("doc-serve.mode", "shared");

        DocServeConfig config = EffectiveConfig.load(flags);

        assertThat(config.port()).isEqualTo(45123);
        assertThat(config.bindHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldLetAFlagOverrideTheSharedDaemonsFixedPort() throws IOException {
        writeShared("{\"port\": 46000}");
        flags.put("doc-serve.mode", "shared");
        flags.put("doc-serve.port", "47000");

        DocServeConfig config = EffectiveConfig.load(flags);

        assertThat(config.port()).isEqualTo(47000);
    }

    @Test
    void shouldSurfaceAMalformedProjectConfigWithItsFileName() throws IOException {
        Path file = writeProject("{\"port\": }");

        assertThatThrownBy(() -> EffectiveConfig.load(flags))
                .isInstanceOf(InvalidConfigFileException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void shouldExplainASettingOfTheWrongType() {
        flags.put("doc-serve.chunk-size", "large");

        assertThatThrownBy(() -> EffectiveConfig.load(flags))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("doc-serve.chunk-size");
    }

    private Path writeProject(String json) throws IOException {
        Path dir = Files.createDirectories(TempProject.stateDir(project));
        return Files.writeString(dir.resolve("config.json"), json);
    }

    private void writeShared(String json) throws IOException {
        Files.writeString(home.resolve("shared_config.json"), json);
    }
}
