package dev.docserve.search.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.docserve.corpus.Glob;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChunkStore} backend must do, run against each of them by a subclass that opens a
 * fresh, empty store per test ({@link #open()} may be called again after {@link #reopen()} to see the
 * same data through a new store object, as after a restart).
 */
abstract class ChunkStoreContract {

    static final IndexManifest MANIFEST =
            new IndexManifest(IndexManifest.SCHEMA_VERSION, "m", 4, 256, 0, List.of("/p"), null);

    private final List<ChunkStore> opened = new ArrayList<>();

    /** A store over this test's storage: empty on the first call, the same data on later calls. */
    protected abstract ChunkStore openStorage() throws IOException;

    ChunkStore open() throws IOException {
        ChunkStore store = openStorage();
        opened.add(store);
        return store;
    }

    /** Closes every store opened so far and opens the same storage again. */
    ChunkStore reopen() throws IOException {
        for (ChunkStore store : opened) {
            store.close();
        }
        opened.clear();
        return open();
    }

    @AfterEach
    void closeStores() throws IOException {
        for (ChunkStore store : opened) {
            store.close();
        }
    }

    @Test
    void shouldShowReadersOnlyCommittedWrites() throws IOException {
        ChunkStore store = open();
        store.replaceFile(file("a.md", 2), List.of(chunk("a.md", 0, "alpha"), chunk("a.md", 1, "beta")));
        store.commit(MANIFEST);
        store.replaceFile(file("b.md", 1), List.of(chunk("b.md", 0, "gamma")));

        assertThat(store.counts().chunks()).as("b.md is written but not committed").isEqualTo(2);
        assertThat(store.committedFiles()).containsOnlyKeys("a.md");
        assertThat(keywordMatches(store, "gamma", 5, ChunkFilter.NONE)).isEmpty();

        store.commit(MANIFEST);
        assertThat(store.counts().chunks()).isEqualTo(3);
        assertThat(keywordMatches(store, "gamma", 5, ChunkFilter.NONE)).extracting(h -> h.chunk().chunkId())
                .containsExactly("b.md#0");
    }

    @Test
    void shouldKeepEachFilesStatAndEachFoldersOptionsAcrossARestart() throws IOException {
        ChunkStore store = open();
        Instant modified = Instant.parse("2026-12-05T10:15:30.123456789Z");
        store.replaceFile(new FileRecord("a.md", "/p/a.md", "hash", 1, "doc", "markdown", Instant.EPOCH, 42, modified),
                List.of(chunk("a.md", 0, "alpha")));
        store.replaceFile(file("b.md", 1), List.of(chunk("b.md", 0, "beta")));
        IndexManifest.FolderOptions options = new IndexManifest.FolderOptions(256, 10, true, true, List.of("java"),
                List.of("**/*.md"), List.of("drafts/**"));
        IndexManifest manifest = MANIFEST.withFolder("/p", options);
        store.commit(manifest);

        ChunkStore again = reopen();
        FileRecord a = again.committedFiles().get("a.md");
        assertThat(a.matchesStat(42, modified)).as("nanoseconds survive").isTrue();
        assertThat(again.committedFiles().get("b.md").size()).as("a record without a stat").isEqualTo(-1);
        assertThat(again.manifest().orElseThrow().folderOptions()).containsEntry("/p", options);
        try (SearchView view = again.openView()) {
            assertThat(view.files(List.of("a.md", "missing.md"))).containsOnlyKeys("a.md");
        }
    }

    @Test
    void shouldUpdateAFilesRecordWithoutTouchingItsChunks() throws IOException {
        ChunkStore store = open();
        store.replaceFile(file("a.md", 2), List.of(chunk("a.md", 0, "alpha"), chunk("a.md", 1, "beta")));
        store.commit(MANIFEST);
        Instant later = Instant.parse("2026-12-05T11:00:00Z");
        store.updateFileRecord(new FileRecord("a.md", "/p/a.md", "hash", 2, "doc", "markdown", later, 7, later));
        store.commit(MANIFEST);

        assertThat(store.committedFiles()).hasSize(1);
        assertThat(store.committedFiles().get("a.md").indexedAt()).isEqualTo(later);
        assertThat(store.counts().chunks()).isEqualTo(2);
        assertThat(store.counts().documents()).isEqualTo(1);
        assertThat(keywordMatches(store, "beta", 5, ChunkFilter.NONE)).hasSize(1);
    }

    @Test
    void shouldLookUpACommittedChunkByIdAlone() throws IOException {
        ChunkStore store = open();
        store.replaceFile(file("a.md", 2), List.of(chunk("a.md", 0, "alpha"), chunk("a.md", 1, "beta")));
        assertThat(store.storedChunk("a.md#1")).as("not committed yet").isEmpty();
        store.commit(MANIFEST);

        assertThat(store.storedChunk("a.md#1")).hasValueSatisfying(chunk -> {
            assertThat(chunk.path()).isEqualTo("a.md");
            assertThat(chunk.text()).isEqualTo("beta");
            assertThat(chunk.ordinal()).isEqualTo(1);
        });
        assertThat(store.storedChunk("a.md#9")).isEmpty();
        store.deleteFile("a.md");
        store.commit(MANIFEST);
        assertThat(store.storedChunk("a.md#1")).isEmpty();
    }

    @Test
    void shouldReplaceEverythingOfAFile() throws IOException {
        ChunkStore store = open();
        store.replaceFile(file("a.md", 3), List.of(chunk("a.md", 0, "one"), chunk("a.md", 1, "two"), chunk("a.md", 2, "three")));
        store.commit(MANIFEST);
        store.replaceFile(file("a.md", 1), List.of(chunk("a.md", 0, "uno")));
        store.commit(MANIFEST);

        assertThat(store.counts().chunks()).isEqualTo(1);
        assertThat(store.committedFiles().get("a.md").chunkCount()).isEqualTo(1);
        assertThat(store.chunkIds()).containsExactly("a.md#0");
        assertThat(keywordMatches(store, "three", 5, ChunkFilter.NONE)).isEmpty();
    }

    @Test
    void shouldDeleteAFileWithItsChunks() throws IOException {
        ChunkStore store = open();
        store.replaceFile(file("a.md", 1), List.of(chunk("a.md", 0, "alpha")));
        store.replaceFile(file("b.md", 1), List.of(chunk("b.md", 0, "beta")));
        store.commit(MANIFEST);

        store.deleteFile("a.md");
        store.commit(MANIFEST);

        assertThat(store.committedFiles()).containsOnlyKeys("b.md");
        assertThat(store.chunkIds()).containsExactly("b.md#0");
        assertThat(store.counts().documents()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheLastCommitReadableUntilDeleteAllIsCommitted() throws IOException {
        ChunkStore store = open();
        store.replaceFile(file("a.md", 1), List.of(chunk("a.md", 0, "alpha")));
        store.commit(MANIFEST);

        store.deleteAll();
        assertThat(store.committedFiles()).containsOnlyKeys("a.md");
        store.replaceFile(file("b.md", 1), List.of(chunk("b.md", 0, "beta")));
        store.commit(MANIFEST);

        assertThat(store.committedFiles()).containsOnlyKeys("b.md");
        assertThat(store.chunkIds()).containsExactly("b.md#0");
    }

    @Test
    void shouldForgetEverythingOnClear() throws IOException {
        ChunkStore store = open();
        store.replaceFile(file("a.md", 1), List.of(chunk("a.md", 0, "alpha")));
        store.commit(MANIFEST);

        store.clear();

        assertThat(store.manifest()).isEmpty();
        assertThat(store.counts()).isEqualTo(ChunkCounts.EMPTY);
        assertThat(store.committedFiles()).isEmpty();
    }

    @Test
    void shouldKeepTheManifestAndDataAcrossReopen() throws IOException {
        ChunkStore store = open();
        assertThat(store.manifest()).isEmpty();
        store.replaceFile(file("a.md", 1), List.of(chunk("a.md", 0, "alpha")));
        IndexManifest manifest = MANIFEST.withFolder("/q").withLastIndexedAt(Instant.parse("2026-01-02T03:04:05Z"));
        store.commit(manifest);

        ChunkStore again = reopen();

        assertThat(again.manifest()).hasValue(manifest);
        assertThat(again.counts().chunks()).isEqualTo(1);
        assertThat(again.committedFiles().get("a.md"))
                .isEqualTo(new FileRecord("a.md", "/p/a.md", "hash", 1, "doc", "markdown", Instant.EPOCH));
    }

    @Test
    void shouldCountChunksByTypeAndLanguage() throws IOException {
        ChunkStore store = open();
        store.replaceFile(file("a.md", 2), List.of(chunk("a.md", 0, "alpha"), chunk("a.md", 1, "beta")));
        store.replaceFile(new FileRecord("A.java", "/p/A.java", "h", 1, "code", "java", Instant.EPOCH),
                List.of(chunk("A.java", 0, "class A", "code", "java", new float[] {0, 1, 0, 0})));
        store.replaceFile(new FileRecord("ATest.java", "/p/ATest.java", "h", 1, "test", "java", Instant.EPOCH),
                List.of(chunk("ATest.java", 0, "class ATest", "test", "java", new float[] {0, 0, 1, 0})));
        store.commit(MANIFEST);

        assertThat(store.counts()).isEqualTo(new ChunkCounts(3, 4, 2, 2, 1,
                java.util.Map.of("markdown", 2, "java", 2)));
    }

    @Test
    void shouldReturnNearestChunksWithTheirCosineAndStoredFields() throws IOException {
        ChunkStore store = open();
        store.replaceFile(file("a.md", 2), List.of(
                new ChunkRecord("a.md#0", "a.md", "/p/a.md", "doc", "markdown", 0, "alpha text", "Intro", null, 3, 7,
                        unit(1, 0, 0, 0)),
                new ChunkRecord("a.md#1", "a.md", "/p/a.md", "doc", "markdown", 1, "beta text", null, "A.run", 8, 9,
                        unit(1, 1, 0, 0))));
        store.replaceFile(file("b.md", 1), List.of(chunk("b.md", 0, "far", "doc", "markdown", unit(0, 0, 0, 1))));
        store.commit(MANIFEST);

        List<Hit> hits = nearest(store, unit(1, 0, 0, 0), 2, ChunkFilter.NONE);

        assertThat(hits).extracting(h -> h.chunk().chunkId()).containsExactly("a.md#0", "a.md#1");
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-4));
        assertThat(hits.get(1).score()).isCloseTo(Math.sqrt(0.5), within(1e-4));
        assertThat(hits.get(0).chunk())
                .isEqualTo(new StoredChunk("a.md#0", "a.md", "/p/a.md", "doc", "markdown", 0, "alpha text", "Intro", null, 3, 7));
        assertThat(hits.get(1).chunk().symbol()).isEqualTo("A.run");
    }

    /**
     * Issue 18: copies of one file score exactly alike; the hits that make the cut of k and their order
     * must come from path and position, not from the order the store was written in (here the reverse).
     */
    @Test
    void shouldBreakEqualScoresByPathThenPositionAtTheCutAndInOrder() throws IOException {
        ChunkStore store = open();
        for (String path : List.of("d/copy.md", "c/copy.md", "b/copy.md", "a/copy.md")) {
            store.replaceFile(file(path, 2), List.of(chunk(path, 1, "tied words"), chunk(path, 0, "tied words")));
            store.commit(MANIFEST);
        }

        try (SearchView view = store.openView()) {
            assertThat(view.keywordMatches("tied words", 3, ChunkFilter.NONE)).extracting(ScoredChunk::chunkId)
                    .containsExactly("a/copy.md#0", "a/copy.md#1", "b/copy.md#0");
            assertThat(view.nearest(unit(1, 0, 0, 0), 3, ChunkFilter.NONE)).extracting(ScoredChunk::chunkId)
                    .containsExactly("a/copy.md#0", "a/copy.md#1", "b/copy.md#0");
        }
    }

    @Test
    void shouldReadStoredFieldsOnlyForHitsTheViewReturned() throws IOException {
        ChunkStore store = open();
        store.replaceFile(file("a.md", 2), List.of(chunk("a.md", 0, "alpha"), chunk("a.md", 1, "beta")));
        store.commit(MANIFEST);

        try (SearchView view = store.openView()) {
            assertThat(view.manifest()).hasValue(MANIFEST);
            List<ScoredChunk> hits = view.keywordMatches("alpha", 5, ChunkFilter.NONE);

            assertThat(hits).extracting(ScoredChunk::chunkId).containsExactly("a.md#0");
            assertThat(view.chunks(List.of("a.md#0", "a.md#1", "nowhere#0"))).containsOnlyKeys("a.md#0");
            assertThat(view.chunks(List.of("a.md#0")).get("a.md#0").text()).isEqualTo("alpha");
        }
    }

    @Test
    void shouldFilterWhileSearchingSoKHitsComeBackWheneverThatManyMatch() throws IOException {
        ChunkStore store = open();
        List<ChunkRecord> docs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            docs.add(chunk("docs/guide.md", i, "retry policy part " + i, "doc", "markdown", unit(1, 0.01f * i, 0, 0)));
        }
        store.replaceFile(new FileRecord("docs/guide.md", "/p/docs/guide.md", "h", 20, "doc", "markdown", Instant.EPOCH), docs);
        store.replaceFile(new FileRecord("src/Retry.java", "/p/src/Retry.java", "h", 2, "code", "java", Instant.EPOCH),
                List.of(chunk("src/Retry.java", 0, "retry policy code", "code", "java", unit(0, 0, 1, 0)),
                        chunk("src/Retry.java", 1, "retry policy more", "code", "java", unit(0, 0, 1, 1))));
        store.commit(MANIFEST);

        ChunkFilter code = new ChunkFilter(List.of("code"), List.of(), List.of());
        ChunkFilter java = new ChunkFilter(List.of(), List.of("java"), List.of());
        ChunkFilter srcGlob = new ChunkFilter(List.of(), List.of(), List.of(Glob.of("src/**").regex()));

        for (ChunkFilter filter : List.of(code, java, srcGlob)) {
            assertThat(nearest(store, unit(1, 0, 0, 0), 2, filter)).extracting(h -> h.chunk().path())
                    .containsExactly("src/Retry.java", "src/Retry.java");
            assertThat(keywordMatches(store, "retry policy", 2, filter)).extracting(h -> h.chunk().path())
                    .containsExactly("src/Retry.java", "src/Retry.java");
        }
        for (ChunkFilter filter : List.of(ChunkFilter.NONE, code, srcGlob)) {
            assertThat(nearest(store, unit(1, 0, 0, 0), 50, filter)).as("chunks only, never file records")
                    .allSatisfy(hit -> assertThat(hit.chunk().chunkId()).isNotNull())
                    .hasSize(filter == ChunkFilter.NONE ? 22 : 2);
        }
        ChunkFilter none = new ChunkFilter(List.of("test"), List.of(), List.of());
        assertThat(nearest(store, unit(1, 0, 0, 0), 2, none)).isEmpty();
        assertThat(keywordMatches(store, "retry", 2, none)).isEmpty();
    }

    @Test
    void shouldScoreKeywordsOverTextHeadingSymbolAndFileName() throws IOException {
        ChunkStore store = open();
        store.replaceFile(new FileRecord("src/FileWalker.java", "/p/src/FileWalker.java", "h", 1, "code", "java", Instant.EPOCH),
                List.of(new ChunkRecord("w#0", "src/FileWalker.java", "/p/src/FileWalker.java", "code", "java", 0,
                        "walks folders", null, "FileWalker.walk", 1, 2, unit(1, 0, 0, 0))));
        store.replaceFile(file("README.md", 1), List.of(new ChunkRecord("r#0", "README.md", "/p/README.md", "doc",
                "markdown", 0, "run the jar", "Install", null, 1, 2, unit(0, 1, 0, 0))));
        store.commit(MANIFEST);

        assertThat(keywordMatches(store, "FileWalker", 5, ChunkFilter.NONE)).extracting(h -> h.chunk().chunkId())
                .containsExactly("w#0");
        assertThat(keywordMatches(store, "installing", 5, ChunkFilter.NONE)).extracting(h -> h.chunk().chunkId())
                .as("English stemming").containsExactly("r#0");
        assertThat(keywordMatches(store, "AND ( \"jar -x", 5, ChunkFilter.NONE)).extracting(h -> h.chunk().chunkId())
                .as("free text, never query syntax").containsExactly("r#0");
        assertThat(keywordMatches(store, "the of and", 5, ChunkFilter.NONE)).as("only stop words").isEmpty();
        assertThat(keywordMatches(store, "jar", 5, ChunkFilter.NONE).get(0).score()).isPositive();
    }

    @Test
    void shouldMatchIdentifiersByTheirWordsAndWhole() throws IOException {
        ChunkStore store = open();
        store.replaceFile(file("conf.yaml", 1), List.of(chunk("conf.yaml", 0, "max_concurrent_indexing: 4")));
        store.replaceFile(file("Config.java", 1), List.of(chunk("Config.java", 0, "int maxConcurrentIndexing = 4;")));
        store.replaceFile(file("Store.java", 1), List.of(chunk("Store.java", 0, "calls ChunkStore.commit() twice")));
        store.replaceFile(file("other.md", 1), List.of(chunk("other.md", 0, "indexing runs one at a time")));
        store.commit(MANIFEST);

        for (String query : List.of("max concurrent indexing", "maxConcurrentIndexing", "max_concurrent_indexing",
                "max-concurrent-indexing")) {
            assertThat(keywordMatches(store, query, 2, ChunkFilter.NONE)).as(query)
                    .extracting(h -> h.chunk().path()).containsExactlyInAnyOrder("conf.yaml", "Config.java");
        }
        assertThat(keywordMatches(store, "chunk store commit", 1, ChunkFilter.NONE)).extracting(h -> h.chunk().path())
                .as("a dotted name by its words").containsExactly("Store.java");
        assertThat(keywordMatches(store, "ChunkStore.commit", 1, ChunkFilter.NONE)).extracting(h -> h.chunk().path())
                .as("a dotted name whole").containsExactly("Store.java");
        assertThat(keywordMatches(store, "indexes", 5, ChunkFilter.NONE)).extracting(h -> h.chunk().path())
                .as("prose keeps English stemming").contains("other.md");
    }

    @Test
    void shouldFindAChunkByItsPathAndSymbolAlone() throws IOException {
        ChunkStore store = open();
        store.replaceFile(file("docs/server_configuration.rst", 1), List.of(chunk("docs/server_configuration.rst", 0,
                "threads: 8")));
        store.replaceFile(file("src/Other.java", 1), List.of(new ChunkRecord("o#0", "src/Other.java", "/p/src/Other.java",
                "code", "java", 0, "return x;", null, "ReplicationFlowControl.acquirePermit", 1, 1, unit(1, 0, 0, 0))));
        store.commit(MANIFEST);

        assertThat(keywordMatches(store, "server configuration", 5, ChunkFilter.NONE)).extracting(h -> h.chunk().path())
                .containsExactly("docs/server_configuration.rst");
        assertThat(keywordMatches(store, "docs", 5, ChunkFilter.NONE)).extracting(h -> h.chunk().path())
                .as("a folder of the path").containsExactly("docs/server_configuration.rst");
        assertThat(keywordMatches(store, "replication flow control permit", 5, ChunkFilter.NONE))
                .extracting(h -> h.chunk().path()).containsExactly("src/Other.java");
    }

    @Test
    void shouldAnswerEmptyBeforeAnythingIsIndexed() throws IOException {
        ChunkStore store = open();

        assertThat(store.manifest()).isEmpty();
        assertThat(store.counts()).isEqualTo(ChunkCounts.EMPTY);
        assertThat(nearest(store, unit(1, 0, 0, 0), 5, ChunkFilter.NONE)).isEmpty();
        assertThat(keywordMatches(store, "anything", 5, ChunkFilter.NONE)).isEmpty();
        assertThat(store.chunkIds()).isEmpty();
    }

    /** A hit with its stored fields, as a query reads it through a {@link SearchView}. */
    record Hit(StoredChunk chunk, double score) {
    }

    static List<Hit> nearest(ChunkStore store, float[] vector, int k, ChunkFilter filter) throws IOException {
        try (SearchView view = store.openView()) {
            return withChunks(view, view.nearest(vector, k, filter));
        }
    }

    static List<Hit> keywordMatches(ChunkStore store, String query, int k, ChunkFilter filter) throws IOException {
        try (SearchView view = store.openView()) {
            return withChunks(view, view.keywordMatches(query, k, filter));
        }
    }

    private static List<Hit> withChunks(SearchView view, List<ScoredChunk> hits) throws IOException {
        Map<String, StoredChunk> chunks = view.chunks(hits.stream().map(ScoredChunk::chunkId).toList());
        assertThat(chunks).as("stored fields of every hit").hasSize(hits.size());
        return hits.stream().map(h -> new Hit(chunks.get(h.chunkId()), h.score())).toList();
    }

    static FileRecord file(String path, int chunks) {
        return new FileRecord(path, "/p/" + path, "hash", chunks, "doc", "markdown", Instant.EPOCH);
    }

    static ChunkRecord chunk(String path, int ordinal, String text) {
        return chunk(path, ordinal, text, "doc", "markdown", unit(1, 0, 0, 0));
    }

    static ChunkRecord chunk(String path, int ordinal, String text, String type, String language, float[] vector) {
        return new ChunkRecord(path + "#" + ordinal, path, "/p/" + path, type, language, ordinal, text, null, null, 1, 1,
                vector);
    }

    static float[] unit(float... v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(norm));
        }
        return out;
    }
}
