package dev.docserve.search.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up under the index, then frees space: the last commit stays readable and the same
 * store indexes again without a restart. Needs a small file system, so it runs as root on a 2 MiB tmpfs.
 */
class LuceneChunkStoreFullDiskTest {

    private static final IndexManifest MANIFEST =
            new IndexManifest(IndexManifest.SCHEMA_VERSION, "m", 384, 256, 0, List.of("/p"), null);

    @TempDir
    Path dir;
    private boolean mounted;

    @BeforeEach
    void mountSmallDisk() throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        mounted = mount.waitFor() == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here");
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        if (mounted) {
            new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start().waitFor();
        }
    }

    @Test
    void shouldKeepTheLastCommitAndIndexAgainOnceSpaceReturns() throws IOException {
        Path filler = dir.resolve("filler");
        try (LuceneChunkStore store = LuceneChunkStore.open(dir.resolve("index"))) {
            store.replaceFile(file("a.md", 2), List.of(chunk("a.md", 0), chunk("a.md", 1)));
            store.commit(MANIFEST);
            fill(filler);

            assertThatThrownBy(() -> {
                for (int f = 0; f < 20; f++) {
                    List<ChunkRecord> chunks = new ArrayList<>();
                    for (int c = 0; c < 50; c++) {
                        chunks.add(chunk("big" + f + ".md", c));
                    }
                    store.replaceFile(file("big" + f + ".md", 50), chunks);
                }
                store.commit(MANIFEST);
            }).isInstanceOf(IOException.class).hasMessageContaining("No space left");
            assertThat(store.committedFiles()).containsOnlyKeys("a.md");

            Files.delete(filler);
            store.replaceFile(file("b.md", 1), List.of(chunk("b.md", 0)));
            store.commit(MANIFEST);

            assertThat(store.committedFiles()).containsOnlyKeys("a.md", "b.md");
            assertThat(store.counts().chunks()).isEqualTo(3);
        }
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    private static FileRecord file(String path, int chunks) {
        return new FileRecord(path, "/p/" + path, "hash", chunks, "doc", "markdown", Instant.EPOCH);
    }

    private static ChunkRecord chunk(String path, int ordinal) {
        float[] vector = new float[384];
        Random random = new Random(path.hashCode() * 31L + ordinal);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = random.nextFloat();
        }
        return new ChunkRecord(path + "#" + ordinal, path, "/p/" + path, "doc", "markdown", ordinal, "text " + ordinal,
                null, null, 1, 1, vector);
    }
}
