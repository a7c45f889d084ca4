package dev.docserve.search.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneChunkStoreTest {

    @TempDir
    Path dir;

    private static final IndexManifest MANIFEST =
            new IndexManifest(IndexManifest.SCHEMA_VERSION, "m", 4, 256, 0, List.of("/p"), null);

    @Test
    void shouldShowSearchersOnlyCommittedFiles() throws IOException {
        try (LuceneChunkStore store = LuceneChunkStore.open(dir)) {
            store.replaceFile(file("a.md", 2), List.of(chunk("a.md", 0), chunk("a.md", 1)));
            store.commit(MANIFEST);
            store.replaceFile(file("b.md", 1), List.of(chunk("b.md", 0)));

            assertThat(store.counts().chunks()).as("b.md is written but not committed").isEqualTo(2);
            assertThat(store.committedFiles()).containsOnlyKeys("a.md");

            store.commit(MANIFEST);
            assertThat(store.counts().chunks()).isEqualTo(3);
        }
    }

    @Test
    void shouldReplaceAFileAsOneBlock() throws IOException {
        try (LuceneChunkStore store = LuceneChunkStore.open(dir)) {
            store.replaceFile(file("a.md", 3), List.of(chunk("a.md", 0), chunk("a.md", 1), chunk("a.md", 2)));
            store.commit(MANIFEST);
            store.replaceFile(file("a.md", 1), List.of(chunk("a.md", 0)));
            store.commit(MANIFEST);

            assertThat(store.counts().chunks()).isEqualTo(1);
            assertThat(store.committedFiles().get("a.md").chunkCount()).isEqualTo(1);
        }
    }

    @Test
    void shouldKeepTheManifestWithTheDataAcrossReopen() throws IOException {
        try (LuceneChunkStore store = LuceneChunkStore.open(dir)) {
            assertThat(store.manifest()).isEmpty();
            store.replaceFile(file("a.md", 1), List.of(chunk("a.md", 0)));
            store.commit(MANIFEST.withLastIndexedAt(Instant.parse("2026-01-02T03:04:05Z")));
        }
        try (LuceneChunkStore store = LuceneChunkStore.open(dir)) {
            assertThat(store.manifest()).hasValue(MANIFEST.withLastIndexedAt(Instant.parse("2026-01-02T03:04:05Z")));
            assertThat(store.counts().chunks()).isEqualTo(1);
        }
    }

    @Test
    void shouldIndexVectorsWiderThanLucenesDefaultLimit() throws IOException {
        float[] wide = new float[3072];
        wide[0] = 1;
        try (LuceneChunkStore store = LuceneChunkStore.open(dir)) {
            store.replaceFile(file("a.md", 1), List.of(new ChunkRecord("id", "a.md", "/p/a.md", "doc", "markdown", 0,
                    "text", null, null, 1, 1, wide)));
            store.commit(MANIFEST);
        }
        try (LuceneChunkStore store = LuceneChunkStore.open(dir)) {
            assertThat(store.counts().chunks()).isEqualTo(1);
        }
    }

    private static FileRecord file(String path, int chunks) {
        return new FileRecord(path, "/p/" + path, "hash", chunks, "doc", "markdown", Instant.EPOCH);
    }

    private static ChunkRecord chunk(String path, int ordinal) {
        return new ChunkRecord(path + "#" + ordinal, path, "/p/" + path, "doc", "markdown", ordinal, "text " + ordinal,
                null, null, 1, 1, new float[] {1, 0, 0, 0});
    }
}
